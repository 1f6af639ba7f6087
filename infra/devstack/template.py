"""The SAM template as the local stack and the tests see it.

Everything local is derived from `template.yaml`, so tests and `local-offer serve` cannot drift from what is
deployed: which DynamoDB tables, SQS queues and S3 buckets exist (with their keys, indexes, streams, TTL,
versioning), what each function's environment is, which HTTP routes each function serves and which DynamoDB
streams feed which function.

Physical names are deterministic: the literal name property when the template gives one (resolved, e.g.
`!Sub "${AWS::StackName}-records"`), else `local-offer-<LogicalId>` (lower-cased for buckets).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_TEMPLATE_PATH = REPO_ROOT / "template.yaml"

STACK_NAME = "local-offer"
ACCOUNT_ID = "123456789012"  # moto's default account
DEFAULT_REGION = "eu-west-2"

TABLE = "AWS::DynamoDB::Table"
QUEUE = "AWS::SQS::Queue"
BUCKET = "AWS::S3::Bucket"
FUNCTION = "AWS::Serverless::Function"
CREATED_TYPES = (TABLE, QUEUE, BUCKET)

log = logging.getLogger(__name__)

Template = Mapping[str, Any]


# ---------------------------------------------------------------------------------------------------------
# Loading and enumerating
# ---------------------------------------------------------------------------------------------------------
def load_template(path: str | Path = DEFAULT_TEMPLATE_PATH) -> dict[str, Any]:
    """Parse a CloudFormation/SAM template (short-form intrinsics such as `!Ref` become `{"Ref": ...}`)."""
    from cfnlint.decode import cfn_yaml

    return cfn_yaml.load(str(path))


def resources_of_type(template: Template, *types: str) -> dict[str, Mapping[str, Any]]:
    """Logical id -> resource definition for every resource of the given types (all when none given)."""
    return {
        logical_id: resource
        for logical_id, resource in template.get("Resources", {}).items()
        if not types or resource.get("Type") in types
    }


# ---------------------------------------------------------------------------------------------------------
# Physical resources and the intrinsic-function resolver
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PhysicalResource:
    """A resource created locally: what `Ref` and `Fn::GetAtt` on its logical id evaluate to."""

    logical_id: str
    type: str
    name: str
    arn: str
    url: str | None = None  # SQS queue URL
    attributes: Mapping[str, str] = field(default_factory=dict)  # extra GetAtt values, e.g. StreamArn

    @property
    def ref(self) -> str:
        """`Ref` semantics: the queue URL for SQS, the name for tables and buckets."""
        return self.url if self.type == QUEUE and self.url else self.name

    def get_att(self, attribute: str) -> str:
        """`Fn::GetAtt` semantics; raises Unresolvable for attributes the local stack does not model."""
        values = {"Arn": self.arn, **self.attributes}
        if self.type == QUEUE:
            values.update(QueueName=self.name, QueueUrl=self.url or "")
        if attribute not in values or not values[attribute]:
            raise Unresolvable(f"{self.logical_id}.{attribute}")
        return values[attribute]


class Unresolvable(Exception):
    """An intrinsic refers to something the local stack does not create (an OpenSearch domain, an API...)."""


class Resolver:
    """Evaluates intrinsic functions against parameters' defaults, pseudo parameters and created resources."""

    def __init__(
        self,
        template: Template,
        resources: Mapping[str, PhysicalResource] | None = None,
        *,
        region: str = DEFAULT_REGION,
        stack_name: str = STACK_NAME,
        account_id: str = ACCOUNT_ID,
        parameters: Mapping[str, str] | None = None,
    ) -> None:
        self.template = template
        self.resources = resources if resources is not None else {}
        self.pseudo = {
            "AWS::Region": region,
            "AWS::AccountId": account_id,
            "AWS::StackName": stack_name,
            "AWS::StackId": f"arn:aws:cloudformation:{region}:{account_id}:stack/{stack_name}/local",
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
        }
        self.parameters = {
            name: str(definition["Default"])
            for name, definition in template.get("Parameters", {}).items()
            if "Default" in definition
        } | dict(parameters or {})

    def resolve(self, value: Any) -> Any:
        """The plain value of `value` (recursively); raises Unresolvable."""
        if isinstance(value, Mapping):
            if len(value) == 1:
                (key, argument), *_ = value.items()
                if key == "Ref":
                    return self.ref(argument)
                if key.startswith("Fn::") or key == "Condition":
                    return self._intrinsic(key, argument)
            return {key: self.resolve(item) for key, item in value.items() if not self._is_no_value(item)}
        if isinstance(value, list):
            return [self.resolve(item) for item in value if not self._is_no_value(item)]
        return value

    def ref(self, name: str) -> str:
        if name in self.pseudo:
            return self.pseudo[name]
        if name in self.parameters:
            return self.parameters[name]
        if name in self.resources:
            return self.resources[name].ref
        raise Unresolvable(f"Ref {name}")

    def get_att(self, logical_id: str, attribute: str) -> str:
        if logical_id not in self.resources:
            raise Unresolvable(f"{logical_id}.{attribute}")
        return self.resources[logical_id].get_att(attribute)

    def condition(self, name: str) -> bool:
        """Evaluate a named condition from the template's Conditions section."""
        conditions = self.template.get("Conditions", {})
        if name not in conditions:
            raise Unresolvable(f"Condition {name}")
        return bool(self.resolve(conditions[name]))

    @staticmethod
    def _is_no_value(value: Any) -> bool:
        return isinstance(value, Mapping) and dict(value) == {"Ref": "AWS::NoValue"}

    def _intrinsic(self, key: str, argument: Any) -> Any:
        if key == "Fn::GetAtt":
            logical_id, attribute = argument.split(".", 1) if isinstance(argument, str) else argument
            return self.get_att(logical_id, self.resolve(attribute))
        if key == "Fn::Sub":
            return self._sub(argument)
        if key == "Fn::Join":
            separator, items = argument
            return separator.join(str(item) for item in self.resolve(items))
        if key == "Fn::Select":
            index, items = argument
            return self.resolve(items)[int(self.resolve(index))]
        if key == "Fn::Split":
            separator, text = argument
            return self.resolve(text).split(separator)
        if key == "Fn::If":
            name, when_true, when_false = argument
            return self.resolve(when_true if self.condition(name) else when_false)
        if key == "Fn::Equals":
            left, right = (self.resolve(item) for item in argument)
            return str(left) == str(right)
        if key == "Fn::Not":
            return not self.resolve(argument[0])
        if key == "Fn::And":
            return all(self.resolve(item) for item in argument)
        if key == "Fn::Or":
            return any(self.resolve(item) for item in argument)
        if key == "Condition":
            return self.condition(argument)
        raise Unresolvable(key)  # Fn::ImportValue, Fn::FindInMap, Fn::GetAZs, ...

    def _sub(self, argument: Any) -> str:
        text, variables = (argument, {}) if isinstance(argument, str) else argument
        variables = {name: self.resolve(value) for name, value in variables.items()}

        def replace(match: re.Match[str]) -> str:
            name = match.group(1)
            if name.startswith("!"):
                return "${" + name[1:] + "}"  # ${!Literal}
            if name in variables:
                return str(variables[name])
            if "." in name:
                logical_id, attribute = name.split(".", 1)
                return self.get_att(logical_id, attribute)
            return self.ref(name)

        return re.sub(r"\$\{([^}]+)\}", replace, text)


def references(value: Any) -> set[str]:
    """Logical ids (and parameter names) that an intrinsic expression refers to."""
    found: set[str] = set()
    if isinstance(value, Mapping):
        for key, argument in value.items():
            if key == "Ref" and isinstance(argument, str):
                found.add(argument)
            elif key == "Fn::GetAtt":
                found.add(argument.split(".", 1)[0] if isinstance(argument, str) else argument[0])
            elif key == "Fn::Sub":
                text = argument if isinstance(argument, str) else argument[0]
                found.update(name.split(".", 1)[0] for name in re.findall(r"\$\{([^}!][^}]*)\}", text))
                found.update(references(argument if isinstance(argument, str) else argument[1]))
            else:
                found.update(references(argument))
    elif isinstance(value, list):
        for item in value:
            found.update(references(item))
    return found


# ---------------------------------------------------------------------------------------------------------
# Creating tables, queues and buckets
# ---------------------------------------------------------------------------------------------------------
def create_resources(
    session: Any = None,
    template: Template | None = None,
    *,
    stack_name: str = STACK_NAME,
    parameters: Mapping[str, str] | None = None,
) -> dict[str, PhysicalResource]:
    """Create every DynamoDB table, SQS queue, S3 bucket, EventBridge bus and rule, log group and Cognito user
    pool (with its app clients and groups) of the template (idempotently: existing ones are described, not
    re-created) and return logical id -> PhysicalResource.

    `session` is a boto3 Session (None: a new default one, which honours AWS_ENDPOINT_URL and is intercepted
    by an active `moto.mock_aws`).
    """
    import boto3

    session = session or boto3.session.Session()
    template = template if template is not None else load_template()
    region = session.region_name or DEFAULT_REGION
    created: dict[str, PhysicalResource] = {}
    resolver = Resolver(template, created, region=region, stack_name=stack_name, parameters=parameters)
    from devstack import cognito, events

    creators = {
        TABLE: _create_table,
        QUEUE: _create_queue,
        BUCKET: _create_bucket,
        **events.CREATORS,
        **cognito.CREATORS,
    }
    for logical_id in _creation_order(template, (*CREATED_TYPES, *events.EVENT_TYPES, *cognito.IDENTITY_TYPES)):
        resource = template["Resources"][logical_id]
        if "Condition" in resource and not resolver.condition(resource["Condition"]):
            continue
        properties = resolver.resolve(resource.get("Properties", {}))
        created[logical_id] = creators[resource["Type"]](session, logical_id, properties, resolver)
        log.debug("created %s %s", resource["Type"], created[logical_id].name)
    return created


def _creation_order(template: Template, types: tuple[str, ...] = CREATED_TYPES) -> list[str]:
    """Creatable resources, each after those it refers to (a queue's dead-letter queue, a rule's bus, a pool's
    client)."""
    pending = {
        logical_id: references(resource.get("Properties", {})) & set(resources_of_type(template, *types))
        for logical_id, resource in resources_of_type(template, *types).items()
    }
    order: list[str] = []
    while pending:
        ready = sorted(logical_id for logical_id, needs in pending.items() if not needs - set(order))
        if not ready:
            raise ValueError(f"circular references between {sorted(pending)}")
        order.extend(ready)
        for logical_id in ready:
            del pending[logical_id]
    return order


def _physical_name(logical_id: str, properties: Mapping[str, Any], name_property: str) -> str:
    return str(properties.get(name_property) or f"{STACK_NAME}-{logical_id}")


def _create_table(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("dynamodb")
    name = _physical_name(logical_id, props, "TableName")
    billing_mode = props.get("BillingMode", "PROVISIONED")
    request: dict[str, Any] = {
        "TableName": name,
        "KeySchema": props["KeySchema"],
        "AttributeDefinitions": props["AttributeDefinitions"],
        "BillingMode": billing_mode,
    }
    if billing_mode == "PROVISIONED":
        request["ProvisionedThroughput"] = _throughput(props.get("ProvisionedThroughput"))
    if "GlobalSecondaryIndexes" in props:
        request["GlobalSecondaryIndexes"] = [
            {**index, "ProvisionedThroughput": _throughput(index.get("ProvisionedThroughput"))}
            if billing_mode == "PROVISIONED"
            else {key: value for key, value in index.items() if key != "ProvisionedThroughput"}
            for index in props["GlobalSecondaryIndexes"]
        ]
    if "LocalSecondaryIndexes" in props:
        request["LocalSecondaryIndexes"] = props["LocalSecondaryIndexes"]
    if "StreamSpecification" in props:
        view_type = props["StreamSpecification"]["StreamViewType"]
        request["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": view_type}
    try:
        description = client.create_table(**request)["TableDescription"]
    except client.exceptions.ResourceInUseException:
        description = client.describe_table(TableName=name)["Table"]
    ttl = props.get("TimeToLiveSpecification")
    if ttl and ttl.get("Enabled"):
        client.update_time_to_live(
            TableName=name, TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl["AttributeName"]}
        )
    attributes = {"StreamArn": description["LatestStreamArn"]} if description.get("LatestStreamArn") else {}
    return PhysicalResource(logical_id, TABLE, name, description["TableArn"], attributes=attributes)


def _throughput(value: Mapping[str, Any] | None) -> dict[str, int]:
    value = value or {}
    return {
        "ReadCapacityUnits": int(value.get("ReadCapacityUnits", 5)),
        "WriteCapacityUnits": int(value.get("WriteCapacityUnits", 5)),
    }


QUEUE_ATTRIBUTES = (
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "DelaySeconds",
    "FifoQueue",
    "FifoThroughputLimit",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ReceiveMessageWaitTimeSeconds",
    "RedriveAllowPolicy",
    "RedrivePolicy",
    "VisibilityTimeout",
)


def _create_queue(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("sqs")
    name = _physical_name(logical_id, props, "QueueName")
    if props.get("FifoQueue") and not name.endswith(".fifo"):
        name += ".fifo"
    attributes = {key: _attribute_text(value) for key, value in props.items() if key in QUEUE_ATTRIBUTES}
    url = client.create_queue(QueueName=name, Attributes=attributes)["QueueUrl"]
    arn = client.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    return PhysicalResource(logical_id, QUEUE, name, arn, url=url)


def _attribute_text(value: Any) -> str:
    """A queue attribute as the SQS API wants it: policies as JSON, booleans lower-case."""
    if isinstance(value, Mapping):
        return json.dumps(value)
    return str(value).lower() if isinstance(value, bool) else str(value)


def _create_bucket(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("s3")
    name = _physical_name(logical_id, props, "BucketName").lower()
    region = session.region_name or DEFAULT_REGION
    request: dict[str, Any] = {"Bucket": name}
    if region != "us-east-1":
        request["CreateBucketConfiguration"] = {"LocationConstraint": region}
    with contextlib.suppress(client.exceptions.BucketAlreadyOwnedByYou):
        client.create_bucket(**request)
    if props.get("VersioningConfiguration"):
        client.put_bucket_versioning(
            Bucket=name, VersioningConfiguration={"Status": props["VersioningConfiguration"]["Status"]}
        )
    if props.get("CorsConfiguration"):
        client.put_bucket_cors(Bucket=name, CORSConfiguration={"CORSRules": _cors_rules(props["CorsConfiguration"])})
    if props.get("PublicAccessBlockConfiguration"):
        client.put_public_access_block(
            Bucket=name, PublicAccessBlockConfiguration=dict(props["PublicAccessBlockConfiguration"])
        )
    attributes = {
        "DomainName": f"{name}.s3.amazonaws.com",
        "RegionalDomainName": f"{name}.s3.{region}.amazonaws.com",
    }
    return PhysicalResource(logical_id, BUCKET, name, f"arn:aws:s3:::{name}", attributes=attributes)


def _cors_rules(configuration: Mapping[str, Any]) -> list[dict[str, Any]]:
    """CloudFormation's CorsRules in the S3 API's spelling."""
    renamed = {"MaxAge": "MaxAgeSeconds", "Id": "ID"}
    return [{renamed.get(key, key): value for key, value in rule.items()} for rule in configuration["CorsRules"]]


# ---------------------------------------------------------------------------------------------------------
# Functions, their environment, routes and stream subscriptions
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class FunctionSpec:
    """One `AWS::Serverless::Function` with Globals.Function merged in."""

    logical_id: str
    handler: str
    name: str
    memory_mb: int
    timeout_seconds: int
    properties: Mapping[str, Any]


def _merge_globals(global_value: Any, own_value: Any) -> Any:
    """SAM's Globals rule: maps merge (the function wins), lists concatenate, scalars are replaced."""
    if isinstance(global_value, Mapping) and isinstance(own_value, Mapping):
        merged = dict(global_value)
        for key, value in own_value.items():
            merged[key] = _merge_globals(global_value[key], value) if key in global_value else value
        return merged
    if isinstance(global_value, list) and isinstance(own_value, list):
        return [*global_value, *own_value]
    return own_value


def functions(template: Template) -> dict[str, FunctionSpec]:
    """Logical id -> FunctionSpec of every serverless function."""
    global_properties = template.get("Globals", {}).get("Function", {})
    specs: dict[str, FunctionSpec] = {}
    for logical_id, resource in resources_of_type(template, FUNCTION).items():
        properties = _merge_globals(global_properties, resource.get("Properties", {}))
        name = properties.get("FunctionName")
        specs[logical_id] = FunctionSpec(
            logical_id=logical_id,
            handler=properties["Handler"],
            name=name if isinstance(name, str) else f"{STACK_NAME}-{logical_id}",
            memory_mb=int(properties.get("MemorySize", 128)),
            timeout_seconds=int(properties.get("Timeout", 3)),
            properties=properties,
        )
    return specs


def function_environment(
    template: Template, function_id: str, resolver: Resolver, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A function's Environment.Variables (Globals merged in) as plain strings.

    A variable named in `overrides` takes the override; one that cannot be resolved locally (it refers to
    the OpenSearch domain, say) and has no override is left out with a warning, so the settings' defaults
    apply.
    """
    overrides = overrides or {}
    variables = functions(template)[function_id].properties.get("Environment", {}).get("Variables", {})
    environment: dict[str, str] = {}
    for name, value in variables.items():
        if name in overrides:
            environment[name] = overrides[name]
            continue
        try:
            resolved = resolver.resolve(value)
        except Unresolvable as exc:
            log.warning("%s: %s left unset (cannot resolve %s locally)", function_id, name, exc)
            continue
        environment[name] = str(resolved).lower() if isinstance(resolved, bool) else str(resolved)
    return environment


def stack_environment(
    template: Template, resolver: Resolver, overrides: Mapping[str, str] | None = None
) -> dict[str, str]:
    """The union of every function's environment, for one process that runs them all.

    When two functions give one variable different values, the first function (in template order) wins and
    a warning says so: one process cannot give each function its own value.
    """
    merged: dict[str, str] = {}
    for function_id in functions(template):
        for name, value in function_environment(template, function_id, resolver, overrides).items():
            if name in merged and merged[name] != value:
                log.warning("%s: %s=%r differs from %r; keeping the first", function_id, name, value, merged[name])
                continue
            merged[name] = value
    return merged


class ApiRoute(NamedTuple):
    """One `Type: Api` event: `method` upper-case (`ANY` matches every method), `path` as in the template,
    `authorizer` the name of the API authorizer the event requires (None: public)."""

    method: str
    path: str
    handler: str
    function_id: str
    authorizer: str | None = None


def _events(template: Template, event_type: str) -> Iterable[tuple[FunctionSpec, str, Mapping[str, Any]]]:
    for spec in functions(template).values():
        for event_name, event in (spec.properties.get("Events") or {}).items():
            if event.get("Type") == event_type:
                yield spec, event_name, event.get("Properties", {})


def api_routes(template: Template) -> list[ApiRoute]:
    """Every REST API route of every function."""
    return [
        ApiRoute(str(props["Method"]).upper(), str(props["Path"]), spec.handler, spec.logical_id, _authorizer(props))
        for spec, _, props in _events(template, "Api")
    ]


def _authorizer(event_properties: Mapping[str, Any]) -> str | None:
    name = (event_properties.get("Auth") or {}).get("Authorizer")
    return None if name in (None, "NONE", "AWS_IAM") else str(name)


def api_stage_name(template: Template) -> str:
    """The stage the API is deployed as (its StageName, resolved), `Prod` like SAM when none is given."""
    resolver = Resolver(template)
    for resource in resources_of_type(template, "AWS::Serverless::Api").values():
        stage = resource.get("Properties", {}).get("StageName")
        if stage is not None:
            try:
                return str(resolver.resolve(stage))
            except Unresolvable:
                break
    return "Prod"


def api_cors(template: Template) -> dict[str, str]:
    """The API's CORS settings (Globals.Api.Cors or the API's own), header name -> value, `*` by default."""
    cors: Any = template.get("Globals", {}).get("Api", {}).get("Cors")
    for resource in resources_of_type(template, "AWS::Serverless::Api").values():
        cors = resource.get("Properties", {}).get("Cors", cors)
    if isinstance(cors, str):
        cors = {"AllowOrigin": cors}
    cors = cors or {}

    def unquote(value: Any, default: str) -> str:
        return str(value).strip("'") if isinstance(value, str | int) else default

    return {
        "Access-Control-Allow-Origin": unquote(cors.get("AllowOrigin"), "*"),
        "Access-Control-Allow-Methods": unquote(cors.get("AllowMethods"), "*"),
        "Access-Control-Allow-Headers": unquote(cors.get("AllowHeaders"), "*"),
        "Access-Control-Max-Age": unquote(cors.get("MaxAge"), "600"),
    }


@dataclass(frozen=True)
class StreamSubscription:
    """One `Type: DynamoDB` event: a function fed by a table's stream, with Lambda's mapping settings.

    `stream` and `on_failure` are the template's (unresolved) values; resolve them with a Resolver.
    """

    function_id: str
    handler: str
    event_name: str
    stream: Any
    batch_size: int = 100
    starting_position: str = "TRIM_HORIZON"
    report_batch_item_failures: bool = False
    bisect_on_error: bool = False
    maximum_retry_attempts: int = -1  # -1: until the record expires, like Lambda
    maximum_record_age_seconds: int = -1
    on_failure: Any = None
    enabled: bool = True
    raw: Mapping[str, Any] = field(default_factory=dict)


def stream_subscriptions(template: Template) -> list[StreamSubscription]:
    """Every DynamoDB stream event source of every function."""
    subscriptions = []
    for spec, event_name, props in _events(template, "DynamoDB"):
        if props.get("FilterCriteria"):
            log.warning("%s.%s: FilterCriteria is not applied locally", spec.logical_id, event_name)
        subscriptions.append(
            StreamSubscription(
                function_id=spec.logical_id,
                handler=spec.handler,
                event_name=event_name,
                stream=props["Stream"],
                batch_size=int(props.get("BatchSize", 100)),
                starting_position=str(props.get("StartingPosition", "TRIM_HORIZON")),
                report_batch_item_failures="ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
                bisect_on_error=bool(props.get("BisectBatchOnFunctionError", False)),
                maximum_retry_attempts=int(props.get("MaximumRetryAttempts", -1)),
                maximum_record_age_seconds=int(props.get("MaximumRecordAgeInSeconds", -1)),
                on_failure=(props.get("DestinationConfig") or {}).get("OnFailure", {}).get("Destination"),
                enabled=bool(props.get("Enabled", True)),
                raw=props,
            )
        )
    return subscriptions
