"""Search insights use cases: count a search or a vote (never failing the request), report terms to officers,
and advise providers on keywords.

Counting happens on the request's own path: the first page of a search with words is added to this
environment's buffer, written every few searches (see services/search_counter.py for why). Any failure is
logged, without the term, and swallowed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from local_offer.observability import logger

if TYPE_CHECKING:
    from local_offer.models.insights import KeywordAdvice, SearchInsights
    from local_offer.services.ports import MembershipStore, SearchCounts, SearchIndex


def _today() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def record_search(kind: str, text: str | None, total: int, top_services: Sequence[Mapping[str, Any]] = ()) -> None:
    """Count one search by its scrubbed term; never raises."""
    try:
        from local_offer.domain.insights import search_count
        from local_offer.services.search_counter import COUNTER

        count = search_count(kind, text, total, top_services, _today())  # type: ignore[arg-type]
        if count is not None:
            COUNTER.add(count)
    except Exception as exc:  # a count is a nicety: the search has its answer already
        logger.warning("search not counted", extra={"kind": kind, "error": type(exc).__name__})


def _counts() -> SearchCounts:
    from local_offer.repositories.insights import InsightsRepository

    return InsightsRepository()


def record_feedback(helpful: bool, counts: SearchCounts | None = None) -> None:
    """Count one FAQ vote for today; never raises (the vote itself is already stored)."""
    try:
        (counts or _counts()).count_feedback(_today(), helpful)
    except Exception as exc:
        logger.warning("feedback not counted by day", extra={"error": type(exc).__name__})


def search_report(start: dt.date | None, end: dt.date | None, counts: SearchCounts | None = None) -> SearchInsights:
    """`GET /insights/searches`: top and zero-result terms of the range, terms seen under 3 times left out."""
    from local_offer.domain.insights import date_range, search_report, totals

    start, end = date_range(start, end, _today())
    return search_report(totals((counts or _counts()).searches_between(start, end)), start, end)


def keyword_advice(
    subject: str,
    counts: SearchCounts | None = None,
    memberships: MembershipStore | None = None,
    index: SearchIndex | None = None,
) -> KeywordAdvice:
    """`GET /me/keyword-advice`: for each public service of the caller's organisations, the frequent search
    terms of the last 30 days whose top 10 results held services of its categories but never it."""
    from local_offer.domain.insights import DEFAULT_RANGE_DAYS, keyword_advice, totals
    from local_offer.models.insights import KeywordAdvice
    from local_offer.repositories.memberships import MembershipRepository

    links = (memberships or MembershipRepository()).organizations_of(subject)
    services = _public_services_of([str(link.organization_id) for link in links], index)
    end = _today()
    start = end - dt.timedelta(days=DEFAULT_RANGE_DAYS - 1)
    summed = totals((counts or _counts()).searches_between(start, end)) if services else {}
    return KeywordAdvice(from_=start, to=end, services=keyword_advice(summed, services))


# A provider organisation runs a handful of services; this bounds the read for an unusually large one.
MAX_SERVICES = 200


def _public_services_of(organization_ids: list[str], index: SearchIndex | None) -> list[dict[str, Any]]:
    """id, name and categories of the organisations' public services, from the search index (which holds
    exactly the public ones, with the categories searches are counted by)."""
    if not organization_ids:
        return []
    from local_offer.domain.directory_queries import organizations_services_query
    from local_offer.domain.indexing import CATEGORY_TAXONOMY
    from local_offer.domain.insights import service_categories
    from local_offer.repositories.search_index import SearchIndexRepository

    query = organizations_services_query(organization_ids, MAX_SERVICES)
    response = (index or SearchIndexRepository()).search(query)  # SearchUnavailable (503) when the engine fails
    services = [hit["_source"]["service"] for hit in response["hits"]["hits"]]
    return [
        {"id": s["id"], "name": s.get("name", ""), "categories": service_categories(s, CATEGORY_TAXONOMY)}
        for s in services
    ]
