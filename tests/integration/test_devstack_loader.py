"""devstack.loader: a data file is validated whole, then written through the repository."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from devstack.loader import DataFileError, load_services
from tests.factories import service_json


def write_ndjson(path: Path, services: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(service) + "\n" for service in services), encoding="utf-8")
    return path


def stored_ids(aws: Any) -> set[str]:
    table = aws.session.resource("dynamodb").Table(aws.name("RecordsTable"))
    return {item["id"] for item in table.scan()["Items"]}


def with_latitude(service: dict[str, Any], latitude: float) -> dict[str, Any]:
    service["service_at_locations"][0]["location"]["latitude"] = latitude
    return service


def test_an_ndjson_file_is_loaded_with_progress(aws, tmp_path):
    services = [service_json(f"Service {i}") for i in range(5)]
    path = write_ndjson(tmp_path / "services.ndjson", services)
    progress: list[tuple[int, int]] = []

    count = load_services(path, progress=lambda done, total: progress.append((done, total)))

    assert count == 5
    assert stored_ids(aws) == {service["id"] for service in services}
    assert progress[-1] == (5, 5)


def test_a_gzipped_json_array_is_loaded(aws, tmp_path):
    services = [service_json(f"Service {i}") for i in range(3)]
    path = tmp_path / "services.json.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        json.dump(services, handle)

    assert load_services(path) == 3
    assert stored_ids(aws) == {service["id"] for service in services}


def test_a_malformed_record_names_file_index_and_field_and_nothing_is_loaded(aws, tmp_path):
    # Given a file whose third record (index 2) has an impossible latitude
    services = [service_json(f"Service {i}") for i in range(4)]
    with_latitude(services[2], 95)
    path = write_ndjson(tmp_path / "services.ndjson", services)

    # When it is loaded
    with pytest.raises(DataFileError) as raised:
        load_services(path)

    # Then the error names the file, the 0-based record index and the field with pydantic's reason
    message = str(raised.value)
    assert message.startswith(f"{path}: record 2 (0-based, line 3): service_at_locations.0.location.latitude: ")
    assert "less than or equal to 90" in message
    # And the valid records before it were not written either
    assert stored_ids(aws) == set()


def test_every_invalid_record_is_counted_in_a_json_array(aws, tmp_path):
    services = [service_json(f"Service {i}") for i in range(5)]
    services[1]["status"] = "open"
    del services[3]["name"]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")

    with pytest.raises(DataFileError) as raised:
        load_services(path)

    message = str(raised.value)
    assert f"{path}: record 1 (0-based): status: Input should be 'active'" in message
    assert "1 more invalid records: 3" in message
    assert stored_ids(aws) == set()


def test_invalid_json_on_a_line_is_reported_with_its_record(aws, tmp_path):
    path = tmp_path / "services.ndjson"
    path.write_text(json.dumps(service_json()) + "\n{not json\n", encoding="utf-8")

    with pytest.raises(DataFileError, match=r"services.ndjson: record 1 \(0-based, line 2\): .*Invalid JSON"):
        load_services(path)
    assert stored_ids(aws) == set()


def test_a_repeated_id_is_refused(aws, tmp_path):
    first = service_json("First")
    path = write_ndjson(tmp_path / "services.ndjson", [first, service_json("Second", id=first["id"])])

    with pytest.raises(DataFileError, match=rf"record 1 \(0-based, line 2\): id: {first['id']} repeats record 0"):
        load_services(path)


def test_a_missing_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match=r"missing\.ndjson: cannot read"):
        load_services(tmp_path / "missing.ndjson")
