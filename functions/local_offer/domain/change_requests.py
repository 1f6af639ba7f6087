"""The change-request lifecycle as pure rules: intake validation, the diff, decisions and their result.

Nothing here reads or writes storage: callers pass the current record and store what comes back.
Values are compared and stored in their ORUK JSON form (ids and dates as strings, empty fields absent).
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from local_offer.models.change_requests import (
    FIXED_SERVICE_FIELDS,
    PROVIDER_ORIGIN,
    Actor,
    ChangeRequest,
    ChangeRequestSubmission,
    DecisionSubmission,
    FieldChange,
    FieldDecision,
    FieldDiff,
    FieldOutcome,
    HistoryEntry,
    RequestStatus,
)
from local_offer.models.errors import Conflict, InvalidRequest, NotFound
from local_offer.models.oruk import Service

# The verification keys live with the record they describe; the rules name them too.
from local_offer.models.records import NEVER_CONFIRMED as NEVER_CONFIRMED
from local_offer.models.records import RecordMeta, ServiceRecord
from local_offer.models.records import confirmation_key as confirmation_key
from local_offer.models.records import last_confirmed as last_confirmed

SERVICE_FIELDS = frozenset(Service.model_fields)
PROPOSABLE_FIELDS = SERVICE_FIELDS - FIXED_SERVICE_FIELDS
REMOVED_STATUS = "defunct"


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return "is required"
    if kind == "extra_forbidden":
        return "is not a field of this object"
    text = str(error.get("msg") or kind).rstrip(".")
    return text[:1].lower() + text[1:]


def _validation_problems(exc: ValidationError, prefix: str) -> list[tuple[str, str]]:
    return [
        (".".join([prefix, *(str(part) for part in error["loc"])]), _message(error))
        for error in exc.errors(include_url=False)
    ]


def validate_service(data: Mapping[str, Any], prefix: str) -> Service:
    """Validate an ORUK service strictly (JSON types: no "5" for a number, no false for a number);
    errors name `prefix.<field path>`."""
    try:
        return Service.model_validate_json(json.dumps(dict(data), default=str), strict=True)
    except ValidationError as exc:
        raise InvalidRequest.in_body(_validation_problems(exc, prefix)) from exc


def service_json(service: Service) -> dict[str, Any]:
    return service.to_json_dict()


# ---------------------------------------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------------------------------------
def _check_shape(submission: ChangeRequestSubmission) -> None:
    """A `kind` must come with its own body parts and none of the others."""
    problems: list[tuple[str, str]] = []
    kind = submission.kind
    if kind == "update":
        if submission.service_id is None:
            problems.append(("service_id", "is required for kind 'update'"))
        if submission.changes is None:
            problems.append(("changes", "is required for kind 'update' (the proposed fields)"))
        if submission.service is not None:
            problems.append(("service", "is only for kind 'create'; an update sends `changes`"))
    elif kind == "create":
        if submission.service is None:
            problems.append(("service", "is required for kind 'create' (the new service)"))
        if submission.changes is not None:
            problems.append(("changes", "is only for kind 'update'; a create sends the whole `service`"))
        if submission.service_id is not None:
            problems.append(("service_id", "is not used for kind 'create'; give the id inside `service`"))
    else:
        if submission.service_id is None:
            problems.append(("service_id", "is required for kind 'remove'"))
        for name in ("changes", "service"):
            if getattr(submission, name) is not None:
                problems.append((name, "is not used for kind 'remove'"))
    if problems:
        raise InvalidRequest.in_body(problems)


def _update_changes(changes: Mapping[str, Any], current: Service) -> tuple[dict[str, Any], dict[str, Any]]:
    """Validated, normalised proposed fields and their current values; 400 naming each bad field."""
    if not changes:
        raise InvalidRequest.in_body([("changes", "must name at least one field to change")])
    problems = [
        (f"changes.{name}", "cannot be changed by a change request")
        if name in FIXED_SERVICE_FIELDS
        else (f"changes.{name}", "is not a field of an ORUK service")
        for name in changes
        if name not in PROPOSABLE_FIELDS
    ]
    if problems:
        raise InvalidRequest.in_body(problems)
    before = service_json(current)
    merged = {**before, **changes}
    merged = {name: value for name, value in merged.items() if value is not None}
    after = service_json(validate_service(merged, "changes"))
    proposed = {name: after.get(name) for name in changes}
    unchanged = [name for name in proposed if proposed[name] == before.get(name)]
    if unchanged:
        raise InvalidRequest.in_body([(f"changes.{name}", "is the same as the current value") for name in unchanged])
    return proposed, {name: before.get(name) for name in proposed}


def _new_service(data: Mapping[str, Any], new_id: uuid.UUID) -> Service:
    data = dict(data)
    data.setdefault("id", str(new_id))
    problems = []
    if not data.get("organization_id"):
        problems.append(("service.organization_id", "is required: the organisation the new service belongs to"))
    for name in ("last_modified", "organization"):
        if name in data:
            problems.append((f"service.{name}", "is set by the directory, not by a change request"))
    if problems:
        raise InvalidRequest.in_body(problems)
    return validate_service(data, "service")


def intake(
    submission: ChangeRequestSubmission,
    current: ServiceRecord | None,
    submitter: Actor,
    now: dt.datetime,
    request_id: uuid.UUID | None = None,
) -> ChangeRequest:
    """A new change request from a validated submission and the live record it is about.

    Raises InvalidRequest (wrong shape, unknown fields, wrong types, nothing changed) or NotFound (an update
    or remove of a service that does not exist).
    """
    _check_shape(submission)
    request_id = request_id or uuid.uuid4()
    common: dict[str, Any] = {
        "id": request_id,
        "kind": submission.kind,
        "origin": PROVIDER_ORIGIN,
        "reason": submission.reason,
        "submitted_by": submitter,
        "submitted_at": now,
        "updated_at": now,
    }
    if submission.kind == "create":
        assert submission.service is not None
        service = _new_service(submission.service, uuid.uuid4())
        changes = {k: v for k, v in service_json(service).items() if k not in ("id", "organization_id")}
        return ChangeRequest(
            **common,
            service_id=service.id,
            organization_id=service.organization_id,
            changes=changes,
            base_version=0,
        )
    assert submission.service_id is not None
    if current is None:
        raise NotFound(f"No service with id {submission.service_id}")
    if submission.kind == "update":
        assert submission.changes is not None
        proposed, base_values = _update_changes(submission.changes, current.service)
    else:
        if current.service.status == REMOVED_STATUS:
            raise Conflict(f"Service {submission.service_id} is already removed (status '{REMOVED_STATUS}')")
        proposed = {"status": REMOVED_STATUS}
        base_values = {"status": current.service.status}
    return ChangeRequest(
        **common,
        service_id=current.service.id,
        organization_id=current.service.organization_id,
        changes=proposed,
        base_version=current.meta.record_version,
        base_values=base_values,
    )


# ---------------------------------------------------------------------------------------------------------
# Review: the diff against the live record
# ---------------------------------------------------------------------------------------------------------
def diff(request: ChangeRequest, current: ServiceRecord | None) -> list[FieldDiff]:
    """Each proposed field: its value now, proposed and at submission, and whether it moved meanwhile."""
    now_values = service_json(current.service) if current else {}
    rows = []
    for name in request.fields:
        base = request.base_values.get(name)
        value = now_values.get(name)
        moved = current is not None and request.base_version > 0 and value != base
        if request.kind == "create":
            moved = current is not None  # someone created a service with this id meanwhile
        rows.append(FieldDiff(field=name, current=value, proposed=request.changes[name], base=base, conflict=moved))
    return rows


# ---------------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Resolution:
    """What a decision does: the request as decided and, when anything was accepted, the new record."""

    request: ChangeRequest
    record: ServiceRecord | None
    history: HistoryEntry | None


def ensure_open(request: ChangeRequest) -> None:
    if request.status != "submitted":
        raise Conflict(f"Change request {request.id} is {request.status}; only submitted requests can change")


def _field_decisions(request: ChangeRequest, decision: DecisionSubmission) -> dict[str, FieldDecision]:
    """Every proposed field's decision, from the per-field map or a shortcut; 400 naming what is wrong."""
    if (decision.decision is None) == (decision.fields is None):
        raise InvalidRequest.in_body(
            [("decision", "give either `decision` (approve or reject the whole request) or `fields`, not both")]
        )
    if decision.decision == "approve":
        return {name: FieldDecision(outcome="accept", reason=decision.reason) for name in request.fields}
    if decision.decision == "reject":
        if not decision.reason:
            raise InvalidRequest.in_body([("reason", "is required to reject a request")])
        return {name: FieldDecision(outcome="reject", reason=decision.reason) for name in request.fields}
    assert decision.fields is not None
    problems = [
        (f"fields.{name}", "was not proposed by this request")
        for name in decision.fields
        if name not in request.changes
    ]
    problems += [
        (f"fields.{name}", "needs a decision (accept, reject or amend)")
        for name in request.fields
        if name not in decision.fields
    ]
    for name, field in decision.fields.items():
        if field.outcome == "reject" and not field.reason:
            problems.append((f"fields.{name}.reason", "is required when rejecting a field"))
        if field.outcome == "amend" and "value" not in field.model_fields_set:
            problems.append((f"fields.{name}.value", "is required when amending a field"))
        if field.outcome == "accept" and "value" in field.model_fields_set:
            problems.append((f"fields.{name}.value", "is only for amend; accept takes the proposed value"))
    if request.kind == "remove" and any(field.outcome == "amend" for field in decision.fields.values()):
        problems.append(("fields.status", "a removal can be accepted or rejected, not amended"))
    if problems:
        raise InvalidRequest.in_body(problems)
    return dict(decision.fields)


def _final_status(outcomes: list[FieldOutcome]) -> RequestStatus:
    kept = sum(outcome.outcome != "rejected" for outcome in outcomes)
    if kept == 0:
        return "rejected"
    return "approved" if kept == len(outcomes) else "partially approved"


def decide(
    request: ChangeRequest,
    decision: DecisionSubmission,
    current: ServiceRecord | None,
    officer: Actor,
    now: dt.datetime,
) -> Resolution:
    """Apply an officer's decision to a submitted request against the live record (pure).

    Raises Conflict when the request is no longer open, when the officer reviewed an older record version,
    or when a field accepted as proposed was changed by someone else since submission (amend it instead);
    InvalidRequest when decisions are missing or malformed, or the result is not a valid service.
    """
    ensure_open(request)
    decisions = _field_decisions(request, decision)
    current_version = current.meta.record_version if current else 0
    if decision.record_version is not None and decision.record_version != current_version:
        raise Conflict(
            f"Service {request.service_id} is at version {current_version}, not the reviewed version "
            f"{decision.record_version}: review the request again"
        )
    if request.kind != "create" and current is None:
        raise Conflict(f"Service {request.service_id} no longer exists")
    if request.kind == "create" and current is not None:
        raise Conflict(f"A service with id {request.service_id} already exists")
    rows = {row.field: row for row in diff(request, current)}
    conflicting = [name for name, field in decisions.items() if field.outcome == "accept" and rows[name].conflict]
    if conflicting:
        raise Conflict(
            f"Changed since the request was submitted: {', '.join(sorted(conflicting))}; amend or reject these fields"
        )

    outcomes: list[FieldOutcome] = []
    values: dict[str, Any] = {}
    for name in request.fields:
        field = decisions[name]
        if field.outcome == "reject":
            outcomes.append(FieldOutcome(field=name, outcome="rejected", reason=field.reason))
        elif field.outcome == "amend":
            values[name] = field.value
            outcomes.append(FieldOutcome(field=name, outcome="amended", reason=field.reason, value=field.value))
        else:
            values[name] = request.changes[name]
            outcomes.append(FieldOutcome(field=name, outcome="accepted", reason=field.reason))

    status = _final_status(outcomes)
    decided = request.model_copy(
        update={
            "status": status,
            "decided_by": officer,
            "decided_at": now,
            "updated_at": now,
            "decision_reason": decision.reason,
            "outcomes": outcomes,
        }
    )
    if not values:
        return Resolution(decided, None, None)

    record, before = _apply(request, values, current, now)
    # An amended value is stored as validated (normalised), so the provider sees exactly what was published.
    after = service_json(record.service)
    decided.outcomes = [
        outcome.model_copy(update={"value": after.get(outcome.field)}) if outcome.outcome == "amended" else outcome
        for outcome in outcomes
    ]
    decided.applied_version = record.meta.record_version
    changes = [
        FieldChange(field=name, before=before.get(name), after=after.get(name))
        for name in sorted(values)
        if before.get(name) != after.get(name)
    ]
    history = HistoryEntry(
        service_id=request.service_id,
        request_id=request.id,
        kind=request.kind,
        applied_at=now,
        applied_by=officer,
        submitted_by=request.submitted_by,
        version_before=current_version,
        version_after=record.meta.record_version,
        changes=changes,
    )
    return Resolution(decided, record, history)


def _apply(
    request: ChangeRequest, values: Mapping[str, Any], current: ServiceRecord | None, now: dt.datetime
) -> tuple[ServiceRecord, dict[str, Any]]:
    """The new record: the live one (or a new one) with the kept values, re-validated as a whole service."""
    before = service_json(current.service) if current else {}
    merged: dict[str, Any] = {**before, **values}
    if request.kind == "create":
        merged.update(id=str(request.service_id), organization_id=str(request.organization_id))
        # Required fields the officer rejected leave the service invalid: say so per field.
    merged["last_modified"] = now.isoformat()
    merged = {name: value for name, value in merged.items() if value is not None}
    try:
        service = Service.model_validate_json(json.dumps(merged, default=str), strict=True)
    except ValidationError as exc:
        problems = [
            (f"fields.{'.'.join(str(p) for p in error['loc'])}", _message(error))
            for error in exc.errors(include_url=False)
        ]
        raise InvalidRequest.in_body(problems) from exc
    version = (current.meta.record_version if current else 0) + 1
    meta = (current.meta if current else RecordMeta()).model_copy(update={"record_version": version})
    return ServiceRecord(service=service, meta=meta), before


def withdraw(request: ChangeRequest, now: dt.datetime) -> ChangeRequest:
    ensure_open(request)
    return request.model_copy(update={"status": "withdrawn", "withdrawn_at": now, "updated_at": now})


def verified(record: ServiceRecord, now: dt.datetime) -> ServiceRecord:
    """The record confirmed as correct now: `last_verified` set, `last_modified` untouched, version bumped
    (so the search projection picks up the new verification date)."""
    meta = record.meta.model_copy(update={"last_verified": now, "record_version": record.meta.record_version + 1})
    return record.model_copy(update={"meta": meta})


# ---------------------------------------------------------------------------------------------------------
# Staleness
# ---------------------------------------------------------------------------------------------------------
def months_before(moment: dt.datetime, months: int) -> dt.datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's last day)."""
    import calendar

    month_index = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def is_stale(last_modified: dt.datetime | None, last_verified: dt.datetime | None, cutoff: dt.datetime) -> bool:
    """Not verified or changed since `cutoff` (a record never confirmed is stale)."""
    confirmed = last_confirmed(last_modified, last_verified)
    return confirmed is None or confirmed < cutoff
