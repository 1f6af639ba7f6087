"""devstack.lambda_runtime: functions run concurrently, each one invocation at a time, and the shared
powertools Logger keeps each thread's appended keys to itself."""

from __future__ import annotations

import io
import json
import threading
from typing import Any

from devstack.lambda_runtime import FunctionRuntime, per_thread_log_keys
from devstack.template import FunctionSpec

WAIT = 10  # seconds: a bound for threads that must finish, never a measured timing


def spec(name: str) -> FunctionSpec:
    return FunctionSpec(name, f"unused.{name}", name, 128, 3, {})


class Blocking:
    """A handler that records each entry and waits until released."""

    def __init__(self) -> None:
        self.entered = threading.Semaphore(0)
        self.entries = 0
        self.release = threading.Event()

    def __call__(self, event: Any, context: Any) -> str:
        self.entries += 1
        self.entered.release()
        assert self.release.wait(WAIT)
        return "slow"


def in_thread(runtime: FunctionRuntime, function_id: str, results: list[Any]) -> threading.Thread:
    thread = threading.Thread(target=lambda: results.append(runtime.invoke(function_id, {})), daemon=True)
    thread.start()
    return thread


def test_a_function_blocked_in_an_invocation_does_not_hold_up_another_function():
    slow = Blocking()
    runtime = FunctionRuntime(
        {"Slow": spec("Slow"), "Fast": spec("Fast")}, handlers={"Slow": slow, "Fast": lambda event, context: "fast"}
    )
    results: list[Any] = []
    blocked = in_thread(runtime, "Slow", results)
    assert slow.entered.acquire(timeout=WAIT)

    fast = in_thread(runtime, "Fast", results)
    fast.join(WAIT)

    assert not fast.is_alive(), "Fast waited for Slow"
    assert results == ["fast"]
    slow.release.set()
    blocked.join(WAIT)
    assert results == ["fast", "slow"]


def test_one_function_runs_one_invocation_at_a_time():
    slow = Blocking()
    runtime = FunctionRuntime({"Slow": spec("Slow")}, handlers={"Slow": slow})
    results: list[Any] = []
    first = in_thread(runtime, "Slow", results)
    assert slow.entered.acquire(timeout=WAIT)

    second = in_thread(runtime, "Slow", results)

    assert not slow.entered.acquire(timeout=0.5), "a second invocation entered while the first ran"
    assert slow.entries == 1
    slow.release.set()
    first.join(WAIT)
    second.join(WAIT)
    assert (slow.entries, results) == (2, ["slow", "slow"])


def test_keys_a_thread_appends_to_the_shared_logger_stay_in_that_thread():
    from aws_lambda_powertools import Logger

    output = io.StringIO()
    logger = Logger(service="shared-logger-test", logger_handler=__import__("logging").StreamHandler(output))
    per_thread_log_keys()
    appended = threading.Event()
    logged_elsewhere = threading.Event()

    def function_a() -> None:
        logger.append_keys(function_name="A", correlation_id="request-a")
        appended.set()
        assert logged_elsewhere.wait(WAIT)
        logger.info("from A")

    def function_b() -> None:
        assert appended.wait(WAIT)
        logger.info("from B")
        logged_elsewhere.set()

    threads = [threading.Thread(target=function_a), threading.Thread(target=function_b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)

    lines = {line["message"]: line for line in map(json.loads, output.getvalue().splitlines())}
    assert lines["from A"]["function_name"] == "A"
    assert lines["from A"]["correlation_id"] == "request-a"
    assert "function_name" not in lines["from B"]
    assert "correlation_id" not in lines["from B"]
    assert lines["from B"]["service"] == lines["from A"]["service"] == "shared-logger-test"
