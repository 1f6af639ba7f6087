"""Fixed-window request counters per client in the rate-limit table (items expire by TTL).

A client is known only by a hash of its source IP together with the window, so stored keys cannot be
linked across windows and no address is stored; each counter expires (TTL) an hour after its window.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from local_offer.repositories.dynamo import TableRepository

# TTL deletion is lazy (it can lag by hours); the window check uses the key, never the TTL.
EXPIRY_SLACK_SECONDS = 3600


class RateLimitExceeded(Exception):
    """The client has used up this window's allowance; nothing was counted."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


def client_key(action: str, client: str, window_start: int) -> str:
    digest = hashlib.sha256(f"{action}|{window_start}|{client}".encode()).hexdigest()[:32]
    return f"{action}#{digest}"


class RateLimitRepository(TableRepository):
    """`hit()` counts one request of a client in the current window, or refuses it (conditional update)."""

    table_setting = "rate_limit_table_name"

    def __init__(self, table_name: str | None = None, clock: Any = time.time) -> None:
        super().__init__(table_name)
        self._clock = clock

    def hit(self, action: str, client: str, limit: int, window_seconds: int) -> int:
        """Count a request; returns how many this client made in the window. Raises RateLimitExceeded (and
        counts nothing) when `limit` were already made."""
        now = int(self._clock())
        window_start = now - now % window_seconds
        try:
            response = self.table.update_item(
                Key={"key": client_key(action, client, window_start)},
                UpdateExpression="ADD requests :one SET expires_at = if_not_exists(expires_at, :expires)",
                ConditionExpression="attribute_not_exists(requests) OR requests < :limit",
                ExpressionAttributeValues={
                    ":one": 1,
                    ":limit": limit,
                    ":expires": window_start + window_seconds + EXPIRY_SLACK_SECONDS,
                },
                ReturnValues="UPDATED_NEW",
            )
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise RateLimitExceeded(window_start + window_seconds - now) from exc
        return int(response["Attributes"]["requests"])
