"""What the services need of their repositories, as Protocols: a service takes any object that does this
(the real repository by default), so tests can drive a service with an in-memory fake."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol
from uuid import UUID

from local_offer.models.faqs import FaqItem


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
