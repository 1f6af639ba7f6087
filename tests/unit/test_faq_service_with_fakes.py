"""The FAQ service driven through its ports (services/ports.py) with in-memory fakes: no table, no engine."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from uuid import UUID, uuid4

import pytest

from local_offer.handlers.http import status_of  # imported at collection: the tracer opens a socket on import
from local_offer.models.errors import Conflict, NotFound, SearchUnavailable, StaleWrite, TooManyRequests
from local_offer.models.faqs import FaqContent, FaqItem, FeedbackRequest
from local_offer.models.identity import Principal
from local_offer.repositories.rate_limits import RateLimitExceeded
from local_offer.services import faqs
from local_offer.services.ports import FaqStore, RateLimiter, SearchIndex

OFFICER = Principal(subject="officer-1", groups=frozenset({"officers"}))


class InMemoryFaqs:
    """A FaqStore keeping every version in a dict; `save` is conditional on the current version like the table's."""

    def __init__(self) -> None:
        self.versions: dict[UUID, list[FaqItem]] = {}
        self.votes: dict[UUID, list[bool]] = {}
        self.steal_next_write = False  # simulate another officer's write landing between read and save

    def get(self, faq_id: UUID | str) -> FaqItem | None:
        found = self.versions.get(UUID(str(faq_id)))
        return found[-1] if found else None

    def save(self, item: FaqItem, expected_version: int) -> None:
        current = self.get(item.id)
        if self.steal_next_write or (current.version if current else 0) != expected_version:
            raise StaleWrite(f"FAQ item {item.id} changed meanwhile; read it again and reapply the change")
        self.versions.setdefault(item.id, []).append(item)

    def history(self, faq_id: UUID | str) -> list[FaqItem]:
        return list(self.versions.get(UUID(str(faq_id)), []))

    def version(self, faq_id: UUID | str, version: int) -> FaqItem | None:
        return next((item for item in self.history(faq_id) if item.version == version), None)

    def count_feedback(self, faq_id: UUID | str, helpful: bool) -> tuple[int, int]:
        votes = self.votes.setdefault(UUID(str(faq_id)), [])
        votes.append(helpful)
        return votes.count(True), votes.count(False)


class RefusingLimiter:
    def hit(self, action: str, client: str, limit: int, window_seconds: int) -> int:
        raise RateLimitExceeded(42)


class DownIndex:
    def search(self, body: Mapping[str, Any]) -> dict[str, Any]:
        raise SearchUnavailable("FAQ search is temporarily unavailable; please try again shortly")


def _content(question: str = "How do I ask for an EHC needs assessment?") -> FaqContent:
    return FaqContent(
        question=question,
        answer="Write to the SEND team.",
        topic="Funding",
        audience=["parents"],
        alternate_phrasings=[
            "Where do I apply for an EHC assessment?",
            "Who assesses a child for an EHC plan?",
            "How do I start an EHCP?",
        ],
    )


def _store() -> FaqStore:
    return InMemoryFaqs()


# mypy checks the fakes against the ports here: a fake that drifts from its Protocol fails `make typecheck`.
_PORTS: tuple[FaqStore, RateLimiter, SearchIndex] = (InMemoryFaqs(), RefusingLimiter(), DownIndex())


def test_create_then_edit_writes_a_second_version_through_the_store() -> None:
    # Given an item created through the service
    store = InMemoryFaqs()
    created = faqs.create_faq(_content(), OFFICER, repository=store)
    faq_id = created.id
    # When an officer edits version 1
    edited = faqs.edit_faq(faq_id, _content("How do I ask for an assessment?"), 1, OFFICER, repository=store)
    # Then version 2 is current and both versions are kept
    assert edited.version == 2
    assert [item.version for item in store.history(faq_id)] == [1, 2]
    assert faqs.list_versions(faq_id, repository=store).versions[1].question == "How do I ask for an assessment?"


def test_an_edit_based_on_an_old_version_is_a_conflict_and_writes_nothing() -> None:
    store = _store()
    faq_id = faqs.create_faq(_content(), OFFICER, repository=store).id
    faqs.edit_faq(faq_id, _content("A first edit of the question?"), 1, OFFICER, repository=store)
    with pytest.raises(Conflict, match="is at version 2, not 1"):
        faqs.edit_faq(faq_id, _content("A late edit of the question?"), 1, OFFICER, repository=store)
    assert len(store.history(faq_id)) == 2


def test_a_write_overtaken_between_read_and_save_surfaces_as_stale_write() -> None:
    # Given another write lands after the service read the item
    store = InMemoryFaqs()
    faq_id = faqs.create_faq(_content(), OFFICER, repository=store).id
    store.steal_next_write = True
    # When the officer retires it, Then the store's StaleWrite (a 409 Conflict) reaches the caller unchanged
    with pytest.raises(StaleWrite, match="changed meanwhile") as raised:
        faqs.retire_faq(faq_id, OFFICER, repository=store)
    assert isinstance(raised.value, Conflict)
    assert [item.status for item in store.history(faq_id)] == ["published"]


def test_feedback_past_the_limit_is_refused_and_counts_nothing() -> None:
    store = InMemoryFaqs()
    faq_id = faqs.create_faq(_content(), OFFICER, repository=store).id
    with pytest.raises(TooManyRequests, match="try again in 42 seconds"):
        faqs.record_feedback(
            faq_id, FeedbackRequest(helpful=True), "client", repository=store, rate_limits=RefusingLimiter()
        )
    assert store.votes == {}


def test_feedback_on_an_unknown_item_is_not_found() -> None:
    with pytest.raises(NotFound):
        faqs.record_feedback(uuid4(), FeedbackRequest(helpful=False), "client", repository=_store())


def test_topics_when_the_engine_is_down_is_search_unavailable() -> None:
    with pytest.raises(SearchUnavailable, match="FAQ search is temporarily unavailable"):
        faqs.list_topics(index=DownIndex())


def test_the_one_error_map_answers_a_stale_write_409_and_an_engine_failure_503() -> None:
    assert status_of(StaleWrite("FAQ item changed meanwhile")) == HTTPStatus.CONFLICT
    assert status_of(SearchUnavailable("Search is temporarily unavailable")) == HTTPStatus.SERVICE_UNAVAILABLE
