"""Invoking the real Lambda handlers in-process, the way the Lambda runtime would.

Handlers are imported on first use (so the environment is set before their modules read it) and
invocations are serialized: powertools' resolvers and batch processors keep per-invocation state on
module-level objects and are not thread-safe (Lambda never runs two events in one execution environment
either). The lock is process-wide, not per function, because the functions of this one artifact also share
the module-level Logger, Metrics and Tracer, whose appended keys and metric sets would otherwise mix.
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


class FunctionRuntime:
    """Runs the template's functions in this process, one invocation at a time, handlers imported lazily.

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
        self._lock = threading.RLock()

    def handler(self, function_id: str) -> Handler:
        """The function's handler, imported on first use (call with the lock held)."""
        if function_id not in self._handlers:
            self._handlers[function_id] = import_handler(self.functions[function_id].handler)
        return self._handlers[function_id]

    def invoke(self, function_id: str, event: Any) -> Any:
        """Run one event through the function with a fresh context; handler exceptions propagate."""
        with self._lock:
            handler = self.handler(function_id)
            return handler(event, LambdaContext.for_function(self.functions[function_id], self.region))
