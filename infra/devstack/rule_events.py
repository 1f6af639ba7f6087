"""EventBridge rule -> Lambda, as EventBridge and Lambda's asynchronous invocation do it, against moto.

moto runs no functions, but it does deliver `PutEvents` to a rule's SQS targets. So for every
`Type: EventBridgeRule` event in the template a rule with the event's `Pattern` is put on its bus with a
queue made for it as the target; a RuleEventSource receives from that queue and invokes the real handler
with the message body, which is the whole EventBridge event. As Lambda does with an asynchronous
invocation, a handler exception is retried up to the function's `EventInvokeConfig.MaximumRetryAttempts`
(default 2), and the event then goes, whole, to the function's `DeadLetterQueue` (devstack.queue_poller
runs that loop).

A rule whose `State` resolves to DISABLED is created disabled, so nothing reaches its function. The local
stack resolves the template with LOCAL_PARAMETERS: it stands in a sender address, which enables the
notifier's rule (its e-mail goes to the outbox file, never to SES).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devstack.lambda_runtime import FunctionRuntime
from devstack.queue_poller import AsyncInvocationPoller
from devstack.template import ACCOUNT_ID, DEFAULT_REGION, STACK_NAME, PhysicalResource, Resolver, functions

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


class RuleEventSource(AsyncInvocationPoller):
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
        super().__init__(
            subscription=subscription,
            queue_url=queue_url,
            runtime=runtime,
            session=session,
            dead_letter_arn=subscription.dead_letter_arn,
            retry_delay=retry_delay,
        )
        self.subscription: RuleSubscription = subscription

    def _event(self, message: Mapping[str, Any]) -> Mapping[str, Any]:
        # moto's SQS delivery leaves out the event's `account`, which Lambda's event always has.
        return {"account": ACCOUNT_ID, **json.loads(message["Body"])}

    def _describe(self, event: Mapping[str, Any]) -> str:
        return f"event {event.get('id')}"


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
