"""`local-offer check-index` and `local-offer reindex` against a running `local-offer serve` (`--state-file`)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.factories import service_json
from tests.stack_process import running_stack, wait_until

SERVICES = 6


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], Path]]:
    directory = tmp_path_factory.mktemp("index-commands")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service_json(f"Sandpiper Service {i}")) + "\n" for i in range(SERVICES)))
    with running_stack(directory, "--data", str(data)) as state:
        yield state, directory / "state.json"


def local_offer(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def total(state: dict[str, Any]) -> int:
    response = requests.get(f"{state['api_url']}/services", params={"search": "Sandpiper"}, timeout=10)
    assert response.status_code == 200, response.text
    return int(response.json()["total_items"])


def test_the_local_stack_is_checked_rebuilt_and_still_clean(local_stack):
    state, state_file = local_stack
    wait_until(lambda: total(state) == SERVICES, 30, "the seed data to be indexed")

    checked = local_offer("check-index", "--state-file", str(state_file))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"records in the table: {SERVICES}" in checked.stdout

    rebuilt = local_offer("reindex", "--state-file", str(state_file), "--grace-seconds", "0")
    assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
    assert f"indexed {SERVICES} of about" in rebuilt.stdout
    assert total(state) == SERVICES
    assert local_offer("check-index", "--state-file", str(state_file)).returncode == 0


def test_an_unreadable_state_file_is_a_usage_error(tmp_path):
    result = local_offer("check-index", "--state-file", str(tmp_path / "absent.json"))

    assert result.returncode == 2
    assert "cannot read the local stack's state file" in result.stderr
