"""Public suggestions as pure rules: the corrections anyone may send about a service without an account.

A suggestion joins the officers' change-request queue as a change request of kind `suggestion` with
`origin` "public". It proposes no values (the sender says in words what is wrong, optionally naming the
ORUK field), so an officer decides it as a whole: approve (it was right: the record is corrected through a
change request) or reject (with a reason). Nothing here reads or writes storage.
"""

from __future__ import annotations

import datetime as dt
import uuid

from local_offer.domain.change_requests import ensure_open
from local_offer.models.change_requests import PUBLIC_ORIGIN, Actor, ChangeRequest, DecisionSubmission
from local_offer.models.corrections import CorrectionSubmission
from local_offer.models.errors import Conflict, InvalidRequest, NotFound
from local_offer.models.oruk import PUBLIC_STATUSES, Service
from local_offer.models.records import ServiceRecord

# Identity and bookkeeping fields are the directory's own: nobody outside can see them go wrong.
NOT_SUGGESTIBLE = frozenset({"id", "organization_id", "last_modified"})
SUGGESTIBLE_FIELDS = frozenset(Service.model_fields) - NOT_SUGGESTIBLE
# Who submitted a public suggestion: nobody signed in. Cognito subjects are UUIDs, so this never names a user.
PUBLIC_SUBMITTER = Actor(subject="public")


def is_public(request: ChangeRequest) -> bool:
    """True for a suggestion sent by the public (counted by `origin == "public"`)."""
    return request.origin == PUBLIC_ORIGIN


def check_field(name: str | None) -> str | None:
    """The field a suggestion is about, when it names one; 400 unless it is an ORUK service field."""
    if name is None or name in SUGGESTIBLE_FIELDS:
        return name
    if name in NOT_SUGGESTIBLE:
        message = "is set by the directory itself; name the field that looks wrong, or leave `field` out"
    else:
        message = f"is not a field of an ORUK service; use one of {', '.join(sorted(SUGGESTIBLE_FIELDS))}"
    raise InvalidRequest.in_body([("field", message)])


def new_suggestion(
    submission: CorrectionSubmission,
    current: ServiceRecord | None,
    now: dt.datetime,
    request_id: uuid.UUID | None = None,
) -> ChangeRequest:
    """The change request a public correction becomes.

    Raises NotFound for a service the public cannot see (unknown, inactive or defunct: the same answer as
    `GET /services/{id}`, so a withdrawn record's existence is not revealed and nobody sends corrections
    to a record no family can find); InvalidRequest for a `field` that is not an ORUK service field.
    """
    about = check_field(submission.field)
    if current is None or current.service.status not in PUBLIC_STATUSES:
        raise NotFound("No public service with this id: corrections are for services listed in the directory")
    return ChangeRequest(
        id=request_id or uuid.uuid4(),
        kind="suggestion",
        origin=PUBLIC_ORIGIN,
        service_id=current.service.id,
        organization_id=current.service.organization_id,
        changes={},
        about_field=about,
        reason=submission.message,
        submitted_by=PUBLIC_SUBMITTER,
        submitted_at=now,
        updated_at=now,
        base_version=current.meta.record_version,
    )


def ensure_withdrawable(request: ChangeRequest) -> None:
    """A public suggestion has no submitter who could take it back: an officer decides it (409)."""
    if is_public(request):
        raise Conflict(f"Change request {request.id} is a public suggestion: an officer approves or rejects it")


def decide(request: ChangeRequest, decision: DecisionSubmission, officer: Actor, now: dt.datetime) -> ChangeRequest:
    """An officer's decision on an open public suggestion: `approve`, or `reject` with a reason.

    Raises Conflict when it is no longer open; InvalidRequest for per-field decisions (a suggestion
    proposes no values), a missing decision, or a rejection without a reason.
    """
    ensure_open(request)
    problems: list[tuple[str, str]] = []
    if decision.fields is not None:
        problems.append(("fields", "a public suggestion proposes no values: decide it with `decision` instead"))
    if decision.decision is None:
        problems.append(("decision", "is required for a public suggestion: approve or reject"))
    elif decision.decision == "reject" and not decision.reason:
        problems.append(("reason", "is required to reject a suggestion"))
    if problems:
        raise InvalidRequest.in_body(problems)
    return request.model_copy(
        update={
            "status": "approved" if decision.decision == "approve" else "rejected",
            "decided_by": officer,
            "decided_at": now,
            "updated_at": now,
            "decision_reason": decision.reason,
        }
    )
