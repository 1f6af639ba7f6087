"""Rules for importing a directory over the records already stored: what is new, what changed, what is not.

The service id is the key: importing a file again updates the services it holds and leaves the others alone.
A service whose content is what is stored already is left untouched (no new version, nothing re-indexed).

- `record_version` always moves on from the stored one (1 for a new service), whatever the file says, so
  the indexer's external versions keep every update.
- A service that carries our `local_offer` object (as `local-offer export` writes it) brings its own
  metadata (local area, last verified, sample flag); one without it (another ORUK feed) keeps the stored
  metadata.
- A service without `last_modified` keeps the stored one when nothing else changed, and gets the import's
  time when it is new or changed.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from local_offer.models.records import PublishedService, RecordMeta, ServiceRecord

ImportKind = Literal["create", "update", "unchanged"]


@dataclass(frozen=True)
class ImportAction:
    """One service of the file: what happens to it, the record to write and the stored version it replaces
    (0: there is none)."""

    kind: ImportKind
    record: ServiceRecord
    expected_version: int


@dataclass(frozen=True)
class ImportPlan:
    actions: tuple[ImportAction, ...]

    def count(self, kind: ImportKind) -> int:
        return Counter(action.kind for action in self.actions)[kind]

    @property
    def writes(self) -> tuple[ImportAction, ...]:
        """The actions that write (creates and updates)."""
        return tuple(action for action in self.actions if action.kind != "unchanged")

    def summary(self) -> str:
        return f"{self.count('create')} new, {self.count('update')} updated, {self.count('unchanged')} unchanged"


def _comparable(record: ServiceRecord) -> tuple[dict, dict]:
    return record.service.to_json_dict(), record.meta.model_dump(mode="json", exclude={"record_version"})


def plan_service(incoming: PublishedService, stored: ServiceRecord | None, now: dt.datetime) -> ImportAction:
    """What importing `incoming` over the `stored` record (None: no such service yet) does."""
    candidate = incoming.to_record()
    meta = candidate.meta if incoming.local_offer is not None else (stored.meta if stored else RecordMeta())
    service = candidate.service
    if service.last_modified is None and stored is not None:
        service = service.model_copy(update={"last_modified": stored.service.last_modified})
    stored_version = stored.meta.record_version if stored else 0
    merged = ServiceRecord(service=service, meta=meta.model_copy(update={"record_version": stored_version}))
    if stored is not None and _comparable(merged) == _comparable(stored):
        return ImportAction("unchanged", stored, stored_version)
    if incoming.last_modified is None:
        service = service.model_copy(update={"last_modified": now})
    record = ServiceRecord(service=service, meta=meta.model_copy(update={"record_version": stored_version + 1}))
    return ImportAction("update" if stored else "create", record, stored_version)


def plan_import(
    services: Iterable[PublishedService],
    stored: Callable[[UUID], ServiceRecord | None],
    now: dt.datetime,
) -> ImportPlan:
    """The plan for a whole (already validated) file; `stored(id)` returns a service's current record."""
    return ImportPlan(tuple(plan_service(service, stored(service.id), now) for service in services))
