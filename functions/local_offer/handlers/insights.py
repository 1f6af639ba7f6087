"""InsightsFunction: search insights and "you said, we did".

Officers (Cognito group `officers`): `GET /insights/searches`, `GET /you-said-we-did/evidence`,
`POST /you-said-we-did`, `PUT /you-said-we-did/{id}`, `POST /you-said-we-did/{id}/publish`.
Providers: `GET /me/keyword-advice`. Public: `GET /you-said-we-did` (published entries only).
The request guard checks the caller before the body or parameters are read (a provider's bad body is a 403).
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

import datetime as dt
from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field

from local_offer.handlers.http import (
    ERROR_RESPONSES,
    json_response,
    make_resolver,
    refuse_repeated,
    returns,
    signed_in,
)
from local_offer.handlers.identity import AUTH_RESPONSES, require_officer, require_principal
from local_offer.models.identity import OFFICERS, PROVIDERS
from local_offer.models.insights import (
    Entry,
    EntryContent,
    EntryEdit,
    EntryPage,
    Evidence,
    KeywordAdvice,
    SearchInsights,
)
from local_offer.observability import logger, metrics, tracer

# An entry is a few KB of text and up to ten links.
MAX_BODY_BYTES = 32 * 1024
# The routes import their use cases on first use; SnapStart's hook imports them into the snapshot.
USE_CASES = ("local_offer.services.insights", "local_offer.services.you_said_we_did")
app = make_resolver(MAX_BODY_BYTES, warm_modules=USE_CASES)
OFFICERS_ONLY = signed_in(OFFICERS)
PROVIDERS_ONLY = signed_in(PROVIDERS)
RESPONSES: dict[int, OpenAPIResponse] = {**ERROR_RESPONSES, **AUTH_RESPONSES}
ENTRY_RESPONSES: dict[int, OpenAPIResponse] = {
    **RESPONSES,
    409: {"description": "The entry changed meanwhile, or is already published"},
    413: {"description": "Request body larger than 32 KB"},
}
EntryId = Annotated[UUID, Path(description="Entry id (UUID)")]


class DateRangeQuery(BaseModel):
    """The day range `/insights/searches` and `/you-said-we-did/evidence` both take, validated by powertools;
    the services' `date_range` fills the defaults and refuses an inverted, over-long or future range."""

    model_config = ConfigDict(frozen=True)

    from_: dt.date | None = Field(
        None, alias="from", description="First day (YYYY-MM-DD, UTC); default 29 days before `to`"
    )
    to: dt.date | None = Field(None, description="Last day (YYYY-MM-DD, UTC), not in the future; default today")


def _date_range(query: DateRangeQuery) -> tuple[dt.date | None, dt.date | None]:
    """The query's first and last day, each given at most once."""
    refuse_repeated(app, DateRangeQuery)
    return query.from_, query.to


@app.get(
    "/insights/searches",
    summary="Top and zero-result search terms (officers)",
    description=(
        "Directory and FAQ searches counted by day under their normalised term (lowercased; postcodes, e-mail "
        "addresses and long numbers replaced by placeholders; no address or user kept). Terms seen fewer than "
        "`min_count` (3) times in the range are left out. The range is at most 366 days."
    ),
    security=OFFICERS_ONLY,
    responses={**returns(SearchInsights), **RESPONSES},
)
@tracer.capture_method
def search_insights(query: Annotated[DateRangeQuery, Query()]):
    require_officer(app.current_event)
    from local_offer.services.insights import search_report

    return json_response(search_report(*_date_range(query)))


@app.get(
    "/me/keyword-advice",
    summary="Search terms your services could be found by (providers)",
    description=(
        "For each public service of the caller's organisations: the directory search terms of the last 30 days, "
        "seen at least 3 times, whose top 10 results held services of the service's categories but never it. "
        "Adding them to the service's description can help families find it."
    ),
    security=PROVIDERS_ONLY,
    responses={**returns(KeywordAdvice), **RESPONSES},
)
@tracer.capture_method
def get_keyword_advice():
    principal = require_principal(app.current_event)
    from local_offer.services.insights import keyword_advice

    return json_response(keyword_advice(principal.subject))


@app.get(
    "/you-said-we-did",
    summary='Published "you said, we did" entries',
    description="Newest first (by the date it was done); drafts are never listed.",
    responses={**returns(EntryPage), **ERROR_RESPONSES},
)
@tracer.capture_method
def list_entries(
    per_page: Annotated[int, Query(ge=1, le=50, description="Entries per page, 1-50")] = 20,
    cursor: Annotated[str | None, Query(max_length=2048, description="`next_cursor` of the previous page")] = None,
):
    from local_offer.services.you_said_we_did import list_published

    return json_response(list_published(per_page, cursor))


@app.get(
    "/you-said-we-did/evidence",
    summary="Counts an entry may cite (officers)",
    description=(
        "For the range: FAQ votes, corrections suggested by the public and frequent zero-result search terms. "
        "An entry cites them by giving the range as `evidence`; the server reads the counts when it is saved."
    ),
    security=OFFICERS_ONLY,
    responses={**returns(Evidence), **RESPONSES},
)
@tracer.capture_method
def get_evidence(query: Annotated[DateRangeQuery, Query()]):
    require_officer(app.current_event)
    from local_offer.services.you_said_we_did import evidence

    return json_response(evidence(*_date_range(query)))


@app.post(
    "/you-said-we-did",
    summary='Draft a "you said, we did" entry (officers)',
    security=OFFICERS_ONLY,
    responses={**returns(Entry, status=201, description="Created"), **ENTRY_RESPONSES},
)
@tracer.capture_method
def create_entry(content: Annotated[EntryContent, Body()]):
    officer = require_officer(app.current_event)
    from local_offer.services.you_said_we_did import create_entry

    return json_response(create_entry(content, officer), status=201)


@app.put(
    "/you-said-we-did/<id>",
    summary='Edit a "you said, we did" entry (officers)',
    security=OFFICERS_ONLY,
    responses={**returns(Entry), **ENTRY_RESPONSES},
)
@tracer.capture_method
def edit_entry(id: EntryId, edit: Annotated[EntryEdit, Body()]):
    officer = require_officer(app.current_event)
    from local_offer.services.you_said_we_did import edit_entry

    return json_response(edit_entry(id, edit, officer))


@app.post(
    "/you-said-we-did/<id>/publish",
    summary='Publish a "you said, we did" entry (officers)',
    security=OFFICERS_ONLY,
    responses={**returns(Entry), **ENTRY_RESPONSES},
)
@tracer.capture_method
def publish_entry(id: EntryId):
    officer = require_officer(app.current_event)
    from local_offer.services.you_said_we_did import publish_entry

    return json_response(publish_entry(id, officer))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
