"""The template's promises, read from template.yaml as cfn-lint decodes it (no AWS, no subprocess).

Each test names one property that deployment, the local stack or operators rely on; the linters check that
the template is valid, these check that it says what we mean.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from typing import Any

import pytest

from tests.infra.conftest import REPO_ROOT

FUNCTION = "AWS::Serverless::Function"
LOG_GROUP = "AWS::Logs::LogGroup"
ALARM = "AWS::CloudWatch::Alarm"

EXPECTED_SHARED_ENVIRONMENT = {
    "RECORDS_TABLE_NAME": {"Ref": "RecordsTable"},
    "OPENSEARCH_ENDPOINT": {"Fn::Sub": "https://${SearchDomain.DomainEndpoint}"},
    "OPENSEARCH_AUTH": "sigv4",
    "SERVICES_INDEX_ALIAS": "services",
    "POWERTOOLS_SERVICE_NAME": "local-offer",
    "POWERTOOLS_METRICS_NAMESPACE": "LocalOffer",
    "POWERTOOLS_LOG_LEVEL": "INFO",
}


# ---------------------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------------------
def resources(template: Mapping[str, Any], resource_type: str | None = None) -> dict[str, Mapping[str, Any]]:
    return {
        logical_id: resource
        for logical_id, resource in template["Resources"].items()
        if resource_type is None or resource["Type"] == resource_type
    }


def props(template: Mapping[str, Any], logical_id: str) -> Mapping[str, Any]:
    return template["Resources"][logical_id].get("Properties", {})


def events(template: Mapping[str, Any], event_type: str) -> list[tuple[str, str, Mapping[str, Any]]]:
    """(function id, event name, event properties) for every event of `event_type`."""
    return [
        (function_id, name, event.get("Properties", {}))
        for function_id, function in resources(template, FUNCTION).items()
        for name, event in (function.get("Properties", {}).get("Events") or {}).items()
        if event["Type"] == event_type
    ]


def statements(function: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Inline IAM statements of a function's Policies (policy templates are not statements)."""
    found = []
    for policy in function.get("Properties", {}).get("Policies", []):
        if isinstance(policy, Mapping) and "Statement" in policy:
            found.extend(policy["Statement"])
    return found


def actions(statement: Mapping[str, Any]) -> list[str]:
    action = statement.get("Action", [])
    return [action] if isinstance(action, str) else list(action)


def contains_intrinsic(value: Any) -> bool:
    if isinstance(value, Mapping):
        return any(key == "Ref" or key.startswith("Fn::") or contains_intrinsic(item) for key, item in value.items())
    if isinstance(value, list):
        return any(contains_intrinsic(item) for item in value)
    return False


def referenced_ids(value: Any) -> set[str]:
    """Logical ids referred to by Ref, Fn::GetAtt or ${Id...} in Fn::Sub anywhere inside `value`."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key == "Ref" and isinstance(item, str):
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item.split(".")[0] if isinstance(item, str) else item[0])
            elif key == "Fn::Sub":
                text = item if isinstance(item, str) else item[0]
                found.update(match.split(".")[0] for match in re.findall(r"\$\{([^}!][^}]*)\}", text))
                if not isinstance(item, str):
                    found.update(referenced_ids(item[1]))
            else:
                found.update(referenced_ids(item))
    elif isinstance(value, list):
        for item in value:
            found.update(referenced_ids(item))
    return found


# ---------------------------------------------------------------------------------------------------------
# layout
# ---------------------------------------------------------------------------------------------------------
def test_template_sections_have_banners_in_order(template_text: str) -> None:
    # Given the raw template text
    banners = ["Parameters", "Conditions", "Globals", "API", "Identity", "Data", "Search", "Functions"]
    banners += ["Stream processing", "Alarms", "Outputs"]
    # When the banner comments are located
    positions = [re.search(rf"^\s*# {re.escape(name)}\s*$", template_text, re.MULTILINE) for name in banners]
    # Then every banner is there, in this order
    missing = [name for name, found in zip(banners, positions, strict=True) if found is None]
    assert not missing, f"banner comments missing: {missing}"
    offsets = [found.start() for found in positions if found is not None]
    assert offsets == sorted(offsets), "banner sections out of order"


# Where each kind of resource belongs; a function's queues and log group sit with the function.
SECTION_OF_TYPE = {
    "AWS::Cognito::UserPool": {"Identity"},
    "AWS::Cognito::UserPoolClient": {"Identity"},
    "AWS::Cognito::UserPoolGroup": {"Identity"},
    "AWS::DynamoDB::Table": {"Data"},
    "AWS::Events::EventBus": {"Events"},
    "AWS::Events::Rule": {"Events"},
    "AWS::OpenSearchService::Domain": {"Search"},
    "AWS::S3::Bucket": {"Storage"},
    "AWS::S3::BucketPolicy": {"Storage"},
    FUNCTION: {"Functions", "Stream processing"},
    "AWS::SQS::Queue": {"Functions", "Stream processing"},
    "AWS::SNS::Topic": {"Alarms"},
    ALARM: {"Alarms"},
}


def resource_sections(template_text: str) -> dict[str, str]:
    """Logical id -> the banner it sits under, from the raw text of the Resources section."""
    resources_text = template_text[template_text.index("\nResources:\n") : template_text.index("\nOutputs:\n")]
    sections, section = {}, ""
    for line in resources_text.splitlines():
        if banner := re.fullmatch(r"  # ([A-Z][A-Za-z ]+)", line):
            section = banner.group(1)
        elif resource := re.fullmatch(r"  ([A-Za-z0-9]+):", line):
            sections[resource.group(1)] = section
    return sections


def test_every_resource_sits_under_its_banner(template_text: str, sam_template: Mapping[str, Any]) -> None:
    # Given the banner each resource sits under
    sections = resource_sections(template_text)
    assert list(sections) == list(sam_template["Resources"])
    # Then each resource of a known kind sits under the banner for its kind
    misplaced = {
        logical_id: (resource["Type"], sections[logical_id])
        for logical_id, resource in sam_template["Resources"].items()
        if sections[logical_id] not in SECTION_OF_TYPE.get(resource["Type"], {sections[logical_id]})
    }
    assert not misplaced, f"resources under the wrong banner: {misplaced}"


def test_each_function_log_group_sits_right_before_its_function(sam_template: Mapping[str, Any]) -> None:
    # Given the resources in file order
    order = list(sam_template["Resources"])
    # Then the log group a function writes to is the resource just before it
    apart = {
        name: group
        for name, function in resources(sam_template, FUNCTION).items()
        if (group := function["Properties"].get("LoggingConfig", {}).get("LogGroup", {}).get("Ref"))
        and order.index(group) != order.index(name) - 1
    }
    assert not apart, f"function -> log group not next to it: {apart}"


def test_template_parameters_are_all_validated(sam_template: Mapping[str, Any]) -> None:
    validators = {"AllowedValues", "AllowedPattern", "MinValue", "MaxValue"}
    unvalidated = [name for name, spec in sam_template["Parameters"].items() if not validators & set(spec)]
    assert not unvalidated, f"parameters without validation: {unvalidated}"
    for required in ("Stage", "LogRetentionDays", "OpenSearchInstanceType", "AlarmEmail"):
        assert required in sam_template["Parameters"]
    assert sam_template["Parameters"]["AlarmEmail"].get("Default") == "", "AlarmEmail must be optional"


# ---------------------------------------------------------------------------------------------------------
# Globals
# ---------------------------------------------------------------------------------------------------------
def test_globals_function_sets_runtime_tracing_logging_and_code(sam_template: Mapping[str, Any]) -> None:
    function = sam_template["Globals"]["Function"]
    assert function["Runtime"] == "python3.12"
    assert function["Architectures"] == ["arm64"]
    assert function["Tracing"] == "Active"
    assert function["LoggingConfig"]["LogFormat"] == "JSON"
    assert function["CodeUri"] == "functions/"
    assert isinstance(function["MemorySize"], int)
    assert isinstance(function["Timeout"], int)


def test_globals_function_environment_is_shared_by_all_functions(sam_template: Mapping[str, Any]) -> None:
    variables = sam_template["Globals"]["Function"]["Environment"]["Variables"]
    assert {name: variables.get(name) for name in EXPECTED_SHARED_ENVIRONMENT} == EXPECTED_SHARED_ENVIRONMENT


def test_globals_api_has_cors_tracing_throttling_and_access_logs(sam_template: Mapping[str, Any]) -> None:
    api = sam_template["Globals"]["Api"]
    assert api["Cors"]["AllowOrigin"] == "'*'"
    assert api["TracingEnabled"] is True
    throttled = [
        setting
        for setting in api["MethodSettings"]
        if setting.get("ResourcePath") == "/*"
        and setting.get("HttpMethod") == "*"
        and "ThrottlingRateLimit" in setting
        and "ThrottlingBurstLimit" in setting
    ]
    assert throttled, "no MethodSettings entry throttles every method"
    destination = api["AccessLogSetting"]["DestinationArn"]
    assert destination.get("Fn::GetAtt", [None])[0] in resources(sam_template, LOG_GROUP)
    assert "$context.requestId" in api["AccessLogSetting"]["Format"]


def test_functions_inherit_code_and_runtime_from_globals(sam_template: Mapping[str, Any]) -> None:
    # One artifact: a function that sets its own CodeUri or Runtime would be built separately.
    for function_id, function in resources(sam_template, FUNCTION).items():
        own = function.get("Properties", {})
        assert "CodeUri" not in own, f"{function_id} overrides Globals.Function.CodeUri"
        assert "Runtime" not in own, f"{function_id} overrides Globals.Function.Runtime"


def test_every_handler_module_defines_lambda_handler(sam_template: Mapping[str, Any]) -> None:
    code_root = REPO_ROOT / sam_template["Globals"]["Function"]["CodeUri"]
    for function_id, function in resources(sam_template, FUNCTION).items():
        module, _, name = function["Properties"]["Handler"].rpartition(".")
        path = code_root / (module.replace(".", "/") + ".py")
        assert path.exists(), f"{function_id}: handler module {path} does not exist"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}
        assert name in defined, f"{function_id}: {path} defines no top-level {name}()"


# ---------------------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------------------
def test_records_table_is_keyed_by_pk_and_sk_on_demand(sam_template: Mapping[str, Any]) -> None:
    table = sam_template["Resources"]["RecordsTable"]
    assert table["Type"] == "AWS::DynamoDB::Table"
    properties = table["Properties"]
    assert properties["KeySchema"] == [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ]
    assert {"AttributeName": "pk", "AttributeType": "S"} in properties["AttributeDefinitions"]
    assert {"AttributeName": "sk", "AttributeType": "S"} in properties["AttributeDefinitions"]
    assert properties["BillingMode"] == "PAY_PER_REQUEST"


def test_records_table_streams_old_and_new_images_with_recovery_and_encryption(
    sam_template: Mapping[str, Any],
) -> None:
    properties = props(sam_template, "RecordsTable")
    assert properties["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"
    assert properties["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert properties["SSESpecification"]["SSEEnabled"] is True
    assert sam_template["Resources"]["RecordsTable"].get("DeletionPolicy") == "Retain"


@pytest.mark.parametrize("resource_type", ["AWS::DynamoDB::Table", "AWS::SQS::Queue", "AWS::S3::Bucket"])
def test_locally_created_resources_have_literal_schemas(sam_template: Mapping[str, Any], resource_type: str) -> None:
    # The local stack creates these from the template: key schemas and the like must not hide behind Fn::If.
    literal = ("KeySchema", "AttributeDefinitions", "BillingMode", "StreamSpecification", "GlobalSecondaryIndexes")
    literal += ("FifoQueue", "VersioningConfiguration")
    for logical_id, resource in resources(sam_template, resource_type).items():
        for name in literal:
            assert not contains_intrinsic(resource.get("Properties", {}).get(name)), f"{logical_id}.{name}"


# ---------------------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------------------
def test_search_domain_is_encrypted_and_https_only(sam_template: Mapping[str, Any]) -> None:
    domain = sam_template["Resources"]["SearchDomain"]
    assert domain["Type"] == "AWS::OpenSearchService::Domain"
    properties = domain["Properties"]
    assert properties["EncryptionAtRestOptions"]["Enabled"] is True
    assert properties["NodeToNodeEncryptionOptions"]["Enabled"] is True
    assert properties["DomainEndpointOptions"]["EnforceHTTPS"] is True
    assert properties["ClusterConfig"]["InstanceType"] == {"Ref": "OpenSearchInstanceType"}


def test_search_domain_policy_names_no_function_role(sam_template: Mapping[str, Any]) -> None:
    # Functions depend on the domain (endpoint in their environment); a domain policy naming their roles
    # would close a dependency cycle. The policy trusts the account; the functions' own policies grant.
    policy = props(sam_template, "SearchDomain")["AccessPolicies"]
    referenced = referenced_ids(policy)
    assert not referenced & set(sam_template["Resources"]), f"domain policy references {referenced}"
    principals = [statement["Principal"]["AWS"] for statement in policy["Statement"]]
    assert all(":root" in str(principal) for principal in principals)


# ---------------------------------------------------------------------------------------------------------
# API and functions
# ---------------------------------------------------------------------------------------------------------
def test_every_api_event_references_the_api(sam_template: Mapping[str, Any]) -> None:
    apis = resources(sam_template, "AWS::Serverless::Api")
    routes = events(sam_template, "Api")
    assert routes, "no Api events"
    for function_id, name, properties in routes:
        rest_api = properties.get("RestApiId", {})
        assert isinstance(rest_api, Mapping), f"{function_id}.{name}: RestApiId must be a Ref"
        assert rest_api.get("Ref") in apis, f"{function_id}.{name} is not on the template's API (implicit API?)"


def test_api_paths_use_one_variable_name_per_level(sam_template: Mapping[str, Any]) -> None:
    # API Gateway refuses sibling resources with different variable names (/organizations/{id} beside
    # /organizations/{organization_id}/members) at deploy time; neither cfn-lint nor `sam validate` notices.
    variables: dict[str, set[str]] = {}
    for _, _, properties in events(sam_template, "Api"):
        parts = properties["Path"].strip("/").split("/")
        for depth, part in enumerate(parts):
            if part.startswith("{"):
                variables.setdefault("/" + "/".join(parts[:depth]), set()).add(part)
    clashes = {parent: names for parent, names in variables.items() if len(names) > 1}
    assert not clashes, f"one variable name per path level, please: {clashes}"


def test_api_stage_is_the_stage_parameter(sam_template: Mapping[str, Any]) -> None:
    assert sam_template["Resources"]["Api"]["Type"] == "AWS::Serverless::Api"
    assert props(sam_template, "Api")["StageName"] == {"Ref": "Stage"}


def test_search_function_serves_the_services_routes(sam_template: Mapping[str, Any]) -> None:
    routes = {(p["Method"].upper(), p["Path"]) for fid, _, p in events(sam_template, "Api") if fid == "SearchFunction"}
    assert {("GET", "/services"), ("GET", "/services/{id}")} <= routes
    handler = props(sam_template, "SearchFunction")["Handler"]
    assert handler == "local_offer.handlers.search.lambda_handler"


def test_search_function_can_only_read_and_count_searches(sam_template: Mapping[str, Any]) -> None:
    function = sam_template["Resources"]["SearchFunction"]
    policy_templates = {
        next(iter(policy))
        for policy in function["Properties"]["Policies"]
        if isinstance(policy, Mapping) and "Statement" not in policy
    }
    assert policy_templates == {"DynamoDBReadPolicy"}
    granted = {action for statement in statements(function) for action in actions(statement)}
    assert granted == {"es:ESHttpGet", "es:ESHttpPost", "es:ESHttpHead", "dynamodb:UpdateItem"}
    # The one write: adding to the insights counters, on that table alone.
    writes = [statement for statement in statements(function) if "dynamodb:UpdateItem" in actions(statement)]
    assert [statement["Resource"] for statement in writes] == [{"Fn::GetAtt": ["InsightsTable", "Arn"]}]


def test_indexer_function_can_write_the_index_and_read_the_table(sam_template: Mapping[str, Any]) -> None:
    function = sam_template["Resources"]["IndexerFunction"]
    assert function["Properties"]["Handler"] == "local_offer.handlers.indexer.lambda_handler"
    granted = {action for statement in statements(function) for action in actions(statement)}
    assert granted == {"es:ESHttpPut", "es:ESHttpPost", "es:ESHttpDelete", "es:ESHttpGet", "es:ESHttpHead"}
    assert {"DynamoDBReadPolicy": {"TableName": {"Ref": "RecordsTable"}}} in function["Properties"]["Policies"]


def test_function_policies_use_no_wildcards(sam_template: Mapping[str, Any]) -> None:
    for function_id, function in resources(sam_template, FUNCTION).items():
        for statement in statements(function):
            assert all(not action.endswith("*") for action in actions(statement)), function_id
            assert statement.get("Resource") != "*", function_id
            assert "SearchDomain" in referenced_ids(statement.get("Resource")) or not any(
                action.startswith("es:") for action in actions(statement)
            ), f"{function_id}: es actions must be scoped to SearchDomain"


def test_every_function_logs_to_its_own_group_with_retention(sam_template: Mapping[str, Any]) -> None:
    groups = resources(sam_template, LOG_GROUP)
    used: list[str] = []
    for function_id, function in resources(sam_template, FUNCTION).items():
        group = function["Properties"].get("LoggingConfig", {}).get("LogGroup", {})
        assert isinstance(group, Mapping), f"{function_id}: LoggingConfig.LogGroup must be a Ref"
        assert group.get("Ref") in groups, f"{function_id}: LoggingConfig.LogGroup names no log group"
        assert groups[group["Ref"]]["Properties"].get("RetentionInDays"), f"{group['Ref']}: no retention"
        used.append(group["Ref"])
    assert len(used) == len(set(used)), "two functions share a log group"


def test_every_log_group_has_retention(sam_template: Mapping[str, Any]) -> None:
    for logical_id, group in resources(sam_template, LOG_GROUP).items():
        assert group["Properties"].get("RetentionInDays"), f"{logical_id}: no RetentionInDays"


# ---------------------------------------------------------------------------------------------------------
# Stream processing
# ---------------------------------------------------------------------------------------------------------
def test_indexer_stream_event_reports_partial_failures_with_bounded_retries(sam_template: Mapping[str, Any]) -> None:
    streams = [(fid, p) for fid, _, p in events(sam_template, "DynamoDB") if fid == "IndexerFunction"]
    assert len(streams) == 1
    _, stream = streams[0]
    assert stream["Stream"] == {"Fn::GetAtt": ["RecordsTable", "StreamArn"]}
    assert stream["StartingPosition"] == "TRIM_HORIZON"
    assert stream["BatchSize"] == 100
    assert stream["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert stream["BisectBatchOnFunctionError"] is True
    assert 0 <= stream["MaximumRetryAttempts"] <= 10
    assert 60 <= stream["MaximumRecordAgeInSeconds"] <= 86400


def test_every_stream_event_sends_given_up_batches_to_an_encrypted_queue(sam_template: Mapping[str, Any]) -> None:
    queues = resources(sam_template, "AWS::SQS::Queue")
    streams = events(sam_template, "DynamoDB")
    assert streams
    for function_id, name, properties in streams:
        assert properties.get("FunctionResponseTypes") == ["ReportBatchItemFailures"], f"{function_id}.{name}"
        on_failure = properties["DestinationConfig"]["OnFailure"]
        assert on_failure["Type"] == "SQS"
        (queue_id, attribute) = on_failure["Destination"]["Fn::GetAtt"]
        assert queue_id in queues
        assert attribute == "Arn"
        queue = queues[queue_id]["Properties"]
        assert queue["MessageRetentionPeriod"] == 14 * 24 * 3600
        assert queue.get("SqsManagedSseEnabled") is True or "KmsMasterKeyId" in queue


# ---------------------------------------------------------------------------------------------------------
# Alarms
# ---------------------------------------------------------------------------------------------------------
def alarm_targets(sam_template: Mapping[str, Any]) -> list[tuple[str, str, set[str], Mapping[str, Any]]]:
    """(namespace, metric, referenced ids of the dimensions, alarm properties) for every alarm."""
    return [
        (
            alarm["Properties"]["Namespace"],
            alarm["Properties"]["MetricName"],
            referenced_ids(alarm["Properties"].get("Dimensions", [])),
            alarm["Properties"],
        )
        for alarm in resources(sam_template, ALARM).values()
    ]


def test_every_function_has_an_errors_alarm(sam_template: Mapping[str, Any]) -> None:
    alarmed = {
        ref
        for ns, metric, refs, _ in alarm_targets(sam_template)
        if (ns, metric) == ("AWS/Lambda", "Errors")
        for ref in refs
    }
    missing = set(resources(sam_template, FUNCTION)) - alarmed
    assert not missing, f"functions without an Errors alarm: {missing}"


def test_the_redrive_dead_letter_queue_alarms_on_the_first_message(sam_template: Mapping[str, Any]) -> None:
    # IndexerFailureQueue is the redrive's work queue; what nobody but a person can fix lands here.
    matching = [
        properties
        for ns, metric, refs, properties in alarm_targets(sam_template)
        if ns == "AWS/SQS" and metric == "ApproximateNumberOfMessagesVisible" and "IndexRedriveDeadLetterQueue" in refs
    ]
    assert matching, "no depth alarm on IndexRedriveDeadLetterQueue"
    assert matching[0]["Threshold"] == 0
    assert matching[0]["ComparisonOperator"] == "GreaterThanThreshold"


def test_given_up_stream_batches_are_redriven_from_the_failure_queue_with_a_dead_letter_queue(
    sam_template: Mapping[str, Any],
) -> None:
    queue = props(sam_template, "IndexerFailureQueue")
    redrive_events = [p for fid, _, p in events(sam_template, "SQS") if fid == "IndexRedriveFunction"]
    function = props(sam_template, "IndexRedriveFunction")

    assert queue["RedrivePolicy"]["deadLetterTargetArn"] == {"Fn::GetAtt": ["IndexRedriveDeadLetterQueue", "Arn"]}
    assert redrive_events
    assert redrive_events[0]["Queue"] == {"Fn::GetAtt": ["IndexerFailureQueue", "Arn"]}
    assert "ReportBatchItemFailures" in redrive_events[0]["FunctionResponseTypes"]
    assert int(queue["VisibilityTimeout"]) >= int(function["Timeout"]), "Lambda refuses a shorter visibility"


def test_a_redrive_waiting_over_an_hour_alarms(sam_template: Mapping[str, Any]) -> None:
    matching = [
        properties
        for ns, metric, refs, properties in alarm_targets(sam_template)
        if ns == "AWS/SQS" and metric == "ApproximateAgeOfOldestMessage" and "IndexerFailureQueue" in refs
    ]
    assert matching
    assert matching[0]["Threshold"] == 3600


def test_api_5xx_alarm_watches_the_api_stage(sam_template: Mapping[str, Any]) -> None:
    matching = [p for ns, metric, _, p in alarm_targets(sam_template) if (ns, metric) == ("AWS/ApiGateway", "5XXError")]
    assert matching, "no API 5XXError alarm"
    dimensions = {d["Name"]: d["Value"] for d in matching[0]["Dimensions"]}
    assert dimensions["Stage"] == {"Ref": "Stage"}
    assert dimensions["ApiName"] == props(sam_template, "Api")["Name"], "alarm ApiName differs from the API's Name"


def test_alarms_notify_the_topic_only_when_an_email_is_given(sam_template: Mapping[str, Any]) -> None:
    topic = sam_template["Resources"]["AlarmTopic"]
    assert topic["Condition"] == "HasAlarmEmail"
    assert sam_template["Conditions"]["HasAlarmEmail"] == {"Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]}
    expected = {"Fn::If": ["HasAlarmEmail", [{"Ref": "AlarmTopic"}], {"Ref": "AWS::NoValue"}]}
    for logical_id, alarm in resources(sam_template, ALARM).items():
        assert alarm["Properties"].get("AlarmActions") == expected, logical_id


# ---------------------------------------------------------------------------------------------------------
# Outputs and suppressions
# ---------------------------------------------------------------------------------------------------------
def test_outputs_give_operators_and_e2e_tests_what_they_need(sam_template: Mapping[str, Any]) -> None:
    outputs = sam_template["Outputs"]
    required = {"ApiUrl", "RecordsTableName", "RecordsTableStreamArn", "SearchDomainEndpoint"}
    required |= {"IndexerFailureQueueUrl"} | {f"{function_id}Name" for function_id in resources(sam_template, FUNCTION)}
    assert required <= set(outputs), f"missing outputs: {required - set(outputs)}"
    assert outputs["ApiUrl"]["Value"] == {
        "Fn::Sub": "https://${Api}.execute-api.${AWS::Region}.amazonaws.com/${Stage}/"
    }


def test_every_checkov_suppression_gives_a_reason(sam_template: Mapping[str, Any]) -> None:
    for logical_id, resource in sam_template["Resources"].items():
        for skip in resource.get("Metadata", {}).get("checkov", {}).get("skip", []):
            assert re.fullmatch(r"CKV2?_AWS_\d+", skip.get("id", "")), f"{logical_id}: bad check id {skip}"
            assert len(str(skip.get("comment", "")).strip()) >= 20, f"{logical_id}: {skip['id']} has no reason"


def test_every_cfn_lint_suppression_gives_a_reason(sam_template: Mapping[str, Any]) -> None:
    # Convention: Metadata.cfn-lint.config.ignore_checks ids each explained in Metadata.cfn-lint-reasons.
    sections = [sam_template.get("Metadata", {})] + [r.get("Metadata", {}) for r in sam_template["Resources"].values()]
    for metadata in sections:
        ignored = metadata.get("cfn-lint", {}).get("config", {}).get("ignore_checks", [])
        reasons = metadata.get("cfn-lint-reasons", {})
        unexplained = [check for check in ignored if len(str(reasons.get(check, "")).strip()) < 20]
        assert not unexplained, f"cfn-lint suppressions without a reason: {unexplained}"
