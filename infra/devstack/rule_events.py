"""EventBridge rule -> Lambda, as EventBridge and Lambda's asynchronous invocation do it, against moto.

moto runs no functions, but it does deliver `PutEvents` to a rule's SQS targets. So for every
`Type: EventBridgeRule` event in the template a rule with the event's `Pattern` is put on its bus with a
queue made for it as the target; a RuleEventSource receives from that queue and invokes the real handler
with the message body, which is the whole EventBridge event. As Lambda does with an asynchronous
invocation, a handler exception is retried up to the function's `EventInvokeConfig.MaximumRetryAttempts`
(default 2), and the event then goes, whole, to the function's `DeadLetterQueue`.

A rule whose `State` resolves to DISABLED is created disabled, so nothing reaches its function. The local
stack resolves the template with LOCAL_PARAMETERS: it stands in a sender address, which enables the
notifier's rule (its e-mail goes to the outbox file, never to SES).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devstack.event_sources import StreamStats, send_to_destination
from devstack.lambda_runtime import FunctionRuntime
from devstack.template import ACCOUNT_ID, DEFAULT_REGION, STACK_NAME, PhysicalResource, Resolver, functions

log = logging.getLogger(__name__)

DEFAULT_ASYNC_RETRIES = 2  # Lambda's default for asynchronous invocations
LOCAL_PARAMETERS = {"NotificationSenderIdentity": "local-offer@outbox.localhost"}


@dataclass(frozen=True)
class RuleSubscription:
    """One `Type: EventBridgeRule` event, its values resolved."""

    function_id: str
    event_name: str
    bus: str
    pattern: Mapping[str, Any]
    state: str
    maximum_retry_attempts: int
    dead_letter_arn: str | None


def rule_subscriptions(template: Mapping[str, Any], resolver: Resolver) -> list[RuleSubscription]:
    """Every EventBridge rule event of every function."""
    subscriptions = []
    for spec in functions(template).values():
        invoke_config = spec.properties.get("EventInvokeConfig") or {}
        dead_letter = (spec.properties.get("DeadLetterQueue") or {}).get("TargetArn")
        for event_name, event in (spec.properties.get("Events") or {}).items():
            if event.get("Type") != "EventBridgeRule":
                continue
            props = event.get("Properties", {})
            subscriptions.append(
                RuleSubscription(
                    function_id=spec.logical_id,
                    event_name=event_name,
                    bus=str(resolver.resolve(props.get("EventBusName", "default"))),
                    pattern=resolver.resolve(props["Pattern"]),
                    state=str(resolver.resolve(props.get("State", "ENABLED"))),
                    maximum_retry_attempts=int(invoke_config.get("MaximumRetryAttempts", DEFAULT_ASYNC_RETRIES)),
                    dead_letter_arn=str(resolver.resolve(dead_letter)) if dead_letter else None,
                )
            )
    return subscriptions


class RuleEventSource:
    """Events one rule matched, delivered from its queue to one function."""

    def __init__(
        self,
        subscription: RuleSubscription,
        *,
        queue_url: str,
        runtime: FunctionRuntime,
        session: Any,
        retry_delay: float = 0.0,
    ) -> None:
        self.subscription = subscription
        self.queue_url = queue_url
        self.runtime = runtime
        self.retry_delay = retry_delay
        self.stats = StreamStats()
        self._session = session
        self._sqs = session.client("sqs")
        self.name = f"{subscription.function_id}.{subscription.event_name}"

    def poll_once(self) -> int:
        """Deliver every event waiting now; returns how many were read."""
        read = 0
        while True:
            messages = self._sqs.receive_message(
                QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0
            ).get("Messages", [])
            if not messages:
                return read
            for message in messages:
                read += 1
                self.stats.records_read += 1
                # moto's SQS delivery leaves out the event's `account`, which Lambda's event always has.
                self._deliver({"account": ACCOUNT_ID, **json.loads(message["Body"])})
                self._sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])

    def _deliver(self, event: Mapping[str, Any]) -> None:
        attempts = 0
        while True:
            self.stats.invocations += 1
            try:
                self.runtime.invoke(self.subscription.function_id, dict(event))
            except Exception:
                self.stats.function_errors += 1
                log.exception("%s: handler raised on event %s", self.name, event.get("id"))
                if attempts >= self.subscription.maximum_retry_attempts:
                    self._give_up(event)
                    return
                attempts += 1
                self.stats.retries += 1
                time.sleep(self.retry_delay * attempts)
                continue
            self.stats.records_processed += 1
            return

    def _give_up(self, event: Mapping[str, Any]) -> None:
        self.stats.records_given_up += 1
        arn = self.subscription.dead_letter_arn
        log.error("%s: giving up event %s; %s", self.name, event.get("id"), f"sent to {arn}" if arn else "dropped")
        if arn:
            send_to_destination(self._session, arn, json.dumps(event))


def rule_event_sources(
    template: Mapping[str, Any],
    resources: Mapping[str, PhysicalResource],
    runtime: FunctionRuntime,
    *,
    session: Any,
    retry_delay: float = 0.0,
) -> list[RuleEventSource]:
    """Put each EventBridge rule event of the template on its bus, targeting a queue, and return one source
    per rule."""
    resolver = Resolver(template, resources, region=session.region_name or DEFAULT_REGION, parameters=LOCAL_PARAMETERS)
    sqs, events = session.client("sqs"), session.client("events")
    sources = []
    for subscription in rule_subscriptions(template, resolver):
        name = f"{STACK_NAME}-{subscription.function_id}-{subscription.event_name}"[:64]
        queue_url = sqs.create_queue(QueueName=name[:80])["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_rule(
            Name=name,
            EventBusName=subscription.bus,
            EventPattern=json.dumps(subscription.pattern),
            State=subscription.state,
        )
        events.put_targets(Rule=name, EventBusName=subscription.bus, Targets=[{"Id": "function", "Arn": queue_arn}])
        sources.append(
            RuleEventSource(
                subscription, queue_url=queue_url, runtime=runtime, session=session, retry_delay=retry_delay
            )
        )
    return sources
