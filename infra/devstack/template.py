"""The SAM template as the local stack and the tests see it.

Everything local is derived from `template.yaml`, so tests and `local-offer serve` cannot drift from what is
deployed: which DynamoDB tables, SQS queues and S3 buckets exist (with their keys, indexes, streams, TTL,
versioning; devstack.creators), what each function's environment is, which HTTP routes each function serves
and which DynamoDB streams feed which function (here). The names, loading and the intrinsic-function resolver
are in devstack.resolver; this module is the one import path for all of it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from devstack.creators import create_resources
from devstack.resolver import (
    ACCOUNT_ID,
    BUCKET,
    CREATED_TYPES,
    DEFAULT_REGION,
    DEFAULT_TEMPLATE_PATH,
    FUNCTION,
    QUEUE,
    REPO_ROOT,
    STACK_NAME,
    TABLE,
    PhysicalResource,
    Resolver,
    Template,
    Unresolvable,
    load_template,
    references,
    resources_of_type,
)

__all__ = [
    "ACCOUNT_ID",
    "BUCKET",
    "CREATED_TYPES",
    "DEFAULT_REGION",
    "DEFAULT_TEMPLATE_PATH",
    "FUNCTION",
    "QUEUE",
    "REPO_ROOT",
    "STACK_NAME",
    "TABLE",
    "ApiRoute",
    "FunctionSpec",
    "PhysicalResource",
    "Resolver",
    "StreamSubscription",
    "Template",
    "Unresolvable",
    "api_cors",
    "api_routes",
    "api_stage_name",
    "create_resources",
    "function_environment",
    "functions",
    "load_template",
    "references",
    "resources_of_type",
    "stack_environment",
    "stream_subscriptions",
]

log = logging.getLogger(__name__)


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
