"""`local-offer users` against a running `local-offer serve`: create users, sign in, call signed-in routes."""

from __future__ import annotations

import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.stack_process import running_stack


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("users")
    empty = directory / "empty.ndjson"
    empty.write_text("")
    with running_stack(directory, "--data", str(empty)) as state:
        yield {**state, "state_file": directory / "state.json"}


def users(stack: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", "users"]
    return subprocess.run(
        [*command, args[0], *args[1:], "--state-file", str(stack["state_file"])],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_users_add_prints_a_token_that_the_api_accepts(stack):
    organization_id = str(uuid.uuid4())
    # When a provider is added with an organisation
    result = users(
        stack, "add", "--email", "amira@example.org", "--group", "providers", "--organization", organization_id
    )
    assert result.returncode == 0, result.stderr
    token = result.stdout.strip()
    assert token.count(".") == 2, "stdout holds the ID token alone"
    assert "password:" in result.stderr

    # Then the token signs in to the API, which knows the group and the organisation
    me = requests.get(f"{stack['api_url']}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.status_code == 200, me.text
    assert me.json()["groups"] == ["providers"]
    assert me.json()["organization_ids"] == [organization_id]
    # And without it the route is 401 as API Gateway answers
    anonymous = requests.get(f"{stack['api_url']}/me", timeout=10)
    assert (anonymous.status_code, anonymous.json()) == (401, {"message": "Unauthorized"})

    # And `users list` shows the user with their group and organisation
    listing = users(stack, "list")
    assert listing.returncode == 0, listing.stderr
    (line,) = [line for line in listing.stdout.splitlines() if line.startswith("amira@example.org")]
    assert line.split("\t")[2:] == ["providers", organization_id]


def test_users_token_signs_in_again_with_the_password(stack):
    added = users(stack, "add", "--email", "ben@example.org", "--group", "officers", "--password", "Officer-Pass-2026")
    assert added.returncode == 0, added.stderr
    again = users(stack, "token", "--email", "ben@example.org", "--password", "Officer-Pass-2026")
    assert again.returncode == 0, again.stderr
    me = requests.get(f"{stack['api_url']}/me", headers={"Authorization": again.stdout.strip()}, timeout=10)
    assert me.json()["is_officer"] is True
    wrong = users(stack, "token", "--email", "ben@example.org", "--password", "Not-The-Password-1")
    assert wrong.returncode == 1
    assert "wrong e-mail or password" in wrong.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--group", "providers", "--organization", "not-a-uuid"], "must be an organisation id"),
        (["--group", "officers", "--organization", str(uuid.uuid4())], "--organization is for providers"),
        (["--group", "providers", "--password", "short"], "assword"),
    ],
)
def test_users_add_refuses_bad_arguments_with_a_reason(stack, args, message):
    result = users(stack, "add", "--email", "cara@example.org", *args)
    assert result.returncode == 2
    assert message in result.stderr


def test_users_without_a_running_stack_says_how_to_start_one(tmp_path: Path):
    result = users({"state_file": tmp_path / "missing.json"}, "list")
    assert result.returncode == 1
    assert "local-offer serve" in result.stderr


def test_local_users_from_state_leaves_this_process_environment_alone(stack):
    import os

    from devstack.users import LocalUsers

    before = dict(os.environ)
    users_of_stack = LocalUsers.from_state(stack)
    subject = users_of_stack.add("dana@example.org", "providers", "Provider-Pass-2026")
    organization_id = uuid.uuid4()
    users_of_stack.link(subject, [organization_id])

    assert dict(os.environ) == before, "in-process callers (tests with their own mocks) must not be re-pointed"
    token = users_of_stack.id_token("dana@example.org", "Provider-Pass-2026")
    me = requests.get(f"{stack['api_url']}/me", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert me.json()["organization_ids"] == [str(organization_id)]
