"""The API does what schemas/openapi.json says: schemathesis generates requests for every operation from the
document (valid and invalid ones), sends them to the local stack anonymously and as an officer, and checks
each answer: no 5xx, a status code the operation documents, a body that matches the documented schema.

Seeded and bounded, so a run is repeatable and short; the local stack is `local-offer serve` with a few
services (the FAQ, taxonomies and areas are seeded as always).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import service_json
from tests.stack_process import running_stack

pytestmark = pytest.mark.stack

OPENAPI = Path(__file__).resolve().parents[2] / "schemas" / "openapi.json"
SEED = 20261205
EXAMPLES_PER_OPERATION = 4
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance"
# Across both callers; a run that generated fewer cases than this tested too little to mean much.
MINIMUM_CASES = 300


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("fuzz")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service_json(f"Fuzz service {i}")) + "\n" for i in range(5)))
    with running_stack(directory, "--data", str(data)) as state:
        yield {**state, "directory": directory, "state_file": directory / "state.json"}


def officer_token(state_file: Path) -> str:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())"]
    add = ["users", "add", "--email", "fuzz.officer@example.org", "--group", "officers"]
    result = subprocess.run(
        [*command, *add, "--state-file", str(state_file)], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def schemathesis(api_url: str, workdir: Path, *headers: str) -> tuple[int, int, str]:
    """(exit code, cases generated, output) of one seeded fuzzing run over every operation."""
    command = [
        str(Path(sys.executable).parent / "st"),
        "run",
        str(OPENAPI),
        "--url",
        api_url,
        "--phases",
        "fuzzing",
        "--max-examples",
        str(EXAMPLES_PER_OPERATION),
        "--seed",
        str(SEED),
        "--checks",
        CHECKS,
        "--continue-on-failure",
        "--request-timeout",
        "20",
        *[argument for header in headers for argument in ("--header", header)],
    ]
    environment = {**os.environ, "SCHEMATHESIS_TELEMETRY": "false", "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=workdir, env=environment)
    output = result.stdout + result.stderr
    generated = re.search(r"(\d+) generated", output)
    selected = re.search(r"Tested: (\d+)", output)
    assert selected, output
    assert int(selected.group(1)) == len(operations()), output
    return result.returncode, int(generated.group(1)) if generated else 0, output


def operations() -> list[tuple[str, str]]:
    document = json.loads(OPENAPI.read_text())
    return [(method, path) for path, item in document["paths"].items() for method in item]


def test_every_operation_answers_as_documented_anonymously_and_as_an_officer(stack):
    token = officer_token(stack["state_file"])
    anonymous = schemathesis(stack["api_url"], stack["directory"])
    assert anonymous[0] == 0, anonymous[2]
    officer = schemathesis(stack["api_url"], stack["directory"], f"Authorization: Bearer {token}")
    assert officer[0] == 0, officer[2]
    assert anonymous[1] + officer[1] >= MINIMUM_CASES, (anonymous[1], officer[1])
