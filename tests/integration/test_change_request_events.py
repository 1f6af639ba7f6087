"""Events, the weekly sweep and privacy: what leaves the change-request tables, and what never does.

Events are read back from the log group that the template's EventLogRule delivers to (moto delivers
PutEvents to rule targets), logs from the functions' own stdout (powertools Logger, JSON lines).
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.change_request_support import call, link, officer, provider, submit
from tests.factories import service_record

PRIVATE_EMAIL = "jo.bloggs.private@example.org"
PRIVATE_PHONE = "07700 900123"
PRIVATE_NAME = "Jo Bloggs"


@pytest.fixture
def world(aws: Any) -> dict[str, Any]:
    from local_offer.repositories.records import ServiceRecordRepository

    record = service_record("Curlew Family Walks")
    ServiceRecordRepository().put(record)
    member = provider("member@curlew.example")
    link(member, record.service.organization_id)
    return {"record": record, "member": member, "officer": officer()}


def published_events(aws: Any, template: Any) -> list[dict[str, Any]]:
    from devstack.events import event_log_groups, read_events

    events: list[dict[str, Any]] = []
    for group in event_log_groups(template, aws.resources):
        events.extend(read_events(aws.session, group)[0])
    return events


def contact_changes(record: Any) -> dict[str, Any]:
    service_id = str(record.service.id)
    return {
        "email": PRIVATE_EMAIL,
        "contacts": [
            {
                "id": "6f1c1c4e-8a55-4a57-9d7e-1c7f8a6b0001",
                "service_id": service_id,
                "name": PRIVATE_NAME,
                "email": PRIVATE_EMAIL,
                "phones": [{"id": "6f1c1c4e-8a55-4a57-9d7e-1c7f8a6b0002", "number": PRIVATE_PHONE}],
            }
        ],
    }


def test_submission_withdrawal_and_decision_are_published_with_ids_and_field_names(aws, template, world):
    record, member, fis = world["record"], world["member"], world["officer"]
    body = {"kind": "update", "service_id": str(record.service.id), "reason": "r"}
    withdrawn = submit(template, member, {**body, "changes": {"alert": "Closed in August"}}).body
    call(template, "POST", f"/change-requests/{withdrawn['id']}/withdraw", caller=member)
    decided = submit(template, member, {**body, "changes": {"name": "Curlew Walks", "alert": "Closed"}}).body
    call(
        template,
        "POST",
        f"/change-requests/{decided['id']}/decision",
        {"fields": {"name": {"outcome": "accept"}, "alert": {"outcome": "reject", "reason": "Not closing"}}},
        fis,
    )

    events = published_events(aws, template)

    assert {event["source"] for event in events} == {"local-offer"}
    assert [(e["detail-type"], e["detail"]["change_request_id"]) for e in events] == [
        ("ChangeRequestSubmitted", withdrawn["id"]),
        ("ChangeRequestWithdrawn", withdrawn["id"]),
        ("ChangeRequestSubmitted", decided["id"]),
        ("ChangeRequestDecided", decided["id"]),
    ]
    decision = events[-1]["detail"]
    assert decision["status"] == "partially approved"
    assert decision["outcomes"] == [{"field": "alert", "outcome": "rejected"}, {"field": "name", "outcome": "accepted"}]
    assert decision["organization_id"] == str(record.service.organization_id)
    assert decision["fields"] == ["alert", "name"]


@pytest.fixture
def function_logs() -> Any:
    """Everything the functions log from now on, formatted as in Lambda (powertools' JSON formatter)."""
    import io
    import logging

    from local_offer.observability import logger

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger.registered_formatter)
    standard_logger = logging.getLogger(logger.name)
    standard_logger.addHandler(handler)
    yield stream
    standard_logger.removeHandler(handler)


def test_contact_details_in_a_change_request_are_never_logged_published_or_public(aws, template, world, function_logs):
    record, member, fis = world["record"], world["member"], world["officer"]

    submitted = submit(
        template,
        member,
        {"kind": "update", "service_id": str(record.service.id), "changes": contact_changes(record), "reason": "r"},
    )
    assert submitted.status == 202, submitted.body
    invalid = submit(
        template,
        member,
        {
            "kind": "update",
            "service_id": str(record.service.id),
            "changes": {"email": PRIVATE_EMAIL + "@"},
            "reason": "r",
        },
    )
    assert invalid.status == 400
    public_before = call(template, "GET", f"/services/{record.service.id}")
    call(
        template,
        "POST",
        f"/change-requests/{submitted.body['id']}/decision",
        {
            "fields": {
                "email": {"outcome": "reject", "reason": "Use the shared inbox"},
                "contacts": {"outcome": "reject", "reason": "Named staff are not published"},
            }
        },
        fis,
    )
    public_after = call(template, "GET", f"/services/{record.service.id}")
    logs = function_logs.getvalue()

    # The functions did log (so the check below is meaningful) ...
    assert '"message":"change request submitted"' in logs
    assert '"message":"change request decided"' in logs
    # ... but no contact detail appears in any log line, event or public answer.
    published = json.dumps(published_events(aws, template))
    for secret in (PRIVATE_EMAIL, PRIVATE_PHONE, PRIVATE_NAME):
        assert secret not in logs
        assert secret not in published
        assert secret not in json.dumps(public_before.body)
        assert secret not in json.dumps(public_after.body)
    # The submitter still sees their own proposal.
    own = call(template, "GET", f"/change-requests/{submitted.body['id']}", caller=member)
    assert own.body["changes"]["email"] == PRIVATE_EMAIL


def test_the_weekly_sweep_publishes_a_reminder_per_stale_record_and_the_digest_metric(aws, template, capfd):
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.template import functions
    from local_offer.repositories.records import ServiceRecordRepository

    stale = [service_record(f"Plover Group {i}", last_modified="2021-03-01T00:00:00Z") for i in range(12)]
    fresh = service_record("Fresh Puffin Group", last_modified="2099-01-01T00:00:00Z")
    for record in (*stale, fresh):
        ServiceRecordRepository().put(record)
    scheduled = {
        "version": "0",
        "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": "123456789012",
        "time": "2026-11-30T07:00:00Z",
        "region": "eu-west-2",
        "resources": ["arn:aws:events:eu-west-2:123456789012:rule/weekly"],
        "detail": {},
    }
    capfd.readouterr()

    result = FunctionRuntime(functions(template)).invoke("StaleRecordsFunction", scheduled)

    assert result == {"months": 12, "stale": 12, "reminders": 12}
    reminders = [e for e in published_events(aws, template) if e["detail-type"] == "RecordVerificationDue"]
    assert sorted(e["detail"]["service_id"] for e in reminders) == sorted(str(r.service.id) for r in stale)
    metrics = [json.loads(line) for line in capfd.readouterr().out.splitlines() if '"_aws"' in line]
    digest = next(m for m in metrics if "StaleRecords" in m)
    assert digest["StaleRecords"] == [12.0]
    assert digest["VerificationRemindersSent"] == [12.0]
