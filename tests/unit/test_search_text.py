"""How search words become match clauses: content words, stop words, glossary concepts, typos and tiers."""

from __future__ import annotations

import json

from local_offer.domain.indexing import schedule_text, spoken_time
from local_offer.domain.places import lookup_postcode
from local_offer.domain.search import ServiceSearch, build_query
from local_offer.domain.search_text import search_terms, strong_query, text_query
from tests.factories import service_record
from tests.unit.test_search_query import multi_matches


def test_stop_words_are_dropped_and_content_words_kept() -> None:
    terms = search_terms("saturday club for disabled children near me")
    assert terms.content_words == ("saturday", "club")
    assert terms.concepts == ()


def test_a_time_typed_in_two_words_is_searched_as_indexed() -> None:
    assert search_terms("saturday 10 am").content_words == ("saturday", "10am")


def test_a_search_of_stop_words_only_still_searches_its_words() -> None:
    assert search_terms("help").content_words == ("help",)


def test_a_glossary_concept_is_one_unit_and_send_is_implied() -> None:
    terms = search_terms("SEND ASD support group")
    assert [match.entry.term for match in terms.concepts] == ["autism", "parent carer forum"]
    assert terms.content_words == ()
    assert terms.unit_count == 2


def test_every_unit_is_required_up_to_three_and_one_may_miss_from_four() -> None:
    def required(text: str) -> list[int]:
        found: list[int] = []

        def walk(node: object) -> None:
            if isinstance(node, dict):
                if "minimum_should_match" in node and len(node.get("should", [])) >= 2:
                    found.append(node["minimum_should_match"])
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for item in node:
                    walk(item)

        walk(text_query(text))
        return found

    assert 3 in required("trampoline judo archery")
    assert 3 in required("trampoline judo archery boccia")
    assert 4 not in required("trampoline judo archery boccia")


def test_concept_names_of_one_word_do_not_count_in_descriptions() -> None:
    # "sleep clinic" names the sleep concept; its other name "sleep" is everyday English in a description
    phrases = [clause for clause in multi_matches(text_query("sleep clinic")) if clause.get("type") == "phrase"]
    assert all("description" not in clause["fields"] for clause in phrases if clause["query"] == "sleep")
    assert any("description" in clause["fields"] for clause in phrases if clause["query"] == "sleep clinic")


def test_strong_matches_need_no_typos_and_not_the_description() -> None:
    body = json.dumps(strong_query("trampoline club"))
    assert "fuzziness" not in body
    assert "description" not in body
    assert "category_names" in body


def test_distance_sort_with_words_sorts_by_tier_then_reach_then_distance() -> None:
    place = lookup_postcode("DH1 3HN")
    body = build_query(ServiceSearch(search="autism support", place=place, sort="distance").validated())
    assert body["sort"][0] == {"_score": "desc"}
    assert body["sort"][1] == {"reach_rank": "asc"}
    assert "_geo_distance" in body["sort"][2]
    tiers = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert [tier["constant_score"]["boost"] for tier in tiers] == [2, 1]


def test_distance_sort_without_words_is_by_reach_then_distance() -> None:
    place = lookup_postcode("DH1 3HN")
    body = build_query(ServiceSearch(place=place, sort="distance").validated())
    assert body["sort"][0] == {"reach_rank": "asc"}


def test_times_are_indexed_as_written_and_as_typed() -> None:
    assert [spoken_time(clock) for clock in ("10:00", "13:30", "12:00", "00:15")] == [
        "10am",
        "1:30pm",
        "12pm",
        "12:15am",
    ]
    schedule = {"id": "6f1c2b1e-1111-4b2a-9a51-111111111111", "byday": "SA", "opens_at": "10:00"}
    text = schedule_text(service_record(schedules=[schedule]).service)
    assert "Saturday" in text
    assert "10:00" in text
    assert "10am" in text
