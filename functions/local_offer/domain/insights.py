"""Search insights: what a counted search term looks like, and what officers and providers may read of them.

A search is counted by day as its normalised term only: lowercased, whitespace collapsed, and anything that
could point at a person (a full postcode, a postcode sector, an e-mail address, a long number such as a phone
number) replaced by a placeholder. No address, no user, no session is ever kept with a count.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from local_offer.models.errors import InvalidRequest
from local_offer.models.insights import KeywordSuggestion, SearchInsights, ServiceKeywordAdvice, TermCount
from local_offer.models.search_counts import SearchCount, SearchKind

# Terms seen fewer times than this in a range are never shown (a rare term can identify the family who typed it).
MIN_TERM_COUNT = 3
# The longest range one insights request may cover, in days (from and to included).
MAX_RANGE_DAYS = 366
DEFAULT_RANGE_DAYS = 30
# How many results of a search count as "reached the top" for keyword advice.
TOP_RESULTS = 10
MAX_TERM_LENGTH = 200
TOP_TERMS = 50

EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
# A full UK postcode (DH1 3LE, dh13le) and a postcode sector (DH1 3): outward code, then the inward digit.
FULL_POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s*\d[a-z]{2}\b")
POSTCODE_SECTOR = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?\s+\d\b")
# Six or more digits, perhaps spaced or dashed: a phone number, a reference, a date of birth written out.
LONG_NUMBER = re.compile(r"\+?\d(?:[\s-]?\d){5,}")
WHITESPACE = re.compile(r"\s+")


def normalise_term(text: str | None) -> str:
    """The term a search is counted under ("" when there is nothing to count)."""
    term = WHITESPACE.sub(" ", (text or "").lower()).strip()
    term = EMAIL.sub("<email>", term)
    term = FULL_POSTCODE.sub("<postcode>", term)
    term = POSTCODE_SECTOR.sub("<postcode>", term)
    term = LONG_NUMBER.sub("<number>", term)
    return term[:MAX_TERM_LENGTH].strip()


def service_categories(service: Mapping[str, Any], category_taxonomy: str) -> set[str]:
    """`<term id>|<name>` of a published service's category taxonomy terms (its `attributes`)."""
    categories = set()
    for attribute in service.get("attributes") or ():
        term = attribute.get("taxonomy_term") or {}
        if term.get("taxonomy") == category_taxonomy and term.get("id") and term.get("name"):
            categories.add(f"{term['id']}|{term['name']}")
    return categories


def search_count(
    kind: SearchKind, text: str | None, total: int, top_services: Sequence[Mapping[str, Any]], today: dt.date
) -> SearchCount | None:
    """What to count for a search (None when it had no words left to count)."""
    term = normalise_term(text)
    if not term:
        return None
    top = top_services[:TOP_RESULTS]
    categories: set[str] = set()
    if top:
        from local_offer.domain.indexing import CATEGORY_TAXONOMY

        categories = {category for service in top for category in service_categories(service, CATEGORY_TAXONOMY)}
    return SearchCount(
        day=today,
        kind=kind,
        term=term,
        zero_results=int(total == 0),
        top_service_ids=frozenset(str(service["id"]) for service in top if service.get("id")),
        top_categories=frozenset(categories),
    )


# ---- reading ------------------------------------------------------------------------------------------


def date_range(start: dt.date | None, end: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """The (from, to) of a request: by default the last 30 days; 400 when from is after to, to is in the
    future or the range is longer than MAX_RANGE_DAYS."""
    end = end or today
    start = start or end - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if start > end:
        raise InvalidRequest(f"from ({start}) is after to ({end})", "from")
    if end > today:
        raise InvalidRequest(f"to ({end}) is in the future", "to")
    days = (end - start).days + 1
    if days > MAX_RANGE_DAYS:
        raise InvalidRequest(f"from {start} to {end} covers {days} days; at most {MAX_RANGE_DAYS} are allowed", "from")
    return start, end


@dataclass
class TermTotals:
    """A term's counts summed over a range."""

    kind: str
    term: str
    searches: int = 0
    zero_results: int = 0
    top_service_ids: set[str] = field(default_factory=set)
    top_categories: set[str] = field(default_factory=set)


def totals(items: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], TermTotals]:
    """Sum daily count items (`kind`, `term`, `searches`, `zero_results`, optional sets) per (kind, term)."""
    summed: dict[tuple[str, str], TermTotals] = {}
    for item in items:
        key = (str(item["kind"]), str(item["term"]))
        entry = summed.setdefault(key, TermTotals(kind=key[0], term=key[1]))
        entry.searches += int(item.get("searches", 0))
        entry.zero_results += int(item.get("zero_results", 0))
        entry.top_service_ids.update(item.get("top_services") or ())
        entry.top_categories.update(item.get("top_categories") or ())
    return summed


def frequent(summed: Mapping[tuple[str, str], TermTotals]) -> list[TermTotals]:
    """Terms seen at least MIN_TERM_COUNT times, most searched first (then by term)."""
    kept = [entry for entry in summed.values() if entry.searches >= MIN_TERM_COUNT]
    return sorted(kept, key=lambda entry: (-entry.searches, entry.kind, entry.term))


def search_report(summed: Mapping[tuple[str, str], TermTotals], start: dt.date, end: dt.date) -> SearchInsights:
    """`GET /insights/searches`: top terms and zero-result terms, rare terms suppressed."""
    kept = frequent(summed)
    zero = sorted((e for e in kept if e.zero_results), key=lambda e: (-e.zero_results, e.kind, e.term))
    return SearchInsights(
        from_=start,
        to=end,
        min_count=MIN_TERM_COUNT,
        searches=sum(entry.searches for entry in summed.values()),
        suppressed_terms=len(summed) - len(kept),
        top_terms=[_row(entry) for entry in kept[:TOP_TERMS]],
        zero_result_terms=[_row(entry) for entry in zero[:TOP_TERMS]],
    )


def _row(entry: TermTotals) -> TermCount:
    return TermCount(
        term=entry.term,
        kind=entry.kind,
        searches=entry.searches,
        zero_results=entry.zero_results,
    )


def keyword_advice(
    summed: Mapping[tuple[str, str], TermTotals], services: Sequence[Mapping[str, Any]]
) -> list[ServiceKeywordAdvice]:
    """For each of a provider's services (`id`, `name`, `categories`): the frequent directory terms whose top
    results included services of one of its categories while it was never among them, most searched first."""
    directory_terms = [entry for entry in frequent(summed) if entry.kind == "services"]
    advice = []
    for service in services:
        own = set(service.get("categories") or ())
        suggestions = [
            KeywordSuggestion(
                term=entry.term,
                searches=entry.searches,
                categories=sorted(category.partition("|")[2] for category in own & entry.top_categories),
            )
            for entry in directory_terms
            if own & entry.top_categories and str(service["id"]) not in entry.top_service_ids
        ]
        advice.append(
            ServiceKeywordAdvice(service_id=service["id"], name=service.get("name", ""), keywords=suggestions)
        )
    return advice
