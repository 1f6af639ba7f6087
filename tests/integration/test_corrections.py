"""Public corrections through the real CorrectionsFunction and ChangeRequestsFunction on moto: the suggestion
joins the officers' queue as a public change request, the organisation's providers see it, the reply address
is kept apart, shown to officers only, never logged, and deleted by the decision; refused input writes nothing.
"""

from __future__ import annotations

import io
import logging
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from tests.change_request_support import call, link, officer, provider, submit, table_items
from tests.factories import service_record

ADDRESS = "parent.of.sam@example.org"
MESSAGE = "The Saturday session moved to Sundays in September."


@pytest.fixture
def service(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    record = service_record("Otter Swim Club")
    ServiceRecordRepository().put(record)
    return record


@pytest.fixture
def member(service: Any) -> Any:
    caller = provider("coach@otters.example")
    link(caller, service.service.organization_id)
    return caller


def correction(**overrides: Any) -> dict[str, Any]:
    return {"field": "schedules", "message": MESSAGE, "contact_email": ADDRESS, **overrides}


def suggest(template: Any, service: Any, body: Any, source_ip: str = "127.0.0.1") -> Any:
    path = f"/services/{service.service.id}/corrections"
    return call(template, "POST", path, body, source_ip=source_ip)


def request_items(aws: Any) -> list[dict[str, Any]]:
    return [item for item in table_items(aws.session, aws.name("ChangeRequestsTable")) if item["sk"] == "REQUEST"]


def snapshot(aws: Any) -> dict[str, list[dict[str, Any]]]:
    names = ("RecordsTable", "ChangeRequestsTable", "RateLimitTable")
    return {name: table_items(aws.session, aws.name(name)) for name in names}


@contextmanager
def captured_logs() -> Iterator[io.StringIO]:
    """Everything the functions log meanwhile (the powertools logger and the root logger), as text."""
    from local_offer.observability import logger

    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.setFormatter(logger.registered_formatter)
    targets = [logging.getLogger(logger.name), logging.getLogger()]
    for target in targets:
        target.addHandler(handler)
    try:
        yield text
    finally:
        for target in targets:
            target.removeHandler(handler)


# ---------------------------------------------------------------------------------------------------------
# Intake
# ---------------------------------------------------------------------------------------------------------
def test_a_correction_is_accepted_with_a_reference_and_no_address_in_the_answer(aws, template, service):
    answer = suggest(template, service, correction())
    assert answer.status == 202, answer.body
    assert set(answer.body) == {"reference", "service_id", "status", "message"}
    assert answer.body["service_id"] == str(service.service.id)
    assert answer.body["status"] == "submitted"
    assert ADDRESS not in str(answer.body)
    [item] = request_items(aws)
    assert item["pk"] == f"REQUEST#{answer.body['reference']}"


def test_the_suggestion_is_a_public_change_request_with_the_address_beside_its_body(aws, template, service):
    reference = suggest(template, service, correction()).body["reference"]
    [item] = request_items(aws)
    assert item["origin"] == "public"
    assert item["status"] == "submitted"
    assert item["suggestion_for"] == str(service.service.organization_id)
    assert item["contact_email"] == ADDRESS
    assert ADDRESS not in item["body"]
    from local_offer.repositories.change_requests import ChangeRequestRepository

    stored = ChangeRequestRepository().get(reference)
    assert stored is not None
    assert (stored.kind, stored.origin, stored.about_field) == ("suggestion", "public", "schedules")
    assert stored.reason == MESSAGE
    assert stored.changes == {}


def test_a_correction_without_field_or_address_is_accepted(aws, template, service):
    answer = suggest(template, service, {"message": "Wrong phone number"})
    assert answer.status == 202, answer.body
    [item] = request_items(aws)
    assert "contact_email" not in item


def test_neither_the_address_nor_the_message_is_logged(aws, template, service):
    with captured_logs() as logs:
        answer = suggest(template, service, correction())
    assert answer.status == 202
    text = logs.getvalue()
    assert "public suggestion received" in text, "the capture saw the function's log"
    assert ADDRESS not in text
    assert MESSAGE not in text


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (correction(field="favourite_colour"), "field"),
        (correction(field="id"), "field"),
        (correction(message=""), "message"),
        (correction(message="x" * 2001), "message"),
        (correction(contact_email="not-an-address"), "contact_email"),
        (correction(contact_email="a@b"), "contact_email"),
        (correction(extra="?"), "extra"),
        ({"field": "email"}, "message"),
    ],
    ids=["unknown field", "id field", "empty message", "long message", "bad address", "no tld", "extra", "none"],
)
def test_bad_input_is_400_naming_the_field_and_writes_nothing(aws, template, service, body, named):
    before = snapshot(aws)
    answer = suggest(template, service, body)
    assert answer.status == 400, answer.body
    assert named in answer.body["detail"]
    assert snapshot(aws) == before


def test_an_unknown_service_is_404_and_nothing_is_written(aws, template, service):
    before = snapshot(aws)
    answer = call(template, "POST", f"/services/{uuid.uuid4()}/corrections", correction())
    assert answer.status == 404, answer.body
    assert snapshot(aws) == before


@pytest.mark.parametrize("status", ["defunct", "inactive"])
def test_a_withdrawn_service_takes_no_corrections(aws, template, status):
    from local_offer.repositories.records import ServiceRecordRepository

    record = service_record("Closed Club", status=status)
    ServiceRecordRepository().put(record)
    before = snapshot(aws)
    assert suggest(template, record, correction()).status == 404
    assert snapshot(aws) == before


def test_corrections_are_rate_limited_per_client_with_retry_after(aws, template, service):
    from local_offer.services.corrections import CORRECTION_LIMIT

    for _ in range(CORRECTION_LIMIT):
        assert suggest(template, service, correction(), source_ip="198.51.100.20").status == 202
    before = snapshot(aws)
    refused = suggest(template, service, correction(), source_ip="198.51.100.20")
    assert refused.status == 429, refused.body
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert snapshot(aws) == before
    assert suggest(template, service, correction(), source_ip="203.0.113.5").status == 202
    counters = table_items(aws.session, aws.name("RateLimitTable"))
    assert not any("198.51.100.20" in str(item) for item in counters), "only hashes of the address are stored"


# ---------------------------------------------------------------------------------------------------------
# Who sees it
# ---------------------------------------------------------------------------------------------------------
def test_officers_see_public_suggestions_in_their_queue(aws, template, service, member):
    reference = suggest(template, service, correction()).body["reference"]
    proposal = {"kind": "update", "service_id": str(service.service.id), "changes": {"name": "Otters"}, "reason": "x"}
    assert submit(template, member, proposal).status == 202
    fis = officer()
    public = call(template, "GET", "/change-requests?origin=public", caller=fis)
    assert [request["id"] for request in public.body["contents"]] == [reference]
    assert ADDRESS not in str(public.body)
    providers = call(template, "GET", "/change-requests?origin=provider", caller=fis).body["contents"]
    assert [request["origin"] for request in providers] == ["provider"]
    everything = call(template, "GET", "/change-requests", caller=fis).body["contents"]
    assert len(everything) == 2


def test_the_organisations_providers_see_the_suggestion_without_the_address(aws, template, service, member):
    reference = suggest(template, service, correction()).body["reference"]
    listed = call(template, "GET", "/change-requests?origin=public", caller=member)
    assert listed.status == 200, listed.body
    assert [request["id"] for request in listed.body["contents"]] == [reference]
    one = call(template, "GET", f"/change-requests/{reference}", caller=member)
    assert one.status == 200
    assert one.body["reason"] == MESSAGE
    assert one.body["about_field"] == "schedules"
    assert ADDRESS not in str(listed.body) + str(one.body)


def test_another_organisations_provider_sees_nothing(aws, template, service):
    reference = suggest(template, service, correction()).body["reference"]
    stranger = provider("someone@else.example")
    link(stranger, uuid.uuid4())
    assert call(template, "GET", "/change-requests?origin=public", caller=stranger).body["contents"] == []
    assert call(template, "GET", f"/change-requests/{reference}", caller=stranger).status == 403
    named = f"/change-requests?origin=public&organization_id={service.service.organization_id}"
    assert call(template, "GET", named, caller=stranger).status == 403


def test_a_provider_may_not_withdraw_a_public_suggestion(aws, template, service, member):
    reference = suggest(template, service, correction()).body["reference"]
    answer = call(template, "POST", f"/change-requests/{reference}/withdraw", caller=member)
    assert answer.status == 409, answer.body
    assert request_items(aws)[0]["status"] == "submitted"


# ---------------------------------------------------------------------------------------------------------
# The decision deletes the address
# ---------------------------------------------------------------------------------------------------------
def test_officers_read_the_reply_address_until_the_suggestion_is_decided(aws, template, service):
    reference = suggest(template, service, correction()).body["reference"]
    fis = officer()
    assert call(template, "GET", f"/change-requests/{reference}", caller=fis).body["contact_email"] == ADDRESS
    decided = call(template, "POST", f"/change-requests/{reference}/decision", {"decision": "approve"}, caller=fis)
    assert decided.status == 200, decided.body
    assert decided.body["status"] == "approved"
    assert "contact_email" not in decided.body
    [item] = request_items(aws)
    assert "contact_email" not in item
    assert item["status"] == "approved"
    assert "contact_email" not in call(template, "GET", f"/change-requests/{reference}", caller=fis).body


def test_rejecting_a_suggestion_needs_a_reason_and_deletes_the_address(aws, template, service):
    reference = suggest(template, service, correction()).body["reference"]
    fis, path = officer(), f"/change-requests/{reference}/decision"
    assert call(template, "POST", path, {"decision": "reject"}, caller=fis).status == 400
    assert request_items(aws)[0]["contact_email"] == ADDRESS
    answer = call(template, "POST", path, {"decision": "reject", "reason": "The times are right"}, caller=fis)
    assert answer.status == 200, answer.body
    [item] = request_items(aws)
    assert (item["status"], "contact_email" in item) == ("rejected", False)


def test_a_suggestion_is_decided_whole_and_leaves_the_record_alone(aws, template, service):
    reference = suggest(template, service, correction()).body["reference"]
    fis, path = officer(), f"/change-requests/{reference}/decision"
    per_field = call(template, "POST", path, {"fields": {"schedules": {"outcome": "accept"}}}, caller=fis)
    assert per_field.status == 400, per_field.body
    assert call(template, "POST", path, {"decision": "approve"}, caller=fis).status == 200
    from local_offer.repositories.records import ServiceRecordRepository

    current = ServiceRecordRepository().get(service.service.id)
    assert current is not None
    assert current.meta.record_version == service.meta.record_version
    assert call(template, "GET", f"/services/{service.service.id}/history", caller=fis).body["contents"] == []
