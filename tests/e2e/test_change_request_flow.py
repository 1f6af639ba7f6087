"""The change-request loop end to end over HTTP: `local-offer serve`, real tokens from the local user pool
(`local-offer users add`), the Cognito authorizer in the HTTP adapter, the stream and the indexer.

A provider submits; an officer amends one field and rejects another; the record is updated, reaches search
through the stream and the index; the history lists the change; the provider sees the rejected field's
reason; and the stack's log shows the events.
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

INDEX_TIMEOUT = 30
SERVICE_NAME = "Lapwing Sensory Garden"
AMENDED_WORD = "Quokkadusk"


def local_offer(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)


def add_user(state_file: Path, email: str, group: str, *organizations: str) -> str:
    """A user in the stack's pool; returns the ID token the command prints."""
    links = [arg for organization in organizations for arg in ("--organization", organization)]
    result = local_offer("users", "add", "--email", email, "--group", group, *links, "--state-file", str(state_file))
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("change-requests")
    service = service_json(SERVICE_NAME)
    data = directory / "services.ndjson"
    data.write_text(json.dumps(service) + "\n")
    with running_stack(directory, "--data", str(data)) as state:
        yield {
            **state,
            "service": service,
            "state_file": directory / "state.json",
            "log": directory / "serve.log",
        }


def search(api: str, words: str) -> list[dict[str, Any]]:
    response = requests.get(f"{api}/services", params={"search": words}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["contents"]


def test_provider_submits_officer_amends_and_rejects_and_search_shows_the_new_text(stack):
    api, service = stack["api_url"], stack["service"]
    provider = add_user(stack["state_file"], "lapwing@example.org", "providers", service["organization_id"])
    officer = add_user(stack["state_file"], "fis.officer@durham.gov.uk", "officers")
    as_provider = {"Authorization": f"Bearer {provider}"}
    as_officer = {"Authorization": f"Bearer {officer}"}

    # Anonymous callers are turned away by the authorizer
    assert requests.get(f"{api}/change-requests", timeout=10).status_code == 401

    # The provider proposes a new description and e-mail address
    proposal = {
        "kind": "update",
        "service_id": service["id"],
        "reason": "New session times and a new inbox",
        "changes": {"description": "Sessions every Saturday morning.", "email": "lapwing.new@example.org"},
    }
    key = {"Idempotency-Key": str(uuid.uuid4())}
    submitted = requests.post(f"{api}/change-requests", json=proposal, headers=as_provider | key, timeout=10)
    assert submitted.status_code == 202, submitted.text
    request = submitted.json()
    retried = requests.post(f"{api}/change-requests", json=proposal, headers=as_provider | key, timeout=10)
    assert retried.json()["id"] == request["id"]

    # The officer finds it in the queue and sees the diff
    queue = requests.get(f"{api}/change-requests", headers=as_officer, timeout=10).json()
    assert [item["id"] for item in queue["contents"]] == [request["id"]]
    view = requests.get(f"{api}{request['links']['self']}", headers=as_officer, timeout=10).json()
    assert {row["field"] for row in view["diff"]} == {"description", "email"}

    # ... amends the description and rejects the e-mail address
    decision = {
        "fields": {
            "description": {"outcome": "amend", "value": f"{AMENDED_WORD} sessions every Saturday, 10am to noon."},
            "email": {"outcome": "reject", "reason": "Please use the charity's shared inbox"},
        },
        "record_version": view["record_version"],
    }
    decided = requests.post(
        f"{api}/change-requests/{request['id']}/decision", json=decision, headers=as_officer, timeout=10
    )
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "partially approved"

    # The record is updated, and public search shows the new text once the stream has fed the indexer
    found = wait_until(lambda: search(api, AMENDED_WORD), INDEX_TIMEOUT, "the amended text in search")
    assert [hit["id"] for hit in found] == [service["id"]]
    public = requests.get(f"{api}/services/{service['id']}", timeout=10).json()
    assert public["description"] == f"{AMENDED_WORD} sessions every Saturday, 10am to noon."
    assert public.get("email") != "lapwing.new@example.org"

    # The history lists the change
    history = requests.get(f"{api}/services/{service['id']}/history", headers=as_officer, timeout=10).json()
    assert [entry["request_id"] for entry in history["contents"]] == [request["id"]]
    assert [change["field"] for change in history["contents"][0]["changes"]] == ["description"]

    # The provider sees the rejected field's reason
    seen = requests.get(f"{api}/change-requests/{request['id']}", headers=as_provider, timeout=10).json()
    outcomes = {outcome["field"]: outcome for outcome in seen["outcomes"]}
    assert outcomes["email"]["outcome"] == "rejected"
    assert outcomes["email"]["reason"] == "Please use the charity's shared inbox"
    assert outcomes["description"]["outcome"] == "amended"

    # The local stack logged the events
    def logged() -> bool:
        text = stack["log"].read_text()
        return "ChangeRequestSubmitted" in text and "ChangeRequestDecided" in text

    wait_until(logged, 10, "the events in the stack's log")
