"""Pure rules of the resource catalogue: which published resources match a listing's filters."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from local_offer.models.errors import InvalidRequest
from local_offer.models.resources import TOPICS, ResourceRecord

MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True)
class ResourceFilter:
    """`GET /resources` filters; every given one must match (AND)."""

    audience: str | None = None
    topic: str | None = None
    search: str | None = None

    def validated(self) -> ResourceFilter:
        """The filter, or InvalidRequest naming the parameter (audience is checked by its type)."""
        if self.topic is not None and self.topic not in TOPICS:
            raise InvalidRequest(f"topic must be one of {', '.join(TOPICS)}", parameter="topic")
        return self

    @property
    def words(self) -> list[str]:
        return re.findall(r"\w+", (self.search or "").casefold())

    def matches(self, record: ResourceRecord) -> bool:
        if self.audience is not None and record.audience != self.audience:
            return False
        if self.topic is not None and self.topic not in record.topics:
            return False
        words = self.words
        if not words:
            return True
        text = searchable_text(record)
        return all(word in text for word in words)


def searchable_text(record: ResourceRecord) -> str:
    """Title, summary, topic names and file name, case-folded: what `search` looks in."""
    parts: list[str] = [record.title, record.summary, *record.topics, *(TOPICS[t] for t in record.topics)]
    if record.current_file is not None:
        parts.append(record.current_file.file_name)
    return " ".join(parts).casefold()


def select(records: Iterable[ResourceRecord], query: ResourceFilter) -> list[ResourceRecord]:
    """The published records that match, in the order given (title order from the catalogue index)."""
    return [record for record in records if record.published and query.matches(record)]
