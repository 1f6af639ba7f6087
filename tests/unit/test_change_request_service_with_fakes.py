"""The change-request service driven through its ports (services/ports.py) with in-memory fakes: no table, no
bus, no moto. A provider submits (idempotently), an officer decides, and the fakes show what was stored."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

import pytest
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyItemAlreadyExistsError,
    IdempotencyItemNotFoundError,
)
from aws_lambda_powertools.utilities.idempotency.persistence.base import BasePersistenceLayer
from aws_lambda_powertools.utilities.idempotency.persistence.datarecord import DataRecord
from pydantic import BaseModel

from local_offer.handlers.http import status_of  # imported at collection: the tracer opens a socket on import
from local_offer.models.change_requests import (
    ChangeRequest,
    ChangeRequestSubmission,
    ChangeRequestView,
    DecisionSubmission,
    HistoryEntry,
    Origin,
    RequestStatus,
    SubmittedChangeRequest,
)
from local_offer.models.errors import Conflict, Forbidden, StaleWrite
from local_offer.models.identity import OFFICERS, PROVIDERS, Principal
from local_offer.models.memberships import Membership
from local_offer.models.records import ServiceRecord
from local_offer.services import change_requests
from local_offer.services.ports import RequestPage
from tests.factories import LambdaContextStub, service_record

PROVIDER = Principal(subject=str(uuid.uuid4()), email="p@example.org", groups=frozenset({PROVIDERS}))
STRANGER = Principal(subject=str(uuid.uuid4()), groups=frozenset({PROVIDERS}))
OFFICER = Principal(subject="officer-1", email="o@durham.gov.uk", groups=frozenset({OFFICERS}))


class InMemoryRequests:
    """A ChangeRequestStore in dicts; `replace` and `apply` are conditional like the table's transaction."""

    def __init__(self, records: InMemoryRecords) -> None:
        self.requests: dict[UUID, ChangeRequest] = {}
        self.entries: list[HistoryEntry] = []
        self.records = records

    def get(self, request_id: UUID | str) -> ChangeRequest | None:
        return self.requests.get(UUID(str(request_id)))

    def add(self, request: ChangeRequest) -> None:
        assert request.id not in self.requests
        self.requests[request.id] = request

    def contact_email(self, request_id: UUID | str) -> str | None:
        return None

    def replace(self, request: ChangeRequest, expected_status: RequestStatus) -> None:
        if self.requests[request.id].status != expected_status:
            raise StaleWrite(f"Change request {request.id} was decided or withdrawn meanwhile")
        self.requests[request.id] = request

    def _oldest_first(self, wanted: Iterable[ChangeRequest], limit: int) -> RequestPage:
        return sorted(wanted, key=lambda request: request.submitted_at)[:limit], None

    def queue(
        self,
        status: RequestStatus,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        origin: Origin | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage:
        return self._oldest_first((r for r in self.requests.values() if r.status == status), limit)

    def suggestions_about(
        self,
        organization_id: UUID,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage:
        return [], None

    def submitted_by(
        self,
        subject: str,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage:
        return self._oldest_first((r for r in self.requests.values() if r.submitted_by.subject == subject), limit)

    def history(self, service_id: UUID | str) -> list[HistoryEntry]:
        return [entry for entry in self.entries if str(entry.service_id) == str(service_id)]

    def apply(
        self,
        request: ChangeRequest,
        record: ServiceRecord | None,
        history: HistoryEntry | None,
        expected_record_version: int,
    ) -> None:
        if self.requests[request.id].status != "submitted":
            raise StaleWrite(f"Change request {request.id} was withdrawn or decided meanwhile; nothing was applied")
        if record is not None:
            self.records.put(record, expected_version=expected_record_version)
        if history is not None:
            self.entries.append(history)
        self.requests[request.id] = request


class InMemoryRecords:
    """A RecordStore in a dict; `put` with `expected_version` is conditional like the table's."""

    def __init__(self, *records: ServiceRecord) -> None:
        self.records = {record.service.id: record for record in records}

    def get(self, service_id: UUID | str) -> ServiceRecord | None:
        return self.records.get(UUID(str(service_id)))

    def put(self, record: ServiceRecord, expected_version: int | None = None) -> None:
        current = self.get(record.service.id)
        if expected_version is not None and (current.meta.record_version if current else 0) != expected_version:
            raise StaleWrite(f"Service {record.service.id} changed meanwhile")
        self.records[record.service.id] = record

    def due_verification(
        self, cutoff: dt.datetime, limit: int, start: Mapping[str, Any] | None = None
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        return [], None


class InMemoryMemberships:
    def __init__(self, *links: tuple[str, UUID]) -> None:
        self.links = {(subject, str(organization_id)) for subject, organization_id in links}

    def is_member(self, subject: UUID | str, organization_id: UUID | str) -> bool:
        return (str(subject), str(organization_id)) in self.links

    def organizations_of(self, subject: UUID | str) -> list[Membership]:
        return [self._link(s, o) for s, o in sorted(self.links) if s == str(subject)]

    def members_of(self, organization_id: UUID | str) -> list[Membership]:
        return [self._link(s, o) for s, o in sorted(self.links) if o == str(organization_id)]

    def link(self, subject: UUID, organization_id: UUID, added_by: str) -> tuple[Membership, bool]:
        created = not self.is_member(subject, organization_id)
        self.links.add((str(subject), str(organization_id)))
        return self._link(str(subject), str(organization_id)), created

    def unlink(self, subject: UUID, organization_id: UUID) -> bool:
        found = self.is_member(subject, organization_id)
        self.links.discard((str(subject), str(organization_id)))
        return found

    @staticmethod
    def _link(subject: str, organization_id: str) -> Membership:
        return Membership(
            subject=UUID(subject),
            organization_id=UUID(organization_id),
            added_by=OFFICER.subject,
            added_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        )


class RecordedEvents:
    """An EventSink that keeps what was published."""

    def __init__(self) -> None:
        self.published: list[tuple[str, dict[str, Any]]] = []

    def publish(self, detail_type: str, detail: BaseModel) -> None:
        self.publish_many(detail_type, [detail])

    def publish_many(self, detail_type: str, details: Iterable[BaseModel]) -> int:
        batch = [(detail_type, detail.model_dump(mode="json", exclude_none=True)) for detail in details]
        self.published.extend(batch)
        return len(batch)


class InMemoryIdempotency(BasePersistenceLayer):
    """powertools' idempotency records in a dict: the first answer per key is kept and given back to a retry."""

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[str, DataRecord] = {}

    def _get_record(self, idempotency_key: str) -> DataRecord:
        try:
            return self.records[idempotency_key]
        except KeyError:
            raise IdempotencyItemNotFoundError from None

    def _put_record(self, data_record: DataRecord) -> None:
        existing = self.records.get(data_record.idempotency_key)
        if existing is not None and not existing.is_expired:
            # As the DynamoDB layer does: a stored record for another body is refused before it is returned.
            self._validate_payload(data_payload=data_record, stored_data_record=existing)
            raise IdempotencyItemAlreadyExistsError(old_data_record=existing)
        self.records[data_record.idempotency_key] = data_record

    def _update_record(self, data_record: DataRecord) -> None:
        self.records[data_record.idempotency_key] = data_record

    def _delete_record(self, data_record: DataRecord) -> None:
        self.records.pop(data_record.idempotency_key, None)


class Directory:
    """One record of an organisation the provider is linked to, and the stores the service is given."""

    def __init__(self) -> None:
        self.record = service_record("Wren Music Group", version=3)
        self.records = InMemoryRecords(self.record)
        self.requests = InMemoryRequests(self.records)
        self.memberships = InMemoryMemberships((PROVIDER.subject, self.record.service.organization_id))
        self.events = RecordedEvents()
        self.idempotency = InMemoryIdempotency()

    def submit(self, principal: Principal, key: str, **changes: Any) -> SubmittedChangeRequest:
        submission = ChangeRequestSubmission(
            kind="update", service_id=self.record.service.id, changes=changes, reason="Our name changed"
        )
        return change_requests.submit(
            principal,
            submission,
            key,
            LambdaContextStub(),
            idempotency=self.idempotency,
            requests=self.requests,
            records=self.records,
            memberships=self.memberships,
            events=self.events,
        )

    def decide(self, request_id: UUID, **decision: Any) -> ChangeRequestView:
        return change_requests.decide(
            OFFICER,
            request_id,
            DecisionSubmission.model_validate(decision),
            requests=self.requests,
            records=self.records,
            events=self.events,
        )


@pytest.fixture
def directory() -> Directory:
    return Directory()


def test_submit_stores_one_request_per_idempotency_key_and_publishes_field_names_only(directory):
    # Given a provider linked to the record's organisation
    # When they submit a change, then retry it with the same key
    first = directory.submit(PROVIDER, "key-1", name="Wren Music Club")
    retry = directory.submit(PROVIDER, "key-1", name="Wren Music Club")

    # Then both answers are the one stored request, with where to follow it
    assert isinstance(first, SubmittedChangeRequest)
    assert retry == first
    assert first.status == "submitted"
    assert first.base_version == 3
    assert first.links == {"self": f"/change-requests/{first.id}"}
    assert list(directory.requests.requests) == [first.id]
    # And one event named the field, never its value
    [(detail_type, detail)] = directory.events.published
    assert detail_type == change_requests.SUBMITTED
    assert detail["fields"] == ["name"]
    assert "Wren Music Club" not in str(detail)


def test_submit_with_a_used_key_and_another_body_is_a_conflict_and_stores_nothing_more(directory):
    directory.submit(PROVIDER, "key-1", name="Wren Music Club")

    with pytest.raises(Conflict):
        directory.submit(PROVIDER, "key-1", name="Wren Singers")

    assert len(directory.requests.requests) == 1
    assert len(directory.events.published) == 1


def test_a_provider_not_linked_to_the_organisation_is_refused_and_nothing_is_stored(directory):
    with pytest.raises(Forbidden) as refused:
        directory.submit(STRANGER, "key-1", name="Wren Music Club")

    assert status_of(refused.value) == 403
    assert directory.requests.requests == {}
    assert directory.events.published == []


def test_an_officers_approval_updates_the_record_its_history_and_the_request_together(directory):
    # Given a submitted change
    submitted = directory.submit(PROVIDER, "key-1", name="Wren Music Club")

    # When an officer approves it
    decided = directory.decide(submitted.id, decision="approve")

    # Then the answer is the decided request with its diff, and the record moved on one version
    assert isinstance(decided, ChangeRequestView)
    assert decided.status == "approved"
    assert decided.applied_version == 4
    assert decided.record_version == 4
    assert [(o.field, o.outcome) for o in decided.outcomes] == [("name", "accepted")]
    stored = directory.records.get(directory.record.service.id)
    assert stored is not None
    assert stored.service.name == "Wren Music Club"
    assert stored.meta.record_version == 4
    [entry] = directory.requests.history(directory.record.service.id)
    assert (entry.request_id, entry.version_before, entry.version_after) == (submitted.id, 3, 4)
    assert directory.requests.requests[submitted.id].status == "approved"
    assert [detail_type for detail_type, _ in directory.events.published] == [
        change_requests.SUBMITTED,
        change_requests.DECIDED,
    ]


def test_a_decision_on_a_record_changed_meanwhile_applies_nothing(directory):
    # Given a submitted change, and another write to the record after the officer read it
    submitted = directory.submit(PROVIDER, "key-1", name="Wren Music Club")
    records = directory.records
    renamed = directory.record.model_copy(
        update={
            "service": directory.record.service.model_copy(update={"name": "Wren Choir"}),
            "meta": directory.record.meta.model_copy(update={"record_version": 4}),
        }
    )

    class ChangedAfterTheOfficerRead(InMemoryRecords):
        def get(self, service_id: UUID | str) -> ServiceRecord | None:
            read = records.get(service_id)
            records.records[renamed.service.id] = renamed  # someone else's write lands after this read
            return read

    # When the officer approves
    with pytest.raises(StaleWrite):
        change_requests.decide(
            OFFICER,
            submitted.id,
            DecisionSubmission(decision="approve"),
            requests=directory.requests,
            records=ChangedAfterTheOfficerRead(),
            events=directory.events,
        )

    # Then the record holds only the other write; no history, the request still open, no decision announced
    assert directory.records.get(directory.record.service.id) == renamed
    assert directory.requests.history(directory.record.service.id) == []
    assert directory.requests.requests[submitted.id].status == "submitted"
    assert [detail_type for detail_type, _ in directory.events.published] == [change_requests.SUBMITTED]
