"""The search counts of one execution environment, buffered and written together.

Why a buffer: one UpdateItem per search costs the search 1-2 ms of CPU in botocore (serialise, sign,
send, parse) and a DynamoDB round trip, and the first one in an environment up to a third of a second
(importing boto3, creating the client): more than the whole rest of the search handler (`make bench`).
Buffered, a search costs a dictionary update; every `insights_flush_searches` searches, or on the first
search after the oldest count is `insights_flush_seconds` old, the request that crosses the line writes one
UpdateItem per distinct term.
The price: an environment that Lambda retires while idle loses the counts it had not written (fewer than
`insights_flush_searches`). Counts are trends read over days with a floor of 3, so that is acceptable; a slow
search is not.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from local_offer.models.search_counts import SearchCount
from local_offer.settings import get_settings


class SearchCounter:
    """Adds counts in memory; writes them when enough have gathered or the oldest is old enough."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._pending: dict[tuple[str, str, str], SearchCount] = {}
        self._searches = 0
        self._oldest: float | None = None

    def add(self, count: SearchCount) -> None:
        """Buffer one count; write the buffer when it is due (raises what the write raises, buffer emptied)."""
        key = (count.day.isoformat(), count.kind, count.term)
        earlier = self._pending.get(key)
        self._pending[key] = earlier.plus(count) if earlier else count
        self._searches += count.searches
        now = self._clock()
        if self._oldest is None:
            self._oldest = now
        settings = get_settings()
        if self._searches >= settings.insights_flush_searches or now - self._oldest >= settings.insights_flush_seconds:
            self.flush()

    def flush(self) -> None:
        """Write every buffered count (one UpdateItem per day and term). The buffer is emptied first, so a
        failing write loses its counts rather than growing the buffer or retrying on every search."""
        from local_offer.repositories.insights import InsightsRepository

        pending, self._pending, self._searches, self._oldest = self._pending, {}, 0, None
        repository = InsightsRepository()
        for count in pending.values():
            repository.count_search(count)


# One per execution environment: Lambda runs one request at a time in it.
COUNTER = SearchCounter()
