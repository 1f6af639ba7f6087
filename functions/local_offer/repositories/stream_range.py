"""Reading back part of the records table's stream, and the table's current items by key.

    StreamRangeReader().changes(stream_arn, shard_id, first, last) -> list[StreamChange]   (raises StreamRangeGone)
    current_items(keys) -> {(pk, sk): item}                                               (absent keys are gone)

DynamoDB keeps a stream's records for 24 hours; a range older than that (or of a stream that was replaced)
cannot be read back, and StreamRangeGone says so.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from local_offer.repositories.clients import dynamodb_resource, streams_client
from local_offer.settings import get_settings

MAX_RECORDS_PER_READ = 1000  # the GetRecords limit
MAX_READS = 200  # GetRecords calls spent looking for the end of one range before giving up on it
MAX_KEYS_PER_BATCH_GET = 100  # the BatchGetItem limit
UNPROCESSED_RETRIES = 8

ItemKey = tuple[str, str]


class StreamRangeGone(Exception):
    """The range cannot be read back (trimmed after 24 hours, or the stream or shard no longer exists)."""


@dataclass(frozen=True)
class StreamChange:
    """One stream record of the range: which item changed, how, and the item as it was before."""

    key: ItemKey
    event_name: str
    sequence_number: int
    old_image: Mapping[str, Any] | None


def _plain(image: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """A stream image (DynamoDB JSON) as the plain values a table item has."""
    if image is None:
        return None
    from boto3.dynamodb.types import TypeDeserializer

    deserializer = TypeDeserializer()
    return {name: deserializer.deserialize(value) for name, value in image.items()}


class StreamRangeReader:
    """Reads the records between two sequence numbers of one shard, both included."""

    def __init__(self, client: Any = None) -> None:
        self._client = client

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = streams_client()
        return self._client

    def changes(self, stream_arn: str, shard_id: str, first: str, last: str) -> list[StreamChange]:
        """Every change from sequence number `first` to `last` in order; StreamRangeGone when unreadable."""
        client, end = self.client, int(last)
        gone = (
            client.exceptions.TrimmedDataAccessException,
            client.exceptions.ResourceNotFoundException,
            client.exceptions.ExpiredIteratorException,
        )
        try:
            iterator = client.get_shard_iterator(
                StreamArn=stream_arn, ShardId=shard_id, ShardIteratorType="AT_SEQUENCE_NUMBER", SequenceNumber=first
            )["ShardIterator"]
            found: list[StreamChange] = []
            for _ in range(MAX_READS):
                if iterator is None:  # the shard is closed and read to its end
                    return found
                response = client.get_records(ShardIterator=iterator, Limit=MAX_RECORDS_PER_READ)
                for record in response.get("Records", []):
                    change = record["dynamodb"]
                    sequence = int(change["SequenceNumber"])
                    if sequence > end:
                        return found
                    keys = _plain(change["Keys"]) or {}
                    found.append(
                        StreamChange(
                            key=(str(keys["pk"]), str(keys["sk"])),
                            event_name=str(record["eventName"]),
                            sequence_number=sequence,
                            old_image=_plain(change.get("OldImage")),
                        )
                    )
                    if sequence == end:
                        return found
                iterator = response.get("NextShardIterator")
        except gone as exc:
            raise StreamRangeGone(f"{shard_id} {first}..{last}: {type(exc).__name__}") from exc
        raise StreamRangeGone(f"{shard_id} {first}..{last}: the range's last record was not reached")


def current_items(keys: Iterable[ItemKey], table_name: str | None = None) -> dict[ItemKey, dict[str, Any]]:
    """The records table's current items for `keys` (strongly consistent); a key with no item is left out."""
    resource = dynamodb_resource()
    name = table_name or get_settings().records_table_name
    unique = list(dict.fromkeys(keys))
    found: dict[ItemKey, dict[str, Any]] = {}
    for start in range(0, len(unique), MAX_KEYS_PER_BATCH_GET):
        request: dict[str, Any] = {
            name: {
                "Keys": [{"pk": pk, "sk": sk} for pk, sk in unique[start : start + MAX_KEYS_PER_BATCH_GET]],
                "ConsistentRead": True,
            }
        }
        for attempt in range(UNPROCESSED_RETRIES + 1):
            response = resource.batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(name, []):
                found[(str(item["pk"]), str(item["sk"]))] = item
            request = response.get("UnprocessedKeys") or {}
            if not request:
                break
            if attempt == UNPROCESSED_RETRIES:
                raise RuntimeError(f"DynamoDB left {len(request[name]['Keys'])} keys unprocessed after retries")
            time.sleep(min(2.0, 0.05 * 2**attempt))  # throttled: back off as the SDKs advise
    return found
