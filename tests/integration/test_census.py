"""Census by local area on moto: the CSV loader writes a dataset version and flips the pointer; AreaFunction
answers /areas, /areas/lookup, /areas/{id}/census, /census and /census/method through the local API's event
shape. A bad file changes nothing."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_devstack_fixtures import get

SEED_CENSUS = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"


def seed_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SEED_CENSUS.read_text(encoding="utf-8"))))


def to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.fixture
def loaded(aws: Any) -> Any:
    """The seed census loaded through the loader."""
    from local_offer.services.census import load_census_csv

    return load_census_csv(SEED_CENSUS.read_bytes(), "seed/census/ehcp_by_local_area.csv")


def test_loading_the_seed_census_reports_what_it_stored(loaded):
    assert loaded.area_set == "aap"
    assert loaded.areas == 14
    assert loaded.rows == len(seed_rows())
    assert loaded.replaced_version is None
    assert loaded.years["2025"][0] == "ALL"
    assert "ASD" in loaded.years["2025"]
    assert loaded.years["2016"] == ["ALL"]


def test_county_figure_is_published_and_areas_are_modelled_and_add_up(loaded, template):
    # When the county's 2025 autism figure is asked for
    response = get(template, "/census?year=2025&need=ASD")

    # Then the county figure is the DfE's and every area's figure is labelled modelled
    assert response["status"] == 200, response
    body = response["body"]
    county = next(r for r in seed_rows() if r["year"] == "2025" and r["area_id"] == "county" and r["need"] == "ASD")
    assert body["county"]["ehc_plans"] == int(county["ehc_plans"])
    assert body["county"]["basis"] == "published"
    assert body["modelled"] is True
    assert body["method"]["url"].endswith("/census/method")
    assert {area["basis"] for area in body["areas"]} == {"modelled"}
    assert len(body["areas"]) == 14
    assert sum(area["ehc_plans"] for area in body["areas"]) == body["county"]["ehc_plans"]


def test_census_defaults_to_the_latest_year_and_all_needs(loaded, template):
    body = get(template, "/census")["body"]
    latest = max(int(year) for year in loaded.years)
    assert (body["year"], body["need"]) == (latest, "ALL")


def test_an_areas_census_lists_each_need_and_the_needs_add_up(loaded, template):
    body = get(template, "/areas/durham/census?year=2025")["body"]
    assert body["area"]["id"] == "durham"
    assert body["modelled"] is True
    assert body["basis"] == "modelled"
    needs = {figure["need"]: figure["ehc_plans"] for figure in body["figures"]}
    assert needs["ALL"] == sum(count for need, count in needs.items() if need != "ALL")
    assert {figure["basis"] for figure in body["figures"]} == {"modelled"}


def test_2016_figures_carry_statements_as_well_as_plans(loaded, template):
    body = get(template, "/census?year=2016")["body"]
    assert body["county"]["statements"] > 0
    assert body["county"]["total"] == body["county"]["ehc_plans"] + body["county"]["statements"]
    assert sum(area["statements"] for area in body["areas"]) == body["county"]["statements"]


def test_unknown_year_and_need_are_400_listing_the_valid_values(loaded, template):
    year = get(template, "/census?year=2009")
    assert year["status"] == 400
    assert year["body"]["errors"][0]["parameter"] == "year"
    assert "2016" in year["body"]["detail"]
    assert "2025" in year["body"]["detail"]

    need = get(template, "/census?year=2016&need=ASD")
    assert need["status"] == 400
    assert need["body"]["errors"][0]["parameter"] == "need"
    assert "ALL" in need["body"]["detail"]

    nonsense = get(template, "/census?year=2025&need=XYZ")
    assert nonsense["status"] == 400
    assert "SEMH" in nonsense["body"]["detail"]

    area_year = get(template, "/areas/durham/census?year=1999")
    assert area_year["status"] == 400


def test_unknown_area_is_404(loaded, template):
    assert get(template, "/areas/atlantis")["status"] == 404
    response = get(template, "/areas/atlantis/census")
    assert response["status"] == 404
    assert "durham" in response["body"]["detail"]


def test_before_any_load_census_is_404_and_areas_still_answer(aws, template):
    assert get(template, "/census")["status"] == 404
    areas = get(template, "/areas")["body"]
    assert areas["total_items"] == 14
    assert areas["area_set"]["id"] == "aap"


def test_a_malformed_file_is_rejected_whole_and_the_figures_do_not_change(loaded, template):
    from local_offer.domain.census import CensusFileError
    from local_offer.repositories.census import CensusRepository
    from local_offer.services.census import load_census_csv

    before = get(template, "/census?year=2025&need=ALL")["body"]
    rows = seed_rows()
    rows[-1]["ehc_plans"] = "lots"  # the last row: every row before it is fine

    with pytest.raises(CensusFileError) as rejected:
        load_census_csv(to_csv(rows), "bad.csv")

    assert (rejected.value.row, rejected.value.column) == (len(rows) + 1, "ehc_plans")
    assert get(template, "/census?year=2025&need=ALL")["body"] == before
    assert CensusRepository().versions() == [loaded.dataset_version]


def test_a_second_load_replaces_the_figures_and_keeps_one_previous_version(loaded, template):
    from local_offer.repositories.census import CensusRepository
    from local_offer.services.census import load_census_csv

    rows = [row for row in seed_rows() if row["year"] == "2025" and row["need"] == "ALL"]
    second = load_census_csv(to_csv(rows), "only-2025.csv")
    third = load_census_csv(to_csv(rows), "only-2025-again.csv")

    assert second.replaced_version == loaded.dataset_version
    assert third.replaced_version == second.dataset_version
    assert get(template, "/census")["body"]["source"]["file"] == "only-2025-again.csv"
    assert get(template, "/census?year=2016")["status"] == 400
    assert CensusRepository().versions() == sorted([second.dataset_version, third.dataset_version])


def test_a_load_that_loses_the_race_leaves_the_winner_current(loaded, template):
    from local_offer.models.errors import Conflict
    from local_offer.repositories.census import CensusRepository
    from local_offer.services.census import load_census_csv

    class Racing(CensusRepository):
        """Another load becomes current between this load's read of the pointer and its flip."""

        def write_version(self, result, figures):
            count = super().write_version(result, figures)
            rows = [row for row in seed_rows() if row["year"] == "2024"]
            load_census_csv(to_csv(rows), "winner.csv")
            return count

    with pytest.raises(Conflict):
        load_census_csv(SEED_CENSUS.read_bytes(), "loser.csv", repository=Racing())

    assert get(template, "/census")["body"]["source"]["file"] == "winner.csv"
    assert len(CensusRepository().versions()) == 2  # the winner and the seed it replaced; the loser's is gone


def test_postcode_lookup_names_the_area(aws, template):
    body = get(template, "/areas/lookup?postcode=dh1%201ab")["body"]
    assert body["postcode"] == "DH1 1AB"
    assert body["area"]["id"] == "durham"
    assert body["precision"] == "postcode"
    assert body["area_url"].endswith("/areas/durham")

    outward = get(template, "/areas/lookup?postcode=SR8")["body"]
    assert outward["precision"] == "district"
    assert outward["area"]["id"] == "ed"

    unlisted = get(template, "/areas/lookup?postcode=dh15zz")["body"]
    assert (unlisted["postcode"], unlisted["precision"], unlisted["area"]["id"]) == ("DH1 5ZZ", "sector", "durham")


@pytest.mark.parametrize("postcode", ["not a postcode", "NE1 4ST", "SW1A 1AA", "DH20 1AA"])
def test_a_malformed_or_outside_postcode_is_400_naming_postcode(aws, template, postcode):
    from urllib.parse import quote

    response = get(template, f"/areas/lookup?postcode={quote(postcode)}")
    assert response["status"] == 400
    assert response["body"]["errors"][0]["parameter"] == "postcode"


def test_a_missing_postcode_is_400_naming_postcode(aws, template):
    response = get(template, "/areas/lookup")
    assert response["status"] == 400
    assert response["body"]["errors"][0]["parameter"] == "postcode"


def test_method_lists_every_areas_population_base(aws, template):
    body = get(template, "/census/method")["body"]
    assert body["basis"] == "modelled"
    assert len(body["areas"]) == 14
    assert abs(sum(area["share"] for area in body["areas"]) - 1) < 0.001
    assert all(area["population"] > 0 for area in body["areas"])


def test_area_figures_a_file_marks_published_are_not_labelled_modelled(aws, template):
    from local_offer.services.census import load_census_csv

    rows = [row for row in seed_rows() if row["year"] == "2025" and row["need"] == "ALL"]
    for row in rows:
        row["basis"] = "published"
    load_census_csv(to_csv(rows), "counted-by-area.csv")

    body = get(template, "/census")["body"]
    assert (body["modelled"], body["basis"]) == (False, "published")
    assert {area["basis"] for area in body["areas"]} == {"published"}
    area = get(template, "/areas/stanley/census")["body"]
    assert (area["modelled"], area["basis"]) == (False, "published")
