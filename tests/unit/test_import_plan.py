"""domain.imports: what importing a service over the stored record does (create, update, unchanged)."""

from __future__ import annotations

import datetime as dt

from local_offer.domain.imports import plan_import, plan_service
from local_offer.models.records import PublishedService, ServiceRecord
from tests.factories import service_json

NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


def incoming(**overrides) -> PublishedService:
    return PublishedService.model_validate(service_json(**overrides))


def stored_as(service: PublishedService, version: int, **meta) -> ServiceRecord:
    record = service.to_record()
    return record.model_copy(update={"meta": record.meta.model_copy(update={"record_version": version, **meta})})


def test_a_new_service_is_created_at_version_1_whatever_the_file_says():
    service = incoming(local_offer={"record_version": 7, "local_area": "durham"})

    action = plan_service(service, None, NOW)

    assert action.kind == "create"
    assert action.expected_version == 0
    assert action.record.meta.record_version == 1
    assert action.record.meta.local_area == "durham"


def test_the_same_service_again_is_unchanged_and_keeps_its_version():
    service = incoming()

    action = plan_service(service, stored_as(service, 4), NOW)

    assert action.kind == "unchanged"
    assert action.record.meta.record_version == 4


def test_a_changed_service_is_an_update_at_the_next_version_conditional_on_the_stored_one():
    service = incoming()
    renamed = PublishedService.model_validate({**service.to_json_dict(), "name": "Renamed group"})

    action = plan_service(renamed, stored_as(service, 4), NOW)

    assert action.kind == "update"
    assert action.expected_version == 4
    assert action.record.meta.record_version == 5
    assert action.record.service.name == "Renamed group"


def test_a_service_without_our_metadata_keeps_the_stored_metadata():
    service = incoming()
    foreign = PublishedService.model_validate(service.to_json_dict(exclude={"local_offer"}))
    stored = stored_as(service, 2, local_area="stanley", last_verified=NOW)

    action = plan_service(foreign, stored, NOW)

    assert action.kind == "unchanged"
    assert action.record.meta.local_area == "stanley"


def test_a_service_without_last_modified_keeps_the_stored_one_unless_it_changed():
    service = incoming()
    without_date = service.to_json_dict(exclude={"last_modified"})
    stored = stored_as(service, 1)

    unchanged = plan_service(PublishedService.model_validate(without_date), stored, NOW)
    changed = plan_service(PublishedService.model_validate({**without_date, "name": "New name"}), stored, NOW)

    assert unchanged.kind == "unchanged"
    assert changed.kind == "update"
    assert changed.record.service.last_modified == NOW


def test_a_plan_counts_each_kind():
    new, same, edited = incoming(name="New"), incoming(name="Same"), incoming(name="Edited")
    stored = {same.id: stored_as(same, 1), edited.id: stored_as(incoming(id=str(edited.id), name="Old"), 1)}

    plan = plan_import([new, same, edited], stored.get, NOW)

    assert plan.summary() == "1 new, 1 updated, 1 unchanged"
    assert [action.record.service.name for action in plan.writes] == ["New", "Edited"]
