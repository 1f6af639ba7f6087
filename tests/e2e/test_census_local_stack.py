"""Census by local area through `local-offer serve`: the stack loads a census CSV through the app's loader
at start-up and the API answers with per-area figures; a malformed CSV loaded into the running stack is
rejected whole and the API keeps answering with the figures it had; a stack given a malformed census
refuses to start and says which row and column are wrong."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.stack_process import running_stack

SEED_CENSUS = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"


def census_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(SEED_CENSUS.read_text(encoding="utf-8"))))


def to_csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A running stack with no services and the census CSV below (2024 and 2025 of the seed census)."""
    directory = tmp_path_factory.mktemp("census-stack")
    empty = directory / "services.ndjson"
    empty.write_text("")
    census = directory / "census-2024-2025.csv"
    census.write_bytes(to_csv([row for row in census_rows() if row["year"] in ("2024", "2025")]))
    with running_stack(directory, "--data", str(empty), "--census", str(census)) as state:
        yield state


@pytest.fixture
def app_environment(stack: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """This test process pointed at the stack's moto server, as the stack's functions are."""
    from local_offer.domain.areas import forget_area_sets
    from local_offer.repositories.clients import clear_caches

    for name, value in stack["environment"].items():
        monkeypatch.setenv(name, value)
    clear_caches()
    forget_area_sets()
    yield
    clear_caches()


def get(stack: dict[str, Any], path: str, **params: Any) -> requests.Response:
    return requests.get(f"{stack['api_url']}{path}", params=params, timeout=10)


def test_the_loaded_census_answers_with_per_area_figures(stack):
    response = get(stack, "/census", year=2025, need="SEMH")
    assert response.status_code == 200, response.text
    body = response.json()
    expected = {r["area_id"]: int(r["ehc_plans"]) for r in census_rows() if (r["year"], r["need"]) == ("2025", "SEMH")}
    assert body["county"]["ehc_plans"] == expected["county"]
    assert {area["area"]["id"]: area["ehc_plans"] for area in body["areas"]} == {
        area_id: count for area_id, count in expected.items() if area_id != "county"
    }
    assert body["modelled"] is True
    assert body["source"]["file"] == "census-2024-2025.csv"
    # The local adapter sends no X-Forwarded-Proto, so links say https like API Gateway's do.
    assert body["method"]["url"].split("://")[1] == f"{stack['api_url'].split('://')[1]}/census/method"
    assert get(stack, "/census/method").json()["basis"] == "modelled"


def test_areas_and_the_postcode_lookup_are_served(stack):
    areas = get(stack, "/areas").json()
    assert areas["total_items"] == 14
    found = get(stack, "/areas/lookup", postcode="DH1 1AB").json()
    census = get(stack, f"/areas/{found['area']['id']}/census").json()
    assert census["year"] == 2025
    assert census["years"] == [2024, 2025]
    assert census["area"]["id"] == "durham"


def test_a_malformed_census_is_rejected_whole_and_the_api_keeps_its_figures(stack, app_environment):
    from local_offer.domain.census import CensusFileError
    from local_offer.services.census import load_census_csv

    before = get(stack, "/census", year=2025).json()
    rows = census_rows()
    rows[5]["area_id"] = "atlantis"

    with pytest.raises(CensusFileError) as rejected:
        load_census_csv(to_csv(rows), "malformed.csv")

    assert (rejected.value.row, rejected.value.column) == (7, "area_id")
    after = get(stack, "/census", year=2025).json()
    assert after == before


def test_a_good_census_loaded_into_the_running_stack_replaces_the_figures(stack, app_environment):
    from local_offer.services.census import load_census_csv

    result = load_census_csv(SEED_CENSUS.read_bytes(), "ehcp_by_local_area.csv")

    body = get(stack, "/census", year=2016).json()
    assert body["source"]["dataset_version"] == result.dataset_version
    assert body["county"]["ehc_plans"] + body["county"]["statements"] == 2574


def test_serve_refuses_a_malformed_census_naming_row_and_column(tmp_path):
    rows = census_rows()
    rows[2]["ehc_plans"] = "many"
    census = tmp_path / "bad.csv"
    census.write_bytes(to_csv(rows))
    empty = tmp_path / "services.ndjson"
    empty.write_text("")
    with (
        pytest.raises(AssertionError) as failed,
        running_stack(tmp_path, "--data", str(empty), "--census", str(census)),
    ):
        pass
    assert "row 4, column ehc_plans" in str(failed.value)
    assert "nothing was loaded" in str(failed.value)
