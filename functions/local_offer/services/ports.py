"""What the services need of their repositories, as Protocols: a service takes any object that does this
(the real repository by default), so tests can drive a service with an in-memory fake."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, Protocol
from uuid import UUID

if TYPE_CHECKING:  # annotations only: a handler importing a service need not build these models
    from local_offer.models.faqs import FaqItem
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
