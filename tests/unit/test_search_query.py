"""The search request body and the ORUK page envelope."""

from __future__ import annotations

import json

import pytest

from local_offer.domain.search import ServiceSearch, build_query, results_page
from local_offer.models.api import page_envelope


def test_text_goes_to_multi_match_never_to_query_string_syntax() -> None:
    # Given search text full of query-string operators
    text = 'autism AND (name:* OR "x") ~2 \\ /re/ ^3'

    # When the query is built
    body = json.dumps(build_query(ServiceSearch(search=text)))

    # Then it is passed only as multi_match text
    assert "query_string" not in body
    assert "simple_query_string" not in body
    assert json.dumps(text)[1:-1] in body


def test_public_results_only_include_active_and_temporarily_closed() -> None:
    query = build_query(ServiceSearch())
    assert {"terms": {"status": ["active", "temporarily closed"]}} in query["query"]["bool"]["filter"]


def test_fields_are_boosted_name_over_organisation_over_terms_over_description() -> None:
    multi_match = build_query(ServiceSearch(search="salt"))["query"]["bool"]["must"][0]["bool"]["should"][0]
    assert multi_match["multi_match"]["fields"] == ["name^4", "organization_name^3", "taxonomy_terms^2", "description"]
    assert multi_match["multi_match"]["fuzziness"] == "AUTO"


def test_pages_are_numbered_from_one() -> None:
    query = build_query(ServiceSearch(page=3, per_page=20))
    assert (query["from"], query["size"]) == (40, 20)


@pytest.mark.parametrize(
    ("total", "page", "per_page", "size", "expected"),
    [
        (0, 1, 10, 0, {"total_pages": 0, "first_page": True, "last_page": True, "empty": True}),
        (25, 1, 10, 10, {"total_pages": 3, "first_page": True, "last_page": False, "empty": False}),
        (25, 3, 10, 5, {"total_pages": 3, "first_page": False, "last_page": True, "empty": False}),
        (25, 4, 10, 0, {"total_pages": 3, "first_page": False, "last_page": True, "empty": True}),
    ],
)
def test_page_envelope(total: int, page: int, per_page: int, size: int, expected: dict) -> None:
    envelope = page_envelope([{}] * size, total, page, per_page)
    assert {key: envelope[key] for key in expected} == expected
    assert (envelope["total_items"], envelope["page_number"], envelope["size"]) == (total, page, size)


def test_results_page_returns_the_stored_services_in_order() -> None:
    response = {
        "hits": {
            "total": {"value": 2},
            "hits": [{"_source": {"service": {"id": "a"}}}, {"_source": {"service": {"id": "b"}}}],
        }
    }
    page = results_page(response, ServiceSearch(per_page=2))
    assert [item["id"] for item in page["contents"]] == ["a", "b"]
    assert page["total_items"] == 2
