"""The search counter's buffer: counts of one term are added up, and written when enough have gathered or
the oldest has waited long enough."""

from __future__ import annotations

import datetime as dt

import pytest

from local_offer.models.search_counts import SearchCount
from local_offer.services.search_counter import SearchCounter

DAY = dt.date(2026, 12, 6)


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[SearchCount]:
    from local_offer.repositories.insights import InsightsRepository
    from local_offer.settings import get_settings

    monkeypatch.setenv("INSIGHTS_FLUSH_SEARCHES", "3")
    monkeypatch.setenv("INSIGHTS_FLUSH_SECONDS", "30")
    get_settings.cache_clear()
    writes: list[SearchCount] = []
    monkeypatch.setattr(InsightsRepository, "count_search", lambda self, count: writes.append(count))
    yield writes
    get_settings.cache_clear()


def count(term: str, zero: int = 0, ids: frozenset[str] = frozenset()) -> SearchCount:
    return SearchCount(day=DAY, kind="services", term=term, zero_results=zero, top_service_ids=ids)


def test_counts_of_a_term_are_added_up_and_written_once_enough_gathered(written):
    counter = SearchCounter(clock=lambda: 0.0)
    counter.add(count("autism", ids=frozenset({"a"})))
    counter.add(count("autism", ids=frozenset({"b"})))
    assert written == []
    counter.add(count("zzqx", zero=1))
    assert sorted((c.term, c.searches, c.zero_results, c.top_service_ids) for c in written) == [
        ("autism", 2, 0, frozenset({"a", "b"})),
        ("zzqx", 1, 1, frozenset()),
    ]


def test_the_first_search_after_the_oldest_count_is_30_seconds_old_writes_the_buffer(written):
    now = [0.0]
    counter = SearchCounter(clock=lambda: now[0])
    counter.add(count("autism"))
    now[0] = 29.0
    counter.add(count("respite"))
    assert written == []
    now[0] = 30.0
    counter.add(count("autism"))
    assert sorted((c.term, c.searches) for c in written) == [("autism", 2), ("respite", 1)]
