"""CorrectionsFunction: `POST /services/{id}/corrections`, a correction anyone may suggest without an account.

The suggestion joins the officers' change-request queue (origin "public"); officers decide it and providers
of the organisation read it through the change-request routes. Rate limited per client (429).
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Body, Path
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.handlers.http import json_response, make_resolver, returns
from local_offer.models.corrections import CorrectionReceipt, CorrectionSubmission
from local_offer.observability import logger, metrics, tracer

# A message is at most 2,000 characters (up to 8 KB as UTF-8) plus a field name and an address.
MAX_BODY_BYTES = 16 * 1024
# The use case (change-request rules, ORUK validation, three repositories) loads with the first request the
# guard and validation let through, not at init; SnapStart's hook imports it into the snapshot.
USE_CASES = ("local_offer.services.corrections",)
app = make_resolver(MAX_BODY_BYTES, warm_modules=USE_CASES)


@app.post(
    "/services/<id>/corrections",
    summary="Suggest a correction to a service (no account needed)",
    description=(
        "Tell the Family Information Service that something about a listed service looks wrong or out of "
        "date: `message` in your own words, optionally the ORUK `field` it is about and a `contact_email` "
        "for a reply (kept only until the suggestion is decided, never shown publicly). Answers 202 with a "
        "`reference`. A service that is not publicly listed (unknown, inactive or withdrawn) is 404. "
        "Rate limited per client: 429 with `Retry-After` (seconds)."
    ),
    responses={
        **returns(CorrectionReceipt, 202, "Accepted"),
        400: {"description": "Invalid request: `errors` names each wrong field (e.g. an unknown ORUK `field`)"},
        404: {"description": "No publicly listed service with this id"},
        429: {"description": "Too many suggestions from this client; `Retry-After` says when to try again"},
    },
)
@tracer.capture_method
def suggest_correction(
    id: Annotated[UUID, Path(description="Service id (UUID)")],
    submission: Annotated[CorrectionSubmission, Body()],
):
    from local_offer.services import corrections

    client = app.current_event.request_context.identity.source_ip or "unknown"
    receipt = corrections.submit_correction(id, submission, client)
    return json_response(receipt, status=202)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
