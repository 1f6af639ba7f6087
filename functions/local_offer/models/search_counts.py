"""One search as it is counted (kept apart from the API models so the search path imports nothing heavy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

SearchKind = Literal["services", "faqs"]


@dataclass(frozen=True)
class SearchCount:
    """Searches of one term on one day, to add to its counter: how many, how many found nothing, and
    (directory searches) the ids and categories among their top results."""

    day: dt.date
    kind: SearchKind
    term: str
    zero_results: int
    searches: int = 1
    top_service_ids: frozenset[str] = frozenset()
    top_categories: frozenset[str] = frozenset()

    def plus(self, other: SearchCount) -> SearchCount:
        """This count and another of the same day, kind and term, as one."""
        return SearchCount(
            day=self.day,
            kind=self.kind,
            term=self.term,
            zero_results=self.zero_results + other.zero_results,
            searches=self.searches + other.searches,
            top_service_ids=self.top_service_ids | other.top_service_ids,
            top_categories=self.top_categories | other.top_categories,
        )
