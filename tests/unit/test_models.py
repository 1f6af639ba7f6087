"""ORUK models: ids are UUIDs, empty fields are omitted, unknown fields and bad values are refused."""

from __future__ import annotations

import json
import uuid

import pytest
from pydantic import ValidationError

from local_offer.models.oruk import Service
from local_offer.models.records import PublishedService
from tests.factories import service_json


def test_service_json_omits_empty_optional_fields() -> None:
    # Given a service with no url, email or schedules
    service = Service.model_validate({"id": str(uuid.uuid4()), "name": "Drop-in", "status": "active"})

    # When it is written as ORUK JSON
    data = service.to_json_dict()

    # Then no field is null and the empty ones are absent
    assert "null" not in json.dumps(data)
    assert set(data) == {"id", "name", "status"}


def test_service_refuses_an_id_that_is_not_a_uuid() -> None:
    with pytest.raises(ValidationError) as caught:
        Service.model_validate({"id": "42", "name": "Drop-in", "status": "active"})
    assert caught.value.errors()[0]["loc"] == ("id",)


def test_service_refuses_unknown_fields_and_statuses() -> None:
    base = {"id": str(uuid.uuid4()), "name": "Drop-in"}
    with pytest.raises(ValidationError):
        Service.model_validate({**base, "status": "closed"})
    with pytest.raises(ValidationError) as caught:
        Service.model_validate({**base, "status": "active", "colour": "blue"})
    assert caught.value.errors()[0]["loc"] == ("colour",)


def test_nested_location_coordinates_are_range_checked() -> None:
    data = service_json()
    data["service_at_locations"][0]["location"]["latitude"] = 123.0
    with pytest.raises(ValidationError) as caught:
        PublishedService.model_validate(data)
    assert caught.value.errors()[0]["loc"][:4] == ("service_at_locations", 0, "location", "latitude")


def test_published_service_round_trips_through_the_stored_record() -> None:
    # Given a service as the API returns it, with our extension object
    data = service_json(local_offer={"record_version": 3, "local_area": "durham", "sample_data": True})

    # When it becomes a stored record and is published again
    record = PublishedService.model_validate(data).to_record()
    published = record.published().to_json_dict()

    # Then the ORUK part and our metadata survive, kept apart in storage
    assert record.meta.record_version == 3
    assert "local_offer" not in record.service.to_json_dict()
    assert published["local_offer"] == {"record_version": 3, "local_area": "durham", "sample_data": True}
    assert published["name"] == data["name"]
