"""cfn-lint 1.53.3 over template.yaml: clean, and still able to see the mistakes newer versions miss.

From 1.54 on cfn-lint checks SAM templates without running the SAM transform and misses real errors (see
shared TOOLCHAIN.md); the negative tests below fail if the dev venv's cfn-lint stops catching them.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.infra.conftest import CFN_LINT_VERSION, TEMPLATE_PATH, output_of, run


def lint_rule_ids(text: str) -> set[str]:
    """Rule ids that cfn-lint reports for a template given as text (eu-west-2)."""
    from cfnlint.api import ManualArgs, lint

    return {match.rule.id for match in lint(text, config=ManualArgs(regions=["eu-west-2"]))}


def test_cfn_lint_is_the_pinned_version() -> None:
    assert version("cfn-lint") == CFN_LINT_VERSION


@pytest.mark.slow  # ~25 s of CPU: in `make test`, not in `make check`
def test_cfn_lint_reports_nothing_on_the_template() -> None:
    # When the dev venv's cfn-lint checks the template as `make validate` does, informational rules included
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = run([cfn_lint, "--include-checks", "I", "--regions", "eu-west-2", "--", TEMPLATE_PATH], timeout=120)
    # Then it reports no error, warning or informational finding
    assert result.returncode == 0, output_of(result)
    assert result.stdout.strip() == "", output_of(result)


@pytest.mark.slow  # ~15 s of CPU each
@pytest.mark.parametrize(
    ("original", "broken", "rule"),
    [
        pytest.param(
            'AWS: !Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"',
            "AWS: !GetAtt SearchFunctionRole.Arn",
            "E3004",
            id="domain-policy-names-a-function-role-circular",
        ),
        pytest.param(
            "- ReportBatchItemFailures", "- ReportBatchFailures", "E3030", id="misspelt-function-response-type"
        ),
        pytest.param("Runtime: python3.12", "Runtime: python3.99", "E3030", id="bad-runtime-in-globals"),
    ],
)
def test_cfn_lint_catches_mistakes_in_the_template(template_text: str, original: str, broken: str, rule: str) -> None:
    # Given the template with one known mistake
    assert original in template_text
    mutated = template_text.replace(original, broken, 1)
    # When it is linted, Then the mistake is reported
    assert rule in lint_rule_ids(mutated)
