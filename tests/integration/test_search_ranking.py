"""Ranking through the real records -> stream -> indexer -> search path (moto + osmem): what an edit adds is
found, and a distance sort keeps strong matches ahead of weak ones."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.factories import service_json, service_record
from tests.integration.test_devstack_fixtures import get

BARNARD_CASTLE = (54.5430, -1.9190)  # about 30 km from Durham


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


def saturday(opens: str, closes: str) -> dict[str, Any]:
    return {"id": str(uuid.uuid4()), "freq": "WEEKLY", "byday": "SA", "opens_at": opens, "closes_at": closes}


def stored(records: Any, name: str, **overrides: Any) -> Any:
    record = service_record(name, **overrides)
    records.put(record)
    return record


def names(answer: dict[str, Any]) -> list[str]:
    assert answer["status"] == 200, answer
    return [service["name"] for service in answer["body"]["contents"]]


def test_a_description_edit_ranks_first_for_the_words_it_added(records, services_index, stream, template):
    # Given services that say "Saturday" in their names and run on Saturday mornings
    for place in ("Crook", "Seaham", "Stanley", "Consett", "Shildon"):
        stored(records, f"{place} Saturday Club", schedules=[saturday("10:00", "13:00")])
    target = stored(records, "Merlin Parent Carer Group")
    stream.drain()

    # When the group's record is edited to say when it now meets
    edited = target.service.model_copy(update={"description": "We now also meet on Saturday at 10am in the hall."})
    records.put(
        target.model_copy(update={"service": edited, "meta": target.meta.model_copy(update={"record_version": 2})})
    )
    stream.drain()

    # Then a search for what the edit added finds it first
    assert names(get(template, "/services?search=Saturday%2010am"))[0] == "Merlin Parent Carer Group"


def test_a_schedule_edit_is_searchable_by_day_and_time_as_families_type_them(records, services_index, stream, template):
    # Given a Saturday afternoon club and a group that runs on weekdays
    stored(records, "Osprey Saturday Club", schedules=[saturday("13:00", "16:00")])
    target = stored(records, "Osprey Parent Carer Group")
    stream.drain()

    # When the group's schedule gains Saturday mornings at 10:00
    edited = type(target.service).model_validate(
        {**target.service.model_dump(mode="json", exclude_none=True), "schedules": [saturday("10:00", "12:00")]}
    )
    records.put(
        target.model_copy(update={"service": edited, "meta": target.meta.model_copy(update={"record_version": 2})})
    )
    stream.drain()

    # Then "Saturday 10am" finds it (10:00 is indexed as 10am too), and the 1pm club is not a match
    assert names(get(template, "/services?search=Osprey%20Saturday%2010am")) == ["Osprey Parent Carer Group"]


def test_distance_sort_puts_strong_matches_first_then_weak_ones(records, services_index, stream, template):
    # Given trampoline clubs near Durham and far away (strong matches: "trampoline" in their names), and two
    # nearby services that match only weakly: one mentions trampolines in its description, one has a typo there
    far = service_json("Heron Trampoline Club Teesdale")
    location = far["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = BARNARD_CASTLE
    records.put(service_record(**{k: v for k, v in far.items() if k != "name"}, name=far["name"]))
    stored(records, "Heron Trampoline Club")
    stored(records, "Heron Rebound Sessions", description="Bouncing on a trampoline, with a qualified coach.")
    stored(records, "Heron Nursery", description="Messy play and a trampolene (sic) in the garden.")
    stream.drain()

    # When families near Durham search "trampoline sessions", nearest first
    answer = get(
        template, "/services?search=heron%20trampoline%20sessions&postcode=DH1%201AB&proximity=50000&sort=distance"
    )

    # Then the strong matches come first, nearest first, and the weak ones after them, however near
    assert names(answer) == [
        "Heron Trampoline Club",
        "Heron Trampoline Club Teesdale",
        "Heron Nursery",
        "Heron Rebound Sessions",
    ]
