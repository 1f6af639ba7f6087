"""Search insights rules: how a term is normalised and scrubbed, which ranges are allowed, what is suppressed,
and which keywords a provider is advised to add."""

from __future__ import annotations

import datetime as dt

import pytest

from local_offer.domain.insights import (
    MAX_RANGE_DAYS,
    date_range,
    keyword_advice,
    normalise_term,
    search_count,
    search_report,
    totals,
)
from local_offer.models.errors import InvalidRequest

TODAY = dt.date(2026, 12, 6)
MINE = "7c0b5c1e-1d2f-4a8b-9e3c-5f6a7b8c9d0e"  # the provider's service
CATEGORY = "dfe-family-hubs-service-category"


def service(service_id: str, *categories: tuple[str, str]) -> dict:
    return {
        "id": service_id,
        "name": f"Service {service_id}",
        "attributes": [{"taxonomy_term": {"id": i, "name": n, "taxonomy": CATEGORY}} for i, n in categories],
    }


@pytest.mark.parametrize(
    ("typed", "counted"),
    [
        ("  Autism   Support\tGroups ", "autism support groups"),
        ("speech therapy DH1 3LE", "speech therapy <postcode>"),
        ("speech therapy dh13le", "speech therapy <postcode>"),
        ("sensory play SR7 9", "sensory play <postcode>"),
        ("help jane.doe@example.org please", "help <email> please"),
        ("call 0191 383 3000", "call <number>"),
        ("swimming DH1", "swimming dh1"),
    ],
)
def test_normalise_term_lowercases_collapses_and_scrubs_personal_details(typed, counted):
    assert normalise_term(typed) == counted


def test_a_search_of_only_spaces_is_not_counted():
    assert search_count("services", "   ", 0, [], TODAY) is None


def test_search_count_keeps_the_top_ten_ids_and_their_categories():
    top = [service(str(n), ("c1", "Short breaks")) for n in range(12)]
    count = search_count("services", "Short Breaks", 40, top, TODAY)
    assert count is not None
    assert count.term == "short breaks"
    assert not count.zero_results
    assert count.top_service_ids == {str(n) for n in range(10)}
    assert count.top_categories == {"c1|Short breaks"}


def test_date_range_defaults_to_the_last_thirty_days():
    assert date_range(None, None, TODAY) == (TODAY - dt.timedelta(days=29), TODAY)


@pytest.mark.parametrize(
    ("start", "end", "parameter"),
    [
        (dt.date(2026, 12, 5), dt.date(2026, 12, 1), "from"),
        (dt.date(2026, 12, 1), dt.date(2026, 12, 7), "to"),
        (TODAY - dt.timedelta(days=MAX_RANGE_DAYS), TODAY, "from"),
    ],
)
def test_date_range_refuses_reversed_future_and_over_long_ranges(start, end, parameter):
    with pytest.raises(InvalidRequest) as refused:
        date_range(start, end, TODAY)
    assert refused.value.parameter == parameter


def test_a_range_of_exactly_366_days_is_allowed():
    start = TODAY - dt.timedelta(days=MAX_RANGE_DAYS - 1)
    assert date_range(start, TODAY, TODAY) == (start, TODAY)


def day_item(term: str, searches: int, zero: int = 0, kind: str = "services", **sets: list[str]) -> dict:
    return {"kind": kind, "term": term, "searches": searches, "zero_results": zero, **sets}


def test_report_suppresses_terms_seen_fewer_than_three_times_over_the_range():
    items = [
        day_item("autism", 2),
        day_item("autism", 1),  # three over two days: shown
        day_item("my sons name", 2, zero=2),  # two: suppressed, even though it found nothing
        day_item("wheelchair swimming", 4, zero=3),
        day_item("wheelchair swimming", 1, kind="faqs"),  # another kind, counted apart: suppressed
    ]
    report = search_report(totals(items), TODAY, TODAY)
    assert [(row.term, row.searches) for row in report.top_terms] == [
        ("wheelchair swimming", 4),
        ("autism", 3),
    ]
    assert [row.term for row in report.zero_result_terms] == ["wheelchair swimming"]
    assert report.suppressed_terms == 2
    assert report.searches == 10


def test_advice_names_frequent_terms_of_the_services_category_that_it_never_reached_the_top_for():
    items = [
        day_item("short breaks", 5, top_services=["other"], top_categories=["c1|Short breaks"]),
        day_item("respite", 4, top_services=[MINE, "other"], top_categories=["c1|Short breaks"]),  # it ranks
        day_item("speech therapy", 9, top_services=["clinic"], top_categories=["c2|Health"]),  # not its category
        day_item("holiday club", 2, top_services=["other"], top_categories=["c1|Short breaks"]),  # too rare
    ]
    mine = {"id": MINE, "name": "Kestrel Breaks", "categories": {"c1|Short breaks"}}
    [advice] = keyword_advice(totals(items), [mine])
    assert str(advice.service_id) == MINE
    assert [keyword.model_dump() for keyword in advice.keywords] == [
        {"term": "short breaks", "searches": 5, "categories": ["Short breaks"]}
    ]
