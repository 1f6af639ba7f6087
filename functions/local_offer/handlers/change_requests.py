"""ChangeRequestsFunction: providers propose changes to directory records, officers decide field by field.

Providers: `POST /change-requests` (Idempotency-Key), `GET /change-requests` (their own),
`GET /change-requests/{id}`, `POST /change-requests/{id}/withdraw`, `POST /services/{id}/verify`.
Officers: `GET /change-requests` (the queue), `GET /change-requests/{id}` (with the diff),
`POST /change-requests/{id}/decision`, `GET /services/{id}/history`, `GET /services/stale`.
Every route needs a signed-in caller (API Gateway's Cognito authorizer passes the claims).
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Body, Header, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.handlers.http import json_response, make_resolver, returns, signed_in
from local_offer.handlers.identity import require_officer, require_provider_or_officer
from local_offer.models.change_requests import (
    ChangeRequestList,
    ChangeRequestSubmission,
    ChangeRequestView,
    DecisionSubmission,
    HistoryList,
    Origin,
    RequestStatus,
    StaleRecordList,
    SubmittedChangeRequest,
    VerifiedRecord,
)
from local_offer.models.identity import OFFICERS, PROVIDERS
from local_offer.observability import logger, metrics, tracer

MAX_BODY_BYTES = 64 * 1024
# The use cases (change-request rules, ORUK validation, the repositories) load with the first request the guard
# and validation let through, not at init; SnapStart's hook imports them into the snapshot.
USE_CASES = ("local_offer.services.change_requests", "local_offer.services.verification")
app = make_resolver(MAX_BODY_BYTES, warm_modules=USE_CASES)
# Every route needs a signed-in provider or officer; deciding and the stale list need an officer.
MEMBERS = signed_in(PROVIDERS, OFFICERS)
OFFICERS_ONLY = signed_in(OFFICERS)

RESPONSES: dict[int, OpenAPIResponse] = {
    400: {"description": "Invalid request: `errors` names each wrong field and why"},
    401: {"description": "No valid bearer token"},
    403: {"description": "The caller may not act on this organisation's records"},
    404: {"description": "Not found"},
    409: {"description": "Conflicts with the current state (already decided, record changed meanwhile)"},
    413: {"description": "Request body larger than 64 KB"},
}

RequestId = Annotated[UUID, Path(description="Change request id (UUID)")]
ServiceId = Annotated[UUID, Path(description="Service id (UUID)")]


@app.post(
    "/change-requests",
    summary="Propose a change to the directory",
    security=MEMBERS,
    description=(
        "`kind` update (an existing service: only the proposed fields, ORUK shape), create (a new service "
        "of one of your organisations) or remove. Send a unique `Idempotency-Key` header: a retry with the "
        "same key returns the same request and never creates a second one. Answers 202 with the stored "
        "request and `links.self` to follow it."
    ),
    responses={
        **returns(SubmittedChangeRequest, status=202, description="Accepted"),
        **RESPONSES,
    },
)
@tracer.capture_method
def submit_change_request(
    body: Annotated[ChangeRequestSubmission, Body()],
    idempotency_key: Annotated[
        str | None,
        Header(description="Required: a unique value per change request; a retry sends the same value"),
    ] = None,
):
    from local_offer.services import change_requests as use_cases

    principal = require_provider_or_officer(app.current_event)
    stored = use_cases.submit(principal, body, idempotency_key, app.lambda_context)
    return json_response(stored, status=202, headers={"Location": stored.links["self"]})


@app.get(
    "/change-requests",
    summary="Change requests: the officers' queue, or a provider's own",
    security=MEMBERS,
    description=(
        "Officers see every organisation's requests, oldest first (default status `submitted`); providers "
        "see only the requests they submitted (default: every status), oldest first. `origin=public` lists "
        "the corrections the public suggested (for a provider: about their organisation's services; name "
        "`organization_id` when linked to several). `limit` requests a "
        "page; pass the page's `next_cursor` as `cursor` (with the same filters) for the next one. The last "
        "page has no `next_cursor`."
    ),
    responses={**returns(ChangeRequestList), **RESPONSES},
)
@tracer.capture_method
def list_change_requests(
    status: Annotated[RequestStatus | None, Query(description="Only requests in this status")] = None,
    organization_id: Annotated[UUID | None, Query(description="Only this organisation's requests")] = None,
    older_than_days: Annotated[
        int | None, Query(ge=0, le=3650, description="Only requests submitted more than this many days ago")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many on the page (oldest first)")] = 100,
    cursor: Annotated[
        str | None, Query(max_length=2048, description="`next_cursor` of the previous page (opaque)")
    ] = None,
    origin: Annotated[
        Origin | None, Query(description="`public`: suggestions sent without an account; `provider`: the others")
    ] = None,
):
    from local_offer.services import change_requests as use_cases

    principal = require_provider_or_officer(app.current_event)
    return json_response(
        use_cases.list_requests(
            principal, status, organization_id, older_than_days, limit, cursor=cursor, origin=origin
        )
    )


@app.get(
    "/change-requests/<id>",
    summary="One change request with a field-by-field diff against the current record",
    security=MEMBERS,
    description=(
        "`diff` lists each proposed field's current, proposed and at-submission value; `conflicts` names "
        "fields changed since submission (by `conflicting_requests`). After a decision, `outcomes` gives each "
        "field's outcome and the officer's reason."
    ),
    responses={**returns(ChangeRequestView), **RESPONSES},
)
@tracer.capture_method
def get_change_request(id: RequestId):
    from local_offer.services import change_requests as use_cases

    principal = require_provider_or_officer(app.current_event)
    return json_response(use_cases.get_request(principal, id))


@app.post(
    "/change-requests/<id>/withdraw",
    summary="Withdraw a submitted change request",
    security=MEMBERS,
    responses={**returns(ChangeRequestView), **RESPONSES},
)
@tracer.capture_method
def withdraw_change_request(id: RequestId):
    from local_offer.services import change_requests as use_cases

    principal = require_provider_or_officer(app.current_event)
    return json_response(use_cases.withdraw(principal, id))


@app.post(
    "/change-requests/<id>/decision",
    summary="Decide a change request field by field (officers)",
    security=OFFICERS_ONLY,
    description=(
        "`fields`: for every proposed field `accept`, `reject` (with `reason`) or `amend` (with `value`); or "
        "the shortcut `decision` approve / reject (with `reason`). The result is validated as a whole "
        "service and written only if the record is still at the version read (else 409, nothing applied)."
    ),
    responses={**returns(ChangeRequestView), **RESPONSES},
)
@tracer.capture_method
def decide_change_request(id: RequestId, body: Annotated[DecisionSubmission, Body()]):
    from local_offer.services import change_requests as use_cases

    principal = require_officer(app.current_event)
    return json_response(use_cases.decide(principal, id, body))


@app.post(
    "/services/<id>/verify",
    summary="Confirm a record is still correct",
    security=MEMBERS,
    description="Sets `local_offer.last_verified` to now; `last_modified` is unchanged.",
    responses={**returns(VerifiedRecord), **RESPONSES},
)
@tracer.capture_method
def verify_service(id: ServiceId):
    from local_offer.services import verification

    principal = require_provider_or_officer(app.current_event)
    return json_response(verification.verify(principal, id))


@app.get(
    "/services/<id>/history",
    summary="Every change applied to a record",
    security=MEMBERS,
    responses={**returns(HistoryList), **RESPONSES},
)
@tracer.capture_method
def service_history(id: ServiceId):
    from local_offer.services import change_requests as use_cases

    principal = require_provider_or_officer(app.current_event)
    return json_response(use_cases.history(principal, id))


@app.get(
    "/services/stale",
    summary="Public records not verified or changed within a period (officers)",
    security=OFFICERS_ONLY,
    description=(
        "The longest unconfirmed first (never confirmed before all), `limit` at a time (`size` on this "
        "page). Pass the page's `next_cursor` as `cursor` for the next page (with the same `months`); the "
        "last page has no `next_cursor`."
    ),
    responses={**returns(StaleRecordList), **RESPONSES},
)
@tracer.capture_method
def stale_services(
    months: Annotated[int, Query(ge=1, le=120, description="Period in months")] = 12,
    limit: Annotated[int, Query(ge=1, le=500, description="At most this many records on the page")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=2048, description="`next_cursor` of the previous page (opaque)")
    ] = None,
):
    from local_offer.services import verification

    require_officer(app.current_event)
    return json_response(verification.stale_records(months, limit=limit, cursor=cursor))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
