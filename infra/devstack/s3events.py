"""S3 event notifications -> Lambda, as S3 and Lambda's asynchronous invocation do it, against moto.

moto runs no functions, but it does deliver a bucket's notifications to SQS. So for every `Type: S3` event
in the template the bucket's notification configuration gets a queue configuration with the event's
`Events` and key filter, pointing at a queue made for it; an S3EventSource receives from that queue and
invokes the real handler with the message body, which is exactly the `{"Records": [...]}` event S3 sends.
As Lambda does with an asynchronous invocation, a handler exception is retried up to the function's
`EventInvokeConfig.MaximumRetryAttempts` (default 2) and the event then goes, whole, to the function's
`DeadLetterQueue`. The `s3:TestEvent` S3 sends when the configuration is saved goes to SQS only, never to a
function, so it is dropped.

The receive, retry and give-up loop is devstack.queue_poller's. Each source has `poll_once()` and `stats`
like a stream consumer, so a StreamPump or StreamPoller runs both.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote_plus

from devstack.lambda_runtime import FunctionRuntime
from devstack.queue_poller import AsyncInvocationPoller
from devstack.template import STACK_NAME, PhysicalResource, Resolver, functions

DEFAULT_ASYNC_RETRIES = 2  # Lambda's default for asynchronous invocations


@dataclass(frozen=True)
class BucketSubscription:
    """One `Type: S3` event: which bucket events, filtered how, invoke which function.

    `bucket` and `dead_letter` are the template's (unresolved) values; resolve them with a Resolver.
    """

    function_id: str
    event_name: str
    bucket: Any
    events: tuple[str, ...]
    filter_rules: tuple[tuple[str, str], ...] = ()
    maximum_retry_attempts: int = DEFAULT_ASYNC_RETRIES
    dead_letter: Any = None
    raw: Mapping[str, Any] = field(default_factory=dict)


def bucket_subscriptions(template: Mapping[str, Any]) -> list[BucketSubscription]:
    """Every S3 event source of every function."""
    subscriptions = []
    for spec in functions(template).values():
        invoke_config = spec.properties.get("EventInvokeConfig") or {}
        dead_letter = (spec.properties.get("DeadLetterQueue") or {}).get("TargetArn")
        for event_name, event in (spec.properties.get("Events") or {}).items():
            if event.get("Type") != "S3":
                continue
            props = event.get("Properties", {})
            events = props["Events"]
            rules = ((props.get("Filter") or {}).get("S3Key") or {}).get("Rules") or []
            subscriptions.append(
                BucketSubscription(
                    function_id=spec.logical_id,
                    event_name=event_name,
                    bucket=props["Bucket"],
                    events=(events,) if isinstance(events, str) else tuple(events),
                    filter_rules=tuple((str(rule["Name"]), str(rule["Value"])) for rule in rules),
                    maximum_retry_attempts=int(invoke_config.get("MaximumRetryAttempts", DEFAULT_ASYNC_RETRIES)),
                    dead_letter=dead_letter,
                    raw=props,
                )
            )
    return subscriptions


class S3EventSource(AsyncInvocationPoller):
    """S3 notifications of one bucket event, delivered from their queue to one function."""

    giving_up = "giving up %s after retries; %s"
    without_dead_letter = "no dead-letter queue"

    def __init__(
        self,
        subscription: BucketSubscription,
        *,
        queue_url: str,
        runtime: FunctionRuntime,
        session: Any,
        dead_letter_arn: str | None = None,
        retry_delay: float = 0.0,
    ) -> None:
        super().__init__(
            subscription=subscription,
            queue_url=queue_url,
            runtime=runtime,
            session=session,
            dead_letter_arn=dead_letter_arn,
            retry_delay=retry_delay,
        )
        self.subscription: BucketSubscription = subscription

    def _event(self, message: Mapping[str, Any]) -> Mapping[str, Any] | None:
        event = json.loads(message["Body"])
        # The `s3:TestEvent` of a saved configuration has no records and goes to no function.
        return event if "Records" in event else None

    def _describe(self, event: Mapping[str, Any]) -> str:
        return _keys(event)

    def _processed(self, event: Mapping[str, Any]) -> None:
        self._log.info("%s: %s processed", self.name, _keys(event))


def _keys(event: Mapping[str, Any]) -> str:
    """The records' object keys, decoded (S3 URL-encodes them in events)."""
    keys = (record.get("s3", {}).get("object", {}).get("key", "?") for record in event.get("Records", []))
    return ", ".join(unquote_plus(key) for key in keys)


def s3_event_sources(
    template: Mapping[str, Any],
    resources: Mapping[str, PhysicalResource],
    runtime: FunctionRuntime,
    *,
    session: Any = None,
    retry_delay: float = 0.0,
) -> list[S3EventSource]:
    """Wire each S3 event of the template to a queue in moto and return one source per event.

    A bucket's notification configuration is written once with every subscription on it (saving a
    configuration replaces the previous one).
    """
    import boto3

    session = session or boto3.session.Session()
    resolver = Resolver(template, resources, region=session.region_name or "eu-west-2")
    sqs, s3 = session.client("sqs"), session.client("s3")
    sources: list[S3EventSource] = []
    configurations: dict[str, list[dict[str, Any]]] = {}
    for subscription in bucket_subscriptions(template):
        bucket = str(resolver.resolve(subscription.bucket))
        queue_name = f"{STACK_NAME}-s3-{subscription.function_id}-{subscription.event_name}"[:80]
        queue_url = sqs.create_queue(QueueName=queue_name)["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        configuration: dict[str, Any] = {"QueueArn": queue_arn, "Events": list(subscription.events)}
        if subscription.filter_rules:
            rules = [{"Name": name, "Value": value} for name, value in subscription.filter_rules]
            configuration["Filter"] = {"Key": {"FilterRules": rules}}
        configurations.setdefault(bucket, []).append(configuration)
        dead_letter = resolver.resolve(subscription.dead_letter) if subscription.dead_letter else None
        sources.append(
            S3EventSource(
                subscription,
                queue_url=queue_url,
                runtime=runtime,
                session=session,
                dead_letter_arn=dead_letter,
                retry_delay=retry_delay,
            )
        )
    for bucket, queue_configurations in configurations.items():
        s3.put_bucket_notification_configuration(
            Bucket=bucket, NotificationConfiguration={"QueueConfigurations": queue_configurations}
        )
    return sources
