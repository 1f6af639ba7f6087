"""The committed seed directory and the functions' lookup data: valid, consistent, fictional where it must be,
and exactly what `seed/generate.py` produces."""

from __future__ import annotations

import csv
import gzip
import hashlib
import importlib.util
import json
import re
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlparse

import pytest

from local_offer.models.oruk import TaxonomyWithTerms
from local_offer.models.records import PublishedService

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seed"
DIRECTORY = SEED / "directory"
DATA = ROOT / "functions" / "local_offer" / "data"
STATUSES = {"active", "temporarily closed", "inactive", "defunct"}
DRAMA_PHONE = re.compile(r"^(0191 498 0\d{3}|01632 960\d{3})$")
FICTIONAL_DOMAINS = (".example.org", ".example.sch.uk", ".example.nhs.uk")
POSTCODE = re.compile(r"^[A-Z]{1,2}\d{1,2}[A-Z]? \d[A-Z]{2}$")


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_generate", SEED / "generate.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def walk(value: Any, key: str = "") -> Iterator[tuple[str, Any]]:
    """Every (key, value) pair in a nested JSON value."""
    if isinstance(value, dict):
        for child_key, child in value.items():
            yield child_key, child
            yield from walk(child, child_key)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)


def physical_locations(record: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        sal["location"]
        for sal in record.get("service_at_locations", ())
        if sal.get("location", {}).get("location_type") == "physical"
    ]


def markers(record: dict[str, Any]) -> set[str]:
    return {
        attribute["taxonomy_term"]["term"]
        for attribute in record.get("attributes", ())
        if attribute["taxonomy_term"].get("taxonomy") == "local-offer-marker"
    }


@pytest.fixture(scope="module")
def lines() -> list[str]:
    with gzip.open(DIRECTORY / "services.ndjson.gz", "rt", encoding="utf-8") as handle:
        return handle.read().splitlines()


@pytest.fixture(scope="module")
def records(lines: list[str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def postcodes() -> dict[str, tuple[float, float, str]]:
    with gzip.open(DATA / "postcodes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle)
        return {row["postcode"]: (float(row["lat"]), float(row["lon"]), row["aap_id"]) for row in rows}


def test_services_file_has_3600_lines_each_exactly_a_published_service_dump(lines: list[str]) -> None:
    assert len(lines) == 3600
    for number, line in enumerate(lines, start=1):
        model = PublishedService.model_validate_json(line)
        dump = model.model_dump(mode="json", exclude_none=True)
        assert json.dumps(dump, ensure_ascii=False, sort_keys=True, separators=(",", ":")) == line, f"line {number}"


def test_service_ids_are_unique_uuids(records: list[dict[str, Any]]) -> None:
    ids = [record["id"] for record in records]
    assert len(set(ids)) == len(ids)
    assert all(str(uuid.UUID(value)) == value for value in ids)


def test_every_record_is_sample_data(records: list[dict[str, Any]]) -> None:
    assert all(record["local_offer"]["sample_data"] is True for record in records)
    assert all(record["local_offer"]["record_version"] == 1 for record in records)


def test_every_record_is_in_one_of_the_14_area_action_partnerships(records: list[dict[str, Any]]) -> None:
    local_areas = json.loads((DIRECTORY / "local_areas.json").read_text(encoding="utf-8"))
    aap_ids = {area["id"] for area in local_areas["local_areas"]}
    assert len(aap_ids) == 14
    assert local_areas["attribution"]
    assert "Local Networks" in local_areas["note"]
    used = Counter(record["local_offer"].get("local_area") for record in records)
    assert set(used) == aap_ids, "every record has a local area, and every AAP has services"


def test_physical_locations_are_at_real_county_durham_postcodes(
    records: list[dict[str, Any]], postcodes: dict[str, tuple[float, float, str]]
) -> None:
    seen: dict[str, dict[str, Any]] = {}
    count = 0
    for record in records:
        for location in physical_locations(record):
            count += 1
            (address,) = location["addresses"]
            assert address["postal_code"] in postcodes, (record["name"], address["postal_code"])
            lat, lon, _ = postcodes[address["postal_code"]]
            assert (location["latitude"], location["longitude"]) == (lat, lon)
            assert (address["state_province"], address["country"]) == ("County Durham", "GB")
            # A venue shared by several services is the same location everywhere.
            assert seen.setdefault(location["id"], location) == location
    assert count > 3000


def test_first_physical_location_sets_the_local_area(
    records: list[dict[str, Any]], postcodes: dict[str, tuple[float, float, str]]
) -> None:
    for record in records:
        locations = physical_locations(record)
        if locations:
            postcode = locations[0]["addresses"][0]["postal_code"]
            assert record["local_offer"]["local_area"] == postcodes[postcode][2], record["name"]


def test_every_school_is_present_with_its_send_information_report(records: list[dict[str, Any]]) -> None:
    with (SEED / "reference" / "county_durham_schools_2022.csv").open(encoding="utf-8", newline="") as handle:
        schools = {row["urn"]: row for row in csv.DictReader(handle)}
    by_urn = {
        identifier["identifier"]: record
        for record in records
        for identifier in record["organization"].get("organization_identifiers", ())
        if identifier["identifier_type"] == "URN" and record["name"] == record["organization"]["name"]
    }
    assert len(schools) >= 320
    assert set(by_urn) == set(schools)
    for urn, record in by_urn.items():
        url = record["local_offer"].get("send_information_report_url", "")
        assert re.fullmatch(r"https://[a-z0-9-]+\.example\.sch\.uk/send-information-report", url), (urn, url)
        assert record["name"] == schools[urn]["school_name"]
        assert url in record["description"]
        report = [a for a in record["attributes"] if a["taxonomy_term"]["term"] == "send-information-report"]
        assert [a.get("value") for a in report] == [url]
        assert (record["status"] == "defunct") == (schools[urn]["status"] == "closed")
    assert sum(1 for record in records if "send_information_report_url" in record["local_offer"]) == len(schools)


def test_status_mix_includes_all_four_statuses(records: list[dict[str, Any]]) -> None:
    statuses = Counter(record["status"] for record in records)
    assert set(statuses) == STATUSES
    assert 0.9 <= statuses["active"] / len(records) < 0.97
    for record in records:
        if record["status"] == "temporarily closed":
            assert record.get("alert"), record["name"]


def test_delivery_cost_and_dates_are_spread(records: list[dict[str, Any]]) -> None:
    county = [r for r in records if "county-wide" in markers(r)]
    online = [r for r in records if "online" in markers(r)]
    assert all(r["service_areas"][0]["name"] == "County Durham" for r in county)
    assert all(any(sal["location"]["location_type"] == "virtual" for sal in r["service_at_locations"]) for r in online)
    assert 0.05 < len(county) / len(records) < 0.11
    assert 0.05 < len(online) / len(records) < 0.10
    free = [r for r in records if "cost_options" not in r]
    assert all("free" in markers(r) for r in free)
    assert not any("free" in markers(r) for r in records if "cost_options" in r)
    assert 0.5 < len(free) / len(records) < 0.7
    verified = [r["local_offer"]["last_verified"] for r in records]
    assert min(verified) >= "2023-01-01"
    assert max(verified) < "2026-11-01"
    assert 0.25 < sum(v < "2025-11-01" for v in verified) / len(verified) < 0.75, "some records are stale"


def test_contact_details_are_fictional(records: list[dict[str, Any]]) -> None:
    for record in records:
        for key, value in walk(record):
            if key == "number":
                assert DRAMA_PHONE.match(value), value
            elif key in ("email", "assurer_email"):
                assert value.split("@")[1].endswith(FICTIONAL_DOMAINS), value
            elif key in ("url", "website", "send_information_report_url") or (key == "value" and "://" in value):
                assert (urlparse(value).hostname or "").endswith(FICTIONAL_DOMAINS), value


def test_attributes_use_the_published_taxonomies(records: list[dict[str, Any]]) -> None:
    document = json.loads((DIRECTORY / "taxonomies.json").read_text(encoding="utf-8"))
    assert document["attribution"]
    taxonomies = [TaxonomyWithTerms.model_validate(item) for item in document["taxonomies"]]
    names = {t.name for t in taxonomies}
    assert names == {"dfe-family-hubs-service-category", "sen-primary-need", "local-offer-marker"}
    terms = {str(term.id): term.to_json_dict() for t in taxonomies for term in t.taxonomy_terms or ()}
    with (SEED / "reference" / "dfe_family_hubs_service_taxonomy.csv").open(encoding="utf-8", newline="") as handle:
        assert {row["id"] for row in csv.DictReader(handle)} <= set(terms), "the DfE's own term ids"
    for record in records:
        counts: Counter[str] = Counter()
        for attribute in record["attributes"]:
            term = attribute["taxonomy_term"]
            assert terms[term["id"]] == term
            assert attribute["taxonomy_term_id"] == term["id"]
            assert attribute["link_id"] == record["id"]
            counts[term["taxonomy"]] += 1
        assert 1 <= counts["dfe-family-hubs-service-category"] <= 3, record["name"]
        assert counts["sen-primary-need"] <= 4, record["name"]


def test_landmarks_exist_exactly_once_and_are_active(records: list[dict[str, Any]]) -> None:
    landmarks = json.loads((DIRECTORY / "landmarks.json").read_text(encoding="utf-8"))["landmarks"]
    by_id = {record["id"]: record for record in records}
    names = Counter(record["name"] for record in records)
    assert len(landmarks) >= 20
    for landmark in landmarks:
        record = by_id[landmark["id"]]
        assert record["name"] == landmark["name"]
        assert names[landmark["name"]] == 1
        assert record["status"] == "active"
        assert "county-wide" in markers(record)
        assert landmark["queries"]
    assert {"SENDIASS County Durham", "Durham Family Information Service", "Short Breaks Service"} <= {
        landmark["name"] for landmark in landmarks
    }


def test_postcode_lookup_is_compact_and_normalised(postcodes: dict[str, tuple[float, float, str]]) -> None:
    assert (DATA / "postcodes.csv.gz").stat().st_size < 300_000
    assert len(postcodes) == 16_188
    assert all(POSTCODE.match(code) for code in postcodes)
    assert "DH1 1AB" in postcodes
    aaps = {aap for _, _, aap in postcodes.values()}
    assert len(aaps) == 14
    assert all(54.4 < lat < 55.0 and -2.4 < lon < -1.2 for lat, lon, _ in postcodes.values())


def test_outcodes_cover_the_county(postcodes: dict[str, tuple[float, float, str]]) -> None:
    with (DATA / "outcodes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["outcode", "lat", "lon", "primary_aap_id", "pct_in_county_durham"]
    outcodes = {row["outcode"] for row in rows}
    assert {code.split(" ")[0] for code in postcodes} <= outcodes
    assert all(0 <= float(row["pct_in_county_durham"]) <= 100 for row in rows)
    # Every district of the served postcode areas, the county's and its neighbours'.
    assert {row["outcode"].rstrip("0123456789") for row in rows} == {"DH", "DL", "SR", "TS", "NE"}
    assert all(bool(row["primary_aap_id"]) == (float(row["pct_in_county_durham"]) > 0) for row in rows)
    with (DATA / "sectors.csv").open(encoding="utf-8", newline="") as handle:
        sectors = {row["sector"] for row in csv.DictReader(handle)}
    assert {code[:-2] for code in postcodes} <= sectors
    assert {sector.split(" ")[0] for sector in sectors} <= outcodes
    assert (DATA / "ATTRIBUTION.txt").read_text(encoding="utf-8").count("Crown copyright") >= 1


def test_manifest_describes_the_committed_files() -> None:
    manifest = json.loads((DIRECTORY / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["sample_data"] is True
    assert manifest["attribution"]
    assert manifest["counts"]["services"] == 3600
    for entry in manifest["files"]:
        data = (ROOT / entry["path"]).read_bytes()
        if entry["path"].endswith(".gz"):
            data = gzip.decompress(data)
            assert hashlib.sha256(data).hexdigest() == entry["content_sha256"], entry["path"]
        else:
            assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]


def test_generator_reproduces_the_committed_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    generator = load_generator()
    assert generator.main(["--out", str(tmp_path / "directory"), "--data-out", str(tmp_path / "data")]) == 0
    capsys.readouterr()
    pairs = [(tmp_path / "directory" / path.name, path) for path in sorted(DIRECTORY.iterdir())]
    # The functions' data folder also holds files made elsewhere (the glossary, the OpenAPI document).
    generated_data = sorted(p.name for p in (tmp_path / "data").iterdir())
    pairs += [(tmp_path / "data" / name, DATA / name) for name in generated_data]
    assert sorted(p.name for p in (tmp_path / "directory").iterdir()) == sorted(p.name for p in DIRECTORY.iterdir())
    assert set(generated_data) <= {p.name for p in DATA.iterdir()}
    for fresh, committed in pairs:
        new, old = fresh.read_bytes(), committed.read_bytes()
        if committed.suffix == ".gz":
            # Compressed bytes depend on the zlib build, so compare the content, and check the header carries
            # no modification time or file name.
            assert new[3] == 0
            assert new[4:8] == b"\0\0\0\0"
            new, old = gzip.decompress(new), gzip.decompress(old)
        assert new == old, f"{committed.relative_to(ROOT)} is stale: run `.venv/bin/python seed/generate.py`"
