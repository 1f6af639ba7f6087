"""The change-request rules without storage: intake, diff, decisions and staleness."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from local_offer.domain import change_requests as rules
from local_offer.models.change_requests import Actor, ChangeRequestSubmission, DecisionSubmission
from local_offer.models.errors import Conflict, InvalidRequest, NotFound
from tests.factories import service_record

NOW = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC)
PROVIDER = Actor(subject="provider-1", email="p@example.org")
OFFICER = Actor(subject="officer-1", email="o@durham.gov.uk")


def submission(**fields):
    return ChangeRequestSubmission.model_validate({"reason": "Our details changed", **fields})


def an_update(record, **changes):
    request = submission(kind="update", service_id=str(record.service.id), changes=changes)
    return rules.intake(request, record, PROVIDER, NOW)


def parameters(exc: InvalidRequest) -> dict[str, str]:
    return {error["parameter"]: error["message"] for error in exc.errors or []}


def test_intake_keeps_only_the_proposed_fields_normalised_with_their_values_at_submission():
    record = service_record("Wren Music Group")

    request = an_update(record, name="  Wren Music Club  ", minimum_age=4)

    assert request.changes == {"name": "Wren Music Club", "minimum_age": 4.0}
    assert request.base_values == {"name": "Wren Music Group", "minimum_age": 0.0}
    assert request.base_version == record.meta.record_version
    assert request.organization_id == record.service.organization_id


def test_intake_null_clears_an_optional_field_and_is_refused_for_a_required_one():
    record = service_record("Wren Music Group")

    cleared = an_update(record, description=None)
    assert cleared.changes == {"description": None}

    with pytest.raises(InvalidRequest) as refused:
        an_update(record, name=None)
    assert "changes.name" in parameters(refused.value)


def test_intake_names_nested_fields_with_the_wrong_type():
    record = service_record("Wren Music Group")
    locations = record.service.to_json_dict()["service_at_locations"]
    locations[0]["location"]["latitude"] = "north"

    with pytest.raises(InvalidRequest) as refused:
        an_update(record, service_at_locations=locations)

    assert list(parameters(refused.value)) == ["changes.service_at_locations.0.location.latitude"]


def test_intake_of_an_update_to_a_missing_service_is_not_found():
    request = submission(kind="update", service_id=str(uuid.uuid4()), changes={"name": "x"})

    with pytest.raises(NotFound):
        rules.intake(request, None, PROVIDER, NOW)


def test_intake_of_a_remove_proposes_status_defunct_and_refuses_a_second_removal():
    record = service_record("Wren Music Group")

    request = rules.intake(submission(kind="remove", service_id=str(record.service.id)), record, PROVIDER, NOW)
    assert request.changes == {"status": "defunct"}

    gone = service_record("Gone Group", status="defunct")
    with pytest.raises(Conflict):
        rules.intake(submission(kind="remove", service_id=str(gone.service.id)), gone, PROVIDER, NOW)


def test_intake_of_a_create_needs_an_organisation_and_refuses_directory_fields():
    data = service_record("New Group").service.to_json_dict(exclude={"organization_id", "organization"})
    data["last_modified"] = "2026-01-01T00:00:00Z"

    with pytest.raises(InvalidRequest) as refused:
        rules.intake(submission(kind="create", service=data), None, PROVIDER, NOW)

    assert set(parameters(refused.value)) == {"service.organization_id", "service.last_modified"}


def test_decide_statuses_follow_the_field_outcomes():
    record = service_record("Wren Music Group")
    request = an_update(record, name="Wren Club", alert="Closed in August")

    def decided(fields):
        return rules.decide(request, DecisionSubmission.model_validate({"fields": fields}), record, OFFICER, NOW)

    accept, reject = {"outcome": "accept"}, {"outcome": "reject", "reason": "no"}
    assert decided({"name": accept, "alert": accept}).request.status == "approved"
    assert decided({"name": accept, "alert": reject}).request.status == "partially approved"
    everything_rejected = decided({"name": reject, "alert": reject})
    assert everything_rejected.request.status == "rejected"
    assert everything_rejected.record is None
    assert everything_rejected.history is None


def test_decide_stores_an_amended_value_as_published_and_records_the_diff():
    record = service_record("Wren Music Group")
    request = an_update(record, name="Wren Club")

    resolution = rules.decide(
        request,
        DecisionSubmission.model_validate({"fields": {"name": {"outcome": "amend", "value": "  Wren Music Club "}}}),
        record,
        OFFICER,
        NOW,
    )

    assert resolution.record is not None
    assert resolution.record.service.name == "Wren Music Club"
    assert resolution.request.outcomes[0].value == "Wren Music Club"
    assert resolution.record.service.last_modified == NOW
    assert resolution.record.meta.record_version == record.meta.record_version + 1
    assert resolution.history is not None
    assert [c.model_dump() for c in resolution.history.changes] == [
        {"field": "name", "before": "Wren Music Group", "after": "Wren Music Club"}
    ]


def test_diff_marks_a_field_changed_since_submission_as_a_conflict():
    record = service_record("Wren Music Group")
    request = an_update(record, name="Wren Club", alert="Closed in August")
    moved = record.model_copy(
        update={
            "service": record.service.model_copy(update={"name": "Wren Singers"}),
            "meta": record.meta.model_copy(update={"record_version": 2}),
        }
    )

    rows = {row.field: row for row in rules.diff(request, moved)}

    assert rows["name"].conflict is True
    assert (rows["name"].base, rows["name"].current, rows["name"].proposed) == (
        "Wren Music Group",
        "Wren Singers",
        "Wren Club",
    )
    assert rows["alert"].conflict is False


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (dt.datetime(2026, 11, 29, tzinfo=dt.UTC), 12, dt.datetime(2025, 11, 29, tzinfo=dt.UTC)),
        (dt.datetime(2026, 3, 31, tzinfo=dt.UTC), 1, dt.datetime(2026, 2, 28, tzinfo=dt.UTC)),
        (dt.datetime(2026, 1, 15, tzinfo=dt.UTC), 13, dt.datetime(2024, 12, 15, tzinfo=dt.UTC)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert rules.months_before(moment, months) == expected


def test_a_record_is_stale_when_neither_changed_nor_verified_since_the_cutoff():
    cutoff = dt.datetime(2025, 11, 29, tzinfo=dt.UTC)
    old, recent = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.datetime(2026, 1, 1, tzinfo=dt.UTC)

    assert rules.is_stale(None, None, cutoff)
    assert rules.is_stale(old, old, cutoff)
    assert not rules.is_stale(old, recent, cutoff)
    assert not rules.is_stale(recent, None, cutoff)


def test_the_verification_index_key_orders_moments_as_time_does_so_its_range_query_is_is_stale() -> None:

    cutoff = dt.datetime(2025, 12, 5, 8, 0, tzinfo=dt.UTC)
    moments = [
        None,
        dt.datetime(2019, 1, 1, tzinfo=dt.UTC),
        dt.datetime(2025, 12, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=2))),  # 07:00 UTC: before
        cutoff,
        dt.datetime(2025, 12, 5, 8, 0, 0, 1, tzinfo=dt.UTC),
        dt.datetime(2026, 6, 1, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    ]
    for modified in moments:
        for verified in moments:
            confirmed = rules.last_confirmed(modified, verified)
            in_range = rules.confirmation_key(confirmed) < rules.confirmation_key(cutoff)
            assert in_range == rules.is_stale(modified, verified, cutoff), (modified, verified)
