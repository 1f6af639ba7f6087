"""S3 notifications -> Lambda against moto: the template's S3 events are wired through a queue and delivered
to the function as S3's own event, with Lambda's asynchronous retries and dead-letter queue."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from devstack import template as cfn
from devstack.lambda_runtime import FunctionRuntime
from devstack.s3events import bucket_subscriptions, s3_event_sources
from devstack.stream import StreamPump


class FakePublisher:
    """Records every event; raises for the first `failures` invocations."""

    def __init__(self, failures: int = 0) -> None:
        self.failures = failures
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> None:
        self.events.append(event)
        if len(self.events) <= self.failures:
            raise RuntimeError("publisher down")


def pump_with(aws: Any, template: Mapping[str, Any], handler: FakePublisher) -> StreamPump:
    runtime = FunctionRuntime(cfn.functions(template), handlers={"PublisherFunction": handler})
    return StreamPump(s3_event_sources(template, aws.resources, runtime, session=aws.session))


def dead_letters(aws: Any) -> list[dict[str, Any]]:
    sqs = aws.session.client("sqs")
    url = aws.resources["PublisherDeadLetterQueue"].url
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


def test_the_template_subscribes_the_publisher_to_uploads_under_incoming(template):
    (subscription,) = bucket_subscriptions(template)

    assert subscription.function_id == "PublisherFunction"
    assert subscription.events == ("s3:ObjectCreated:*",)
    assert subscription.filter_rules == (("prefix", "incoming/"),)
    assert subscription.maximum_retry_attempts == 2
    assert subscription.dead_letter == {"Fn::GetAtt": ["PublisherDeadLetterQueue", "Arn"]}


def test_an_upload_under_incoming_reaches_the_function_as_s3s_event_and_nothing_else_does(aws, template):
    handler = FakePublisher()
    pump = pump_with(aws, template, handler)
    s3, bucket = aws.session.client("s3"), aws.name("ResourcesBucket")

    s3.put_object(Bucket=bucket, Key="incoming/abc/123/My leaflet.pdf", Body=b"%PDF-1.4")
    s3.put_object(Bucket=bucket, Key="published/abc/My leaflet.pdf", Body=b"%PDF-1.4")

    assert pump.drain() == 1  # S3's test event and the published/ object are not delivered
    (event,) = handler.events
    (record,) = event["Records"]
    assert record["eventSource"] == "aws:s3"
    assert record["eventName"] == "ObjectCreated:Put"
    assert record["s3"]["bucket"]["name"] == bucket
    assert record["s3"]["object"]["key"] == "incoming%2Fabc%2F123%2FMy+leaflet.pdf"  # URL-encoded, as S3 sends
    assert record["s3"]["object"]["size"] == 8


def test_a_failing_invocation_is_retried_twice_then_the_event_goes_to_the_dead_letter_queue(aws, template):
    handler = FakePublisher(failures=99)
    pump = pump_with(aws, template, handler)

    aws.session.client("s3").put_object(Bucket=aws.name("ResourcesBucket"), Key="incoming/a/b/c.pdf", Body=b"x")
    pump.drain()

    assert len(handler.events) == 3
    assert pump.stats.records_given_up == 1
    assert dead_letters(aws) == [handler.events[0]]


def test_a_retry_that_succeeds_sends_nothing_to_the_dead_letter_queue(aws, template):
    handler = FakePublisher(failures=1)
    pump = pump_with(aws, template, handler)

    aws.session.client("s3").put_object(Bucket=aws.name("ResourcesBucket"), Key="incoming/a/b/c.pdf", Body=b"x")
    pump.drain()

    assert len(handler.events) == 2
    assert pump.stats.records_processed == 1
    assert dead_letters(aws) == []
