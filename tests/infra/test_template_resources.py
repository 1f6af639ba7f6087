"""The resource bucket and its functions as the template declares them: private, versioned, TLS only, and
each function allowed exactly its part of the bucket."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tests.infra.test_template_structure import actions, events, props, referenced_ids, statements


def test_resources_bucket_is_private_versioned_encrypted_and_tls_only(sam_template: Mapping[str, Any]) -> None:
    bucket = props(sam_template, "ResourcesBucket")
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert set(bucket["PublicAccessBlockConfiguration"].values()) == {True}
    assert len(bucket["PublicAccessBlockConfiguration"]) == 4
    rule = bucket["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    assert rule["ServerSideEncryptionByDefault"]["SSEAlgorithm"] in ("AES256", "aws:kms")
    policy = props(sam_template, "ResourcesBucketPolicy")
    assert policy["Bucket"] == {"Ref": "ResourcesBucket"}
    deny = [s for s in policy["PolicyDocument"]["Statement"] if s["Effect"] == "Deny"]
    assert any(s["Condition"] == {"Bool": {"aws:SecureTransport": "false"}} and s["Action"] == "s3:*" for s in deny)


def test_publisher_is_invoked_by_object_created_under_incoming_with_bounded_retries(
    sam_template: Mapping[str, Any],
) -> None:
    subscriptions = [(fid, p) for fid, _, p in events(sam_template, "S3")]
    assert len(subscriptions) == 1
    function_id, subscription = subscriptions[0]
    assert function_id == "PublisherFunction"
    assert subscription["Bucket"] == {"Ref": "ResourcesBucket"}
    assert subscription["Events"] == "s3:ObjectCreated:*"
    assert subscription["Filter"]["S3Key"]["Rules"] == [{"Name": "prefix", "Value": "incoming/"}]
    publisher = props(sam_template, "PublisherFunction")
    assert publisher["EventInvokeConfig"]["MaximumRetryAttempts"] <= 2
    assert publisher["DeadLetterQueue"] == {
        "Type": "SQS",
        "TargetArn": {"Fn::GetAtt": ["PublisherDeadLetterQueue", "Arn"]},
    }


def test_publisher_names_the_bucket_without_referencing_it(sam_template: Mapping[str, Any]) -> None:
    # The bucket's notification references the publisher; a reference back would be a circular dependency.
    publisher = sam_template["Resources"]["PublisherFunction"]["Properties"]
    assert "ResourcesBucket" not in referenced_ids(publisher.get("Policies"))
    assert "ResourcesBucket" not in referenced_ids(publisher.get("Environment"))
    bucket_name = props(sam_template, "ResourcesBucket")["BucketName"]
    assert publisher["Environment"]["Variables"]["RESOURCES_BUCKET_NAME"] == bucket_name


def s3_grants(sam_template: Mapping[str, Any], function_id: str) -> dict[str, set[str]]:
    """Object path within the bucket (after the bucket's ARN) -> S3 actions granted to the function."""
    grants: dict[str, set[str]] = {}
    for statement in statements(sam_template["Resources"][function_id]):
        s3_actions = {action for action in actions(statement) if action.startswith("s3:")}
        if s3_actions:
            arn = statement["Resource"]["Fn::Sub"]
            assert "resources" in arn.lower(), f"{function_id}: S3 grant outside the resources bucket: {arn}"
            grants.setdefault(arn.split("}")[-1], set()).update(s3_actions)
    return grants


def test_each_function_gets_only_its_part_of_the_bucket(sam_template: Mapping[str, Any]) -> None:
    assert s3_grants(sam_template, "ResourceFunction") == {
        "/incoming/*": {"s3:PutObject"},
        "/published/*": {"s3:GetObject", "s3:GetObjectVersion"},
    }
    assert s3_grants(sam_template, "PublisherFunction") == {
        "/incoming/*": {"s3:GetObject", "s3:GetObjectVersion", "s3:DeleteObject", "s3:DeleteObjectVersion"},
        "/published/*": {"s3:PutObject"},
    }
