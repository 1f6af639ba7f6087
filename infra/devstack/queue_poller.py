"""An SQS queue read as Lambda's pollers read one, against moto: the loop the local queue-fed sources share.

A QueuePoller receives what is visible now, a batch at a time, until the queue is empty, and hands each
batch to `_handle`, which invokes the function and deletes what is done. Two kinds of delivery build on it:

* AsyncInvocationPoller: the queue the local stack puts between S3 notifications (devstack.s3events) or an
  EventBridge rule (devstack.rule_events) and a function. Each message is one event of Lambda's
  asynchronous invocation: a handler exception is retried up to the function's MaximumRetryAttempts, the
  event then goes, whole, to its DeadLetterQueue, and the message is deleted either way. A subclass says
  how a message becomes the event (`_event`) and how an event is named in the log (`_describe`).
* devstack.sqs_events.QueueEventSource: an SQS event source mapping, one invocation per batch, deleting
  only what succeeded (the rest comes back after its visibility timeout).

Each poller has `poll_once()` and `stats` like a stream consumer, so a StreamPump or StreamPoller runs it.
"""

from __future__ import annotations

import json
import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, Protocol

from devstack.event_sources import StreamStats, send_to_destination
from devstack.lambda_runtime import FunctionRuntime

MAX_BATCH = 10  # ReceiveMessage's limit


class Subscription(Protocol):
    """What a template's event subscription names: the function and its event's logical name."""

    @property
    def function_id(self) -> str: ...

    @property
    def event_name(self) -> str: ...


class RetriedSubscription(Subscription, Protocol):
    """A subscription of asynchronous invocation, with the function's retry count."""

    @property
    def maximum_retry_attempts(self) -> int: ...


class QueuePoller(ABC):
    """Receives from one queue until it is empty; a subclass delivers each batch."""

    def __init__(self, *, subscription: Subscription, queue_url: str, runtime: FunctionRuntime, session: Any) -> None:
        self.subscription = subscription
        self.name = f"{subscription.function_id}.{subscription.event_name}"
        self.function_id = subscription.function_id
        self.queue_url = queue_url
        self.runtime = runtime
        self.stats = StreamStats()
        self._session = session
        self._sqs = session.client("sqs")
        # Logged under the source's own module, as each source did before sharing this loop.
        self._log = logging.getLogger(type(self).__module__)

    def poll_once(self) -> int:
        """Deliver everything visible now; returns how many messages (or events) were read."""
        read = 0
        while True:
            messages = self._sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=self._batch_size(),
                WaitTimeSeconds=0,
                **self._receive_options(),
            ).get("Messages", [])
            if not messages:
                return read
            read += self._handle(messages)

    def _batch_size(self) -> int:
        return MAX_BATCH

    def _receive_options(self) -> dict[str, Any]:
        """Further ReceiveMessage arguments (attributes to return)."""
        return {}

    def _delete(self, receipt_handle: str) -> None:
        self._sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=receipt_handle)

    @abstractmethod
    def _handle(self, messages: Sequence[Mapping[str, Any]]) -> int:
        """Deliver one received batch and delete what is done; returns how many were read."""


class AsyncInvocationPoller(QueuePoller):
    """Each message is an event of Lambda's asynchronous invocation: retried, then sent to the dead-letter queue."""

    # How the give-up line reads: the event's description, then where it went.
    giving_up: ClassVar[str] = "giving up %s; %s"
    without_dead_letter: ClassVar[str] = "dropped"

    def __init__(
        self,
        *,
        subscription: RetriedSubscription,
        queue_url: str,
        runtime: FunctionRuntime,
        session: Any,
        dead_letter_arn: str | None,
        retry_delay: float,
    ) -> None:
        super().__init__(subscription=subscription, queue_url=queue_url, runtime=runtime, session=session)
        self.maximum_retry_attempts = subscription.maximum_retry_attempts
        self.dead_letter_arn = dead_letter_arn
        self.retry_delay = retry_delay

    @abstractmethod
    def _event(self, message: Mapping[str, Any]) -> Mapping[str, Any] | None:
        """The function's event for a message; None for a message that is deleted without invoking it."""

    @abstractmethod
    def _describe(self, event: Mapping[str, Any]) -> str:
        """The event as named in the log."""

    def _processed(self, event: Mapping[str, Any]) -> None:
        """Called once the function has handled an event."""

    def _handle(self, messages: Sequence[Mapping[str, Any]]) -> int:
        read = 0
        for message in messages:
            event = self._event(message)
            if event is not None:
                read += 1
                self.stats.records_read += 1
                self._deliver(event)
            self._delete(message["ReceiptHandle"])
        return read

    def _deliver(self, event: Mapping[str, Any]) -> None:
        attempts = 0
        while True:
            self.stats.invocations += 1
            try:
                self.runtime.invoke(self.function_id, dict(event))
            except Exception:
                self.stats.function_errors += 1
                self._log.exception("%s: handler raised on %s", self.name, self._describe(event))
                if attempts >= self.maximum_retry_attempts:
                    self._give_up(event)
                    return
                attempts += 1
                self.stats.retries += 1
                time.sleep(self.retry_delay * attempts)
                continue
            self.stats.records_processed += 1
            self._processed(event)
            return

    def _give_up(self, event: Mapping[str, Any]) -> None:
        self.stats.records_given_up += 1
        arn = self.dead_letter_arn
        where = f"sent to {arn}" if arn else self.without_dead_letter
        self._log.error("%s: " + self.giving_up, self.name, self._describe(event), where)
        if arn:
            send_to_destination(self._session, arn, json.dumps(event))
