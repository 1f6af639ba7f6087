"""What the services need of their repositories, as Protocols: a service takes any object that does this
(the real repository by default), so tests can drive a service with an in-memory fake."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

if TYPE_CHECKING:  # annotations only: a handler importing a service need not build these models
    from pydantic import BaseModel

    from local_offer.models.change_requests import ChangeRequest, HistoryEntry, Origin, RequestStatus
    from local_offer.models.faqs import FaqItem
    from local_offer.models.insights import Entry
    from local_offer.models.memberships import Membership
    from local_offer.models.notifications import NotificationPreferences
    from local_offer.models.records import ServiceRecord
    from local_offer.models.resources import ResourceRecord


class SearchIndex(Protocol):
    """A search index behind its alias; raises SearchUnavailable when the engine cannot answer."""

    def search(self, body: Mapping[str, Any]) -> dict[str, Any]: ...


class FaqStore(Protocol):
    """FAQ items with every version kept, and their feedback counts; `save` raises StaleWrite when the
    current version is no longer `expected_version`."""

    def get(self, faq_id: UUID | str) -> FaqItem | None: ...

    def save(self, item: FaqItem, expected_version: int) -> None: ...

    def history(self, faq_id: UUID | str) -> list[FaqItem]: ...

    def version(self, faq_id: UUID | str, version: int) -> FaqItem | None: ...

    def count_feedback(self, faq_id: UUID | str, helpful: bool) -> tuple[int, int]: ...


class RateLimiter(Protocol):
    """Counts a client's requests per window; `hit` raises RateLimitExceeded (counting nothing) past `limit`."""

    def hit(self, action: str, client: str, limit: int, window_seconds: int) -> int: ...


class ResourceStore(Protocol):
    """The resource catalogue; `create` and `replace` raise StaleWrite when the stored record is not the one
    expected (an existing id, another revision)."""

    def get(self, resource_id: UUID | str) -> ResourceRecord | None: ...

    def create(self, record: ResourceRecord) -> None: ...

    def replace(self, record: ResourceRecord, expected_revision: int) -> None: ...

    def published(self) -> Iterator[ResourceRecord]: ...


# A page of change requests and the cursor of the next one (None on the last).
RequestPage = tuple[list["ChangeRequest"], str | None]


class ChangeRequestStore(Protocol):
    """Change requests and the history of applied changes. `replace` and `apply` raise StaleWrite when the
    request (or the record) is no longer in the state expected; `apply` then writes nothing at all."""

    def get(self, request_id: UUID | str) -> ChangeRequest | None: ...

    def add(self, request: ChangeRequest) -> None: ...

    def contact_email(self, request_id: UUID | str) -> str | None: ...

    def replace(self, request: ChangeRequest, expected_status: RequestStatus) -> None: ...

    def queue(
        self,
        status: RequestStatus,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        origin: Origin | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage: ...

    def suggestions_about(
        self,
        organization_id: UUID,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage: ...

    def submitted_by(
        self,
        subject: str,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> RequestPage: ...

    def history(self, service_id: UUID | str) -> list[HistoryEntry]: ...

    def apply(
        self,
        request: ChangeRequest,
        record: ServiceRecord | None,
        history: HistoryEntry | None,
        expected_record_version: int,
    ) -> None: ...


class RecordStore(Protocol):
    """Service records; `put` with `expected_version` raises StaleWrite when the stored version differs (0: the
    record must not exist yet). `due_verification` pages record summaries (id, name, organization_id, status,
    last_modified, last_verified) last confirmed before `cutoff`, with the key to continue from."""

    def get(self, service_id: UUID | str) -> ServiceRecord | None: ...

    def put(self, record: ServiceRecord, expected_version: int | None = None) -> None: ...

    def due_verification(
        self, cutoff: dt.datetime, limit: int, start: Mapping[str, Any] | None = None
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]: ...


class MembershipStore(Protocol):
    """Links between provider users and organisations."""

    def is_member(self, subject: UUID | str, organization_id: UUID | str) -> bool: ...

    def organizations_of(self, subject: UUID | str) -> list[Membership]: ...

    def members_of(self, organization_id: UUID | str) -> list[Membership]: ...

    def link(self, subject: UUID, organization_id: UUID, added_by: str) -> tuple[Membership, bool]: ...

    def unlink(self, subject: UUID, organization_id: UUID) -> bool: ...


class EventSink(Protocol):
    """The directory's event bus: each detail is a model (ChangeRequestEvent, VerificationDue); a failed event
    is logged, never raised (what it reports is already stored). `publish_many` returns how many were accepted."""

    def publish(self, detail_type: str, detail: BaseModel) -> None: ...

    def publish_many(self, detail_type: str, details: Iterable[BaseModel]) -> int: ...


class EntryStore(Protocol):
    """ "You said, we did" entries; `put` raises StaleWrite when the stored version is not `expected_version`
    (None: the entry must not exist yet)."""

    def get(self, entry_id: UUID | str) -> Entry | None: ...

    def put(self, entry: Entry, expected_version: int | None) -> None: ...

    def published(self, limit: int, cursor: str | None) -> tuple[list[Entry], str | None]: ...


class SearchCounts(Protocol):
    """Searches and FAQ votes counted by day: daily count items (`kind`, `term`, `searches`, `zero_results`,
    `top_services`, `top_categories`) and vote totals over a range of days."""

    def count_feedback(self, day: dt.date, helpful: bool) -> None: ...

    def searches_between(self, start: dt.date, end: dt.date) -> Iterator[dict[str, Any]]: ...

    def feedback_between(self, start: dt.date, end: dt.date) -> tuple[int, int]: ...


# How many corrections the public suggested from the first day to the last (both included, UTC days).
SuggestionCounter = Callable[[dt.date, dt.date], int]


class NotificationStore(Protocol):
    """A user's notification preferences, and the one-per-sweep marks of reminders sent (`claim_reminder` is
    False when this run's mark is already there)."""

    def preferences(self, subject: str) -> NotificationPreferences: ...

    def save_preferences(self, subject: str, preferences: NotificationPreferences, now: dt.datetime) -> None: ...

    def claim_reminder(self, subject: str, run: str, now: dt.datetime) -> bool: ...

    def release_reminder(self, subject: str, run: str) -> None: ...


class AddressBook(Protocol):
    """A user's e-mail address by their subject (None when they have none)."""

    def email_of(self, subject: UUID | str) -> str | None: ...
