"""Change-request use cases: submit (idempotent), list, read with a diff, withdraw, decide, history. Each
checks who may act, calls the pure rules in `domain.change_requests`, stores through the repositories,
publishes an event, and returns the model its route documents.

Each use case takes the stores it reaches (typed by the Protocols in `services.ports`; the real repositories
when None), so a test can drive it with in-memory fakes.

Logs name ids, kinds, statuses and field names only, never proposed values (they may hold contact details).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from uuid import UUID

from local_offer.domain import change_requests as rules
from local_offer.domain import suggestions
from local_offer.models.change_requests import (
    OPEN_STATUSES,
    Actor,
    ChangeRequest,
    ChangeRequestEvent,
    ChangeRequestList,
    ChangeRequestSubmission,
    ChangeRequestView,
    DecisionSubmission,
    FieldOutcomeSummary,
    HistoryList,
    Origin,
    RequestStatus,
    SubmittedChangeRequest,
)
from local_offer.models.errors import Conflict, Forbidden, InvalidRequest, NotFound
from local_offer.models.identity import Principal
from local_offer.observability import logger
from local_offer.repositories.change_requests import ChangeRequestRepository
from local_offer.repositories.events import EventPublisher
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.services.access import can_act_on_organization, organization_ids_of, require_organization_access
from local_offer.services.ports import ChangeRequestStore, EventSink, MembershipStore, RecordStore

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer

SUBMITTED = "ChangeRequestSubmitted"
WITHDRAWN = "ChangeRequestWithdrawn"
DECIDED = "ChangeRequestDecided"
IDEMPOTENCY_TTL_SECONDS = 24 * 3600
MAX_IDEMPOTENCY_KEY_LENGTH = 200


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actor(principal: Principal) -> Actor:
    return Actor(subject=principal.subject, email=principal.email)


def request_path(request_id: UUID | str) -> str:
    return f"/change-requests/{request_id}"


def event_detail(request: ChangeRequest) -> ChangeRequestEvent:
    """What subscribers learn: ids, kind, status and field names (values stay in the table)."""
    decided = bool(request.outcomes)
    return ChangeRequestEvent(
        change_request_id=request.id,
        kind=request.kind,
        origin=request.origin or "provider",
        status=request.status,
        service_id=request.service_id,
        organization_id=request.organization_id,
        fields=list(request.fields),
        submitted_by=request.submitted_by.subject,
        submitted_at=request.submitted_at,
        outcomes=[FieldOutcomeSummary(field=o.field, outcome=o.outcome) for o in request.outcomes] if decided else None,
        applied_version=request.applied_version if decided else None,
    )


def _may_read(principal: Principal, request: ChangeRequest, memberships: MembershipStore | None) -> bool:
    if principal.is_officer:
        return True
    if not principal.is_provider:
        return False
    return request.submitted_by.subject == principal.subject or can_act_on_organization(
        principal, request.organization_id, memberships
    )


# ---------------------------------------------------------------------------------------------------------
# Provider: submit, list own, read, withdraw
# ---------------------------------------------------------------------------------------------------------
def _submit_once(
    request: dict[str, Any],
    *,
    requests: ChangeRequestStore,
    records: RecordStore,
    memberships: MembershipStore | None,
    events: EventSink,
) -> dict[str, Any]:
    """The work behind one Idempotency-Key: validate, check access, store, publish. Returns the stored
    request as JSON: the idempotency layer keeps this dict and gives it back to a retry with the same key."""
    principal = Principal.model_validate(request["principal"])
    submission = ChangeRequestSubmission.model_validate(request["body"])
    current = records.get(submission.service_id) if submission.service_id else None
    if current is not None:
        require_organization_access(principal, current.service.organization_id, memberships)
    change = rules.intake(submission, current, actor(principal), utcnow())
    if change.kind == "create":
        require_organization_access(principal, change.organization_id, memberships)
        if records.get(change.service_id) is not None:
            raise Conflict(f"A service with id {change.service_id} already exists")
    requests.add(change)
    logger.info(
        "change request submitted",
        extra={"change_request_id": str(change.id), "kind": change.kind, "fields": change.fields},
    )
    events.publish(SUBMITTED, event_detail(change))
    return change.model_dump(mode="json", exclude_none=True)


def submit(
    principal: Principal,
    submission: ChangeRequestSubmission,
    idempotency_key: str | None,
    context: Any = None,
    *,
    idempotency: BasePersistenceLayer | None = None,
    requests: ChangeRequestStore | None = None,
    records: RecordStore | None = None,
    memberships: MembershipStore | None = None,
    events: EventSink | None = None,
) -> SubmittedChangeRequest:
    """Submit a change request once per (caller, Idempotency-Key): a retry returns the first answer.
    `idempotency`: where first answers are kept (default: the idempotency table).

    Raises InvalidRequest without a key, Conflict when the key was used with a different body or its first
    use is still running.
    """
    from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
    from aws_lambda_powertools.utilities.idempotency.exceptions import (
        IdempotencyAlreadyInProgressError,
        IdempotencyValidationError,
    )

    from local_offer.repositories.clients import idempotency_store

    key = (idempotency_key or "").strip()
    if not key:
        raise InvalidRequest(
            "Idempotency-Key header is required: a unique value per change request (a retry reuses it)",
            "Idempotency-Key",
            location="header",
        )
    if len(key) > MAX_IDEMPOTENCY_KEY_LENGTH:
        raise InvalidRequest(
            f"Idempotency-Key must be at most {MAX_IDEMPOTENCY_KEY_LENGTH} characters",
            "Idempotency-Key",
            location="header",
        )
    config = IdempotencyConfig(
        event_key_jmespath="[principal.subject, key]",
        payload_validation_jmespath="body",
        expires_after_seconds=IDEMPOTENCY_TTL_SECONDS,
        raise_on_no_idempotency_key=True,
    )
    if context is not None:
        config.register_lambda_context(context)
    run = idempotent_function(
        data_keyword_argument="request", persistence_store=idempotency or idempotency_store(), config=config
    )(_submit_once)
    payload = {
        "principal": principal.model_dump(mode="json"),
        "key": key,
        "body": submission.model_dump(mode="json", exclude_none=True),
    }
    try:
        stored = run(
            request=payload,
            requests=requests or ChangeRequestRepository(),
            records=records or ServiceRecordRepository(),
            memberships=memberships,
            events=events or EventPublisher(),
        )
    except IdempotencyValidationError as exc:
        raise Conflict("This Idempotency-Key was already used for a different change request") from exc
    except IdempotencyAlreadyInProgressError as exc:
        raise Conflict("A change request with this Idempotency-Key is still being processed; retry shortly") from exc
    return SubmittedChangeRequest.model_validate({**stored, "links": {"self": request_path(stored["id"])}})


def list_requests(
    principal: Principal,
    status: RequestStatus | None,
    organization_id: UUID | None,
    older_than_days: int | None,
    limit: int,
    *,
    cursor: str | None = None,
    origin: Origin | None = None,
    requests: ChangeRequestStore | None = None,
    memberships: MembershipStore | None = None,
) -> ChangeRequestList:
    """Officers: the queue (default: submitted), oldest first, optionally of one origin. Providers: their own
    requests, oldest first; with origin `public`, the public suggestions about their organisation's services.
    A page of `limit`, from `cursor` (the previous page's `next_cursor`)."""
    submitted_before = utcnow() - dt.timedelta(days=older_than_days) if older_than_days is not None else None
    repository = requests or ChangeRequestRepository()
    if principal.is_officer:
        found, next_cursor = repository.queue(
            status or OPEN_STATUSES[0],
            submitted_before=submitted_before,
            organization_id=organization_id,
            origin=origin,
            limit=limit,
            cursor=cursor,
        )
    elif principal.is_provider and origin == "public":
        found, next_cursor = repository.suggestions_about(
            _providers_organization(principal, organization_id, memberships),
            [status] if status else None,
            submitted_before=submitted_before,
            limit=limit,
            cursor=cursor,
        )
    elif principal.is_provider:
        found, next_cursor = repository.submitted_by(
            principal.subject,
            [status] if status else None,
            submitted_before=submitted_before,
            organization_id=organization_id,
            limit=limit,
            cursor=cursor,
        )
    else:
        raise Forbidden("Only providers and officers have change requests")
    return ChangeRequestList(total_items=len(found), contents=found, next_cursor=next_cursor)


def _providers_organization(
    principal: Principal, organization_id: UUID | None, memberships: MembershipStore | None
) -> UUID:
    """The organisation whose public suggestions a provider lists: the one named (403 unless linked to it),
    else the only one they are linked to (400 naming the choices when there are several)."""
    if organization_id is not None:
        require_organization_access(principal, organization_id, memberships)
        return organization_id
    linked = organization_ids_of(principal, memberships)
    if len(linked) != 1:
        choices = ", ".join(map(str, linked)) or "none: ask the Family Information Service to link you"
        message = f"organization_id is required: name one of your organisations ({choices})"
        raise InvalidRequest(message, "organization_id")
    return linked[0]


def _conflicting_requests(request: ChangeRequest, conflicts: list[str], requests: ChangeRequestStore) -> list[UUID]:
    if not conflicts:
        return []
    entries = requests.history(request.service_id)
    return [
        entry.request_id
        for entry in entries
        if entry.version_after > request.base_version
        and entry.request_id != request.id
        and {change.field for change in entry.changes} & set(conflicts)
    ]


def view(
    request: ChangeRequest, requests: ChangeRequestStore | None = None, records: RecordStore | None = None
) -> ChangeRequestView:
    """A request with its diff against the live record and what conflicts."""
    current = (records or ServiceRecordRepository()).get(request.service_id)
    rows = rules.diff(request, current)
    conflicts = [row.field for row in rows if row.conflict] if request.status == "submitted" else []
    return ChangeRequestView(
        **request.model_dump(),
        record_version=current.meta.record_version if current else None,
        diff=rows,
        conflicts=conflicts,
        conflicting_requests=_conflicting_requests(request, conflicts, requests or ChangeRequestRepository()),
        links={"self": request_path(request.id), "service": f"/services/{request.service_id}"},
    )


def _readable(
    principal: Principal, request_id: UUID, requests: ChangeRequestStore, memberships: MembershipStore | None
) -> ChangeRequest:
    request = requests.get(request_id)
    if request is None:
        raise NotFound(f"No change request with id {request_id}")
    if not _may_read(principal, request, memberships):
        raise Forbidden(f"Change request {request_id} belongs to an organisation you are not linked to")
    return request


def get_request(
    principal: Principal,
    request_id: UUID,
    *,
    requests: ChangeRequestStore | None = None,
    records: RecordStore | None = None,
    memberships: MembershipStore | None = None,
) -> ChangeRequestView:
    """A request with its diff; officers also see the reply address of an undecided public suggestion."""
    requests = requests or ChangeRequestRepository()
    request = _readable(principal, request_id, requests, memberships)
    page = view(request, requests, records)
    if principal.is_officer and suggestions.is_public(request):
        email = requests.contact_email(request_id)
        if email:
            page = page.model_copy(update={"contact_email": email})
    return page


def withdraw(
    principal: Principal,
    request_id: UUID,
    *,
    requests: ChangeRequestStore | None = None,
    records: RecordStore | None = None,
    memberships: MembershipStore | None = None,
    events: EventSink | None = None,
) -> ChangeRequestView:
    """The submitter (or a provider of the same organisation, or an officer) withdraws an open request."""
    requests = requests or ChangeRequestRepository()
    request = _readable(principal, request_id, requests, memberships)
    suggestions.ensure_withdrawable(request)
    withdrawn = rules.withdraw(request, utcnow())
    requests.replace(withdrawn, expected_status="submitted")
    logger.info("change request withdrawn", extra={"change_request_id": str(request_id)})
    (events or EventPublisher()).publish(WITHDRAWN, event_detail(withdrawn))
    return view(withdrawn, requests, records)


# ---------------------------------------------------------------------------------------------------------
# Officer: decide; history
# ---------------------------------------------------------------------------------------------------------
def decide(
    principal: Principal,
    request_id: UUID,
    decision: DecisionSubmission,
    *,
    requests: ChangeRequestStore | None = None,
    records: RecordStore | None = None,
    events: EventSink | None = None,
) -> ChangeRequestView:
    """Apply an officer's decision: the record, its history and the request change together or not at all."""
    repository = requests or ChangeRequestRepository()
    records = records or ServiceRecordRepository()
    request = repository.get(request_id)
    if request is None:
        raise NotFound(f"No change request with id {request_id}")
    if suggestions.is_public(request):
        # No record change; writing the decided request drops the sender's reply address in the same write.
        resolution = rules.Resolution(suggestions.decide(request, decision, actor(principal), utcnow()), None, None)
        current = None
    else:
        current = records.get(request.service_id)
        resolution = rules.decide(request, decision, current, actor(principal), utcnow())
    expected = current.meta.record_version if current else 0
    repository.apply(resolution.request, resolution.record, resolution.history, expected)
    decided = resolution.request
    logger.info(
        "change request decided",
        extra={
            "change_request_id": str(request_id),
            "status": decided.status,
            "outcomes": {o.field: o.outcome for o in decided.outcomes},
            "applied_version": decided.applied_version,
        },
    )
    (events or EventPublisher()).publish(DECIDED, event_detail(decided))
    return view(decided, repository, records)


def history(
    principal: Principal,
    service_id: UUID,
    *,
    requests: ChangeRequestStore | None = None,
    records: RecordStore | None = None,
    memberships: MembershipStore | None = None,
) -> HistoryList:
    """Every applied change to a record, oldest first (officers, and providers of its organisation)."""
    record = (records or ServiceRecordRepository()).get(service_id)
    entries = (requests or ChangeRequestRepository()).history(service_id)
    if record is None and not entries:
        raise NotFound(f"No service with id {service_id}")
    organization_id = record.service.organization_id if record else None
    require_organization_access(principal, organization_id, memberships)
    return HistoryList(service_id=service_id, contents=entries)
