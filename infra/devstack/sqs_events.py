"""SQS queue -> Lambda, as Lambda's SQS event source mapping does it, against moto.

For every `Type: SQS` event in the template a QueueEventSource receives up to BatchSize messages (with their
attributes, so `ApproximateReceiveCount` counts deliveries), turns them into exactly the event Lambda
delivers (`Records` with `messageId`, `receiptHandle`, `body`, `attributes`, `eventSource`
`aws:sqs`, `eventSourceARN`, `awsRegion`) and invokes the real handler:

* success: the messages are deleted; with ReportBatchItemFailures, all but the reported ones;
* a handler exception, or an invalid failure report: nothing is deleted.

A message that is not deleted becomes visible again when its visibility timeout ends: the queue's, or the
one the function set for it (ChangeMessageVisibility), which moto honours. The queue's RedrivePolicy (moto
applies it on receive) moves a message to its dead-letter queue after maxReceiveCount deliveries.

The receive loop is devstack.queue_poller's; this module adds the batch event and the partial batch
failure handling. A StreamPump or StreamPoller runs each source like a stream consumer.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from devstack.lambda_runtime import FunctionRuntime
from devstack.queue_poller import MAX_BATCH, QueuePoller
from devstack.template import DEFAULT_REGION, PhysicalResource, Resolver, functions

log = logging.getLogger(__name__)

# Lambda's batches over MAX_BATCH (ReceiveMessage's limit) need a batching window, not modelled here.


@dataclass(frozen=True)
class QueueSubscription:
    """One `Type: SQS` event: a function fed by a queue. `queue` is the template's (unresolved) ARN."""

    function_id: str
    event_name: str
    queue: Any
    batch_size: int = 10
    report_batch_item_failures: bool = False
    enabled: bool = True
    raw: Mapping[str, Any] = field(default_factory=dict)


def queue_subscriptions(template: Mapping[str, Any]) -> list[QueueSubscription]:
    """Every SQS event source of every function."""
    subscriptions = []
    for spec in functions(template).values():
        for event_name, event in (spec.properties.get("Events") or {}).items():
            if event.get("Type") != "SQS":
                continue
            props = event.get("Properties", {})
            subscriptions.append(
                QueueSubscription(
                    function_id=spec.logical_id,
                    event_name=event_name,
                    queue=props["Queue"],
                    batch_size=int(props.get("BatchSize", 10)),
                    report_batch_item_failures="ReportBatchItemFailures" in (props.get("FunctionResponseTypes") or []),
                    enabled=bool(props.get("Enabled", True)),
                    raw=props,
                )
            )
    return subscriptions


def lambda_message(message: Mapping[str, Any], queue_arn: str, region: str) -> dict[str, Any]:
    """A ReceiveMessage message as Lambda's SQS event record."""
    body = str(message["Body"])
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": body,
        "attributes": dict(message.get("Attributes", {})),
        "messageAttributes": {
            name: {key[0].lower() + key[1:]: value for key, value in attribute.items()}
            for name, attribute in (message.get("MessageAttributes") or {}).items()
        },
        "md5OfBody": message.get("MD5OfBody") or hashlib.md5(body.encode(), usedforsecurity=False).hexdigest(),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": region,
    }


class QueueEventSource(QueuePoller):
    """Lambda's event source mapping for one function and one SQS queue."""

    def __init__(
        self,
        subscription: QueueSubscription,
        *,
        queue_url: str,
        queue_arn: str,
        runtime: FunctionRuntime,
        session: Any,
        region: str = DEFAULT_REGION,
    ) -> None:
        super().__init__(subscription=subscription, queue_url=queue_url, runtime=runtime, session=session)
        self.subscription: QueueSubscription = subscription
        self.queue_arn = queue_arn
        self.region = region

    def _batch_size(self) -> int:
        return min(MAX_BATCH, self.subscription.batch_size)

    def _receive_options(self) -> dict[str, Any]:
        # With the attributes, `ApproximateReceiveCount` counts deliveries as Lambda's records show it.
        return {"AttributeNames": ["All"], "MessageAttributeNames": ["All"]}

    def _handle(self, messages: Sequence[Mapping[str, Any]]) -> int:
        self.stats.records_read += len(messages)
        self._deliver(messages)
        return len(messages)

    def _deliver(self, messages: Sequence[Mapping[str, Any]]) -> None:
        records = [lambda_message(message, self.queue_arn, self.region) for message in messages]
        self.stats.invocations += 1
        try:
            response = self.runtime.invoke(self.subscription.function_id, {"Records": records})
        except Exception:
            self.stats.function_errors += 1
            log.exception("%s: handler raised on %d messages; they are delivered again later", self.name, len(records))
            return
        failed = self._reported_failures(response, records)
        if failed is None:
            self.stats.function_errors += 1
            log.error("%s: invalid batchItemFailures response; %d messages kept", self.name, len(records))
            return
        done = [record for record in records if record["messageId"] not in failed]
        for record in done:
            self._delete(record["receiptHandle"])
        self.stats.records_processed += len(done)
        if failed:
            self.stats.partial_failures += 1
            log.warning("%s: %d of %d messages failed; delivered again later", self.name, len(failed), len(records))
        else:
            log.info("%s: %d messages processed", self.name, len(records))

    def _reported_failures(self, response: Any, records: Sequence[Mapping[str, Any]]) -> set[str] | None:
        """Message ids the handler reported as failed (empty: all done); None for a response Lambda rejects."""
        if not self.subscription.report_batch_item_failures or not isinstance(response, Mapping):
            return set()
        failures = response.get("batchItemFailures") or []
        known = {record["messageId"] for record in records}
        identifiers = {failure.get("itemIdentifier") if isinstance(failure, Mapping) else None for failure in failures}
        if not identifiers <= known:
            return None
        return {str(identifier) for identifier in identifiers}


def queue_event_sources(
    template: Mapping[str, Any],
    resources: Mapping[str, PhysicalResource],
    runtime: FunctionRuntime,
    *,
    session: Any = None,
) -> list[QueueEventSource]:
    """One source per enabled SQS event of the template, bound to the created queues."""
    import boto3

    session = session or boto3.session.Session()
    region = session.region_name or DEFAULT_REGION
    resolver = Resolver(template, resources, region=region)
    by_arn = {resource.arn: resource for resource in resources.values() if resource.url}
    sources = []
    for subscription in queue_subscriptions(template):
        if not subscription.enabled:
            continue
        queue_arn = str(resolver.resolve(subscription.queue))
        queue = by_arn[queue_arn]
        assert queue.url is not None
        sources.append(
            QueueEventSource(
                subscription, queue_url=queue.url, queue_arn=queue_arn, runtime=runtime, session=session, region=region
            )
        )
    return sources
