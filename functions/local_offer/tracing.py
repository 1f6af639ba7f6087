"""The tracer, built on first use instead of at import.

powertools' `Tracer()` imports aws_xray_sdk.core as it is constructed, even when tracing is disabled; that
import pulls in botocore and opens the X-Ray UDP emitter, about 0.4 s of a handler's ~1 s cold import. So the
handlers decorate with a `LazyTracer`, which builds the real tracer when a decorated function first runs (or
when `warm()` is called before a SnapStart snapshot):

- tracing enabled (in Lambda, `Tracing: Active`): powertools' X-Ray Tracer, which patches botocore, requests
  and httplib. Clients are created on first use inside an invocation (repositories/clients.py), so they are
  created after the patch and traced.
- tracing disabled (outside Lambda, under `sam local`, or POWERTOOLS_TRACE_DISABLED): a Tracer with a
  provider that records nothing, so aws_xray_sdk.core is never imported.
"""

from __future__ import annotations

import functools
import os
from collections.abc import AsyncGenerator, Callable, Generator, Sequence
from contextlib import asynccontextmanager, contextmanager
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.shared import constants
from aws_lambda_powertools.shared.functions import resolve_truthy_env_var_choice
from aws_lambda_powertools.tracing.base import BaseProvider, BaseSegment

if TYPE_CHECKING:
    import numbers
    import traceback

    from aws_lambda_powertools import Tracer


def tracing_disabled() -> bool:
    """powertools' own rule: disabled by POWERTOOLS_TRACE_DISABLED, outside Lambda, and under sam local."""
    if resolve_truthy_env_var_choice(env=os.getenv(constants.TRACER_DISABLED_ENV, "false")):
        return True
    in_lambda = bool(os.getenv(constants.LAMBDA_TASK_ROOT_ENV))
    emulated = bool(os.getenv(constants.SAM_LOCAL_ENV) or os.getenv(constants.CHALICE_LOCAL_ENV))
    return not in_lambda or emulated


class _NoSegment(BaseSegment):
    """A segment that records nothing (what the disabled tracer hands to decorated code)."""

    def close(self, end_time: int | None = None) -> None:
        return None

    def add_subsegment(self, subsegment: Any) -> None:
        return None

    def remove_subsegment(self, subsegment: Any) -> None:
        return None

    def put_annotation(self, key: str, value: str | numbers.Number | bool) -> None:
        return None

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        return None

    def add_exception(
        self, exception: BaseException, stack: list[traceback.StackSummary], remote: bool = False
    ) -> None:
        return None


class NoTracingProvider(BaseProvider):
    """A tracing provider that records nothing and imports nothing."""

    @contextmanager
    def in_subsegment(self, name: str | None = None, **kwargs: Any) -> Generator[BaseSegment, None, None]:
        yield _NoSegment()

    @asynccontextmanager
    async def in_subsegment_async(self, name: str | None = None, **kwargs: Any) -> AsyncGenerator[BaseSegment, None]:
        yield _NoSegment()

    def put_annotation(self, key: str, value: str | numbers.Number | bool) -> None:
        return None

    def put_metadata(self, key: str, value: Any, namespace: str = "default") -> None:
        return None

    def patch(self, modules: Sequence[str]) -> None:
        return None

    def patch_all(self) -> None:
        return None


def build_tracer(service: str) -> Tracer:
    """powertools' Tracer: with X-Ray when tracing is enabled, with a provider that does nothing otherwise."""
    from aws_lambda_powertools import Tracer

    if tracing_disabled():
        return Tracer(service=service, disabled=True, auto_patch=False, provider=NoTracingProvider())
    return Tracer(service=service)


class LazyTracer:
    """The decorators and calls of powertools' Tracer that the handlers use, building the tracer on first use."""

    def __init__(self, service: str) -> None:
        self.service = service
        self._tracer: Tracer | None = None

    @property
    def tracer(self) -> Tracer:
        """The real tracer (built, and modules patched, on the first call)."""
        if self._tracer is None:
            self._tracer = build_tracer(self.service)
        return self._tracer

    @property
    def built(self) -> bool:
        return self._tracer is not None

    def warm(self) -> None:
        """Build the tracer now (before a SnapStart snapshot, so restored environments start with it)."""
        _ = self.tracer

    def capture_lambda_handler(
        self,
        lambda_handler: Callable[..., Any] | None = None,
        capture_response: bool | None = None,
        capture_error: bool | None = None,
    ) -> Any:
        """Like `Tracer.capture_lambda_handler`; the tracer's wrapper is made at the first invocation."""
        if lambda_handler is None:
            return functools.partial(
                self.capture_lambda_handler, capture_response=capture_response, capture_error=capture_error
            )
        return self._deferred(
            lambda: self.tracer.capture_lambda_handler(
                lambda_handler, capture_response=capture_response, capture_error=capture_error
            ),
            lambda_handler,
        )

    def capture_method(
        self,
        method: Callable[..., Any] | None = None,
        capture_response: bool | None = None,
        capture_error: bool | None = None,
    ) -> Any:
        """Like `Tracer.capture_method`; the tracer's wrapper is made at the first call."""
        if method is None:
            return functools.partial(
                self.capture_method, capture_response=capture_response, capture_error=capture_error
            )
        return self._deferred(
            lambda: self.tracer.capture_method(capture_response=capture_response, capture_error=capture_error)(method),
            method,
        )

    def put_annotation(self, key: str, value: str | numbers.Number | bool) -> None:
        self.tracer.put_annotation(key=key, value=value)

    def put_metadata(self, key: str, value: Any, namespace: str | None = None) -> None:
        self.tracer.put_metadata(key=key, value=value, namespace=namespace)

    @staticmethod
    def _deferred(make_wrapper: Callable[[], Callable[..., Any]], function: Callable[..., Any]) -> Callable[..., Any]:
        """A stand-in for `function` (same name, signature and docstring: powertools reads route signatures)
        that makes the tracer's wrapper on its first call and calls that from then on."""
        wrapper: Callable[..., Any] | None = None

        @functools.wraps(function)
        def traced(*args: Any, **kwargs: Any) -> Any:
            nonlocal wrapper
            if wrapper is None:
                wrapper = make_wrapper()
            return wrapper(*args, **kwargs)

        return traced
