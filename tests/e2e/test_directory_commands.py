"""`local-offer seed`, `import` and `export` against a running `local-offer serve --empty` (the default target)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.stack_process import running_stack, wait_until

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = REPO / "docs" / "import" / "example-services.csv"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("directory")
    with running_stack(directory, "--empty") as state:
        yield {**state, "state_file": directory / "state.json", "directory": directory}


def local_offer(stack: dict[str, Any], *args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *args]
    return subprocess.run(
        [*command, "--state-file", str(stack["state_file"])], capture_output=True, text=True, timeout=120, check=False
    )


def search(stack: dict[str, Any], path: str) -> dict[str, Any]:
    response = requests.get(stack["api_url"] + path, timeout=10)
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_a_fresh_stack_is_seeded_then_a_spreadsheet_imported_searched_and_exported(stack):
    # Given a fresh stack: nothing to search
    assert not search(stack, "/faqs?search=ehcp")["contents"]
    assert search(stack, "/services")["total_items"] == 0

    # When it is seeded
    seeded = local_offer(stack, "seed")
    assert seeded.returncode == 0, seeded.stderr
    assert "faqs: 22 created" in seeded.stdout
    assert "services: none" in seeded.stdout

    # Then the FAQ is searchable and the resources are published, and no service was loaded
    wait_until(lambda: search(stack, "/faqs?search=ehcp")["contents"], 30, "the FAQ index")
    assert search(stack, "/resources")["total_items"] >= 3
    assert search(stack, "/services")["total_items"] == 0

    # When the council's spreadsheet is imported, twice
    first = local_offer(stack, "import", str(EXAMPLE_CSV))
    again = local_offer(stack, "import", str(EXAMPLE_CSV))
    assert first.returncode == 0, first.stderr
    assert "3 new, 0 updated, 0 unchanged" in first.stdout
    assert "0 new, 0 updated, 3 unchanged" in again.stdout

    # Then the stream indexes its services and search finds them
    wait_until(lambda: search(stack, "/services")["total_items"] == 3, 30, "the services index")
    found = search(stack, "/services?search=autism+playgroup")["contents"]
    assert found[0]["name"] == "Little Stars Autism Playgroup"

    # And an export holds them, as ORUK services the import reads back unchanged
    exported = stack["directory"] / "export.json"
    result = local_offer(stack, "export", str(exported))
    assert result.returncode == 0, result.stderr
    assert sorted(service["name"] for service in json.loads(exported.read_text(encoding="utf-8"))) == [
        "Little Stars Autism Playgroup",
        "SEND Transport Helpline",
        "Speech and Language Therapy Drop-in",
    ]
    dry_run = local_offer(stack, "import", str(exported), "--dry-run")
    assert dry_run.stdout.strip() == "dry run: 0 new, 0 updated, 3 unchanged; nothing was written"


def test_without_a_running_stack_the_commands_say_how_to_start_one(tmp_path):
    missing = {"state_file": tmp_path / "none.json"}

    result = local_offer(missing, "export", "-")

    assert result.returncode == 1
    assert "no local stack state at" in result.stderr
    assert "local-offer serve" in result.stderr
