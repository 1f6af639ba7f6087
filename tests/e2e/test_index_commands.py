"""`local-offer check-index` and `local-offer reindex` against a running `local-offer serve`, found as
`local-offer users` finds it: `--state-file`, or `--port` (the state file serve writes for that port)."""

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


def test_the_stack_is_found_by_its_port_as_users_add_finds_it(local_stack):
    from devstack.stack import default_state_file

    state, state_file = local_stack
    port = int(state["api_url"].rsplit(":", 1)[1])
    # Given the state file where `local-offer serve --port PORT` writes it without `--state-file`
    default = default_state_file(port)
    default.parent.mkdir(parents=True, exist_ok=True)
    default.symlink_to(state_file)
    try:
        # When the commands are given only the port, Then they work on that stack
        checked = local_offer("check-index", "--port", str(port))
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert f"records in the table: {SERVICES}" in checked.stdout
        assert f"the local stack at {state['api_url']}: alias 'services'" in checked.stdout
        rebuilt = local_offer("reindex", "--port", str(port), "--grace-seconds", "0")
        assert rebuilt.returncode == 0, rebuilt.stdout + rebuilt.stderr
        assert total(state) == SERVICES
    finally:
        default.unlink()


def test_without_a_running_stack_the_commands_say_how_to_start_one(tmp_path):
    for command in ("check-index", "reindex"):
        result = local_offer(command, "--state-file", str(tmp_path / "absent.json"))

        assert result.returncode == 2
        assert f"no local stack state at {tmp_path / 'absent.json'}: start one with `local-offer serve" in result.stderr


def test_an_unreadable_state_file_is_a_usage_error(tmp_path):
    broken = tmp_path / "state.json"
    broken.write_text("{not json")

    result = local_offer("check-index", "--state-file", str(broken))

    assert result.returncode == 2
    assert "cannot read the local stack's state file" in result.stderr
