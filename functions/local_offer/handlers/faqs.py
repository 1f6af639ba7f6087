"""FaqFunction: the Local Offer FAQ.

Public: `GET /faqs` (search with calibrated confidence), `GET /faqs/topics`, `GET /faqs/{id}`,
`POST /faqs/{id}/feedback`. Officers (Cognito group `officers`): `POST /faqs`, `PUT /faqs/{id}`,
`DELETE /faqs/{id}` (retire), `GET /faqs/{id}/versions`, `POST /faqs/{id}/versions/{version}/restore`.
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import ConfigDict, Field

from local_offer.domain.faqs import MAX_SEARCH_LENGTH, FaqSearch
from local_offer.handlers.http import ERROR_RESPONSES, json_response, make_resolver, returns, signed_in
from local_offer.handlers.identity import require_officer
from local_offer.models.faqs import (
    FaqContent,
    FaqItem,
    FaqSearchPage,
    FaqTopics,
    FaqVersions,
    FeedbackCounts,
    FeedbackRequest,
    PublicFaq,
)
from local_offer.models.identity import OFFICERS
from local_offer.observability import logger, metrics, tracer
from local_offer.services import faqs

# An FAQ item is a few KB; nothing larger is read (feedback is public, so this also bounds its cost).
MAX_BODY_BYTES = 32 * 1024
app = make_resolver(MAX_BODY_BYTES)
OFFICERS_ONLY = signed_in(OFFICERS)

OFFICER_RESPONSES: dict[int, OpenAPIResponse] = {
    **ERROR_RESPONSES,
    401: {"description": "Not signed in"},
    403: {"description": "Not an officer"},
    409: {"description": "The item changed meanwhile (or the change does not apply to its state)"},
    413: {"description": "Request body larger than 32 KB"},
}
FaqId = Annotated[UUID, Path(description="FAQ item id (UUID)")]


class FaqEdit(FaqContent):
    """`PUT /faqs/{id}`: the new content and the version it was based on."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The version this edit was made from (409 when it is no longer current)")


@app.get(
    "/faqs",
    summary="Search the FAQ",
    description=(
        "Published FAQ items matching the question (over question, alternate phrasings and answer, with the "
        "SEND glossary), best first, each with a calibrated `confidence`. When the best is under `threshold`, "
        "`confident` is false and the page adds `message`, up to three `did_you_mean` and `contacts`; when the "
        'question asks what a SEND glossary term is ("what is the local offer", "whats a senco"), also '
        "`definition`, the glossary's definition of the term. "
        "Without `search`: every published item (of the topic/audience), by topic."
    ),
    responses={**returns(FaqSearchPage), **ERROR_RESPONSES},
)
@tracer.capture_method
def search_faqs(
    search: Annotated[str | None, Query(description=f"The question, 2-{MAX_SEARCH_LENGTH} characters")] = None,
    topic: Annotated[str | None, Query(max_length=60, description="Topic name or slug (see /faqs/topics)")] = None,
    audience: Annotated[str | None, Query(max_length=20, description="parents, practitioners or providers")] = None,
    page: Annotated[int, Query(ge=1, le=1000, description="Page number, from 1")] = 1,
    per_page: Annotated[int, Query(ge=1, le=50, description="Results per page, 1-50")] = 10,
):
    params = FaqSearch.from_params(search, topic, audience, page, per_page)
    return json_response(faqs.search_faqs(params))


@app.get("/faqs/topics", summary="FAQ topics", responses={**returns(FaqTopics), **ERROR_RESPONSES})
def list_topics():
    return json_response(faqs.list_topics())


@app.get("/faqs/<id>", summary="One FAQ item", responses={**returns(PublicFaq), **ERROR_RESPONSES})
def get_faq(id: FaqId):
    return json_response(faqs.get_faq(id))


@app.post(
    "/faqs/<id>/feedback",
    summary="Was this answer helpful?",
    description="Counts a vote; the optional comment is checked but not kept. Rate limited per client (429).",
    responses={
        **returns(FeedbackCounts),
        **ERROR_RESPONSES,
        413: {"description": "Request body larger than 32 KB"},
        429: {"description": "Too much feedback from this client"},
    },
)
def post_feedback(id: FaqId, feedback: Annotated[FeedbackRequest, Body()]):
    client = app.current_event.request_context.identity.source_ip or "unknown"
    return json_response(faqs.record_feedback(id, feedback, client))


# ---- officers -------------------------------------------------------------------------------------------


@app.post(
    "/faqs",
    summary="Create an FAQ item (officers)",
    security=OFFICERS_ONLY,
    responses={
        **returns(FaqItem, 201, "Created"),
        **OFFICER_RESPONSES,
    },
)
def create_faq(content: Annotated[FaqContent, Body()]):
    officer = require_officer(app.current_event)
    return json_response(faqs.create_faq(content, officer), status=201)


@app.put(
    "/faqs/<id>",
    summary="Edit an FAQ item (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(FaqItem), **OFFICER_RESPONSES},
)
def edit_faq(id: FaqId, edit: Annotated[FaqEdit, Body()]):
    officer = require_officer(app.current_event)
    content = FaqContent.model_validate(edit.model_dump(exclude={"version"}))
    return json_response(faqs.edit_faq(id, content, edit.version, officer))


@app.delete(
    "/faqs/<id>",
    summary="Retire an FAQ item (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(FaqItem), **OFFICER_RESPONSES},
)
def retire_faq(id: FaqId):
    officer = require_officer(app.current_event)
    return json_response(faqs.retire_faq(id, officer))


@app.get(
    "/faqs/<id>/versions",
    summary="Every version of an FAQ item (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(FaqVersions), **OFFICER_RESPONSES},
)
def list_versions(id: FaqId):
    require_officer(app.current_event)
    return json_response(faqs.list_versions(id))


@app.post(
    "/faqs/<id>/versions/<version>/restore",
    summary="Make an earlier version current again (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(FaqItem), **OFFICER_RESPONSES},
)
def restore_version(id: FaqId, version: Annotated[int, Path(ge=1, description="Version number")]):
    officer = require_officer(app.current_event)
    return json_response(faqs.restore_version(id, version, officer))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
