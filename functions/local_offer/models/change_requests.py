"""Change requests: what a provider proposes for a directory record, and what an officer decided.

A change request is stored apart from the live record (its own table); the record changes only when an
officer accepts or amends fields, and every applied change leaves a `HistoryEntry`.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints

from local_offer.models.base import Model

ChangeKind = Literal["update", "create", "remove"]
# A stored request is also a `suggestion`: a correction the public sent without an account (origin "public").
RequestKind = Literal["update", "create", "remove", "suggestion"]
Origin = Literal["provider", "public"]
PUBLIC_ORIGIN: Origin = "public"
PROVIDER_ORIGIN: Origin = "provider"
RequestStatus = Literal["submitted", "withdrawn", "approved", "partially approved", "rejected"]
OPEN_STATUSES: tuple[RequestStatus, ...] = ("submitted",)
REQUEST_STATUSES: tuple[RequestStatus, ...] = ("submitted", "withdrawn", "approved", "partially approved", "rejected")
FieldDecisionKind = Literal["accept", "reject", "amend"]
FieldOutcomeKind = Literal["accepted", "rejected", "amended"]

Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2_000)]

# Service fields a change request may not set: identity and bookkeeping belong to the directory.
FIXED_SERVICE_FIELDS = frozenset({"id", "organization_id", "last_modified", "organization"})


class Actor(Model):
    """Who did something: the Cognito subject and, when the token had one, the e-mail."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    subject: str
    email: str | None = None


class ChangeRequestSubmission(Model):
    """`POST /change-requests`: one proposed change to the directory.

    `update` names an existing service and only the fields to change (ORUK names and shapes; `null` clears
    an optional field); `create` carries a whole ORUK service for one of the provider's organisations;
    `remove` names a service to take out of the directory (it is kept, with status `defunct`).
    """

    model_config = ConfigDict(extra="forbid")

    kind: ChangeKind = Field(description="update, create or remove")
    service_id: UUID | None = Field(default=None, description="The service to update or remove")
    changes: dict[str, Any] | None = Field(
        default=None, description="update only: the proposed fields, in the ORUK service shape"
    )
    service: dict[str, Any] | None = Field(default=None, description="create only: the new ORUK service")
    reason: Reason = Field(description="Why the change is needed, for the officer who reviews it")


class FieldOutcome(Model):
    """An officer's decision on one proposed field, as the provider sees it."""

    model_config = ConfigDict(extra="forbid")

    field: str
    outcome: FieldOutcomeKind
    reason: str | None = Field(default=None, description="Why it was rejected or amended")
    value: Any = Field(default=None, description="The officer's value, when amended")


class ChangeRequest(Model):
    """A change request as stored and returned."""

    model_config = ConfigDict(extra="forbid")

    id: UUID
    kind: RequestKind
    origin: Origin | None = Field(
        default=None,
        description="`public`: a correction suggested without an account; `provider` (or absent): a provider's",
    )
    service_id: UUID
    organization_id: UUID | None = None
    changes: dict[str, Any] = Field(
        description="The proposed fields (for create: the whole service; for remove: status; a suggestion: none)"
    )
    about_field: str | None = Field(
        default=None, description="A public suggestion: the ORUK service field it is about, when the sender named one"
    )
    reason: str = Field(description="Why the change is needed; for a public suggestion, its message")
    status: RequestStatus = "submitted"
    submitted_by: Actor
    submitted_at: dt.datetime
    updated_at: dt.datetime
    base_version: int = Field(default=0, description="The record's version when submitted (0: a new service)")
    base_values: dict[str, Any] = Field(
        default_factory=dict, description="The proposed fields' values in the record when submitted"
    )
    decided_by: Actor | None = None
    decided_at: dt.datetime | None = None
    decision_reason: str | None = None
    outcomes: list[FieldOutcome] = Field(default_factory=list)
    applied_version: int | None = Field(default=None, description="The record version the decision produced")
    withdrawn_at: dt.datetime | None = None

    @property
    def fields(self) -> list[str]:
        """The proposed field names, in a stable order."""
        return sorted(self.changes)


class SubmittedChangeRequest(ChangeRequest):
    """`POST /change-requests` (202): the stored request and where to follow it."""

    links: dict[str, str] = Field(description="`self`: the request's URL path (also sent as `Location`)")


class FieldDecision(Model):
    """`accept` the proposed value, `reject` it (with a reason) or `amend` it (with the officer's value)."""

    model_config = ConfigDict(extra="forbid")

    outcome: FieldDecisionKind
    reason: Reason | None = None
    value: Any = None


class DecisionSubmission(Model):
    """`POST /change-requests/{id}/decision`: a decision per proposed field, or a whole-request shortcut."""

    model_config = ConfigDict(extra="forbid")

    decision: Literal["approve", "reject"] | None = Field(
        default=None, description="Shortcut: accept or reject every field (reject needs `reason`)"
    )
    reason: Reason | None = Field(default=None, description="Why (required to reject the whole request)")
    fields: dict[str, FieldDecision] | None = Field(
        default=None, description="One decision per proposed field (every field, no others)"
    )
    record_version: int | None = Field(
        default=None, ge=0, description="The record version the officer reviewed; a newer record gives 409"
    )


class FieldDiff(Model):
    """One proposed field against the live record."""

    field: str
    current: Any = None
    proposed: Any = None
    base: Any = Field(default=None, description="The value when the request was submitted")
    conflict: bool = Field(description="True when the record's value changed since the request was submitted")


class ChangeRequestView(ChangeRequest):
    """`GET /change-requests/{id}`: the request with a field-by-field diff against the current record."""

    record_version: int | None = Field(default=None, description="The record's current version (none: no record)")
    diff: list[FieldDiff] = Field(default_factory=list)
    conflicts: list[str] = Field(default_factory=list, description="Fields changed by others since submission")
    conflicting_requests: list[UUID] = Field(
        default_factory=list, description="Approved requests that changed those fields meanwhile"
    )
    links: dict[str, str] = Field(default_factory=dict)
    contact_email: str | None = Field(
        default=None,
        description=(
            "Officers only, on an undecided public suggestion: the address its sender gave for a reply "
            "(deleted when the suggestion is decided)"
        ),
    )


class FieldChange(Model):
    field: str
    before: Any = None
    after: Any = None


class HistoryEntry(Model):
    """One applied change to a record: who, when, which request and the field diff."""

    model_config = ConfigDict(extra="forbid")

    service_id: UUID
    request_id: UUID
    kind: ChangeKind
    applied_at: dt.datetime
    applied_by: Actor
    submitted_by: Actor
    version_before: int
    version_after: int
    changes: list[FieldChange]


class ChangeRequestList(Model):
    """A page of change requests (the queue is oldest first); `next_cursor` fetches the next page."""

    total_items: int = Field(description="Requests on this page")
    contents: list[ChangeRequest]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; absent on the last page"
    )


class HistoryList(Model):
    service_id: UUID
    contents: list[HistoryEntry]


class StaleRecord(Model):
    """A record not verified or changed within the period asked for."""

    id: UUID
    name: str
    organization_id: UUID | None = None
    status: str
    last_modified: dt.datetime | None = None
    last_verified: dt.datetime | None = None
    last_confirmed: dt.datetime | None = Field(default=None, description="The later of the two (none: never)")


class StaleRecordList(Model):
    """A page of records due a check, the longest unconfirmed first; `next_cursor` fetches the next page."""

    months: int
    cutoff: dt.datetime
    size: int = Field(description="Records on this page")
    contents: list[StaleRecord]
    next_cursor: str | None = Field(
        default=None, description="Pass as `cursor` for the next page; absent on the last page"
    )


class VerifiedRecord(Model):
    """`POST /services/{id}/verify`: the record's new verification time and version."""

    id: UUID
    last_verified: dt.datetime
    last_modified: dt.datetime | None = None
    record_version: int


class FieldOutcomeSummary(Model):
    """A field's outcome as events carry it: the name and the decision, never the value."""

    field: str
    outcome: FieldOutcomeKind


class ChangeRequestEvent(Model):
    """The detail of the ChangeRequestSubmitted, ChangeRequestWithdrawn and ChangeRequestDecided events: ids,
    kind, status and field names. Proposed values stay in the table: contact details must not travel to whatever
    is subscribed to the bus."""

    change_request_id: UUID
    kind: RequestKind
    origin: Origin = Field(description="provider, or public for a correction suggested by a member of the public")
    status: RequestStatus
    service_id: UUID
    organization_id: UUID | None = None
    fields: list[str]
    submitted_by: str = Field(description="The submitter's subject (`public` for a public suggestion)")
    submitted_at: dt.datetime
    outcomes: list[FieldOutcomeSummary] | None = Field(default=None, description="Once decided")
    applied_version: int | None = Field(default=None, description="The record version the decision wrote")
