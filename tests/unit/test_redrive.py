"""The redrive's pure parts: reading an OnFailure report, and when a failed report is tried again."""

from __future__ import annotations

import json

import pytest

from local_offer.services.redrive import StreamBatch, next_attempt_delay, stream_batch

REPORT = {
    "requestContext": {"condition": "RetryAttemptsExhausted", "approximateInvokeCount": 6},
    "version": "1.0",
    "DDBStreamBatchInfo": {
        "shardId": "shardId-00000001700000000000-abcdef12",
        "startSequenceNumber": "1100000000017454423009",
        "endSequenceNumber": "1100000000017454423011",
        "approximateArrivalOfFirstRecord": "2026-12-05T08:00:00Z",
        "approximateArrivalOfLastRecord": "2026-12-05T08:00:01Z",
        "batchSize": 3,
        "streamArn": "arn:aws:dynamodb:eu-west-2:123456789012:table/records/stream/2026-12-01T00:00:00.000",
    },
}


def test_a_lambda_on_failure_report_names_the_stream_range_given_up() -> None:
    batch = stream_batch(json.dumps(REPORT))

    assert batch == StreamBatch(
        stream_arn=REPORT["DDBStreamBatchInfo"]["streamArn"],
        shard_id="shardId-00000001700000000000-abcdef12",
        first="1100000000017454423009",
        last="1100000000017454423011",
        size=3,
    )


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps({"version": "1.0"}),
        json.dumps({"DDBStreamBatchInfo": {"shardId": "s"}}),
        json.dumps({"DDBStreamBatchInfo": {**REPORT["DDBStreamBatchInfo"], "startSequenceNumber": "abc"}}),
        json.dumps([1, 2]),
    ],
)
def test_anything_else_is_not_a_stream_batch(body: str) -> None:
    assert stream_batch(body) is None


@pytest.mark.parametrize(
    ("receive_count", "delay"),
    [(1, 5), (2, 10), (3, 20), (4, 40), (8, 640), (9, 900), (25, 900), (10_000, 900), (0, 5)],
)
def test_a_failed_report_waits_twice_as_long_each_time_up_to_the_cap(receive_count: int, delay: int) -> None:
    assert next_attempt_delay(receive_count, base=5, cap=900) == delay
