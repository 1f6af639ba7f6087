"""DynamoDB stream -> Lambda, as an event source mapping does it, against moto.

For every `Type: DynamoDB` event in the template a StreamConsumer reads the table's stream (shard iterators,
from TRIM_HORIZON: locally the consumer exists from the moment the table does, so that is also where LATEST
would start), turns records into exactly the event Lambda delivers, invokes the real handler in batches of
BatchSize and applies the mapping's failure settings:

* ReportBatchItemFailures: the records before the lowest reported sequence number are done; the batch is
  retried from that record. An empty or unknown itemIdentifier fails the whole batch.
* A handler exception fails the whole batch; with BisectBatchOnFunctionError the batch is split in two and
  each half delivered on its own (splitting is not a retry; a single record is retried as such).
* Each retry counts against MaximumRetryAttempts (-1: no limit); records older than MaximumRecordAgeInSeconds
  are not sent again. Either way the records are given up: the OnFailure destination (SQS or SNS) receives
  Lambda's batch metadata (shard, sequence-number range, condition), never the records, and the consumer
  moves on.

StreamPump runs every consumer once, synchronously (the tests' `stream` fixture); StreamPoller runs the pump
in a thread for the local stack and can tell when everything written so far has been processed.
"""

from __future__ import annotations

import base64
import collections
import datetime as dt
import json
import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from devstack.event_sources import EventSource, StreamStats, send_to_destination
from devstack.lambda_runtime import FunctionRuntime
from devstack.template import DEFAULT_REGION, PhysicalResource, Resolver, StreamSubscription, stream_subscriptions

__all__ = [
    "StreamConsumer",
    "StreamPoller",
    "StreamPump",
    "StreamStats",
    "consumers_from_template",
    "lambda_record",
    "send_to_destination",
    "sequence_number",
]

log = logging.getLogger(__name__)

MAX_RECORDS_PER_READ = 1000  # the GetRecords limit


# ---------------------------------------------------------------------------------------------------------
# Lambda's record shape
# ---------------------------------------------------------------------------------------------------------
def _json_ready(value: Any) -> Any:
    """boto3's decoded values as Lambda's JSON has them: binary attributes base64, timestamps epoch seconds."""
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, dt.datetime):
        return int(value.timestamp())
    if isinstance(value, Mapping):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set):
        return [_json_ready(item) for item in value]
    return value


def lambda_record(stream_record: Mapping[str, Any], stream_arn: str, region: str) -> dict[str, Any]:
    """A GetRecords record as Lambda delivers it: with eventSourceARN, the stream's region and
    ApproximateCreationDateTime as epoch seconds."""
    record = _json_ready(stream_record)
    record["awsRegion"] = region
    record["eventSourceARN"] = stream_arn
    return record


def sequence_number(record: Mapping[str, Any]) -> str:
    return record["dynamodb"]["SequenceNumber"]


# ---------------------------------------------------------------------------------------------------------
# One event source mapping
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Outcome:
    first_failed: int | None  # index of the first failed record; None when the whole batch succeeded
    function_error: bool = False
    detail: str = ""


class StreamConsumer:
    """Lambda's event source mapping for one function and one DynamoDB stream."""

    def __init__(
        self,
        subscription: StreamSubscription,
        *,
        stream_arn: str,
        runtime: FunctionRuntime,
        session: Any,
        on_failure_arn: str | None = None,
        region: str = DEFAULT_REGION,
        retry_delay: float = 0.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.subscription = subscription
        self.stream_arn = stream_arn
        self.on_failure_arn = on_failure_arn
        self.runtime = runtime
        self.region = region
        self.retry_delay = retry_delay
        self.clock = clock
        self.stats = StreamStats()
        self._session = session
        self._streams = session.client("dynamodbstreams")
        self._iterators: dict[str, str | None] = {}
        self._checkpoints: dict[str, str] = {}  # shard id -> last sequence number done
        self._closed_shards: set[str] = set()
        self.name = f"{subscription.function_id}.{subscription.event_name}"

    # --- reading ---------------------------------------------------------------------------------------
    def poll_once(self) -> int:
        """Read what each shard has now and deliver it in batches; returns the number of records read."""
        read = 0
        for shard_id in self._open_shards():
            records = self._read_shard(shard_id)
            read += len(records)
            try:
                for start in range(0, len(records), self.subscription.batch_size):
                    batch = records[start : start + self.subscription.batch_size]
                    self._deliver(shard_id, batch, attempts=0)
                    self._checkpoints[shard_id] = sequence_number(batch[-1])
            except Exception:
                self._iterators[shard_id] = None  # resume after the last batch that was done
                raise
        return read

    def _open_shards(self) -> list[str]:
        shards: list[str] = []
        request: dict[str, Any] = {"StreamArn": self.stream_arn}
        while True:
            description = self._streams.describe_stream(**request)["StreamDescription"]
            shards.extend(shard["ShardId"] for shard in description.get("Shards", []))
            if not description.get("LastEvaluatedShardId"):
                return [shard for shard in shards if shard not in self._closed_shards]
            request["ExclusiveStartShardId"] = description["LastEvaluatedShardId"]

    def _read_shard(self, shard_id: str) -> list[dict[str, Any]]:
        iterator = self._iterators.get(shard_id) or self._new_iterator(shard_id)
        try:
            response = self._streams.get_records(ShardIterator=iterator, Limit=MAX_RECORDS_PER_READ)
        except self._streams.exceptions.ExpiredIteratorException:
            response = self._streams.get_records(ShardIterator=self._new_iterator(shard_id), Limit=MAX_RECORDS_PER_READ)
        self._iterators[shard_id] = response.get("NextShardIterator")
        if self._iterators[shard_id] is None:
            self._closed_shards.add(shard_id)
        elif not response.get("Records"):
            # Read again from the checkpoint next time: moto rolls a table back (a cancelled transaction) by
            # replacing it with a copy, and an iterator taken before that never sees the copy's new records.
            self._iterators[shard_id] = None
        records = [lambda_record(record, self.stream_arn, self.region) for record in response.get("Records", [])]
        self.stats.records_read += len(records)
        return records

    def _new_iterator(self, shard_id: str) -> str:
        request = {"StreamArn": self.stream_arn, "ShardId": shard_id, "ShardIteratorType": "TRIM_HORIZON"}
        if shard_id in self._checkpoints:
            request.update(ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=self._checkpoints[shard_id])
        return self._streams.get_shard_iterator(**request)["ShardIterator"]

    # --- delivering -------------------------------------------------------------------------------------
    def _deliver(self, shard_id: str, batch: list[dict[str, Any]], attempts: int) -> None:
        """Invoke until the batch is done or given up, retrying and bisecting as the mapping says."""
        settings = self.subscription
        while batch:
            batch = self._give_up_expired(shard_id, batch, attempts)
            if not batch:
                return
            outcome = self._invoke(batch)
            if outcome.first_failed is None:
                self.stats.records_processed += len(batch)
                return
            self.stats.records_processed += outcome.first_failed
            batch = batch[outcome.first_failed :]
            if outcome.function_error and settings.bisect_on_error and len(batch) > 1:
                middle = len(batch) // 2
                log.warning("%s: %s; bisecting %d records", self.name, outcome.detail, len(batch))
                self._deliver(shard_id, batch[:middle], attempts)
                self._deliver(shard_id, batch[middle:], attempts)
                return
            attempts += 1
            if 0 <= settings.maximum_retry_attempts < attempts:
                self._give_up(shard_id, batch, "RetryAttemptsExhausted", attempts, outcome)
                return
            self.stats.retries += 1
            log.warning(
                "%s: %s; retry %d from sequence number %s (%d records)",
                self.name,
                outcome.detail,
                attempts,
                sequence_number(batch[0]),
                len(batch),
            )
            time.sleep(self.retry_delay * attempts)

    def _invoke(self, batch: Sequence[Mapping[str, Any]]) -> _Outcome:
        started = time.monotonic()
        self.stats.invocations += 1
        try:
            response = self.runtime.invoke(self.subscription.function_id, {"Records": list(batch)})
        except Exception as exc:
            log.exception("%s: handler raised on %d records", self.name, len(batch))
            self.stats.function_errors += 1
            return _Outcome(0, function_error=True, detail=f"handler raised {type(exc).__name__}")
        elapsed_ms = (time.monotonic() - started) * 1000
        failed = self._reported_failures(response, batch)
        if failed is None:
            events = collections.Counter(record["eventName"] for record in batch)
            summary = ", ".join(f"{name} {count}" for name, count in sorted(events.items()))
            log.info("%s: %d records (%s) processed in %.0f ms", self.name, len(batch), summary, elapsed_ms)
            return _Outcome(None)
        if failed == -1:
            self.stats.function_errors += 1
            return _Outcome(0, function_error=True, detail="invalid batchItemFailures response")
        self.stats.partial_failures += 1
        return _Outcome(failed, detail=f"handler reported failures from record {failed} of {len(batch)}")

    def _reported_failures(self, response: Any, batch: Sequence[Mapping[str, Any]]) -> int | None:
        """Index of the lowest reported failure, None for success, -1 for a response Lambda rejects."""
        if not self.subscription.report_batch_item_failures or not isinstance(response, Mapping):
            return None
        failures = response.get("batchItemFailures")
        if not failures:
            return None
        positions = {sequence_number(record): index for index, record in enumerate(batch)}
        identifiers = [failure.get("itemIdentifier") if isinstance(failure, Mapping) else None for failure in failures]
        reported = [positions.get(str(identifier)) for identifier in identifiers if identifier]
        if len(reported) != len(identifiers) or None in reported:
            return -1
        return min(index for index in reported if index is not None)

    def _give_up_expired(self, shard_id: str, batch: list[dict[str, Any]], attempts: int) -> list[dict[str, Any]]:
        maximum_age = self.subscription.maximum_record_age_seconds
        if maximum_age < 0:
            return batch
        oldest_allowed = self.clock() - maximum_age
        expired = [record for record in batch if record["dynamodb"]["ApproximateCreationDateTime"] < oldest_allowed]
        if expired:
            self._give_up(shard_id, expired, "RecordAgeExceeded", attempts, None)
        return batch[len(expired) :]

    def _give_up(
        self, shard_id: str, batch: Sequence[Mapping[str, Any]], condition: str, attempts: int, outcome: _Outcome | None
    ) -> None:
        self.stats.records_given_up += len(batch)
        first, last = sequence_number(batch[0]), sequence_number(batch[-1])
        log.error(
            "%s: giving up %d records (sequence numbers %s..%s): %s%s",
            self.name,
            len(batch),
            first,
            last,
            condition,
            f", reported to {self.on_failure_arn}" if self.on_failure_arn else ", no OnFailure destination",
        )
        if self.on_failure_arn:
            message = self.failure_message(shard_id, batch, condition, attempts, outcome)
            send_to_destination(self._session, self.on_failure_arn, json.dumps(message))

    def failure_message(
        self,
        shard_id: str,
        batch: Sequence[Mapping[str, Any]],
        condition: str,
        attempts: int,
        outcome: _Outcome | None,
    ) -> dict[str, Any]:
        """What Lambda sends to an OnFailure destination for a stream batch: metadata, not the records."""
        spec = self.runtime.functions[self.subscription.function_id]

        def arrival(record: Mapping[str, Any]) -> str:
            seconds = record["dynamodb"]["ApproximateCreationDateTime"]
            return dt.datetime.fromtimestamp(seconds, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

        response_context: dict[str, Any] = {"statusCode": 200, "executedVersion": "$LATEST"}
        if outcome is not None and outcome.function_error:
            response_context["functionError"] = "Unhandled"
        return {
            "requestContext": {
                "requestId": str(uuid.uuid4()),
                "functionArn": f"arn:aws:lambda:{self.region}:{self.stream_arn.split(':')[4]}:function:{spec.name}",
                "condition": condition,
                "approximateInvokeCount": max(attempts, 1),
            },
            "responseContext": response_context,
            "version": "1.0",
            "timestamp": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": sequence_number(batch[0]),
                "endSequenceNumber": sequence_number(batch[-1]),
                "approximateArrivalOfFirstRecord": arrival(batch[0]),
                "approximateArrivalOfLastRecord": arrival(batch[-1]),
                "batchSize": len(batch),
                "streamArn": self.stream_arn,
            },
        }


# ---------------------------------------------------------------------------------------------------------
# Running the consumers
# ---------------------------------------------------------------------------------------------------------
def consumers_from_template(
    template: Mapping[str, Any],
    resources: Mapping[str, PhysicalResource],
    runtime: FunctionRuntime,
    *,
    session: Any = None,
    retry_delay: float = 0.0,
) -> list[StreamConsumer]:
    """One consumer per enabled DynamoDB event source of the template, bound to the created resources."""
    import boto3

    session = session or boto3.session.Session()
    region = session.region_name or DEFAULT_REGION
    resolver = Resolver(template, resources, region=region)
    return [
        StreamConsumer(
            subscription,
            stream_arn=resolver.resolve(subscription.stream),
            on_failure_arn=resolver.resolve(subscription.on_failure) if subscription.on_failure else None,
            runtime=runtime,
            session=session,
            region=region,
            retry_delay=retry_delay,
        )
        for subscription in stream_subscriptions(template)
        if subscription.enabled
    ]


class StreamPump:
    """All consumers, run synchronously: `pump_once` reads each stream once, `drain` until nothing is left.

    S3 and SQS event sources (devstack.s3events, devstack.sqs_events) have the same two members and run here
    too."""

    def __init__(self, consumers: Iterable[EventSource]) -> None:
        self.consumers = list(consumers)

    def pump_once(self) -> int:
        """Deliver what every stream holds now; returns the number of records read."""
        return sum(consumer.poll_once() for consumer in self.consumers)

    def drain(self, max_rounds: int = 100) -> int:
        """Pump until a round reads nothing (records written by handlers included); returns records read."""
        total = 0
        for _ in range(max_rounds):
            read = self.pump_once()
            if not read:
                return total
            total += read
        raise RuntimeError(f"streams still had records after {max_rounds} rounds")

    @property
    def stats(self) -> StreamStats:
        return sum((consumer.stats for consumer in self.consumers), StreamStats())


class StreamPoller(threading.Thread):
    """Pumps the streams in the background, like Lambda's pollers (four reads a second when idle).

    Errors (a handler's are handled by the consumer; these are the stream's or the destination's) are logged
    and the poller carries on.
    """

    def __init__(self, pump: StreamPump, interval: float = 0.25) -> None:
        super().__init__(name="stream-poller", daemon=True)
        self.pump = pump
        self.interval = interval
        self._stop_requested = threading.Event()
        self._progress = threading.Condition()
        self._rounds_started = 0
        self._last_empty_round = 0

    def run(self) -> None:
        while not self._stop_requested.is_set():
            with self._progress:
                self._rounds_started += 1
                round_number = self._rounds_started
            try:
                read = self.pump.pump_once()
            except Exception:
                log.exception("stream poller: reading or delivering failed; retrying")
                read = -1
            if read == 0:
                with self._progress:
                    self._last_empty_round = round_number
                    self._progress.notify_all()
            if read <= 0:
                self._stop_requested.wait(self.interval)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """Wait until every record written before this call has been processed (or given up).

        True when a complete round that started after the call found nothing left; False on timeout.
        """
        with self._progress:
            target = self._rounds_started + 1
            return self._progress.wait_for(lambda: self._last_empty_round >= target, timeout)

    def stop(self, timeout: float = 10.0) -> None:
        """Ask the poller to stop after the current round and wait for it."""
        self._stop_requested.set()
        if self.is_alive():
            self.join(timeout)
