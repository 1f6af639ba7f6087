"""Fixtures for the infrastructure tests: the template, and the pinned tools that check and build it.

sam-cli and checkov live in their own virtualenvs under .tools/ (their pins conflict with the app's); the
fixtures create them through the Makefile on first use (`make sam-cli`, `make checkov-cli`), so the test
suite and `make validate` / `make build` run exactly the same tools.
"""

from __future__ import annotations

import fcntl
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = REPO_ROOT / "template.yaml"
SAM_CLI_VERSION = "1.170.0"
CHECKOV_VERSION = "3.3.30"
CFN_LINT_VERSION = "1.53.3"
SAM_BIN = REPO_ROOT / ".tools" / "sam" / "bin" / "sam"
CHECKOV_BIN = REPO_ROOT / ".tools" / "checkov" / "bin" / "checkov"
INSTALL_TIMEOUT_SECONDS = 600


def run(
    args: list[str | Path], *, env: Mapping[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root, capturing its output as text."""
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=REPO_ROOT,
        env=dict(env) if env is not None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def output_of(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def make(*targets: str, timeout: float = INSTALL_TIMEOUT_SECONDS) -> subprocess.CompletedProcess[str]:
    """Run Makefile targets (the tool installs) holding a lock on .tools/: test workers running at once must
    not install into it together (two installs of one tool delete each other's files)."""
    lock_path = REPO_ROOT / ".tools" / ".install.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return run(["make", "--no-print-directory", *targets], timeout=timeout)


def make_variable(name: str) -> str:
    """The value the Makefile computes for `name` (one source of truth for tool locations)."""
    result = run(["make", "-s", "--no-print-directory", "--eval", f"print-var: ; @echo $({name})", "print-var"])
    assert result.returncode == 0, output_of(result)
    return result.stdout.strip()


def tool_env(python_bin: str | None = None) -> dict[str, str]:
    """Environment for sam: offline-safe region, no telemetry, and a real python3.12 first on PATH."""
    env = dict(os.environ)
    env.update({"AWS_DEFAULT_REGION": "eu-west-2", "AWS_REGION": "eu-west-2", "SAM_CLI_TELEMETRY": "0"})
    if python_bin:
        env["PATH"] = f"{python_bin}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.fixture(scope="session")
def template_text() -> str:
    return TEMPLATE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sam_template() -> dict[str, Any]:
    """template.yaml as cfn-lint decodes it (short-form intrinsics become `{"Ref": ...}` and so on)."""
    from cfnlint.decode import cfn_yaml

    return cfn_yaml.load(str(TEMPLATE_PATH))


@pytest.fixture(scope="session")
def sam_cli() -> Path:
    """The pinned sam-cli, installed into .tools/sam by the Makefile when missing."""
    result = make("sam-cli")
    assert result.returncode == 0, f"could not install sam-cli:\n{output_of(result)}"
    assert SAM_BIN.exists(), f"{SAM_BIN} missing after `make sam-cli`"
    return SAM_BIN


@pytest.fixture(scope="session")
def python312_bin() -> str:
    """Directory of a real python3.12 (what `sam build` needs), as the Makefile finds it."""
    directory = make_variable("PY312_BIN")
    if not directory or not (Path(directory) / "python3.12").exists():
        pytest.fail(
            "sam build needs Python 3.12 (the Lambda runtime): install it with pyenv (`pyenv install 3.12`) "
            "or put a python3.12 on PATH"
        )
    return directory


@pytest.fixture(scope="session")
def checkov_cli() -> Path:
    """The pinned checkov, installed into .tools/checkov by the Makefile when missing."""
    result = make("checkov-cli")
    assert result.returncode == 0, f"could not install checkov:\n{output_of(result)}"
    assert CHECKOV_BIN.exists(), f"{CHECKOV_BIN} missing after `make checkov-cli`"
    return CHECKOV_BIN
