"""ShortlistFunction: shareable shortlists of services, no sign-in.

`POST /shortlists` (rate limited per client), `GET /shortlists/{id}` (each service as it is now),
`GET /shortlists/{id}/print` (an accessible HTML page to print for a family).
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.handlers.http import base_url, json_response, make_resolver, returns
from local_offer.models.shortlists import MAX_NOTE_LENGTH, Shortlist, ShortlistCreated, ShortlistSubmission
from local_offer.observability import logger, metrics, tracer
from local_offer.services import shortlists

# 30 ids (~40 bytes each as JSON) and a note of up to 1,000 characters (4 KB as UTF-8) fit well within 16 KB.
MAX_BODY_BYTES = 16 * 1024
app = make_resolver(MAX_BODY_BYTES)
READ_ERRORS: dict[int, OpenAPIResponse] = {
    400: {"description": "The id is longer than any shortlist id"},
    404: {"description": "No shortlist with this id, or it has expired"},
}
ShortlistId = Annotated[str, Path(max_length=64, description="The shortlist id from `POST /shortlists`")]


@app.post(
    "/shortlists",
    summary="Share a shortlist of services (no account needed)",
    description=(
        "`service_ids`: 1-30 different ids of services listed in the directory (an unknown or unlisted id "
        f"is a 400 naming it); `note`: optional, up to {MAX_NOTE_LENGTH} characters. Answers 201 with an "
        "unguessable `id`, the `url` to read it and a `print_url`; the list expires after 180 days. Rate "
        "limited per client: 429 with `Retry-After` (seconds)."
    ),
    responses={
        **returns(ShortlistCreated, 201, "Created"),
        400: {"description": "Invalid request: `errors` names each wrong field and the ids that cannot be listed"},
        429: {"description": "Too many shortlists from this client; `Retry-After` says when to try again"},
    },
)
@tracer.capture_method
def create_shortlist(submission: Annotated[ShortlistSubmission, Body()]):
    client = app.current_event.request_context.identity.source_ip or "unknown"
    created = shortlists.create_shortlist(submission, client, base_url(app))
    return json_response(created, status=201, headers={"Location": created.url})


@app.get(
    "/shortlists/<id>",
    summary="A shared shortlist, each service as it is now",
    description=(
        "The note and each service's current name, organisation, contact and website, in the order chosen. "
        "A service no longer listed is kept in its place with `withdrawn: true`. Unknown or expired: 404."
    ),
    responses={
        **returns(Shortlist),
        **READ_ERRORS,
    },
)
@tracer.capture_method
def get_shortlist(id: ShortlistId):
    return json_response(shortlists.read_shortlist(id))


@app.get(
    "/shortlists/<id>/print",
    summary="A shared shortlist as a printable page",
    description="An accessible HTML page (English, headings, one table, print styles) to print for a family.",
    responses={
        200: {"description": "The page", "content": {"text/html": {"schema": {"type": "string"}}}},
        **READ_ERRORS,
    },
)
@tracer.capture_method
def print_shortlist(id: ShortlistId):
    from local_offer.domain.shortlist_print import PAGE_HEADERS

    page = shortlists.print_page(id)
    return Response(status_code=200, content_type="text/html; charset=utf-8", body=page, headers=dict(PAGE_HEADERS))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
