"""EventBridge locally: the template's event buses, rules (with their targets) and log groups in moto, and
a tail that logs every event the rules deliver to a log group.

moto delivers `PutEvents` to matching rules' targets synchronously; a CloudWatch Logs target receives
the whole event as JSON, exactly what the deployed EventLogRule writes to its log group.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from devstack.resolver import ACCOUNT_ID, STACK_NAME, PhysicalResource, Resolver

EVENT_BUS = "AWS::Events::EventBus"
EVENT_RULE = "AWS::Events::Rule"
LOG_GROUP = "AWS::Logs::LogGroup"
EVENT_TYPES = (EVENT_BUS, EVENT_RULE, LOG_GROUP)

log = logging.getLogger(__name__)


def _create_event_bus(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("events")
    name = str(props.get("Name") or f"{STACK_NAME}-{logical_id}")
    try:
        arn = client.create_event_bus(Name=name)["EventBusArn"]
    except client.exceptions.ResourceAlreadyExistsException:
        arn = client.describe_event_bus(Name=name)["Arn"]
    return PhysicalResource(logical_id, EVENT_BUS, name, arn)


def _create_rule(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("events")
    name = str(props.get("Name") or f"{STACK_NAME}-{logical_id}")
    bus = str(props.get("EventBusName") or "default")
    request: dict[str, Any] = {"Name": name, "EventBusName": bus, "State": props.get("State", "ENABLED")}
    if "EventPattern" in props:
        request["EventPattern"] = json.dumps(props["EventPattern"])
    if "ScheduleExpression" in props:
        request["ScheduleExpression"] = props["ScheduleExpression"]
    arn = client.put_rule(**request)["RuleArn"]
    targets = [{"Id": target["Id"], "Arn": target["Arn"]} for target in props.get("Targets", [])]
    if targets:
        client.put_targets(Rule=name, EventBusName=bus, Targets=targets)
    return PhysicalResource(logical_id, EVENT_RULE, name, arn)


def _create_log_group(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("logs")
    name = str(props.get("LogGroupName") or f"{STACK_NAME}-{logical_id}")
    with contextlib.suppress(client.exceptions.ResourceAlreadyExistsException):
        client.create_log_group(logGroupName=name)
    region = session.region_name
    return PhysicalResource(logical_id, LOG_GROUP, name, f"arn:aws:logs:{region}:{ACCOUNT_ID}:log-group:{name}:*")


CREATORS = {EVENT_BUS: _create_event_bus, EVENT_RULE: _create_rule, LOG_GROUP: _create_log_group}


def event_log_groups(template: Mapping[str, Any], resources: Mapping[str, PhysicalResource]) -> list[str]:
    """Names of the log groups that the template's rules deliver events to."""
    resolver = Resolver(template, resources)
    names = []
    for resource in template.get("Resources", {}).values():
        if resource.get("Type") != EVENT_RULE:
            continue
        for target in resource.get("Properties", {}).get("Targets", []):
            arn = str(resolver.resolve(target["Arn"]))
            if ":logs:" in arn and ":log-group:" in arn:
                names.append(arn.split(":log-group:", 1)[1].removesuffix(":*"))
    return names


def read_events(session: Any, group: str, start_ms: int = 0) -> tuple[list[dict[str, Any]], int]:
    """Events in a log group written at or after `start_ms`; returns them and the next start."""
    client = session.client("logs")
    events: list[dict[str, Any]] = []
    latest = start_ms
    kwargs: dict[str, Any] = {"logGroupName": group, "startTime": start_ms}
    while True:
        page = client.filter_log_events(**kwargs)
        for entry in page.get("events", []):
            latest = max(latest, int(entry["timestamp"]) + 1)
            with contextlib.suppress(ValueError):
                events.append(json.loads(entry["message"]))
        if not page.get("nextToken"):
            return events, latest
        kwargs["nextToken"] = page["nextToken"]


class EventLogTail:
    """Polls the event log groups and logs each event (detail type and detail) as it arrives."""

    def __init__(
        self, session: Any, groups: list[str], say: Callable[[str], None] | None = None, interval: float = 0.5
    ) -> None:
        self.session, self.groups, self.interval = session, groups, interval
        self.say = say or (lambda line: log.info("%s", line))
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._seen: set[str] = set()

    def poll(self) -> int:
        """Log every event not logged yet; returns how many were new."""
        new = 0
        for group in self.groups:
            events, _ = read_events(self.session, group)
            for event in events:
                event_id = str(event.get("id"))
                if event_id in self._seen:
                    continue
                self._seen.add(event_id)
                new += 1
                detail = json.dumps(event.get("detail"), separators=(",", ":"))
                self.say(f"event {event.get('source')} {event.get('detail-type')}: {detail}")
        return new

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="event-log", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception:  # the tail is a convenience: never let it take the stack down
                log.exception("reading the event log failed")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None
