"""Census by local area through `local-offer serve`: the stack publishes its census CSV as a `census` resource
(presigned upload to moto's S3, the bucket event, the publisher, the census loader) and the API answers with
per-area figures; a malformed CSV published into the running stack is refused whole and the API keeps
answering with the figures it had; a stack given a malformed census refuses to start, naming row and column.

The officer's step (creating the resource) calls the resource service with the stack's environment, as the
stack's own seeding does: the local API has no sign-in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.stack_process import running_stack, wait_until

SEED_CENSUS = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"
PUBLISH_TIMEOUT = 20


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


def publish(path: Path) -> Any:
    """Publish a census CSV into the running stack; returns the resource record once the publisher decided."""
    from devstack.resource_seed import upload_census
    from local_offer.repositories.resources import ResourceRepository

    resource_id = upload_census(path)
    repository = ResourceRepository()

    def decided() -> Any:
        record = repository.get(resource_id)
        return record if record is not None and record.last_outcome is not None else None

    return wait_until(decided, PUBLISH_TIMEOUT, "the publisher")


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
    # The figures came from the census resource the stack published.
    resource_id = body["source"]["file"].split()[1]
    resource = get(stack, f"/resources/{resource_id}").json()
    assert resource["topics"] == ["census"]
    assert resource["file_name"] == "census-2024-2025.csv"
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


def test_a_malformed_census_is_refused_whole_and_the_api_keeps_its_figures(stack, app_environment, tmp_path):
    before = get(stack, "/census", year=2025).json()
    rows = census_rows()
    rows[5]["area_id"] = "atlantis"
    malformed = tmp_path / "malformed.csv"
    malformed.write_bytes(to_csv(rows))

    record = publish(malformed)

    assert record.published is False
    assert record.last_outcome.status == "refused"
    assert "row 7, column area_id" in record.last_outcome.reason
    assert get(stack, "/census", year=2025).json() == before
    assert get(stack, f"/resources/{record.id}").status_code == 404


def test_a_good_census_published_into_the_running_stack_replaces_the_figures(stack, app_environment):
    record = publish(SEED_CENSUS)

    assert record.published is True
    body = get(stack, "/census", year=2016).json()
    assert body["source"]["file"] == f"resource {record.id} v1"
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
