"""The census CSV parser: a good file is grouped by year and need; every rejection names its row and column;
the modelling splits county figures so the areas add up exactly."""

from __future__ import annotations

import csv
import io
import random
from pathlib import Path

import pytest

from local_offer.domain.census import COLUMNS, CensusFileError, apportion, parse_census_csv
from local_offer.models.errors import InvalidRequest

SEED_CENSUS = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"
AREAS = ("north", "south")


def csv_bytes(*rows: str, header: str = ",".join(COLUMNS)) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode()


GOOD = (
    "2025,county,ALL,10,0,published",
    "2025,north,ALL,6,0,modelled",
    "2025,south,ALL,4,0,modelled",
    "2025,county,ASD,7,0,published",
    "2025,north,ASD,4,0,modelled",
    "2025,south,ASD,3,0,modelled",
    "2025,county,SEMH,3,0,published",
    "2025,north,SEMH,2,0,modelled",
    "2025,south,SEMH,1,0,modelled",
)


def rejection(body: bytes) -> CensusFileError:
    with pytest.raises(CensusFileError) as rejected:
        parse_census_csv(body, "test.csv", AREAS)
    return rejected.value


def test_a_good_file_is_grouped_by_year_and_need():
    dataset = parse_census_csv(csv_bytes(*GOOD), "test.csv", AREAS)
    assert dataset.rows == 9
    assert dataset.years() == {"2025": ["ALL", "ASD", "SEMH"]}
    group = dataset.groups[(2025, "ASD")]
    assert group.county is not None
    assert group.county.ehc_plans == 7
    assert {area: counts.ehc_plans for area, counts in group.areas.items()} == {"north": 4, "south": 3}


def test_header_order_case_a_bom_and_a_missing_statements_column_are_accepted():
    header = "Basis,NEED,area_id,year,ehc_plans"
    rows = ("published,ALL,county,2024,5", "modelled,ALL,north,2024,2", "modelled,ALL,south,2024,3")
    dataset = parse_census_csv(b"\xef\xbb\xbf" + csv_bytes(*rows, header=header), "test.csv", AREAS)
    county = dataset.groups[(2024, "ALL")].county
    assert county is not None
    assert (county.ehc_plans, county.statements) == (5, 0)


def test_the_seed_census_is_valid_for_the_area_action_partnerships():
    from local_offer.domain.areas import load_area_set

    areas = [area.id for area in load_area_set("aap").areas]
    dataset = parse_census_csv(SEED_CENSUS.read_bytes(), "seed", areas)
    assert dataset.groups[(2025, "ALL")].county is not None
    assert "2016" in dataset.years()


def test_a_rejection_is_an_invalid_request_naming_the_column():
    error = rejection(csv_bytes("2025,county,ALL,ten,0,published"))
    assert isinstance(error, InvalidRequest)
    assert error.parameter == "ehc_plans"
    assert "row 2, column ehc_plans" in error.detail
    assert "nothing was loaded" in error.detail


@pytest.mark.parametrize(
    ("body", "row", "column"),
    [
        (b"", 1, "year"),
        (b"\n\n", 1, "year"),
        (csv_bytes(header="year,area_id,need,basis,statements"), 1, "ehc_plans"),
        (csv_bytes(header="year,area_id,need,ehc_plans,statements,basis,colour"), 1, "colour"),
        (csv_bytes(header="year,area_id,need,ehc_plans,ehc_plans,basis"), 1, "ehc_plans"),
        (csv_bytes(), 2, "year"),
        (csv_bytes("25,county,ALL,1,0,published"), 2, "year"),
        (csv_bytes("1999,county,ALL,1,0,published"), 2, "year"),
        (csv_bytes("2025,atlantis,ALL,1,0,published"), 2, "area_id"),
        (csv_bytes("2025,,ALL,1,0,published"), 2, "area_id"),
        (csv_bytes("2025,county,DYSLEXIA,1,0,published"), 2, "need"),
        (csv_bytes("2025,county,ALL,-1,0,published"), 2, "ehc_plans"),
        (csv_bytes("2025,county,ALL,1.5,0,published"), 2, "ehc_plans"),
        (csv_bytes("2025,county,ALL,,0,published"), 2, "ehc_plans"),
        (csv_bytes("2025,county,ALL,1,some,published"), 2, "statements"),
        (csv_bytes("2025,county,ALL,1,0,guessed"), 2, "basis"),
        (csv_bytes("2025,county,ALL,1,0"), 2, "basis"),
        (csv_bytes("2025,county,ALL,1,0,published,extra"), 2, "(column 7, beyond basis)"),
        (csv_bytes(*GOOD, "2025,north,ASD,4,0,modelled"), 11, "need"),
        (csv_bytes("2025,north,ALL,1,0,modelled", "2025,south,ALL,1,0,modelled"), 2, "area_id"),
        (csv_bytes("2025,county,ALL,2,0,published", "2025,north,ALL,2,0,modelled"), 2, "area_id"),
        (csv_bytes("2025,county,ALL,5,0,published", *GOOD[1:3]), 2, "ehc_plans"),
        (
            csv_bytes("2016,county,ALL,1,4,published", "2016,north,ALL,1,1,modelled", "2016,south,ALL,0,1,modelled"),
            2,
            "statements",
        ),
        (csv_bytes(*GOOD[:3], *GOOD[3:6]), 2, "ehc_plans"),  # ASD alone does not make up ALL
        (csv_bytes(*GOOD[3:]), 2, "need"),  # needs without an ALL figure
        (
            csv_bytes(
                *GOOD[:1],
                "2025,north,ALL,6,0,modelled",
                "2025,south,ALL,4,0,modelled",
                *GOOD[3:5],
                "2025,south,ASD,3,0,modelled",
                "2025,county,SEMH,3,0,published",
                "2025,north,SEMH,1,0,modelled",
                "2025,south,SEMH,2,0,modelled",
            ),
            3,
            "ehc_plans",
        ),  # north's needs add up to 5, its ALL says 6
    ],
)
def test_every_rejection_names_its_row_and_column(body, row, column):
    error = rejection(body)
    assert (error.row, error.column) == (row, column), error.detail
    assert f"row {row}, column {column}" in error.detail


def test_text_that_is_not_utf8_is_rejected_with_its_line():
    error = rejection(csv_bytes("2025,county,ALL,1,0,published", "2025,north,ALL,1,0,modelled") + b"\xff\xfe\n")
    assert (error.row, error.column) == (4, "(text)")


def test_every_problem_is_listed_up_to_a_limit():
    rows = [f"2025,county,ALL,x{i},0,published" for i in range(30)]
    error = rejection(csv_bytes(*rows))
    assert len(error.problems) == 20
    assert error.more == 10
    assert [problem.row for problem in error.problems] == list(range(2, 22))
    assert "and 29 more problems" in error.detail


def test_a_file_over_the_size_limit_is_rejected_before_parsing():
    from local_offer.domain.census import MAX_BYTES

    error = rejection(b"x" * (MAX_BYTES + 1))
    assert error.row == 1
    assert "bytes" in error.detail


def test_blank_lines_are_not_rows():
    dataset = parse_census_csv(csv_bytes(*GOOD[:2], "", *GOOD[2:3], ""), "test.csv", AREAS)
    assert dataset.rows == 3


@pytest.mark.parametrize("seed", range(25))
def test_apportion_always_adds_up_to_the_total(seed):
    generator = random.Random(seed)
    weights = {f"area{i}": generator.randint(0, 20_000) for i in range(generator.randint(1, 20))}
    weights["area0"] += 1  # a positive sum
    total = generator.randint(0, 10_000)
    parts = apportion(total, weights)
    assert sum(parts.values()) == total
    weight_sum = sum(weights.values())
    for key, part in parts.items():
        assert abs(part - total * weights[key] / weight_sum) < 1  # each part is its quota rounded up or down


def test_apportion_gives_the_remainder_to_the_largest_fractions():
    assert apportion(10, {"a": 1, "b": 1, "c": 1}) == {"a": 4, "b": 3, "c": 3}
    assert apportion(2, {"a": 1, "b": 3}) == {"a": 0, "b": 2}
    assert apportion(0, {"a": 1}) == {"a": 0}


def test_apportion_refuses_weights_that_cannot_split():
    with pytest.raises(ValueError, match="weights"):
        apportion(5, {"a": 0})
    with pytest.raises(ValueError, match="weights"):
        apportion(5, {})


def test_the_seed_models_every_county_figure_so_areas_add_up():
    rows = list(csv.DictReader(io.StringIO(SEED_CENSUS.read_text(encoding="utf-8"))))
    county = {(r["year"], r["need"]): r for r in rows if r["area_id"] == "county"}
    assert county, "the seed has county rows"
    assert {r["basis"] for r in county.values()} == {"published"}
    assert {r["basis"] for r in rows if r["area_id"] != "county"} == {"modelled"}
    for (year, need), total in county.items():
        areas = [r for r in rows if (r["year"], r["need"]) == (year, need) and r["area_id"] != "county"]
        assert len(areas) == 14
        for column in ("ehc_plans", "statements"):
            assert sum(int(r[column]) for r in areas) == int(total[column]), (year, need, column)
