"""Invoking the real Lambda handlers in-process, the way the Lambda runtime would.

Handlers are imported on first use (so the environment is set before their modules read it). Each function
runs one invocation at a time, as one Lambda execution environment does: powertools' resolvers and batch
processors keep per-invocation state on module-level objects and are not thread-safe. Different functions
run at the same time, as in AWS, so a search waiting on the engine does not hold up `GET /areas`.

What the functions of this one artifact share in one process is made safe for that:
- the powertools Logger: the keys `inject_lambda_context` appends (function name, request id, correlation
  id) are kept per thread (`per_thread_log_keys`), so concurrent functions do not tag each other's lines;
- imports: a first import runs under one lock, so two functions never import the same modules at once;
- Metrics and Tracer are disabled locally (POWERTOOLS_METRICS_DISABLED, POWERTOOLS_TRACE_DISABLED).
"""

from __future__ import annotations

import importlib
import threading
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from devstack.template import ACCOUNT_ID, DEFAULT_REGION, FunctionSpec

Handler = Callable[[Any, Any], Any]


@dataclass
class LambdaContext:
    """The attributes and method of the Lambda context object that handlers and powertools read."""

    function_name: str
    memory_limit_in_mb: int
    invoked_function_arn: str
    timeout_seconds: int
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"
    _started: float = field(default_factory=time.monotonic)

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"local/[$LATEST]{self.aws_request_id.replace('-', '')}"

    def get_remaining_time_in_millis(self) -> int:
        elapsed = time.monotonic() - self._started
        return max(0, int((self.timeout_seconds - elapsed) * 1000))

    @classmethod
    def for_function(cls, spec: FunctionSpec, region: str = DEFAULT_REGION) -> LambdaContext:
        return cls(
            function_name=spec.name,
            memory_limit_in_mb=spec.memory_mb,
            invoked_function_arn=f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{spec.name}",
            timeout_seconds=spec.timeout_seconds,
        )


def import_handler(handler: str) -> Handler:
    """`package.module.function` -> the function."""
    module_name, _, attribute = handler.rpartition(".")
    return getattr(importlib.import_module(module_name), attribute)


def per_thread_log_keys() -> None:
    """Keep the keys appended to every powertools Logger formatter per thread from now on (each thread starts
    from the keys the formatter has now: service, level...). Idempotent."""
    from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

    if isinstance(LambdaPowertoolsFormatter.__dict__.get("log_format"), property):
        return
    state = threading.local()

    def get(formatter: Any) -> dict[str, Any]:
        keys: dict[int, dict[str, Any]] = state.__dict__.setdefault("keys", {})
        if id(formatter) not in keys:
            keys[id(formatter)] = dict(formatter.__dict__.get("_shared_log_format", {}))
        return keys[id(formatter)]

    def set_(formatter: Any, value: dict[str, Any]) -> None:
        if "_shared_log_format" not in formatter.__dict__:  # the formatter's constructor: the starting keys
            formatter.__dict__["_shared_log_format"] = value
        state.__dict__.setdefault("keys", {})[id(formatter)] = value

    # one formatter can serve several handlers: move each one's keys once
    existing = {id(obj): obj for obj in powertools_formatters() if "log_format" in obj.__dict__}
    for formatter in existing.values():
        formatter.__dict__["_shared_log_format"] = formatter.__dict__.pop("log_format")
    LambdaPowertoolsFormatter.log_format = property(get, set_)  # type: ignore[assignment]


def powertools_formatters() -> list[Any]:
    """The powertools formatters attached to the handlers of every logger."""
    import logging

    from aws_lambda_powertools.logging.formatter import LambdaPowertoolsFormatter

    loggers = [logging.getLogger(), *(item for item in logging.Logger.manager.loggerDict.values())]
    return [
        handler.formatter
        for logger in loggers
        if isinstance(logger, logging.Logger)
        for handler in logger.handlers
        if isinstance(handler.formatter, LambdaPowertoolsFormatter)
    ]


class FunctionRuntime:
    """Runs the template's functions in this process, each one invocation at a time, handlers imported lazily.

    `handlers` replaces the handler of some functions (tests use tiny fakes to drive the stream poller).
    """

    def __init__(
        self,
        functions: Mapping[str, FunctionSpec],
        *,
        region: str = DEFAULT_REGION,
        handlers: Mapping[str, Handler] | None = None,
    ) -> None:
        self.functions = dict(functions)
        self.region = region
        self._handlers: dict[str, Handler] = dict(handlers or {})
        self._import_lock = threading.Lock()
        # One lock per function: re-entrant, as a function may be invoked from within its own invocation
        # (a test's fake handler, an event source pumped synchronously).
        self._locks = {function_id: threading.RLock() for function_id in self.functions}

    def handler(self, function_id: str) -> Handler:
        """The function's handler, imported on first use."""
        with self._import_lock:
            if function_id not in self._handlers:
                self._handlers[function_id] = import_handler(self.functions[function_id].handler)
                per_thread_log_keys()
            return self._handlers[function_id]

    def invoke(self, function_id: str, event: Any) -> Any:
        """Run one event through the function with a fresh context; handler exceptions propagate."""
        with self._locks[function_id]:
            handler = self.handler(function_id)
            return handler(event, LambdaContext.for_function(self.functions[function_id], self.region))
