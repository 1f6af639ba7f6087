"""The lean build, SnapStart, the operations dashboard, the deploy environments and the runbook, as the
template, samconfig.toml and docs/operations.md declare them (no AWS, no subprocess).

The transformed template (the SAM transform, as cfn-lint 1.53.3 runs it) shows what SAM makes of
AutoPublishAlias: every trigger must invoke the alias, never the unpublished $LATEST.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from typing import Any

import pytest

from tests.infra.conftest import REPO_ROOT, TEMPLATE_PATH
from tests.infra.test_template_structure import ALARM, FUNCTION, resources

LAYER = "AWS::Serverless::LayerVersion"
RUNBOOK = REPO_ROOT / "docs" / "operations.md"


@pytest.fixture(scope="module")
def transformed() -> Mapping[str, Any]:
    """template.yaml after the SAM transform (what CloudFormation deploys)."""
    from cfnlint.decode import cfn_yaml
    from cfnlint.template.transforms._sam import Transform

    template = cfn_yaml.load(str(TEMPLATE_PATH))
    transform = Transform(str(TEMPLATE_PATH), template, "eu-west-2")
    assert transform.transform_template() == [], "the SAM transform failed"
    return transform._template


@pytest.fixture(scope="module")
def runbook() -> str:
    return RUNBOOK.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------------------
# lean build: one dependency layer, functions carry only local_offer
# ---------------------------------------------------------------------------------------------------------
def the_layer(sam_template: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    layers = resources(sam_template, LAYER)
    assert len(layers) == 1, f"expected one dependency layer, found {sorted(layers)}"
    return next(iter(layers.items()))


def test_one_dependency_layer_is_built_by_sam_for_the_functions_runtime(sam_template: Mapping[str, Any]) -> None:
    _, layer = the_layer(sam_template)
    function_globals = sam_template["Globals"]["Function"]
    assert layer["Metadata"]["BuildMethod"] == function_globals["Runtime"]
    assert layer["Metadata"]["BuildArchitecture"] == function_globals["Architectures"][0]
    properties = layer["Properties"]
    assert function_globals["Runtime"] in properties["CompatibleRuntimes"]
    assert properties["CompatibleArchitectures"] == function_globals["Architectures"]
    content = REPO_ROOT / properties["ContentUri"]
    assert (content / "requirements.txt").is_file(), f"{content} has no requirements.txt for sam build"


def test_every_function_uses_the_dependency_layer(sam_template: Mapping[str, Any]) -> None:
    layer_id, _ = the_layer(sam_template)
    assert {"Ref": layer_id} in sam_template["Globals"]["Function"]["Layers"]
    for function_id, function in resources(sam_template, FUNCTION).items():
        own = function["Properties"].get("Layers")
        # A function's own Layers are added to the global ones; it must not drop the dependency layer.
        assert own is None or isinstance(own, list), function_id


def test_the_function_code_holds_no_dependencies() -> None:
    # sam build installs a CodeUri's requirements.txt into it: the function code must have none, and no
    # vendored packages (dist-info, site-packages) either; functions/ is local_offer alone.
    code = REPO_ROOT / "functions"
    assert not list(code.rglob("requirements*.txt"))
    assert not list(code.rglob("*.dist-info"))
    assert not list(code.rglob("site-packages"))
    packages = {path.name for path in code.iterdir() if path.is_dir() and path.name != "__pycache__"}
    assert packages == {"local_offer"}, f"functions/ holds more than local_offer: {sorted(packages)}"


def test_the_layer_requirements_pin_an_opensearch_client_without_grpc() -> None:
    # opensearch-py 3.1+ requires opensearch-protobufs (grpcio, protobuf): ~19 MB the functions never use.
    requirements = (REPO_ROOT / "layers" / "dependencies" / "requirements.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)(?:\[[^]]*\])?==(\S+)$", requirements, re.MULTILINE))
    assert pins["opensearch-py"] == "3.0.0"
    assert not {"grpcio", "protobuf", "opensearch-protobufs"} & set(pins)


# ---------------------------------------------------------------------------------------------------------
# published versions, the alias and SnapStart
# ---------------------------------------------------------------------------------------------------------
def test_functions_are_published_behind_an_alias_with_snapstart(sam_template: Mapping[str, Any]) -> None:
    function_globals = sam_template["Globals"]["Function"]
    assert function_globals["AutoPublishAlias"] == "live"
    assert function_globals["SnapStart"] == {"ApplyOn": {"Ref": "SnapStartApplyOn"}}
    parameter = sam_template["Parameters"]["SnapStartApplyOn"]
    assert parameter["Default"] == "PublishedVersions"
    assert set(parameter["AllowedValues"]) == {"PublishedVersions", "None"}


def test_a_new_layer_or_setting_publishes_a_new_version(sam_template: Mapping[str, Any]) -> None:
    # Without AutoPublishAliasAllProperties SAM publishes a version only when the code changes, and the alias
    # would keep serving the old dependencies after a layer update.
    _, layer = the_layer(sam_template)
    assert layer["Properties"]["PublishLambdaVersion"] is True
    missing = [
        function_id
        for function_id, function in resources(sam_template, FUNCTION).items()
        if function["Properties"].get("AutoPublishAliasAllProperties") is not True
    ]
    assert not missing, f"set AutoPublishAliasAllProperties: true on {missing}"


def test_every_trigger_invokes_the_alias(transformed: Mapping[str, Any]) -> None:
    found = transformed["Resources"]
    aliases = {logical_id for logical_id, r in found.items() if r["Type"] == "AWS::Lambda::Alias"}
    functions = {logical_id for logical_id, r in found.items() if r["Type"] == "AWS::Lambda::Function"}
    assert aliases
    assert len(aliases) == len(functions)

    targets: list[tuple[str, Any]] = []
    for logical_id, resource in found.items():
        properties = resource.get("Properties", {})
        if resource["Type"] in ("AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission"):
            targets.append((logical_id, properties["FunctionName"]))
        elif resource["Type"] == "AWS::Events::Rule":
            targets += [
                (logical_id, target["Arn"]) for target in properties.get("Targets", []) if "Ref" in target["Arn"]
            ]
        elif resource["Type"] == "AWS::S3::Bucket":
            configurations = properties.get("NotificationConfiguration", {}).get("LambdaConfigurations", [])
            targets += [(logical_id, configuration["Function"]) for configuration in configurations]
    not_alias = [(logical_id, target) for logical_id, target in targets if target.get("Ref") not in aliases]
    assert targets
    assert not not_alias, f"these invoke a function, not its alias: {not_alias}"

    (api,) = [r for r in found.values() if r["Type"] == "AWS::ApiGateway::RestApi"]
    uris = re.findall(r'"uri": (\{.*?\})\}', json.dumps(api["Properties"]["Body"]))
    assert uris
    assert all("Alias" in uri for uri in uris), "an API route integrates with $LATEST instead of the alias"


# ---------------------------------------------------------------------------------------------------------
# the operations dashboard
# ---------------------------------------------------------------------------------------------------------
def dashboard_metrics(sam_template: Mapping[str, Any]) -> list[list[Any]]:
    (dashboard,) = resources(sam_template, "AWS::CloudWatch::Dashboard").values()
    body = json.loads(dashboard["Properties"]["DashboardBody"]["Fn::Sub"])
    return [metric for widget in body["widgets"] for metric in widget["properties"].get("metrics", [])]


def test_the_dashboard_shows_search_latency_api_errors_index_lag_and_failure_queues(
    sam_template: Mapping[str, Any],
) -> None:
    metrics = dashboard_metrics(sam_template)
    named = {(metric[0], metric[1]) for metric in metrics if metric[0] != "..."}
    assert {
        ("AWS/ApiGateway", "Latency"),
        ("AWS/ApiGateway", "4XXError"),
        ("AWS/Lambda", "IteratorAge"),
        ("AWS/SQS", "ApproximateNumberOfMessagesVisible"),
    } <= named
    text = json.dumps(metrics)
    assert '"Resource", "/services"' in text, "search latency is GET /services"
    assert "${IndexerFunction}" in text
    assert "${IndexerFailureQueue.QueueName}" in text
    assert "${IndexRedriveDeadLetterQueue.QueueName}" in text
    assert '"5XXError"' in text


def test_the_dashboard_names_only_resources_of_the_template(sam_template: Mapping[str, Any]) -> None:
    text = json.dumps(dashboard_metrics(sam_template))
    named = {match.split(".")[0] for match in re.findall(r"\$\{([A-Za-z0-9.]+)\}", text)} - {"AWS", "Stage"}
    assert named <= set(sam_template["Resources"]), named - set(sam_template["Resources"])


# ---------------------------------------------------------------------------------------------------------
# environments
# ---------------------------------------------------------------------------------------------------------
def parameter_overrides(text: str) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="([^"]*)"', text))


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_samconfig_deploys_each_environment_with_valid_parameters(
    sam_template: Mapping[str, Any], environment: str
) -> None:
    config = tomllib.loads((REPO_ROOT / "samconfig.toml").read_text(encoding="utf-8"))
    deploy = config[environment]["deploy"]["parameters"]
    assert config[environment]["global"]["parameters"]["stack_name"] == f"local-offer-{environment}"
    assert "CAPABILITY_IAM" in deploy["capabilities"]
    overrides = parameter_overrides(deploy["parameter_overrides"])
    assert overrides["Stage"] == environment
    declared = sam_template["Parameters"]
    assert set(overrides) <= set(declared), f"unknown parameters: {set(overrides) - set(declared)}"
    for name, value in overrides.items():
        allowed = declared[name].get("AllowedValues")
        assert allowed is None or value in [str(option) for option in allowed], f"{environment}: {name}={value}"


# ---------------------------------------------------------------------------------------------------------
# the runbook
# ---------------------------------------------------------------------------------------------------------
def test_the_runbook_explains_every_template_parameter(sam_template: Mapping[str, Any], runbook: str) -> None:
    missing = [name for name in sam_template["Parameters"] if f"`{name}`" not in runbook]
    assert not missing, f"docs/operations.md does not explain these parameters: {missing}"


def test_the_runbook_has_a_row_for_every_alarm(sam_template: Mapping[str, Any], runbook: str) -> None:
    rows = set(re.findall(r"^\| `([A-Za-z0-9]+)` \|", runbook, re.MULTILINE))
    missing = sorted(set(resources(sam_template, ALARM)) - rows)
    assert not missing, f"docs/operations.md has no row (| `Name` | ...) for these alarms: {missing}"


def test_the_cost_estimate_counts_the_functions_and_alarms_of_the_template(
    sam_template: Mapping[str, Any], runbook: str
) -> None:
    # The estimate is priced per function and per alarm: a new one must be costed too.
    functions, alarms = len(resources(sam_template, FUNCTION)), len(resources(sam_template, ALARM))
    assert f"{functions} functions" in runbook, f"the cost estimate should count {functions} functions"
    assert f"{alarms} alarms" in runbook, f"the cost estimate should count {alarms} alarms"


def test_the_runbook_commands_name_real_outputs(sam_template: Mapping[str, Any], runbook: str) -> None:
    # `--query "Stacks[0].Outputs[?OutputKey=='X']..."` must name an output the template has.
    named = set(re.findall(r"OutputKey==`?'?([A-Za-z0-9]+)", runbook))
    assert named, "the runbook reads no stack output"
    assert named <= set(sam_template["Outputs"]), named - set(sam_template["Outputs"])
