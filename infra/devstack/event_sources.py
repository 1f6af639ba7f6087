"""What every local event source shares: its counters, the `EventSource` members a pump drives, and delivery
of what a source gives up on to an SQS queue or SNS topic.

A DynamoDB stream consumer (devstack.stream), an S3 notification source (devstack.s3events) and an SQS event
source mapping (devstack.sqs_events) are all event sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol


@dataclass
class StreamStats:
    """Counters of one consumer (or, summed, of a pump)."""

    records_read: int = 0
    records_processed: int = 0
    records_given_up: int = 0
    invocations: int = 0
    function_errors: int = 0
    partial_failures: int = 0
    retries: int = 0

    @property
    def records_done(self) -> int:
        return self.records_processed + self.records_given_up

    def __add__(self, other: StreamStats) -> StreamStats:
        return StreamStats(*(a + b for a, b in zip(vars(self).values(), vars(other).values(), strict=True)))


class EventSource(Protocol):
    """What a pump drives: one delivery round, and the counters."""

    stats: StreamStats

    def poll_once(self) -> int:
        """Deliver what is waiting now; returns the number of records (or events) read."""
        ...


def send_to_destination(session: Any, arn: str, body: str) -> None:
    """Deliver a message to an SQS queue or SNS topic given by ARN."""
    _, _, service, region, account, name = arn.split(":", 5)
    if service == "sqs":
        sqs = session.client("sqs", region_name=region)
        queue_url = sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=account)["QueueUrl"]
        sqs.send_message(QueueUrl=queue_url, MessageBody=body)
    elif service == "sns":
        session.client("sns", region_name=region).publish(TopicArn=arn, Message=body)
    else:
        raise ValueError(f"unsupported OnFailure destination {arn}")
