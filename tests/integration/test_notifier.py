"""Reminders that arrive: the weekly sweep's RecordVerificationDue events, through the template's
EventBridge rule (moto delivers them to the rule's queue, devstack.rule_events invokes the notifier as
Lambda's asynchronous invocation would), become one e-mail per provider per run; opted-out providers get none.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.factories import service_record
from tests.identities import PoolUsers, world_fixture  # noqa: F401 (the `world` fixture)

SCHEDULED = {
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
ORG_A, ORG_B = "0b8a7e52-6d1b-4c1e-9b0f-0000000000aa", "0b8a7e52-6d1b-4c1e-9b0f-0000000000bb"


def _record(name: str, organization_id: str, last_modified: str) -> Any:
    organization = {"id": organization_id, "name": f"Organisation {organization_id[-2:]}", "description": "A charity."}
    return service_record(name, organization_id=organization_id, organization=organization, last_modified=last_modified)


@pytest.fixture
def function_logs() -> Any:
    """Everything the functions log from now on, formatted as in Lambda (powertools' JSON formatter)."""
    import io
    import logging

    from local_offer.observability import logger

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logger.registered_formatter)
    logging.getLogger(logger.name).addHandler(handler)
    yield stream
    logging.getLogger(logger.name).removeHandler(handler)


@pytest.fixture
def outbox(aws: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.conftest import clear_app_caches

    path = tmp_path / "outbox.jsonl"
    monkeypatch.setenv("NOTIFICATION_CHANNEL", "outbox")
    monkeypatch.setenv("NOTIFICATION_OUTBOX_PATH", str(path))
    clear_app_caches()
    return path


@pytest.fixture
def directory(aws: Any) -> dict[str, Any]:
    """Org A: two stale records and a fresh one; org B: one stale record. Providers: `both` acts for A and B,
    `quiet` for A (and opts out), `b_only` for B; `nobody` is linked to nothing."""
    from local_offer.repositories.records import ServiceRecordRepository

    records = {
        "a1": _record("Avocet Sensory Play", ORG_A, "2021-03-01T00:00:00Z"),
        "a2": _record("Avocet Holiday Club", ORG_A, "2022-05-01T00:00:00Z"),
        "a_fresh": _record("Avocet New Group", ORG_A, "2099-01-01T00:00:00Z"),
        "b1": _record("Bittern Parent Support", ORG_B, "2020-01-01T00:00:00Z"),
    }
    for record in records.values():
        ServiceRecordRepository().put(record)
    users = PoolUsers.of(aws)
    people = {
        "both": users.add("both@avocet.example", "providers", [ORG_A, ORG_B]),
        "quiet": users.add("quiet@avocet.example", "providers", [ORG_A]),
        "b_only": users.add("only@bittern.example", "providers", [ORG_B]),
        "nobody": users.add("nobody@example.org", "providers"),
    }
    return {"records": records, "people": people}


def run_sweep_and_deliver(aws: Any, template: Any) -> list[Any]:
    """Wire the template's rule events, run the weekly sweep, deliver what the rules matched."""
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.rule_events import rule_event_sources
    from devstack.template import functions

    runtime = FunctionRuntime(functions(template))
    sources = rule_event_sources(template, aws.resources, runtime, session=aws.session)
    runtime.invoke("StaleRecordsFunction", SCHEDULED)
    for source in sources:
        source.poll_once()
    return sources


def opt_out(person: Any) -> None:
    from local_offer.models.identity import Principal
    from local_offer.models.notifications import NotificationPreferences
    from local_offer.services.reminders import save_preferences

    save_preferences(Principal(subject=person.subject), NotificationPreferences(stale_reminders=False))


def test_each_provider_gets_one_email_listing_all_their_stale_records_and_opted_out_ones_get_none(
    aws, template, directory, outbox, function_logs
):
    from local_offer.repositories.mail import read_outbox

    records, people = directory["records"], directory["people"]
    opt_out(people["quiet"])

    # When the weekly sweep runs and its events reach the notifier through the rule
    sources = run_sweep_and_deliver(aws, template)

    # Then every stale record's event was delivered and handled
    assert sum(source.stats.records_processed for source in sources) == 3
    messages = read_outbox(outbox)
    by_recipient = {message["to"]: message for message in messages}
    # One e-mail per provider, however many of their records were due
    assert len(messages) == len(by_recipient) == 2
    assert set(by_recipient) == {"both@avocet.example", "only@bittern.example"}
    # The provider of both organisations gets every stale record of both, and not the fresh one
    both = by_recipient["both@avocet.example"]["text"]
    for key in ("a1", "a2", "b1"):
        assert str(records[key].service.id) in both
    assert str(records["a_fresh"].service.id) not in both
    assert "/services/{id}/verify" in both
    assert "/change-requests" in both
    assert by_recipient["both@avocet.example"]["subject"] == "Local Offer: 3 of your services need checking"
    only_b = by_recipient["only@bittern.example"]["text"]
    assert str(records["b1"].service.id) in only_b
    assert str(records["a1"].service.id) not in only_b
    # No address reaches the logs (the logs did record the sending)
    logs = function_logs.getvalue()
    assert '"message":"reminder sent"' in logs
    for person in people.values():
        assert person.email not in logs


def test_a_second_delivery_of_the_same_run_sends_nothing_more(aws, template, directory, outbox):
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.template import functions
    from local_offer.repositories.mail import read_outbox

    run_sweep_and_deliver(aws, template)
    sent = read_outbox(outbox)
    # When one of the run's events arrives again (EventBridge delivers at least once)
    detail = {"service_id": str(directory["records"]["b1"].service.id), "organization_id": ORG_B, "months": 12}
    runtime = FunctionRuntime(functions(template))
    event = {**SCHEDULED, "detail-type": "RecordVerificationDue", "source": "local-offer", "detail": detail}
    from local_offer.repositories.notifications import NotificationRepository

    table = NotificationRepository().table
    run_ids = {item["sk"] for item in table.scan()["Items"] if item["sk"].startswith("SENT#")}
    assert len(run_ids) == 1
    event["detail"]["run_id"] = run_ids.pop().removeprefix("SENT#")
    outcome = runtime.invoke("NotifierFunction", event)
    # Then nobody is e-mailed twice
    assert outcome["sent"] == 0
    assert outcome["already_sent"] == 2
    assert len(read_outbox(outbox)) == len(sent)


def test_a_failed_send_is_retried_then_dead_lettered_and_can_be_sent_later(aws, template, directory, monkeypatch):
    """SES refuses (moto: the sender identity is not verified): the mark is released, Lambda's retries fail
    too, the event lands in the dead-letter queue; once the identity is verified, redelivery sends it."""
    from tests.conftest import clear_app_caches

    monkeypatch.setenv("NOTIFICATION_CHANNEL", "ses")
    monkeypatch.setenv("NOTIFICATION_SENDER_IDENTITY", "reminders@council.example")
    clear_app_caches()
    sources = run_sweep_and_deliver(aws, template)
    source = sources[0]
    assert source.stats.records_given_up == 3
    assert source.stats.retries == 6  # two retries per event
    sqs = aws.session.client("sqs")
    queue_url = sqs.get_queue_url(QueueName=aws.name("NotifierDeadLetterQueue"))["QueueUrl"]
    dead = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10)["Messages"]
    assert len(dead) == 3
    # When the identity is verified and the dead-lettered events are sent to the function again
    aws.session.client("ses").verify_email_identity(EmailAddress="reminders@council.example")
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.template import functions

    runtime = FunctionRuntime(functions(template))
    sent = sum(runtime.invoke("NotifierFunction", json.loads(message["Body"]))["sent"] for message in dead)
    # Then each provider who wants reminders gets one
    assert sent == 3
    assert aws.session.client("ses").get_send_quota()["SentLast24Hours"] == 3


def test_preferences_default_to_on_and_are_stored_per_user(aws, world):
    assert world.call("GET", "/me/notifications", "provider") == (200, {"stale_reminders": True})
    assert world.call("PUT", "/me/notifications", "provider", {"stale_reminders": False}) == (
        200,
        {"stale_reminders": False},
    )
    assert world.call("GET", "/me/notifications", "provider") == (200, {"stale_reminders": False})
    assert world.call("GET", "/me/notifications", "other_provider") == (200, {"stale_reminders": True})


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"stale_reminders": "no"},
        {"stale_reminders": 0},
        {"stale_reminders": None},
        {"stale_reminders": True, "x": 1},
    ],
)
def test_a_preferences_body_without_a_boolean_field_is_refused_and_writes_nothing(aws, world, body):
    from local_offer.repositories.notifications import NotificationRepository

    status, answer = world.call("PUT", "/me/notifications", "provider", body)
    assert status == 400, answer
    assert "stale_reminders" in answer["detail"] or "x" in answer["detail"]
    assert NotificationRepository().table.scan()["Items"] == []
