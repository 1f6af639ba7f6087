"""Importing and exporting the whole directory through the records repository.

Writes go through `ServiceRecordRepository.put` with the stored version as the condition, exactly as an
officer's decision does, so the table's stream and the indexer see every change and a record edited while
the import runs is reported, never overwritten.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from local_offer.domain.imports import ImportPlan, plan_import
from local_offer.models.errors import StaleWrite
from local_offer.models.records import PublishedService, ServiceRecord
from local_offer.repositories.records import ServiceRecordRepository, item_to_record

Progress = Callable[[int, int], None]


@dataclass
class ImportOutcome:
    written: int = 0
    conflicts: list[str] = field(default_factory=list)  # service ids changed by someone else meanwhile


def _stored_items(repository: ServiceRecordRepository) -> dict[str, dict[str, Any]]:
    """Every current service item by id (one scan; bodies are validated only for the ids imported)."""
    return {str(item["id"]): item for item in repository.scan_items()}


def plan_directory_import(
    services: Sequence[PublishedService],
    repository: ServiceRecordRepository | None = None,
    now: dt.datetime | None = None,
) -> ImportPlan:
    """Compare the file's services with the stored records (reads only)."""
    repository = repository or ServiceRecordRepository()
    items = _stored_items(repository)

    def stored(service_id: Any) -> ServiceRecord | None:
        item = items.get(str(service_id))
        return item_to_record(item) if item else None

    return plan_import(services, stored, now or dt.datetime.now(dt.UTC).replace(microsecond=0))


def apply_import(
    plan: ImportPlan,
    repository: ServiceRecordRepository | None = None,
    progress: Progress | None = None,
) -> ImportOutcome:
    """Write the plan's creates and updates, each conditional on the version it was planned against."""
    repository = repository or ServiceRecordRepository()
    writes = plan.writes
    outcome = ImportOutcome()
    for done, action in enumerate(writes, start=1):
        try:
            repository.put(action.record, expected_version=action.expected_version)
            outcome.written += 1
        except StaleWrite:
            outcome.conflicts.append(str(action.record.service.id))
        if progress:
            progress(done, len(writes))
    return outcome


def exported_services(repository: ServiceRecordRepository | None = None) -> Iterator[PublishedService]:
    """Every stored service in its API form (ORUK service plus the `local_offer` object), ordered by id."""
    repository = repository or ServiceRecordRepository()
    records: Iterable[ServiceRecord] = sorted(repository.scan(), key=lambda record: str(record.service.id))
    for record in records:
        yield record.published()
