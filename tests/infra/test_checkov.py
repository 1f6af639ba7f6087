"""checkov (pinned, own venv) finds no failing check in template.yaml with infra/checkov.yaml.

Suppressions sit in each resource's Metadata.checkov.skip with a comment (test_template_structure checks
that every one has a reason); a suppression that no longer matches a finding is reported here as stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.infra.conftest import CHECKOV_VERSION, REPO_ROOT, output_of, run, tool_env

pytestmark = pytest.mark.slow

CONFIG = REPO_ROOT / "infra" / "checkov.yaml"


def checkov_report(checkov: Path, *extra: str) -> dict[str, Any]:
    result = run([checkov, "--config-file", CONFIG, "--output", "json", *extra], env=tool_env(), timeout=300)
    # Exit 1 means failed checks; the JSON report says which.
    assert result.returncode in (0, 1), output_of(result)
    report = json.loads(result.stdout)
    reports = report if isinstance(report, list) else [report]
    assert len(reports) == 1, f"expected one cloudformation report, got {len(reports)}"
    return reports[0]


@pytest.fixture(scope="module")
def report(checkov_cli: Path) -> dict[str, Any]:
    return checkov_report(checkov_cli)


def test_checkov_is_the_pinned_version(checkov_cli: Path) -> None:
    result = run([checkov_cli, "--version"], env=tool_env())
    assert result.stdout.strip() == CHECKOV_VERSION, output_of(result)


def test_checkov_scans_the_template_and_finds_no_failure(report: dict[str, Any]) -> None:
    summary = report["summary"]
    assert report["check_type"] == "cloudformation"
    assert summary["parsing_errors"] == 0
    assert summary["passed"] > 0, "checkov ran no check (wrong file?)"
    failed = [(check["check_id"], check["resource"]) for check in report["results"]["failed_checks"]]
    assert not failed, f"failing checks: {failed}"


def test_checkov_suppressions_are_all_still_needed(report: dict[str, Any], sam_template: dict[str, Any]) -> None:
    # Every Metadata.checkov.skip must match a check that checkov actually skipped on that resource.
    skipped = {(check["check_id"], check["resource"].split(".")[-1]) for check in report["results"]["skipped_checks"]}
    declared = {
        (skip["id"], logical_id)
        for logical_id, resource in sam_template["Resources"].items()
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", [])
    }
    assert declared - skipped == set(), "suppressions that no longer match a finding"
