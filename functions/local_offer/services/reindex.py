"""Rebuilding the search index from the records table, and checking the index for drift.

The records table is the source of truth and the index a projection of it: every current service record
has one document (whatever its status: search filters out the non-public ones at query time), at the
record's version as the document's external version.

A rebuild writes a new versioned index from a scan of the table while the alias keeps serving the old one,
then makes catch-up passes that repair whatever changed meanwhile (records written, updated or deleted
while the scan ran: the stream indexer sent those to the old index), swaps the alias in one atomic call,
makes one last pass for writes that reached the old index just before the swap, and deletes the old index.
External versions make every pass safe to race with the stream indexer: an older state never overwrites a
newer one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import ValidationError

from local_offer.models.indexing import IndexAction
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.repositories.search_index import BulkOutcome, SearchIndexRepository
from local_offer.services.indexing import action_for_item

Progress = Callable[[str], None]


class IndexSource(Protocol):
    """The table side of an index: ServiceRecordRepository (services) or FaqRepository (the FAQ)."""

    def scan_items(self, attributes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]: ...

    def versions(self) -> Iterator[tuple[str, int]]: ...

    def get_item(self, item_id: str) -> dict[str, Any] | None: ...

    def approximate_count(self) -> int: ...


DEFAULT_BATCH_SIZE = 500
MAX_CATCH_UP_PASSES = 5
# Searches already routed to the old index get this long to finish before it is deleted.
OLD_INDEX_GRACE_SECONDS = 2.0


@dataclass(frozen=True)
class StaleDocument:
    doc_id: str
    table_version: int
    index_version: int


@dataclass(frozen=True)
class Drift:
    """How an index differs from the records table."""

    table_records: int
    index_documents: int
    missing: list[str] = field(default_factory=list)  # a record with no document
    extra: list[str] = field(default_factory=list)  # a document with no record
    stale: list[StaleDocument] = field(default_factory=list)  # a document at another version than its record
    extra_versions: Mapping[str, int] = field(default_factory=dict, repr=False)  # version of each extra document

    @property
    def clean(self) -> bool:
        return not (self.missing or self.extra or self.stale)


@dataclass
class ReindexReport:
    """What a rebuild did."""

    new_index: str
    old_index: str | None = None
    indexed: int = 0
    catch_up_passes: int = 0
    caught_up: int = 0
    invalid: dict[str, str] = field(default_factory=dict)  # record id -> why it could not be indexed
    failed: dict[str, str] = field(default_factory=dict)  # document id -> the engine's reason
    old_index_deleted: bool = False


def find_drift(records: IndexSource, index: SearchIndexRepository, index_name: str | None = None) -> Drift:
    """Compare every record's version with its document's (in `index_name`, default the alias)."""
    index.refresh(index_name)
    table = dict(records.versions())
    documents = dict(index.document_versions(index_name))
    stale = [
        StaleDocument(doc_id, version, documents[doc_id])
        for doc_id, version in sorted(table.items())
        if doc_id in documents and documents[doc_id] != version
    ]
    return Drift(
        table_records=len(table),
        index_documents=len(documents),
        missing=sorted(set(table) - set(documents)),
        extra=sorted(set(documents) - set(table)),
        stale=stale,
        extra_versions={doc_id: documents[doc_id] for doc_id in set(documents) - set(table)},
    )


def repair_drift(
    records: IndexSource, index: SearchIndexRepository, index_name: str | None = None
) -> tuple[int, ReindexReport]:
    """One catch-up pass: index missing and outdated records, delete documents whose record is gone.

    Returns how many changes the engine applied (0 once the index matches the table) and a partial report
    of records that could not be indexed.
    """
    report = ReindexReport(new_index=index_name or index.alias)
    drift = find_drift(records, index, index_name)
    actions: list[IndexAction] = []
    outdated = drift.missing + [s.doc_id for s in drift.stale if s.table_version > s.index_version]
    for doc_id in outdated:
        item = records.get_item(doc_id)
        if item is None:  # deleted since the scan: the next pass sees it as extra, if it was indexed
            continue
        try:
            actions.append(action_for_item(item))
        except ValidationError as exc:
            report.invalid[doc_id] = _reason(exc)
    # One past the document's version, as the stream indexer deletes, so a late older image stays refused.
    actions += [IndexAction(doc_id=doc_id, version=drift.extra_versions[doc_id] + 1) for doc_id in drift.extra]
    outcome = index.apply(actions, index=index_name) if actions else BulkOutcome()
    report.failed.update(outcome.failed)
    return outcome.applied, report


def rebuild_index(
    records: IndexSource | None = None,
    index: SearchIndexRepository | None = None,
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    delete_old: bool = True,
    old_index_grace_seconds: float = OLD_INDEX_GRACE_SECONDS,
    progress: Progress | None = None,
) -> ReindexReport:
    """Build a new index from the records table, catch up, swap the alias atomically, delete the old index.

    If anything fails before the swap, the half-built index is deleted and the alias is left alone.
    """
    records = records or ServiceRecordRepository()
    index = index or SearchIndexRepository()
    say = progress or (lambda message: None)

    new_index = index.create_index()
    report = ReindexReport(new_index=new_index, old_index=index.current_index())
    say(f"building {new_index} from the records table (alias {index.alias!r} stays on {report.old_index})")
    swapped = False
    try:
        _bulk_load(records, index, new_index, batch_size, report, say)
        for _ in range(MAX_CATCH_UP_PASSES):
            applied = _catch_up(records, index, new_index, report, say)
            if applied == 0:
                break
        report.old_index = index.swap_alias(new_index, delete_old=False)
        swapped = True
        say(f"alias {index.alias!r} now points at {new_index}")
        # Writes the stream indexer sent to the old index between the last pass and the swap.
        _catch_up(records, index, new_index, report, say)
    except BaseException:
        if not swapped:
            say(f"rebuild stopped: deleting {new_index}; the alias was not changed")
            index.delete_index(new_index)
        raise
    if delete_old and report.old_index and report.old_index != new_index:
        time.sleep(old_index_grace_seconds)
        index.delete_index(report.old_index)
        report.old_index_deleted = True
        say(f"deleted {report.old_index}")
    return report


def _bulk_load(
    records: IndexSource,
    index: SearchIndexRepository,
    new_index: str,
    batch_size: int,
    report: ReindexReport,
    say: Progress,
) -> None:
    expected = records.approximate_count()
    started = time.monotonic()
    batch: list[IndexAction] = []

    def flush() -> None:
        outcome = index.apply(batch, index=new_index)
        report.indexed += outcome.applied
        report.failed.update(outcome.failed)
        batch.clear()
        rate = report.indexed / max(time.monotonic() - started, 1e-9)
        say(f"indexed {report.indexed:,} of about {expected:,} records ({rate:,.0f}/s)")

    for item in records.scan_items():
        try:
            batch.append(action_for_item(item))
        except ValidationError as exc:
            report.invalid[str(item.get("id"))] = _reason(exc)
        if len(batch) >= batch_size:
            flush()
    if batch or report.indexed == 0:
        flush()


def _catch_up(
    records: IndexSource,
    index: SearchIndexRepository,
    new_index: str,
    report: ReindexReport,
    say: Progress,
) -> int:
    applied, partial = repair_drift(records, index, new_index)
    report.catch_up_passes += 1
    report.caught_up += applied
    report.invalid.update(partial.invalid)
    report.failed.update(partial.failed)
    say(f"catch-up pass {report.catch_up_passes}: {applied} change(s) made while rebuilding")
    return applied


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))


def examples(ids: Iterable[str], limit: int = 5) -> str:
    """A few ids for a summary line, e.g. `a, b, c (and 7 more)`."""
    ids = list(ids)
    shown = ", ".join(ids[:limit])
    return shown + (f" (and {len(ids) - limit} more)" if len(ids) > limit else "")


def drift_summary(drift: Drift, limit: int = 5) -> list[str]:
    """Human-readable lines: the counts and a few example ids of each kind of drift."""
    lines = [f"records in the table: {drift.table_records:,}", f"documents in the index: {drift.index_documents:,}"]
    kinds: Mapping[str, list[Any]] = {
        "missing (record without a document)": drift.missing,
        "extra (document without a record)": drift.extra,
        "stale (document at another version)": [
            f"{s.doc_id} (table v{s.table_version}, index v{s.index_version})" for s in drift.stale
        ],
    }
    for label, ids in kinds.items():
        lines.append(f"{label}: {len(ids):,}" + (f" e.g. {examples(ids, limit)}" if ids else ""))
    return lines
