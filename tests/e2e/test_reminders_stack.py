"""Reminders that arrive, end to end over the local stack: `local-offer serve` with two stale records of one
organisation, two providers (`local-offer users add`), one of whom opts out over HTTP; the sweep's
RecordVerificationDue events go on the stack's bus, its rule hands them to the notifier, and
`local-offer outbox` lists the one e-mail the other provider gets.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.factories import service_json
from tests.stack_process import running_stack, wait_until

ORGANIZATION_ID = str(uuid.uuid4())
STALE_SINCE = "2021-03-01T00:00:00Z"


def local_offer(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("reminders")
    organization = {"id": ORGANIZATION_ID, "name": "Dunlin Trust", "description": "A family charity."}
    services = [
        service_json(name, organization_id=ORGANIZATION_ID, organization=organization, last_modified=STALE_SINCE)
        for name in ("Dunlin Sensory Room", "Dunlin Saturday Club")
    ]
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service) + "\n" for service in services))
    with running_stack(directory, "--data", str(data)) as state:
        yield {**state, "services": services, "state_file": directory / "state.json"}


def add_provider(state_file: Path, email: str) -> str:
    result = local_offer(
        "users", "add", "--email", email, "--group", "providers", "--organization", ORGANIZATION_ID,
        "--state-file", str(state_file),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def put_verification_due(state: dict[str, Any], services: list[dict[str, Any]]) -> None:
    """The events the weekly sweep publishes for these records, on the stack's bus."""
    import boto3

    environment = state["environment"]
    events = boto3.client(
        "events",
        endpoint_url=state["moto_url"],
        region_name=environment["AWS_REGION"],
        aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
    )
    run_id = uuid.uuid4().hex
    entries = [
        {
            "Source": "local-offer",
            "DetailType": "RecordVerificationDue",
            "EventBusName": environment["EVENT_BUS_NAME"],
            "Detail": json.dumps(
                {
                    "service_id": service["id"],
                    "organization_id": ORGANIZATION_ID,
                    "name": service["name"],
                    "last_confirmed": STALE_SINCE,
                    "months": 12,
                    "run_id": run_id,
                }
            ),
        }
        for service in services
    ]
    assert events.put_events(Entries=entries)["FailedEntryCount"] == 0


def outbox(state_file: Path) -> list[dict[str, Any]]:
    result = local_offer("outbox", "--json", "--state-file", str(state_file))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_the_sweep_events_reach_the_provider_by_email_and_not_the_one_who_opted_out(stack):
    api, state_file = stack["api_url"], stack["state_file"]
    add_provider(state_file, "keen@dunlin.example")
    quiet = add_provider(state_file, "quiet@dunlin.example")
    # One provider opts out over the API
    as_quiet = {"Authorization": f"Bearer {quiet}"}
    turned_off = requests.put(f"{api}/me/notifications", json={"stale_reminders": False}, headers=as_quiet, timeout=10)
    assert turned_off.status_code == 200, turned_off.text
    # An empty body is refused and changes nothing
    empty = requests.put(f"{api}/me/notifications", json={}, headers=as_quiet, timeout=10)
    assert empty.status_code == 400, empty.text
    assert requests.get(f"{api}/me/notifications", headers=as_quiet, timeout=10).json() == {"stale_reminders": False}
    assert outbox(state_file) == []

    # When the weekly sweep's events for the two stale records arrive
    put_verification_due(stack, stack["services"])

    # Then the outbox holds one e-mail, to the provider who did not opt out, listing both records
    messages = wait_until(lambda: outbox(state_file), timeout=30, what="an e-mail in the outbox")
    assert [message["to"] for message in messages] == ["keen@dunlin.example"]
    for service in stack["services"]:
        assert service["id"] in messages[0]["text"]
    # And the plain listing shows it too
    listing = local_offer("outbox", "--state-file", str(state_file))
    assert listing.returncode == 0, listing.stderr
    assert "To: keen@dunlin.example" in listing.stdout
    assert "quiet@dunlin.example" not in listing.stdout
