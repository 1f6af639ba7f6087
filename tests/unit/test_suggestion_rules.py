"""Public suggestion rules, without storage: which fields a suggestion may name, the change request it becomes,
and how an officer decides it."""

from __future__ import annotations

import datetime as dt

import pytest

from local_offer.domain import suggestions
from local_offer.models.change_requests import Actor, DecisionSubmission
from local_offer.models.corrections import CorrectionSubmission
from local_offer.models.errors import Conflict, InvalidRequest, NotFound
from tests.factories import service_record

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
OFFICER = Actor(subject="officer-1", email="officer@example.org")


def suggestion(**overrides):
    record = service_record("Wren Club", version=4)
    submission = CorrectionSubmission(**{"message": "The phone number is wrong", "field": "phones", **overrides})
    return suggestions.new_suggestion(submission, record, NOW), record


def test_a_suggestion_is_a_public_change_request_proposing_no_values():
    request, record = suggestion()
    assert (request.kind, request.origin, request.status) == ("suggestion", "public", "submitted")
    assert request.changes == {}
    assert request.about_field == "phones"
    assert request.reason == "The phone number is wrong"
    assert request.service_id == record.service.id
    assert request.organization_id == record.service.organization_id
    assert request.base_version == 4
    assert suggestions.is_public(request)


@pytest.mark.parametrize("name", ["name", "email", "phones", "schedules", "organization", "service_at_locations"])
def test_oruk_service_fields_may_be_named(name):
    assert suggestion(field=name)[0].about_field == name


@pytest.mark.parametrize("name", ["colour", "Email", "id", "last_modified", "organization_id"])
def test_other_names_are_refused_naming_the_field(name):
    with pytest.raises(InvalidRequest) as refused:
        suggestion(field=name)
    assert refused.value.errors[0]["parameter"] == "field"


@pytest.mark.parametrize("status", ["inactive", "defunct"])
def test_a_service_the_public_cannot_see_is_not_found(status):
    record = service_record("Closed", status=status)
    with pytest.raises(NotFound):
        suggestions.new_suggestion(CorrectionSubmission(message="Open again?"), record, NOW)
    with pytest.raises(NotFound):
        suggestions.new_suggestion(CorrectionSubmission(message="Open again?"), None, NOW)


def test_approve_and_reject_decide_the_whole_suggestion():
    request, _ = suggestion()
    approved = suggestions.decide(request, DecisionSubmission(decision="approve"), OFFICER, NOW)
    assert (approved.status, approved.decided_by, approved.decided_at) == ("approved", OFFICER, NOW)
    rejected = suggestions.decide(request, DecisionSubmission(decision="reject", reason="Correct as is"), OFFICER, NOW)
    assert (rejected.status, rejected.decision_reason) == ("rejected", "Correct as is")


@pytest.mark.parametrize(
    "decision",
    [
        DecisionSubmission(decision="reject"),
        DecisionSubmission(),
        DecisionSubmission(fields={"phones": {"outcome": "accept"}}),
    ],
    ids=["reject without reason", "no decision", "per field"],
)
def test_malformed_decisions_are_refused(decision):
    request, _ = suggestion()
    with pytest.raises(InvalidRequest):
        suggestions.decide(request, decision, OFFICER, NOW)


def test_a_decided_suggestion_cannot_be_decided_again_nor_withdrawn():
    request, _ = suggestion()
    with pytest.raises(Conflict):
        suggestions.ensure_withdrawable(request)
    approved = suggestions.decide(request, DecisionSubmission(decision="approve"), OFFICER, NOW)
    with pytest.raises(Conflict):
        suggestions.decide(approved, DecisionSubmission(decision="approve"), OFFICER, NOW)


@pytest.mark.parametrize("address", ["family@example.org", "a.b+c@mail.example.co.uk", " x@y.org "])
def test_reasonable_addresses_are_accepted(address):
    assert CorrectionSubmission(message="m", contact_email=address).contact_email == address.strip()


@pytest.mark.parametrize("address", ["", "plain", "a@b", "a@@b.org", "a b@c.org", "a@b..org", ".a@b.org", "a@b.o"])
def test_malformed_addresses_are_refused(address):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        CorrectionSubmission(message="m", contact_email=address)
