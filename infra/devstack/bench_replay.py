"""The benchmark's engine answers: recorded from osmem once, then replayed by a connection that never leaves
the process, so the handler's own cost can be timed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from opensearchpy import Connection


@dataclass(frozen=True)
class Exchange:
    """One engine request and the engine's raw answer."""

    method: str
    url: str
    params: Mapping[str, Any] | None
    body: bytes | None
    status: int
    headers: Mapping[str, str]
    answer: str


def request_key(method: str, url: str, params: Mapping[str, Any] | None, body: bytes | str | None) -> str:
    """What identifies a request: method, path, query parameters and the exact body bytes."""
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    query = urlencode(sorted((params or {}).items()))
    return f"{method} {url}?{query}\n{body or ''}"


@dataclass
class Recordings:
    """Engine answers by request, filled by RecordingConnection and served by ReplayConnection."""

    exchanges: dict[str, Exchange] = field(default_factory=dict)

    def add(self, key: str, exchange: Exchange) -> None:
        self.exchanges[key] = exchange

    def answer(self, key: str) -> Exchange:
        try:
            return self.exchanges[key]
        except KeyError:
            raise LookupError(f"no recorded answer for this request (record it first):\n{key[:300]}") from None


class ReplayConnection(Connection):
    """An opensearch-py connection that answers from recordings: the client still serialises the request
    and parses the answer as it would in production, but no socket and no engine is involved."""

    def __init__(self, recordings: Recordings, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.recordings = recordings

    def perform_request(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        timeout: float | None = None,
        ignore: Any = (),
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        exchange = self.recordings.answer(request_key(method, url, params, body))
        return exchange.status, dict(exchange.headers), exchange.answer


def recording_connection_class() -> type[Connection]:
    """The production connection class with every exchange also written to `recordings`."""
    from opensearchpy import Urllib3HttpConnection

    class RecordingConnection(Urllib3HttpConnection):
        def __init__(self, recordings: Recordings, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.recordings = recordings

        def perform_request(self, method, url, params=None, body=None, timeout=None, ignore=(), headers=None):  # type: ignore[no-untyped-def]
            status, answer_headers, data = super().perform_request(method, url, params, body, timeout, ignore, headers)
            exchange = Exchange(method, url, params, body, status, dict(answer_headers), data)
            self.recordings.add(request_key(method, url, params, body), exchange)
            return status, answer_headers, data

    return RecordingConnection


def client_with(connection_class: type[Connection], recordings: Recordings, host: str = "http://replay") -> Any:
    from opensearchpy import OpenSearch

    return OpenSearch(hosts=[host], connection_class=connection_class, recordings=recordings, max_retries=0)
