"""The search request body and the ORUK page envelope."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from local_offer.domain.places import lookup_postcode
from local_offer.domain.search import ServiceSearch, build_query, did_you_mean, results_page, search_context
from local_offer.models.errors import InvalidRequest
from local_offer.models.pages import page_envelope


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


def multi_matches(query: object) -> list[dict]:
    """Every multi_match clause anywhere in a query."""
    found: list[dict] = []
    if isinstance(query, dict):
        for key, value in query.items():
            if key == "multi_match":
                found.append(value)
            found.extend(multi_matches(value))
    elif isinstance(query, list):
        for item in query:
            found.extend(multi_matches(item))
    return found


def test_fields_are_boosted_name_over_organisation_over_terms_over_description() -> None:
    clauses = multi_matches(build_query(ServiceSearch(search="salty"))["query"])
    fuzzy = next(clause for clause in clauses if clause.get("fuzziness") and "description" in clause["fields"])
    exact = next(clause for clause in clauses if not clause.get("fuzziness") and "name^5" in clause["fields"])
    boosts = {field.split("^")[0]: float(field.partition("^")[2] or 1) for field in exact["fields"]}
    assert boosts["name"] > boosts["organization_name"] > boosts["taxonomy_terms"] > boosts["description"]
    # A typo-tolerant match weighs far less than an exact one, and never changes a word's first two letters.
    assert fuzzy["boost"] < 1
    assert fuzzy["prefix_length"] == 2


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


def test_glossary_adds_the_concepts_other_names_as_phrases() -> None:
    clauses = multi_matches(build_query(ServiceSearch(search="SALT"))["query"])
    phrases = {clause["query"] for clause in clauses if clause.get("type") == "phrase"}
    assert "speech and language therapy" in phrases


def filter_clauses(**params) -> str:
    return json.dumps(build_query(ServiceSearch(**params).validated())["query"]["bool"]["filter"])


def test_filters_are_added_only_for_given_parameters() -> None:
    assert "need_codes" not in filter_clauses()
    assert '"need_codes": "ASD"' in filter_clauses(need="asd")
    assert '"local_area": "stanley"' in filter_clauses(local_area="Stanley")
    assert '"sessions.day": "MO"' in filter_clauses(day="monday")
    assert '"has_cost_options": false' in filter_clauses(free=True)


def test_age_filter_treats_a_missing_bound_as_open() -> None:
    clauses = filter_clauses(age=7)
    assert '"minimum_age": {"lte": 7}' in clauses
    assert '"maximum_age": {"gte": 7}' in clauses
    assert clauses.count('"must_not": {"exists"') == 2


def test_postcode_search_keeps_county_wide_and_online_services() -> None:
    clauses = filter_clauses(place=lookup_postcode("DH1 1AB"), proximity=5000)
    assert '"distance": "5000m"' in clauses
    assert '"reach": ["county-wide", "online"]' in clauses


def test_a_postcode_without_proximity_applies_no_distance_filter_but_still_sorts_by_distance() -> None:
    # ORUK 3.0: filter by distance only when `proximity` is given.
    params = ServiceSearch(search="short breaks", place=lookup_postcode("DL12 0AA"))
    body = build_query(replace(params, sort="distance").validated())
    assert "geo_distance" not in json.dumps(body["query"])
    assert any("_geo_distance" in clause for clause in body["sort"] if isinstance(clause, dict))
    assert search_context(params.validated())["searched_from"]["proximity_metres"] is None


def test_a_postcode_typed_among_the_words_becomes_the_place() -> None:
    params = ServiceSearch(search="autism dh1 1ab").validated()
    assert params.place is not None
    assert params.place.postcode == "DH1 1AB"
    assert params.text == "autism"
    assert params.postcode_from_text


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"proximity": 500}, "proximity"),
        ({"sort": "distance"}, "sort"),
        ({"minimum_age": 10, "maximum_age": 5}, "minimum_age"),
        ({"start_time": "18:00", "end_time": "09:00"}, "start_time"),
        ({"day": "someday"}, "day"),
        ({"need": "XYZ"}, "need"),
    ],
)
def test_parameter_combinations_that_make_no_sense_name_the_parameter(params: dict, parameter: str) -> None:
    with pytest.raises(InvalidRequest) as caught:
        ServiceSearch(**params).validated()
    assert caught.value.parameter == parameter


def test_unknown_local_area_is_refused_when_the_areas_are_known() -> None:
    with pytest.raises(InvalidRequest, match="local_area must be one of"):
        ServiceSearch(local_area="atlantis").validated(frozenset({"durham", "stanley"}))


def test_nothing_found_suggests_a_spelling_correction_and_fewer_filters() -> None:
    params = ServiceSearch(search="dyslexa supprt", need="SPLD").validated()
    suggestions = did_you_mean(params, ["dyslexia", "support", "speech"])
    assert {"search": "dyslexia support", "reason": "spelling"} in suggestions
    assert any(s["reason"].startswith("remove filters: need") for s in suggestions)


def test_words_naming_a_glossary_concept_are_not_matched_fuzzily() -> None:
    clauses = multi_matches(build_query(ServiceSearch(search="EHC plan"))["query"])
    assert not [clause for clause in clauses if clause.get("fuzziness")]
