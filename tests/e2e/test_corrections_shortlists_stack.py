"""Public corrections and shareable shortlists over HTTP against `local-offer serve` (one stack for the module):
no account for the public steps, real tokens from the stack's user pool for providers and officers.

Corrections: a family suggests one with a reply address; the officer finds it in the queue with the address,
the provider sees it without; the officer's decision deletes the address; the stack's log never holds it.
Shortlists: a practitioner shares two services; the list reads them as they are now, prints as HTML, and
flags one the directory has since withdrawn.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.e2e.test_change_request_flow import add_user
from tests.factories import service_json
from tests.stack_process import running_stack

ADDRESS = "kingfisher.family@example.org"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("corrections-shortlists")
    services = [service_json("Kingfisher Music Group"), service_json("Moorhen Messy Play")]
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service) + "\n" for service in services))
    # Verbose: the log holds every line the functions write, so "the address is never logged" can fail.
    with running_stack(directory, "--data", str(data), verbose=True) as state:
        yield {**state, "services": services, "state_file": directory / "state.json", "log": directory / "serve.log"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_public_correction_reaches_officers_and_providers_and_its_address_goes_with_the_decision(stack):
    api, service = stack["api_url"], stack["services"][0]
    officer = bearer(add_user(stack["state_file"], "fis.corrections@durham.gov.uk", "officers"))
    provider = bearer(add_user(stack["state_file"], "kingfisher@example.org", "providers", service["organization_id"]))

    # A family suggests a correction without an account
    body = {"field": "schedules", "message": "The group now meets on Thursdays.", "contact_email": ADDRESS}
    sent = requests.post(f"{api}/services/{service['id']}/corrections", json=body, timeout=10)
    assert sent.status_code == 202, sent.text
    reference = sent.json()["reference"]
    assert ADDRESS not in sent.text

    # The officer finds it in the queue and reads the reply address
    queue = requests.get(f"{api}/change-requests", params={"origin": "public"}, headers=officer, timeout=10)
    assert [item["id"] for item in queue.json()["contents"]] == [reference]
    view = requests.get(f"{api}/change-requests/{reference}", headers=officer, timeout=10).json()
    assert (view["origin"], view["about_field"], view["contact_email"]) == ("public", "schedules", ADDRESS)

    # The organisation's provider sees it, without the address
    theirs = requests.get(f"{api}/change-requests", params={"origin": "public"}, headers=provider, timeout=10)
    assert [item["id"] for item in theirs.json()["contents"]] == [reference]
    assert ADDRESS not in theirs.text

    # The officer approves it: the address is gone
    decided = requests.post(
        f"{api}/change-requests/{reference}/decision", json={"decision": "approve"}, headers=officer, timeout=10
    )
    assert decided.status_code == 200, decided.text
    again = requests.get(f"{api}/change-requests/{reference}", headers=officer, timeout=10).json()
    assert again["status"] == "approved"
    assert "contact_email" not in again

    # Nothing the stack logged holds the address (the log does hold the functions' lines)
    log = stack["log"].read_text()
    assert "public suggestion received" in log
    assert ADDRESS not in log


def test_a_shared_shortlist_reads_prints_and_flags_a_withdrawn_service(stack):
    api, services = stack["api_url"], stack["services"]
    ids = [service["id"] for service in services]

    # A practitioner shares two services, with a note
    made = requests.post(f"{api}/shortlists", json={"service_ids": ids, "note": "Both near school"}, timeout=10)
    assert made.status_code == 201, made.text
    shortlist = made.json()
    assert shortlist["url"] == f"{api}/shortlists/{shortlist['id']}"

    # The family reads it
    read = requests.get(shortlist["url"], timeout=10).json()
    assert [entry["name"] for entry in read["services"]] == ["Kingfisher Music Group", "Moorhen Messy Play"]
    assert read["note"] == "Both near school"

    # ... and prints it
    page = requests.get(shortlist["print_url"], timeout=10)
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    assert '<html lang="en-GB">' in page.text
    assert "Moorhen Messy Play" in page.text

    # The directory withdraws one service (a provider's removal, approved by an officer)
    officer = bearer(add_user(stack["state_file"], "fis.shortlists@durham.gov.uk", "officers"))
    removal = {"kind": "remove", "service_id": ids[1], "reason": "The group has closed"}
    key = {"Idempotency-Key": str(uuid.uuid4())}
    submitted = requests.post(f"{api}/change-requests", json=removal, headers=officer | key, timeout=10)
    assert submitted.status_code == 202, submitted.text
    approve = {"decision": "approve"}
    decided = requests.post(
        f"{api}/change-requests/{submitted.json()['id']}/decision", json=approve, headers=officer, timeout=10
    )
    assert decided.status_code == 200, decided.text

    # The shortlist keeps it in its place, flagged
    entries = requests.get(shortlist["url"], timeout=10).json()["services"]
    assert [entry["id"] for entry in entries] == ids
    assert [entry["withdrawn"] for entry in entries] == [False, True]
    assert "(withdrawn)" in requests.get(shortlist["print_url"], timeout=10).text

    # An unknown id is not found
    assert requests.get(f"{api}/shortlists/{'A' * 24}", timeout=10).status_code == 404
