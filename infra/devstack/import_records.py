"""What reading an import file gives: a problem found in it, or a validated service with where it came from.
Shared by the JSON and NDJSON reader (devstack.import_files) and the spreadsheet reader (devstack.import_csv).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where (file and record or row), which field, and what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


@dataclass(frozen=True)
class SourcedService:
    """A validated service and where it came from (for messages about it)."""

    where: str
    service: Any  # PublishedService
