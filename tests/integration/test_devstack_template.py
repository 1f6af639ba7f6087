"""devstack.template: local resources, environment, routes and stream settings come from the template."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws

from devstack import template as cfn

SMALL_TEMPLATE = """
Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: test
  WithAudit:
    Type: String
    Default: "no"
Conditions:
  AuditEnabled: !Equals [!Ref WithAudit, "yes"]
Globals:
  Function:
    Handler: app.handler
    Environment:
      Variables:
        TABLE: !Ref IdempotencyTable
        QUEUE_URL: !Ref WorkQueue
        QUEUE_ARN: !GetAtt WorkQueue.Arn
        BUCKET: !Ref UploadsBucket
        STAGE_NAME: !Sub "${AWS::StackName}-${Stage}"
        SEARCH: !GetAtt Domain.DomainEndpoint
Resources:
  IdempotencyTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: !Sub "${AWS::StackName}-idempotency-${Stage}"
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - {AttributeName: id, AttributeType: S}
        - {AttributeName: sk, AttributeType: S}
        - {AttributeName: status, AttributeType: S}
        - {AttributeName: updated, AttributeType: S}
      KeySchema:
        - {AttributeName: id, KeyType: HASH}
        - {AttributeName: sk, KeyType: RANGE}
      GlobalSecondaryIndexes:
        - IndexName: by-status
          KeySchema: [{AttributeName: status, KeyType: HASH}]
          Projection: {ProjectionType: ALL}
      LocalSecondaryIndexes:
        - IndexName: by-updated
          KeySchema: [{AttributeName: id, KeyType: HASH}, {AttributeName: updated, KeyType: RANGE}]
          Projection: {ProjectionType: KEYS_ONLY}
      StreamSpecification: {StreamViewType: KEYS_ONLY}
      TimeToLiveSpecification: {AttributeName: expiration, Enabled: true}
  ProvisionedTable:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      ProvisionedThroughput: {ReadCapacityUnits: 2, WriteCapacityUnits: 3}
  WorkQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
      VisibilityTimeout: 120
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt WorkDeadLetterQueue.Arn
        maxReceiveCount: 3
  WorkDeadLetterQueue:
    Type: AWS::SQS::Queue
    Properties:
      FifoQueue: true
  UploadsBucket:
    Type: AWS::S3::Bucket
    Properties:
      VersioningConfiguration: {Status: Enabled}
  AuditTable:
    Type: AWS::DynamoDB::Table
    Condition: AuditEnabled
    Properties:
      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
      KeySchema: [{AttributeName: pk, KeyType: HASH}]
      BillingMode: PAY_PER_REQUEST
  Domain:
    Type: AWS::OpenSearchService::Domain
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          STAGE_NAME: own-value
      Events:
        Proxy:
          Type: Api
          Properties: {Path: "/files/{proxy+}", Method: any}
"""


@pytest.fixture
def small_template(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "template.yaml"
    path.write_text(textwrap.dedent(SMALL_TEMPLATE))
    return cfn.load_template(path)


@pytest.fixture
def session() -> Any:
    with mock_aws():
        yield boto3.session.Session(region_name="eu-west-2")


def test_create_resources_makes_every_table_queue_and_bucket_of_the_project_template(template, session):
    # Given the project's template
    from devstack.cognito import IDENTITY_TYPES
    from devstack.events import EVENT_TYPES

    expected = cfn.resources_of_type(template, *cfn.CREATED_TYPES)

    # When the local resources are created from it
    created = cfn.create_resources(session, template)

    # Then each one exists, named deterministically, and tables keep the template's keys and stream
    identity = cfn.resources_of_type(template, *IDENTITY_TYPES)
    assert set(created) == set(expected) | set(cfn.resources_of_type(template, *EVENT_TYPES)) | set(identity)
    dynamodb, sqs = session.client("dynamodb"), session.client("sqs")
    for logical_id, resource in expected.items():
        name_property = {cfn.TABLE: "TableName", cfn.QUEUE: "QueueName", cfn.BUCKET: "BucketName"}[resource["Type"]]
        given = resource["Properties"].get(name_property)
        expected_name = cfn.Resolver(template).resolve(given) if given else f"local-offer-{logical_id}"
        assert created[logical_id].name == (expected_name.lower() if resource["Type"] == cfn.BUCKET else expected_name)
        if resource["Type"] == cfn.TABLE:
            table = dynamodb.describe_table(TableName=created[logical_id].name)["Table"]
            assert table["KeySchema"] == resource["Properties"]["KeySchema"]
            view_type = resource["Properties"].get("StreamSpecification", {}).get("StreamViewType")
            assert table.get("StreamSpecification", {}).get("StreamViewType") == view_type
            if view_type:
                assert created[logical_id].get_att("StreamArn") == table["LatestStreamArn"]
        if resource["Type"] == cfn.QUEUE:
            attributes = sqs.get_queue_attributes(QueueUrl=created[logical_id].url, AttributeNames=["All"])
            retention = resource["Properties"].get("MessageRetentionPeriod")
            if retention:
                assert attributes["Attributes"]["MessageRetentionPeriod"] == str(retention)


def test_create_resources_applies_indexes_ttl_billing_fifo_redrive_and_versioning(small_template, session):
    created = cfn.create_resources(session, small_template)

    dynamodb = session.client("dynamodb")
    table = dynamodb.describe_table(TableName="local-offer-idempotency-test")["Table"]
    assert [index["IndexName"] for index in table["GlobalSecondaryIndexes"]] == ["by-status"]
    assert [index["IndexName"] for index in table["LocalSecondaryIndexes"]] == ["by-updated"]
    assert table["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "KEYS_ONLY"}
    ttl = dynamodb.describe_time_to_live(TableName="local-offer-idempotency-test")["TimeToLiveDescription"]
    assert ttl == {"TimeToLiveStatus": "ENABLED", "AttributeName": "expiration"}
    provisioned = dynamodb.describe_table(TableName="local-offer-ProvisionedTable")["Table"]
    assert provisioned["ProvisionedThroughput"]["WriteCapacityUnits"] == 3

    queue = created["WorkQueue"]
    assert queue.name == "local-offer-WorkQueue.fifo"
    attributes = session.client("sqs").get_queue_attributes(QueueUrl=queue.url, AttributeNames=["All"])["Attributes"]
    assert attributes["VisibilityTimeout"] == "120"
    assert created["WorkDeadLetterQueue"].arn in attributes["RedrivePolicy"]

    bucket = created["UploadsBucket"].name
    assert bucket == "local-offer-uploadsbucket"
    assert session.client("s3").get_bucket_versioning(Bucket=bucket)["Status"] == "Enabled"

    assert "AuditTable" not in created  # its condition is false


def test_create_resources_is_idempotent(small_template, session):
    first = cfn.create_resources(session, small_template)
    second = cfn.create_resources(session, small_template)
    assert first == second


def test_function_environment_resolves_refs_and_takes_unresolvable_values_from_overrides(small_template, session):
    created = cfn.create_resources(session, small_template)
    resolver = cfn.Resolver(small_template, created)

    environment = cfn.function_environment(small_template, "Fn", resolver, overrides={"SEARCH": "http://osmem"})

    assert environment == {
        "TABLE": "local-offer-idempotency-test",
        "QUEUE_URL": created["WorkQueue"].url,
        "QUEUE_ARN": created["WorkQueue"].arn,
        "BUCKET": "local-offer-uploadsbucket",
        "STAGE_NAME": "own-value",  # the function's own value wins over Globals
        "SEARCH": "http://osmem",
    }


def test_function_environment_leaves_out_what_cannot_be_resolved(small_template, session):
    resolver = cfn.Resolver(small_template, cfn.create_resources(session, small_template))

    environment = cfn.function_environment(small_template, "Fn", resolver)

    assert "SEARCH" not in environment


def test_project_environment_points_functions_at_the_created_table(template, session):
    created = cfn.create_resources(session, template)
    resolver = cfn.Resolver(template, created)

    environment = cfn.stack_environment(template, resolver, overrides={"OPENSEARCH_ENDPOINT": "http://x"})

    assert environment["RECORDS_TABLE_NAME"] == created["RecordsTable"].name
    assert environment["OPENSEARCH_ENDPOINT"] == "http://x"


def test_api_routes_list_every_api_event_of_every_function(template, small_template):
    routes = cfn.api_routes(template)

    assert cfn.ApiRoute("GET", "/services", "local_offer.handlers.search.lambda_handler", "SearchFunction") in routes
    assert (
        cfn.ApiRoute("GET", "/services/{id}", "local_offer.handlers.search.lambda_handler", "SearchFunction") in routes
    )
    assert cfn.api_routes(small_template) == [cfn.ApiRoute("ANY", "/files/{proxy+}", "app.handler", "Fn")]


def test_api_routes_name_the_authorizer_their_event_requires(template):
    routes = {(route.method, route.path): route for route in cfn.api_routes(template)}

    assert routes[("GET", "/me")].authorizer == "CognitoAuthorizer"
    assert routes[("GET", "/services")].authorizer is None


def test_stream_subscriptions_carry_the_event_source_mapping_settings(template):
    (subscription,) = [s for s in cfn.stream_subscriptions(template) if s.function_id == "IndexerFunction"]
    properties = template["Resources"]["IndexerFunction"]["Properties"]["Events"][subscription.event_name]

    assert subscription.stream == {"Fn::GetAtt": ["RecordsTable", "StreamArn"]}
    assert subscription.batch_size == properties["Properties"]["BatchSize"]
    assert subscription.report_batch_item_failures is True
    assert subscription.bisect_on_error is True
    assert subscription.maximum_retry_attempts == properties["Properties"]["MaximumRetryAttempts"]
    assert subscription.on_failure == {"Fn::GetAtt": ["IndexerFailureQueue", "Arn"]}
