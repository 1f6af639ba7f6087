"""Creating the template's resources locally, in dependency order: DynamoDB tables, SQS queues and S3 buckets
here, EventBridge buses, rules and log groups (devstack.events) and the Cognito pool, clients and groups
(devstack.cognito) through their own creators.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Mapping
from typing import Any

from devstack import cognito, events
from devstack.resolver import (
    BUCKET,
    CREATED_TYPES,
    DEFAULT_REGION,
    QUEUE,
    STACK_NAME,
    TABLE,
    PhysicalResource,
    Resolver,
    Template,
    load_template,
    references,
    resources_of_type,
)

log = logging.getLogger(__name__)


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

    session = _OneClientPerService(session or boto3.session.Session())
    template = template if template is not None else load_template()
    region = session.region_name or DEFAULT_REGION
    created: dict[str, PhysicalResource] = {}
    resolver = Resolver(template, created, region=region, stack_name=stack_name, parameters=parameters)
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


class _OneClientPerService:
    """A boto3 session whose `client(name)` makes each service's client once: creating a client costs more
    than most of the calls made with it, and a template has dozens of tables, queues and log groups."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.region_name = session.region_name
        self._clients: dict[str, Any] = {}

    def client(self, service_name: str) -> Any:
        if service_name not in self._clients:
            self._clients[service_name] = self.session.client(service_name)
        return self._clients[service_name]


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
