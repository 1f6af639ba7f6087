"""Placing postcodes: every well-formed postcode of the served areas gets a point and says how precise it is."""

from __future__ import annotations

import subprocess
import sys

import pytest

from local_offer.domain.places import (
    SERVED_AREAS,
    PostcodeNotPlaced,
    find_postcode_in_text,
    lookup_postcode,
)
from local_offer.domain.search import ServiceSearch, search_context
from local_offer.models.errors import InvalidRequest


@pytest.mark.parametrize("typed", ["DH1 3HN", "dh1 3hn", "dh13hn", "  DH1   3HN ", "Dh1 3hN", "DH13HN"])
def test_a_listed_postcode_typed_any_way_a_parent_types_it_is_placed_exactly(typed: str) -> None:
    place = lookup_postcode(typed)
    assert (place.postcode, place.precision, place.local_area) == ("DH1 3HN", "postcode", "durham")


def test_an_unlisted_postcode_falls_back_to_its_sector_centroid() -> None:
    place = lookup_postcode("DH1 5ZZ")
    sector = lookup_postcode("DH1 5ZY")
    assert (place.postcode, place.precision, place.sector) == ("DH1 5ZZ", "sector", "DH1 5")
    assert (place.latitude, place.longitude) == (sector.latitude, sector.longitude)
    # The sector centroid is not the district's: the fallback is as precise as the data allows.
    assert (place.latitude, place.longitude) != (lookup_postcode("DH1").latitude, lookup_postcode("DH1").longitude)


def test_a_postcode_whose_sector_is_unknown_falls_back_to_its_district_centroid() -> None:
    place = lookup_postcode("DH1 6ZZ")  # DH1 has no sector 6
    district = lookup_postcode("DH1")
    assert (place.precision, place.district) == ("district", "DH1")
    assert (place.latitude, place.longitude) == (district.latitude, district.longitude)


def test_an_outward_code_is_placed_at_its_district() -> None:
    place = lookup_postcode("sr8")
    assert (place.postcode, place.precision, place.local_area) == ("SR8", "district", "ed")


@pytest.mark.parametrize(
    ("typed", "precision"),
    [("DL3 7AA", "sector"), ("DL3", "district"), ("NE1 4ST", "sector"), ("TS1 2AA", "sector"), ("SR1", "district")],
)
def test_postcodes_over_the_county_border_are_placed_without_a_local_area(typed: str, precision: str) -> None:
    place = lookup_postcode(typed)
    assert place.precision == precision
    assert place.local_area is None
    assert 54.0 < place.latitude < 55.5
    assert -2.5 < place.longitude < -0.5


@pytest.mark.parametrize("typed", ["SW1A 1AA", "YO1 7HH", "CA1"])
def test_a_postcode_outside_the_served_areas_is_refused_naming_the_areas(typed: str) -> None:
    with pytest.raises(PostcodeNotPlaced) as refused:
        lookup_postcode(typed)
    assert refused.value.parameter == "postcode"
    assert "DH, DL, SR, TS and NE" in refused.value.detail
    assert set(SERVED_AREAS) == {"DH", "DL", "SR", "TS", "NE"}


def test_a_district_that_does_not_exist_is_refused() -> None:
    with pytest.raises(PostcodeNotPlaced, match="DH20 1AA is not in a known postcode district"):
        lookup_postcode("DH20 1AA")


@pytest.mark.parametrize("typed", ["hello", "D", "12345", "DH1 3H"])
def test_text_not_shaped_like_a_postcode_is_refused_as_invalid(typed: str) -> None:
    with pytest.raises(InvalidRequest, match="not a valid UK postcode"):
        lookup_postcode(typed, "postcode")


@pytest.mark.parametrize(
    ("text", "postcode", "precision", "rest"),
    [
        ("autism DH1 3HN", "DH1 3HN", "postcode", "autism"),
        ("autism dh13hn groups", "DH1 3HN", "postcode", "autism groups"),
        ("short breaks DH1  5zz", "DH1 5ZZ", "sector", "short breaks"),
        ("swimming ne1", "NE1", "district", "swimming"),
    ],
)
def test_a_postcode_among_the_search_words_is_placed_and_taken_out(
    text: str, postcode: str, precision: str, rest: str
) -> None:
    found = find_postcode_in_text(text)
    assert found is not None
    assert found.place is not None
    assert (found.postcode, found.place.precision, found.rest) == (postcode, precision, rest)


def test_a_full_postcode_among_the_words_that_cannot_be_placed_is_reported() -> None:
    found = find_postcode_in_text("autism SW1A 1AA")
    assert found is not None
    assert (found.postcode, found.place, found.rest) == ("SW1A 1AA", None, "autism")
    assert found.reason
    assert "DH, DL, SR, TS and NE" in found.reason


def test_outward_code_shaped_words_outside_the_served_areas_are_left_as_words() -> None:
    assert find_postcode_in_text("KS2 maths support") is None


def test_the_search_reports_an_unplaced_postcode_and_searches_the_other_words() -> None:
    params = ServiceSearch(search="autism SW1A 1AA").validated()
    assert (params.search, params.place) == ("autism", None)
    context = search_context(params)
    assert context["postcode_not_placed"]["postcode"] == "SW1A 1AA"
    assert "outside the areas" in context["postcode_not_placed"]["detail"]
    assert "searched_from" not in context


def test_the_search_says_how_precisely_the_postcode_was_placed() -> None:
    params = ServiceSearch(search="autism DH1 5ZZ").validated()
    searched_from = search_context(params)["searched_from"]
    assert (searched_from["postcode"], searched_from["precision"], searched_from["from_search_text"]) == (
        "DH1 5ZZ",
        "sector",
        True,
    )


def test_postcode_data_is_read_on_first_use_not_at_import() -> None:
    code = (
        "import local_offer.handlers.search, local_offer.domain.places as places;"
        "print(places._postcodes.cache_info().currsize, places._centroids.cache_info().currsize)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split() == ["0", "0"]


def test_a_postcode_among_the_words_serves_proximity_and_distance_sort() -> None:
    params = ServiceSearch(search="autism DH1 3HN", proximity=5000, sort="distance").validated()
    assert params.place is not None
    assert (params.place.postcode, params.radius, params.search) == ("DH1 3HN", 5000, "autism")


def test_distance_sort_refused_for_want_of_a_postcode_says_why_the_typed_one_was_not_placed() -> None:
    with pytest.raises(InvalidRequest) as refused:
        ServiceSearch(search="autism SW1A 1AA", sort="distance").validated()
    assert refused.value.parameter == "sort"
    assert "SW1A 1AA is outside the areas" in refused.value.detail
