"""Change requests through the real ChangeRequestsFunction on moto: intake, reads, decisions, history.

Each test calls the function as the local API does (route table, proxy event, authorizer claims) and
checks the tables, so "nothing is written" and "the live record is untouched" are read back, not assumed.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.change_request_support import call, link, officer, provider, submit, table_items
from tests.factories import service_record


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


@pytest.fixture
def service(records: Any) -> Any:
    """A live record whose organisation the `member` provider is linked to."""
    record = service_record("Hedgehog Sensory Play")
    records.put(record)
    return record


@pytest.fixture
def member(service: Any) -> Any:
    caller = provider("member@hedgehog.example")
    link(caller, service.service.organization_id)
    return caller


@pytest.fixture
def fis() -> Any:
    return officer()


def update(service: Any, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "update",
        "service_id": str(service.service.id),
        "changes": changes,
        "reason": "Our details changed",
    }


def snapshot(aws: Any) -> dict[str, list[dict[str, Any]]]:
    return {name: table_items(aws.session, aws.name(name)) for name in ("RecordsTable", "ChangeRequestsTable")}


# ---------------------------------------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------------------------------------
def test_a_provider_submits_an_update_and_the_live_record_is_untouched(aws, template, records, service, member):
    before = records.get(service.service.id)

    answer = submit(template, member, update(service, description="Now on Saturdays too."))

    assert answer.status == 202, answer.body
    request = answer.body
    assert request["status"] == "submitted"
    assert request["changes"] == {"description": "Now on Saturdays too."}
    assert request["base_values"] == {"description": service.service.description}
    assert request["links"]["self"] == f"/change-requests/{request['id']}"
    assert answer.headers["Location"] == request["links"]["self"]
    assert records.get(service.service.id) == before
    followed = call(template, "GET", request["links"]["self"], caller=member)
    assert followed.status == 200
    assert followed.body["id"] == request["id"]


def test_the_same_idempotency_key_returns_the_same_request_and_stores_one(aws, template, service, member):
    body = update(service, name="Hedgehog Sensory Play Club")

    first = submit(template, member, body, key="retry-me-1")
    second = submit(template, member, body, key="retry-me-1")

    assert first.status == second.status == 202
    assert second.body == first.body
    requests = [item for item in snapshot(aws)["ChangeRequestsTable"] if item["sk"] == "REQUEST"]
    assert len(requests) == 1


def test_an_idempotency_key_reused_for_a_different_body_is_a_conflict(aws, template, service, member):
    submit(template, member, update(service, name="Hedgehog Play"), key="same-key")

    answer = submit(template, member, update(service, name="Something else"), key="same-key")

    assert answer.status == 409
    assert "Idempotency-Key" in answer.body["detail"]
    assert len([i for i in snapshot(aws)["ChangeRequestsTable"] if i["sk"] == "REQUEST"]) == 1


def test_a_submission_without_an_idempotency_key_is_refused_and_nothing_is_written(aws, template, service, member):
    before = snapshot(aws)

    answer = call(template, "POST", "/change-requests", update(service, name="No key"), member)

    assert answer.status == 400
    assert answer.body["errors"] == [{"in": "header", "parameter": "Idempotency-Key", "message": answer.body["detail"]}]
    assert snapshot(aws) == before


@pytest.mark.parametrize(
    ("body_of", "field", "words"),
    [
        (lambda s: update(s, colour="blue"), "changes.colour", "is not a field of an ORUK service"),
        (lambda s: update(s, id=str(uuid.uuid4())), "changes.id", "cannot be changed"),
        (lambda s: update(s, minimum_age="five"), "changes.minimum_age", "valid number"),
        (lambda s: update(s, minimum_age=False), "changes.minimum_age", "valid number"),
        (lambda s: update(s, status="closed"), "changes.status", "'active'"),
        (lambda s: update(s, email="not-an-address"), "changes.email", "pattern"),
        (lambda s: update(s, name=s.service.name), "changes.name", "same as the current value"),
        (lambda s: update(s), "changes", "at least one field"),
        (lambda s: {**update(s, name="x"), "surprise": 1}, "surprise", "extra inputs are not permitted"),
        (lambda s: {"kind": "update", "service_id": str(s.service.id), "reason": "r"}, "changes", "is required"),
        (
            lambda s: {
                "kind": "update",
                "service_id": str(s.service.id),
                "service": {},
                "changes": {"name": "x"},
                "reason": "r",
            },
            "service",
            "only for kind 'create'",
        ),
        (
            lambda s: {"kind": "remove", "service_id": str(s.service.id), "changes": {"name": "x"}, "reason": "r"},
            "changes",
            "not used for kind 'remove'",
        ),
        (
            lambda s: {"kind": "create", "service_id": str(s.service.id), "service": {}, "reason": "r"},
            "service_id",
            "not used",
        ),
        (
            lambda s: {"kind": "rename", "service_id": str(s.service.id), "reason": "r"},
            "kind",
            "'update', 'create' or 'remove'",
        ),
        (lambda s: {**update(s, name="x"), "reason": ""}, "reason", "at least 1 character"),
    ],
)
def test_bad_submissions_name_the_field_and_write_nothing(aws, template, service, member, body_of, field, words):
    before = snapshot(aws)

    answer = submit(template, member, body_of(service))

    assert answer.status == 400, answer.body
    named = {error["parameter"]: error["message"] for error in answer.body["errors"]}
    assert field in named, answer.body
    assert words.lower() in named[field].lower(), answer.body
    assert snapshot(aws) == before


def test_an_update_of_a_missing_service_is_404_and_writes_nothing(aws, template, member):
    before = snapshot(aws)
    body = {"kind": "update", "service_id": str(uuid.uuid4()), "changes": {"name": "Ghost"}, "reason": "r"}

    answer = submit(template, member, body)

    assert answer.status == 404
    assert snapshot(aws) == before


def test_a_body_over_64_kb_is_refused_with_413_and_writes_nothing(aws, template, service, member):
    before = snapshot(aws)
    body = update(service, description="x" * (65 * 1024))

    answer = submit(template, member, body)

    assert answer.status == 413
    assert answer.body["error"] == "payload_too_large"
    assert "64 KB" in answer.body["detail"]
    assert snapshot(aws) == before


# ---------------------------------------------------------------------------------------------------------
# Decisions
# ---------------------------------------------------------------------------------------------------------
def test_an_officer_amends_one_field_rejects_another_and_the_provider_sees_each_outcome(
    aws, template, records, service, member, fis
):
    submitted = submit(
        template, member, update(service, description="Sessions every Saturday morning.", email="new@hedgehog.example")
    ).body

    decided = call(
        template,
        "POST",
        f"/change-requests/{submitted['id']}/decision",
        {
            "fields": {
                "description": {"outcome": "amend", "value": "Sessions every Saturday, 10am to noon."},
                "email": {"outcome": "reject", "reason": "Use the charity's shared inbox, not a personal one"},
            }
        },
        fis,
    )

    assert decided.status == 200, decided.body
    assert decided.body["status"] == "partially approved"
    live = records.get(service.service.id)
    assert live.service.description == "Sessions every Saturday, 10am to noon."
    assert live.service.email == service.service.email
    assert live.meta.record_version == service.meta.record_version + 1
    assert live.service.last_modified > service.service.last_modified
    seen = call(template, "GET", f"/change-requests/{submitted['id']}", caller=member).body
    outcomes = {o["field"]: o for o in seen["outcomes"]}
    assert outcomes["email"] == {
        "field": "email",
        "outcome": "rejected",
        "reason": "Use the charity's shared inbox, not a personal one",
    }
    assert outcomes["description"]["outcome"] == "amended"
    assert outcomes["description"]["value"] == "Sessions every Saturday, 10am to noon."
    history = call(template, "GET", f"/services/{service.service.id}/history", caller=fis).body["contents"]
    assert len(history) == 1
    assert history[0]["request_id"] == submitted["id"]
    assert history[0]["applied_by"]["subject"] == fis.subject
    assert history[0]["changes"] == [
        {
            "field": "description",
            "before": service.service.description,
            "after": "Sessions every Saturday, 10am to noon.",
        }
    ]


def test_approve_shortcut_applies_every_field(aws, template, records, service, member, fis):
    submitted = submit(template, member, update(service, name="Hedgehog Club", maximum_age=25)).body

    answer = call(template, "POST", f"/change-requests/{submitted['id']}/decision", {"decision": "approve"}, fis)

    assert answer.status == 200, answer.body
    assert answer.body["status"] == "approved"
    live = records.get(service.service.id)
    assert (live.service.name, live.service.maximum_age) == ("Hedgehog Club", 25)


def test_reject_shortcut_needs_a_reason_and_leaves_the_record(aws, template, records, service, member, fis):
    submitted = submit(template, member, update(service, name="Hedgehog Club")).body
    before = snapshot(aws)

    no_reason = call(template, "POST", f"/change-requests/{submitted['id']}/decision", {"decision": "reject"}, fis)
    assert no_reason.status == 400
    assert no_reason.body["errors"][0]["parameter"] == "reason"
    assert snapshot(aws) == before

    answer = call(
        template, "POST", f"/change-requests/{submitted['id']}/decision", {"decision": "reject", "reason": "Dup"}, fis
    )
    assert answer.status == 200
    assert answer.body["status"] == "rejected"
    assert records.get(service.service.id) == service


@pytest.mark.parametrize(
    ("decision", "field", "words"),
    [
        ({"fields": {"name": {"outcome": "reject"}}}, "fields.name.reason", "required"),
        ({"fields": {"name": {"outcome": "amend"}}}, "fields.name.value", "required"),
        ({"fields": {"name": {"outcome": "accept"}, "email": {"outcome": "accept"}}}, "fields.email", "not proposed"),
        ({"fields": {}}, "fields.name", "needs a decision"),
        ({"decision": "approve", "fields": {"name": {"outcome": "accept"}}}, "decision", "not both"),
        ({"fields": {"name": {"outcome": "amend", "value": 7}}}, "fields.name", "valid string"),
        ({"fields": {"name": {"outcome": "perhaps"}}}, "fields.name.outcome", "'accept', 'reject' or 'amend'"),
    ],
)
def test_bad_decisions_name_the_field_and_apply_nothing(aws, template, service, member, fis, decision, field, words):
    submitted = submit(template, member, update(service, name="Hedgehog Club")).body
    before = snapshot(aws)

    answer = call(template, "POST", f"/change-requests/{submitted['id']}/decision", decision, fis)

    assert answer.status == 400, answer.body
    named = {error["parameter"]: error["message"] for error in answer.body["errors"]}
    assert field in named, answer.body
    assert words.lower() in named[field].lower(), answer.body
    assert snapshot(aws) == before


def test_a_decision_on_a_withdrawn_or_decided_request_is_409_and_applies_nothing(aws, template, service, member, fis):
    withdrawn = submit(template, member, update(service, name="Hedgehog Club")).body
    assert call(template, "POST", f"/change-requests/{withdrawn['id']}/withdraw", caller=member).status == 200
    decided = submit(template, member, update(service, alert="Closed in August")).body
    assert (
        call(template, "POST", f"/change-requests/{decided['id']}/decision", {"decision": "approve"}, fis).status == 200
    )
    before = snapshot(aws)

    for request, state in ((withdrawn, "withdrawn"), (decided, "approved")):
        answer = call(template, "POST", f"/change-requests/{request['id']}/decision", {"decision": "approve"}, fis)
        assert answer.status == 409
        assert state in answer.body["detail"]
    assert call(template, "POST", f"/change-requests/{decided['id']}/withdraw", caller=member).status == 409
    assert snapshot(aws) == before


def test_a_request_overtaken_by_another_shows_the_conflicting_field_and_cannot_be_accepted_blindly(
    aws, template, records, service, member, fis
):
    first = submit(template, member, update(service, description="First description.")).body
    second = submit(template, member, update(service, description="Second description.", name="Hedgehog Club")).body
    call(template, "POST", f"/change-requests/{first['id']}/decision", {"decision": "approve"}, fis)

    view = call(template, "GET", f"/change-requests/{second['id']}", caller=fis).body

    assert view["conflicts"] == ["description"]
    assert view["conflicting_requests"] == [first["id"]]
    rows = {row["field"]: row for row in view["diff"]}
    assert rows["description"]["current"] == "First description."
    assert rows["description"]["base"] == service.service.description
    assert rows["description"]["proposed"] == "Second description."
    assert rows["name"]["conflict"] is False
    before = snapshot(aws)
    blind = call(template, "POST", f"/change-requests/{second['id']}/decision", {"decision": "approve"}, fis)
    assert blind.status == 409
    assert "description" in blind.body["detail"]
    assert snapshot(aws) == before
    stale_view = call(
        template,
        "POST",
        f"/change-requests/{second['id']}/decision",
        {"decision": "reject", "reason": "x", "record_version": service.meta.record_version},
        fis,
    )
    assert stale_view.status == 409
    assert "version" in stale_view.body["detail"]
    assert snapshot(aws) == before


def test_a_concurrent_write_between_read_and_apply_is_409_and_nothing_is_applied(
    aws, template, records, service, member, fis, monkeypatch
):
    from local_offer.repositories import change_requests as repository_module

    submitted = submit(template, member, update(service, name="Hedgehog Club")).body
    original_apply = repository_module.ChangeRequestRepository.apply

    def someone_else_writes_first(self, request, record, history, expected_record_version):
        # Another writer bumps the record after the decision read it and before it is written.
        current = records.get(service.service.id)
        bumped = current.model_copy(update={"meta": current.meta.model_copy(update={"record_version": 99})})
        records.put(bumped)
        return original_apply(self, request, record, history, expected_record_version)

    monkeypatch.setattr(repository_module.ChangeRequestRepository, "apply", someone_else_writes_first)
    answer = call(template, "POST", f"/change-requests/{submitted['id']}/decision", {"decision": "approve"}, fis)

    assert answer.status == 409
    assert "nothing was applied" in answer.body["detail"]
    assert records.get(service.service.id).service.name == service.service.name
    request_item = next(i for i in table_items(aws.session, aws.name("ChangeRequestsTable")) if i["sk"] == "REQUEST")
    assert request_item["status"] == "submitted"
    assert not [i for i in table_items(aws.session, aws.name("ChangeRequestsTable")) if i["sk"].startswith("HISTORY#")]


# ---------------------------------------------------------------------------------------------------------
# Create and remove
# ---------------------------------------------------------------------------------------------------------
def test_a_new_service_is_created_only_when_approved(aws, template, records, service, member, fis):
    from tests.factories import service_json

    new = service_json("Otter Swim Club", organization_id=str(service.service.organization_id))
    new.pop("local_offer")
    new.pop("organization")
    new.pop("last_modified")
    new_id = new["id"]

    answer = submit(template, member, {"kind": "create", "service": new, "reason": "New club"})

    assert answer.status == 202, answer.body
    assert records.get(new_id) is None
    decided = call(template, "POST", f"/change-requests/{answer.body['id']}/decision", {"decision": "approve"}, fis)
    assert decided.status == 200, decided.body
    created = records.get(new_id)
    assert created.service.name == "Otter Swim Club"
    assert created.meta.record_version == 1


def test_a_removal_keeps_the_record_as_defunct(aws, template, records, service, member, fis):
    answer = submit(template, member, {"kind": "remove", "service_id": str(service.service.id), "reason": "Closed"})
    assert answer.status == 202
    assert answer.body["changes"] == {"status": "defunct"}

    call(template, "POST", f"/change-requests/{answer.body['id']}/decision", {"decision": "approve"}, fis)

    assert records.get(service.service.id).service.status == "defunct"


# ---------------------------------------------------------------------------------------------------------
# Queue, verify, stale
# ---------------------------------------------------------------------------------------------------------
def test_the_officer_queue_is_oldest_first_and_providers_see_only_their_own(
    aws, template, records, service, member, fis
):
    other = service_record("Badger Forest School")
    records.put(other)
    colleague = provider("other@badger.example")
    link(colleague, other.service.organization_id)
    mine = [submit(template, member, update(service, alert=f"Notice {i}")).body for i in range(3)]
    theirs = submit(template, colleague, update(other, alert="Badger notice")).body

    queue = call(template, "GET", "/change-requests", caller=fis).body
    assert [r["id"] for r in queue["contents"]] == [*(r["id"] for r in mine), theirs["id"]]
    by_org = call(template, "GET", f"/change-requests?organization_id={other.service.organization_id}", caller=fis)
    assert [r["id"] for r in by_org.body["contents"]] == [theirs["id"]]
    assert call(template, "GET", "/change-requests?older_than_days=1", caller=fis).body["contents"] == []
    own = call(template, "GET", "/change-requests", caller=member).body
    assert sorted(r["id"] for r in own["contents"]) == sorted(r["id"] for r in mine)
    assert call(template, "GET", f"/change-requests/{theirs['id']}", caller=member).status == 403


def test_verify_sets_last_verified_and_not_last_modified(aws, template, records, service, member):
    answer = call(template, "POST", f"/services/{service.service.id}/verify", caller=member)

    assert answer.status == 200, answer.body
    live = records.get(service.service.id)
    assert live.meta.last_verified is not None
    assert live.meta.last_verified.isoformat().startswith(answer.body["last_verified"][:19])
    assert live.service.last_modified == service.service.last_modified
    assert answer.body["record_version"] == live.meta.record_version == service.meta.record_version + 1


def test_stale_lists_public_records_not_confirmed_within_the_period(aws, template, records, fis):
    import datetime as dt

    old = service_record("Old Owl Group", last_modified="2020-01-01T00:00:00Z")
    fresh = service_record("Fresh Fox Group", last_modified=dt.datetime.now(dt.UTC).isoformat())
    verified = service_record("Verified Vole Group", last_modified="2020-01-01T00:00:00Z")
    verified.meta.last_verified = dt.datetime.now(dt.UTC)
    gone = service_record("Defunct Dormouse Group", last_modified="2020-01-01T00:00:00Z", status="defunct")
    for record in (old, fresh, verified, gone):
        records.put(record)

    answer = call(template, "GET", "/services/stale?months=12", caller=fis)

    assert answer.status == 200
    assert [r["name"] for r in answer.body["contents"]] == ["Old Owl Group"]


# ---------------------------------------------------------------------------------------------------------
# Paging with cursors
# ---------------------------------------------------------------------------------------------------------
def every_page(template: Any, path: str, caller: Any) -> list[dict[str, Any]]:
    """Follow next_cursor from the first page to the last; returns the pages."""
    pages, cursor = [], None
    while True:
        answer = call(template, "GET", path + (f"&cursor={cursor}" if cursor else ""), caller=caller)
        assert answer.status == 200, answer.body
        pages.append(answer.body)
        cursor = answer.body.get("next_cursor")
        if cursor is None:
            return pages


def test_the_officer_queue_pages_with_cursors_through_every_request_oldest_first(aws, template, service, member, fis):
    submitted = [submit(template, member, update(service, alert=f"Notice {i}")).body["id"] for i in range(5)]

    pages = every_page(template, "/change-requests?limit=2", fis)

    assert [len(page["contents"]) for page in pages] == [2, 2, 1]
    assert [page["total_items"] for page in pages] == [2, 2, 1]
    assert [r["id"] for page in pages for r in page["contents"]] == submitted


def test_a_providers_own_list_pages_with_cursors_and_keeps_its_filters(aws, template, service, member, fis):
    submitted = [submit(template, member, update(service, alert=f"Notice {i}")).body["id"] for i in range(4)]
    call(template, "POST", f"/change-requests/{submitted[1]}/withdraw", caller=member)

    pages = every_page(template, "/change-requests?status=submitted&limit=1", member)

    assert [r["id"] for page in pages for r in page["contents"]] == [submitted[0], *submitted[2:]]


@pytest.mark.parametrize("cursor", ["not-a-cursor", "eyJhIjoxfQ", "x" * 3000])
def test_a_cursor_this_list_did_not_give_is_a_400_naming_cursor(aws, template, fis, cursor):
    answer = call(template, "GET", f"/change-requests?cursor={cursor}", caller=fis)

    assert answer.status == 400, answer.body
    assert "cursor" in answer.body["detail"]


def test_a_cursor_from_another_providers_list_does_not_reach_their_requests(aws, template, service, member, fis):
    for i in range(2):
        submit(template, member, update(service, alert=f"Notice {i}"))
    theirs = call(template, "GET", "/change-requests?limit=1", caller=member).body["next_cursor"]
    stranger = provider("stranger@elsewhere.example")

    answer = call(template, "GET", f"/change-requests?limit=1&cursor={theirs}", caller=stranger)

    assert answer.status == 400, answer.body
    assert answer.body["errors"][0]["parameter"] == "cursor"


def test_stale_records_page_from_the_index_longest_unconfirmed_first(aws, template, records, fis):
    import datetime as dt

    years = [2019, 2017, 2021, 2018, 2020]
    for year in years:
        records.put(service_record(f"Owl Group {year}", last_modified=f"{year}-03-01T00:00:00Z"))
    never = service_record("Never Confirmed Nest")
    never.service.last_modified = None
    records.put(never)
    records.put(service_record("Fresh Fox Group", last_modified=dt.datetime.now(dt.UTC).isoformat()))

    pages = every_page(template, "/services/stale?months=12&limit=2", fis)

    names = [r["name"] for page in pages for r in page["contents"]]
    assert names == ["Never Confirmed Nest", *(f"Owl Group {year}" for year in sorted(years))]
    assert [page["size"] for page in pages] == [2, 2, 2]
    assert "next_cursor" not in pages[-1]


def test_a_record_that_stops_being_public_or_is_verified_leaves_the_stale_list(aws, template, records, member, fis):
    old = service_record("Old Owl Group", last_modified="2020-01-01T00:00:00Z")
    closed = service_record("Closing Crane Group", last_modified="2020-01-01T00:00:00Z")
    for record in (old, closed):
        records.put(record)
    link(member, old.service.organization_id)
    closed.service.status = "defunct"
    closed.meta.record_version += 1
    records.put(closed)

    assert call(template, "POST", f"/services/{old.service.id}/verify", caller=member).status == 200
    answer = call(template, "GET", "/services/stale?months=12", caller=fis)

    assert answer.body["size"] == 0
    assert answer.body["contents"] == []


def test_a_stale_list_cursor_past_another_periods_cutoff_is_refused(aws, template, records, fis):
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    for days in (400, 200):
        records.put(service_record(f"Owl Group {days}", last_modified=(now - dt.timedelta(days=days)).isoformat()))
    cursor = call(template, "GET", "/services/stale?months=3&limit=1", caller=fis).body["next_cursor"]

    answer = call(template, "GET", f"/services/stale?months=24&limit=1&cursor={cursor}", caller=fis)

    assert answer.status == 400, answer.body
    assert answer.body["errors"][0]["parameter"] == "cursor"


def test_records_written_before_the_index_existed_join_the_stale_list_after_the_backfill(aws, template, records, fis):
    from local_offer.repositories.records import record_to_item

    old = service_record("Old Owl Group", last_modified="2020-01-01T00:00:00Z")
    item = record_to_item(old)
    for attribute in ("verification_scope", "last_confirmed", "name"):
        item.pop(attribute)
    records.table.put_item(Item=item)  # as an item written by the previous version looks
    assert call(template, "GET", "/services/stale?months=12", caller=fis).body["contents"] == []

    assert records.backfill_verification_keys() == 1
    assert records.backfill_verification_keys() == 0

    answer = call(template, "GET", "/services/stale?months=12", caller=fis)
    assert [r["name"] for r in answer.body["contents"]] == ["Old Owl Group"]
    assert records.get(old.service.id) == old
