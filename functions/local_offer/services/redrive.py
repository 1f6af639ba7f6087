"""Redriving the stream batches the indexer gave up, so that no accepted write stays out of the index.

    redrive(message_body) -> RedriveOutcome        (raises when the engine still cannot take the documents)
    next_attempt_delay(receive_count) -> seconds

The indexer's event source mapping gives a batch up after its retries (or when its records are an hour old)
and reports it to IndexerFailureQueue with batch metadata only: stream, shard, first and last sequence
numbers, never the records. IndexRedriveFunction takes each report and:

1. reads that range of the stream back for the keys it changed (the stream keeps records 24 hours);
2. re-reads each key's current item from the table (strongly consistent), because the table is the source
   of truth and may have moved on: an item that is there is indexed as it is now; an item that is gone is
   deleted from the index at one past its last version (from the stream's REMOVE image); other items of the
   table (FAQ history, counters) are not indexed, as in the indexer;
3. writes with the items' versions as external versions, so a redrive never overwrites a newer document
   and running it twice is harmless.

When the range can no longer be read (older than 24 hours, or a replaced stream) or the report is not a
stream batch report, it falls back to comparing the whole table with the services and FAQ indexes and
repairing the difference (the reindex's catch-up pass). A record that can never be indexed (it fails
validation) is logged and not retried: `local-offer check-index` reports it. Anything else (the engine
down, documents refused) fails the message, which SQS delivers again after `next_attempt_delay`: doubling
from REDRIVE_BACKOFF_SECONDS up to REDRIVE_MAX_BACKOFF_SECONDS, until the queue's maxReceiveCount sends it
to the dead-letter queue (then a person runs `local-offer reindex`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from local_offer.models.indexing import IndexAction
from local_offer.observability import logger
from local_offer.settings import get_settings


class RedriveFailed(Exception):
    """The engine refused some documents; the report is tried again later."""


@dataclass(frozen=True)
class StreamBatch:
    """What an OnFailure report says about the batch that was given up."""

    stream_arn: str
    shard_id: str
    first: str
    last: str
    size: int


@dataclass
class RedriveOutcome:
    """What one redrive did."""

    changes: int = 0  # stream records in the range (0 for a whole-table repair)
    keys: int = 0  # distinct items they changed
    applied: int = 0  # documents written or deleted (stale versions count as done, not applied)
    invalid: dict[str, str] = field(default_factory=dict)  # document id -> why it cannot be indexed
    whole_table: bool = False  # the range was unreadable: the table was compared with the indexes


def stream_batch(message_body: str) -> StreamBatch | None:
    """The batch of a Lambda OnFailure report for a DynamoDB stream, or None for any other message."""
    try:
        info = json.loads(message_body)["DDBStreamBatchInfo"]
        return StreamBatch(
            stream_arn=str(info["streamArn"]),
            shard_id=str(info["shardId"]),
            first=str(int(info["startSequenceNumber"])),
            last=str(int(info["endSequenceNumber"])),
            size=int(info.get("batchSize", 0)),
        )
    except (ValueError, KeyError, TypeError):
        return None


def next_attempt_delay(receive_count: int, base: int | None = None, cap: int | None = None) -> int:
    """Seconds before a failed report is tried again: base, 2 x base, 4 x base, ... at most cap."""
    settings = get_settings()
    base = settings.redrive_backoff_seconds if base is None else base
    cap = settings.redrive_max_backoff_seconds if cap is None else cap
    return int(min(cap, base * 2 ** min(max(receive_count - 1, 0), 20)))


def redrive(message_body: str) -> RedriveOutcome:
    """Index what the reported batch changed, from the table's current items (see the module docstring)."""
    from local_offer.repositories.stream_range import StreamRangeGone, StreamRangeReader

    batch = stream_batch(message_body)
    if batch is None:
        logger.warning("not a stream batch report: comparing the whole table with the indexes")
        return _repair_whole_table()
    try:
        changes = StreamRangeReader().changes(batch.stream_arn, batch.shard_id, batch.first, batch.last)
    except StreamRangeGone as exc:
        logger.warning("stream range unreadable: comparing the whole table with the indexes", extra={"why": str(exc)})
        return _repair_whole_table()
    return _redrive_changes(changes)


def _redrive_changes(changes: list[Any]) -> RedriveOutcome:
    from local_offer.repositories.stream_range import current_items
    from local_offer.services.indexing import action_for_change, apply_actions

    last_change = {change.key: change for change in changes}  # in stream order: the last one wins
    items = current_items(last_change)
    outcome = RedriveOutcome(changes=len(changes), keys=len(last_change))
    actions: list[IndexAction] = []
    for key, change in last_change.items():
        item = items.get(key)
        try:
            if item is not None:
                action = action_for_change("MODIFY", item, None)
            else:
                action = action_for_change("REMOVE", None, change.old_image) if change.old_image else None
        except ValidationError as exc:
            outcome.invalid["#".join(key)] = _reason(exc)
            continue
        if action is not None:
            actions.append(action)
    if actions:
        bulk = apply_actions(actions)
        outcome.applied = bulk.applied
        if bulk.failed:
            raise RedriveFailed(f"{len(bulk.failed)} document(s) refused by the engine: {sorted(bulk.failed)[:5]}")
    _log(outcome)
    return outcome


def _repair_whole_table() -> RedriveOutcome:
    from local_offer.repositories.faqs import FaqRepository
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.repositories.search_index import SearchIndexRepository, faq_index
    from local_offer.services.reindex import repair_drift

    outcome = RedriveOutcome(whole_table=True)
    failed: dict[str, str] = {}
    for records, index in ((ServiceRecordRepository(), SearchIndexRepository()), (FaqRepository(), faq_index())):
        index.ensure_index()  # as the indexer does: an index is created, with its mapping, on first use
        applied, report = repair_drift(records, index)
        outcome.applied += applied
        outcome.invalid.update(report.invalid)
        failed.update(report.failed)
    if failed:
        raise RedriveFailed(f"{len(failed)} document(s) refused by the engine: {sorted(failed)[:5]}")
    _log(outcome)
    return outcome


def _log(outcome: RedriveOutcome) -> None:
    if outcome.invalid:
        logger.error("records that cannot be indexed", extra={"invalid": outcome.invalid})
    logger.info(
        "redrive done",
        extra={
            "changes": outcome.changes,
            "keys": outcome.keys,
            "applied": outcome.applied,
            "whole_table": outcome.whole_table,
        },
    )


def _reason(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))


def postpone(receipt_handle: str, receive_count: int) -> int:
    """Make a failed report visible again only after `next_attempt_delay`; returns the delay."""
    from local_offer.repositories.clients import sqs_client

    delay = next_attempt_delay(receive_count)
    queue_url = get_settings().indexer_failure_queue_url
    sqs_client().change_message_visibility(QueueUrl=queue_url, ReceiptHandle=receipt_handle, VisibilityTimeout=delay)
    return delay
