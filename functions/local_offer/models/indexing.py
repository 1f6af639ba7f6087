"""What the indexer hands to a search index: one change per document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IndexAction:
    """One change to apply: a document to index at a version, or an id to delete."""

    doc_id: str
    version: int
    document: Mapping[str, Any] | None = None  # None means delete
    index: str | None = None  # the alias to write to; None: the repository's own (services)
