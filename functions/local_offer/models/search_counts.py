"""One search as it is counted (kept apart from the API models so the search path imports nothing heavy)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

SearchKind = Literal["services", "faqs"]


@dataclass(frozen=True)
class SearchCount:
    """One search to count: its day, kind, normalised term, whether it found nothing, and (directory
    searches) the ids and categories of its top results."""

    day: dt.date
    kind: SearchKind
    term: str
    zero_results: bool
    top_service_ids: frozenset[str] = frozenset()
    top_categories: frozenset[str] = frozenset()
