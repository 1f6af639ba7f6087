"""`local-offer serve` accepts connections only once it is ready, and then every route answers.

The stack runs in this process so that its start can be held at a known step: a client connecting meanwhile
must be refused at once (not left waiting for an answer that comes minutes later, or never).
"""

from __future__ import annotations

import os
import re
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import clear_app_caches

STEP_TIMEOUT = 120


@pytest.fixture
def own_environment() -> Iterator[None]:
    """The stack points this process's environment at its moto and osmem: give the next tests theirs back."""
    saved = dict(os.environ)
    yield
    os.environ.clear()
    os.environ.update(saved)
    clear_app_caches()


class HeldStart:
    """A `say` callback that holds the stack's start at the first status line starting with `step`."""

    def __init__(self, step: str) -> None:
        self.step = step
        self.reached = threading.Event()
        self.release = threading.Event()
        self.lines: list[str] = []

    def __call__(self, line: str) -> None:
        self.lines.append(line)
        if line.startswith(self.step) and not self.reached.is_set():
            self.reached.set()
            assert self.release.wait(STEP_TIMEOUT), "the test never released the start"


def example_path(path: str) -> str:
    """A concrete path for a route template: `{id}` -> an id that does not exist, `{proxy+}` -> two segments."""
    return re.sub(r"\{[^}]+\}", "no-such-id", path.replace("+}", "}/more"))


def test_connections_are_refused_until_ready_then_every_route_answers(tmp_path: Path, own_environment: Any) -> None:
    from devstack.stack import LocalStack

    empty = tmp_path / "empty.ndjson"
    empty.write_text("")
    held = HeldStart("faqs:")
    stack = LocalStack(port=0, data=empty, census=None, say=held)
    failure: list[BaseException] = []

    def start() -> None:
        try:
            stack.start()
        except BaseException as exc:  # reported by the test thread
            failure.append(exc)
            held.reached.set()

    starting = threading.Thread(target=start, name="start", daemon=True)
    starting.start()
    try:
        # Given a stack that has taken its port and is still loading
        assert held.reached.wait(STEP_TIMEOUT), "the start never reached the FAQ step"
        assert not failure, failure
        port = stack.bound_port

        # When a client connects, Then it is refused at once
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", port), timeout=5).close()

        # When the start finishes
        held.release.set()
        starting.join(STEP_TIMEOUT)
        assert not starting.is_alive()
        assert not failure, failure
        assert held.lines[-1].startswith("ready in ")
        stack.serve_in_thread()

        # Then every route of the template answers, none with a server error
        routes = {(c.route.method, c.route.path) for c in stack.http.router.routes}  # type: ignore[union-attr]
        assert len(routes) > 20
        answers = {}
        for method, path in sorted(routes):
            verb = "GET" if method == "ANY" else method
            body = {} if verb in ("POST", "PUT", "PATCH") else None
            response = requests.request(verb, stack.api_url + example_path(path), json=body, timeout=30)
            answers[f"{verb} {path}"] = response.status_code
        assert all(status < 500 for status in answers.values()), answers
    finally:
        held.release.set()
        starting.join(STEP_TIMEOUT)
        stack.close()
