"""Area sets are data plus one setting: a second set (here two made-up networks) changes which areas exist,
which area a postcode is in, and which area ids a census CSV may use."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from local_offer.domain import areas
from local_offer.domain.census import CensusFileError, parse_census_csv
from local_offer.models.errors import InvalidRequest, NotFound
from local_offer.settings import get_settings

SEED_CENSUS = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"


def network_set() -> dict[str, object]:
    def area(area_id: str, name: str) -> dict[str, object]:
        return {"id": area_id, "name": name, "short_name": name, "centre": {"lat": 54.7, "lon": -1.6}}

    return {
        "id": "networks",
        "name": "Local Networks",
        "status": "current",
        "note": "Two networks for a test.",
        "areas": [area("city", "City Network"), area("coast", "Coast Network")],
        "postcode_lookup": {"file": "networks_postcodes.csv", "column": "network_id"},
        "outcode_lookup": {"file": "networks_outcodes.csv", "column": "network_id"},
        "modelling": {"description": "children", "source": "test", "population": {"city": 3, "coast": 1}},
        "attribution": ["test data"],
    }


@pytest.fixture
def networks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """LOCAL_AREA_SET=networks, with its files in a data directory of their own."""
    (tmp_path / "area_set_networks.json").write_text(json.dumps(network_set()))
    (tmp_path / "networks_postcodes.csv").write_text("postcode,network_id\nDH1 1AB,city\nSR8 1AD,coast\n")
    (tmp_path / "networks_outcodes.csv").write_text("outcode,network_id\nDH1,city\n")
    monkeypatch.setattr(areas, "DATA_DIR", tmp_path)
    monkeypatch.setenv("LOCAL_AREA_SET", "networks")
    get_settings.cache_clear()
    areas.forget_area_sets()
    yield tmp_path
    get_settings.cache_clear()
    areas.forget_area_sets()


def test_the_default_set_is_the_fourteen_area_action_partnerships(monkeypatch):
    monkeypatch.delenv("LOCAL_AREA_SET", raising=False)
    get_settings.cache_clear()
    area_set = areas.current_area_set()
    assert area_set.id == "aap"
    assert len(area_set.areas) == 14
    assert areas.area_for_postcode(area_set, "DH1 1AB").area.id == "durham"


def test_the_setting_switches_the_areas_and_the_postcode_mapping(networks):
    area_set = areas.current_area_set()
    assert [area.id for area in area_set.areas] == ["city", "coast"]
    assert areas.area_for_postcode(area_set, "dh1 1ab").area.id == "city"
    outward = areas.area_for_postcode(area_set, "DH1")
    assert (outward.precision, outward.area.id) == ("district", "city")
    with pytest.raises(NotFound, match="city, coast"):
        areas.find_area(area_set, "durham")


def test_a_county_durham_postcode_in_no_area_of_the_set_is_400_naming_postcode(networks):
    with pytest.raises(InvalidRequest) as refused:
        areas.area_for_postcode(areas.current_area_set(), "DH1 1AD")
    assert refused.value.parameter == "postcode"


def test_a_census_for_another_area_set_is_rejected_naming_the_area_column(networks):
    area_ids = [area.id for area in areas.current_area_set().areas]
    with pytest.raises(CensusFileError) as rejected:
        parse_census_csv(SEED_CENSUS.read_bytes(), "aap.csv", area_ids)
    assert (rejected.value.row, rejected.value.column) == (3, "area_id")


def test_a_set_named_in_the_settings_without_a_file_is_a_deployment_error(monkeypatch):
    monkeypatch.setenv("LOCAL_AREA_SET", "nowhere")
    get_settings.cache_clear()
    areas.forget_area_sets()
    with pytest.raises(areas.AreaSetMissing, match=r"area_set_nowhere\.json"):
        areas.current_area_set()
    get_settings.cache_clear()
