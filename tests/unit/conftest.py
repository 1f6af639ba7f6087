"""Unit tests run with network sockets disabled: anything that tries to reach moto, OpenSearch or AWS fails.

Unix sockets stay allowed (asyncio and some libraries use socket pairs internally).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import pytest_socket


@pytest.fixture(autouse=True)
def _no_network() -> Iterator[None]:
    pytest_socket.disable_socket(allow_unix_socket=True)
    yield
    pytest_socket.enable_socket()
