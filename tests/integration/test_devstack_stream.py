"""devstack.stream: moto's real DynamoDB stream delivered as Lambda would, with its failure handling.

The handler here is a tiny fake so each test controls what fails; the table, stream, batch size, retry,
bisect and OnFailure settings are the template's (RecordsTable -> IndexerFunction -> IndexerFailureQueue).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

import pytest

from devstack import template as cfn
from devstack.lambda_runtime import FunctionRuntime
from devstack.stream import StreamConsumer, StreamPoller, StreamPump, consumers_from_template

FUNCTION = "IndexerFunction"


class FakeHandler:
    """Records every event; `fail(records)` returns the sequence numbers to report (or raises)."""

    def __init__(self, fail: Callable[[list[dict[str, Any]]], list[str]] | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.contexts: list[Any] = []
        self.fail = fail or (lambda records: [])

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(json.loads(json.dumps(event)))  # Lambda events are JSON: this must not raise
        self.contexts.append(context)
        failed = self.fail(event["Records"])
        return {"batchItemFailures": [{"itemIdentifier": sequence} for sequence in failed]}

    @property
    def batch_sizes(self) -> list[int]:
        return [len(event["Records"]) for event in self.events]

    def pks(self, event_index: int) -> list[str]:
        return [record["dynamodb"]["Keys"]["pk"]["S"] for record in self.events[event_index]["Records"]]


def pump_with(aws: Any, template: Mapping[str, Any], handler: FakeHandler, **settings: Any) -> StreamPump:
    """A pump over the template's subscriptions, the fake in place of the indexer, settings overridden."""
    runtime = FunctionRuntime(cfn.functions(template), handlers={FUNCTION: handler})
    consumers = consumers_from_template(template, aws.resources, runtime, session=aws.session)
    for consumer in consumers:
        consumer.subscription = replace(consumer.subscription, **settings)
    return StreamPump(consumers)


@pytest.fixture
def table(aws: Any) -> Any:
    return aws.session.resource("dynamodb").Table(aws.name("RecordsTable"))


def put(table: Any, *pks: str) -> None:
    for pk in pks:
        table.put_item(Item={"pk": pk, "sk": "CURRENT", "n": 1, "blob": b"\x00\x01"})


def failure_messages(aws: Any) -> list[dict[str, Any]]:
    sqs = aws.session.client("sqs")
    url = aws.resources["IndexerFailureQueue"].url
    messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
    return [json.loads(message["Body"]) for message in messages]


def test_insert_modify_remove_arrive_in_lambdas_record_shape(aws, template, table):
    # Given a record inserted, modified and removed
    table.put_item(Item={"pk": "a", "sk": "CURRENT", "n": 1, "blob": b"\x00\x01"})
    table.update_item(
        Key={"pk": "a", "sk": "CURRENT"}, UpdateExpression="SET n = :two", ExpressionAttributeValues={":two": 2}
    )
    table.delete_item(Key={"pk": "a", "sk": "CURRENT"})
    handler = FakeHandler()

    # When the stream is pumped
    read = pump_with(aws, template, handler).drain()

    # Then one event carries the three changes exactly as Lambda shapes them
    assert read == 3
    (event,) = handler.events
    insert, modify, remove = event["Records"]
    stream_arn = aws.resources["RecordsTable"].get_att("StreamArn")
    for record in (insert, modify, remove):
        assert record["eventSource"] == "aws:dynamodb"
        assert record["eventSourceARN"] == stream_arn
        assert record["awsRegion"] == "eu-west-2"
        assert record["eventVersion"]
        assert record["eventID"]
        change = record["dynamodb"]
        assert isinstance(change["ApproximateCreationDateTime"], int | float)
        assert abs(change["ApproximateCreationDateTime"] - time.time()) < 60
        assert change["Keys"] == {"pk": {"S": "a"}, "sk": {"S": "CURRENT"}}
        assert change["StreamViewType"] == "NEW_AND_OLD_IMAGES"
        assert change["SequenceNumber"].isdigit()
        assert change["SizeBytes"] > 0
    assert [r["eventName"] for r in event["Records"]] == ["INSERT", "MODIFY", "REMOVE"]
    assert insert["dynamodb"]["NewImage"]["blob"] == {"B": "AAE="}  # binary attributes arrive base64
    assert "OldImage" not in insert["dynamodb"]
    assert modify["dynamodb"]["OldImage"]["n"] == {"N": "1"}
    assert modify["dynamodb"]["NewImage"]["n"] == {"N": "2"}
    assert "NewImage" not in remove["dynamodb"]
    assert handler.contexts[0].function_name == "local-offer-IndexerFunction"
    assert handler.contexts[0].get_remaining_time_in_millis() > 0


def test_records_are_batched_by_the_batch_size(aws, template, table):
    put(table, *(f"r{i:03}" for i in range(7)))
    handler = FakeHandler()

    pump_with(aws, template, handler, batch_size=3).drain()

    assert handler.batch_sizes == [3, 3, 1]
    assert handler.pks(0) + handler.pks(1) + handler.pks(2) == [f"r{i:03}" for i in range(7)]


def test_a_reported_failure_is_retried_from_the_first_failed_record(aws, template, table):
    # Given a handler that fails record "c" once
    put(table, "a", "b", "c", "d")
    failed_once: set[str] = set()

    def fail_c_once(records: list[dict[str, Any]]) -> list[str]:
        for record in records:
            if record["dynamodb"]["Keys"]["pk"]["S"] == "c" and "c" not in failed_once:
                failed_once.add("c")
                return [record["dynamodb"]["SequenceNumber"]]
        return []

    handler = FakeHandler(fail_c_once)
    pump = pump_with(aws, template, handler)

    # When the stream is pumped
    pump.drain()

    # Then the retry starts at "c": "a" and "b" are not sent again, nothing is given up
    assert [handler.pks(0), handler.pks(1)] == [["a", "b", "c", "d"], ["c", "d"]]
    assert pump.stats.records_processed == 4
    assert failure_messages(aws) == []


def test_a_record_that_keeps_failing_goes_to_the_on_failure_queue_after_the_retries(aws, template, table):
    # Given a handler that always reports record "b" failed, and 2 retry attempts
    put(table, "a", "b", "c")

    def always_fail_b(records: list[dict[str, Any]]) -> list[str]:
        return [r["dynamodb"]["SequenceNumber"] for r in records if r["dynamodb"]["Keys"]["pk"]["S"] == "b"]

    handler = FakeHandler(always_fail_b)
    pump = pump_with(aws, template, handler, maximum_retry_attempts=2)

    # When the stream is pumped
    pump.drain()

    # Then the first try and two retries happen, and the rest of the batch is reported with Lambda's metadata
    assert handler.batch_sizes == [3, 2, 2]
    (message,) = failure_messages(aws)
    info = message["DDBStreamBatchInfo"]
    sequence_b = handler.events[1]["Records"][0]["dynamodb"]["SequenceNumber"]
    sequence_c = handler.events[1]["Records"][1]["dynamodb"]["SequenceNumber"]
    assert info["startSequenceNumber"] == sequence_b
    assert info["endSequenceNumber"] == sequence_c
    assert info["batchSize"] == 2
    assert info["streamArn"] == aws.resources["RecordsTable"].get_att("StreamArn")
    assert info["shardId"].startswith("shardId-")
    assert message["requestContext"]["condition"] == "RetryAttemptsExhausted"
    assert message["requestContext"]["functionArn"].endswith(":function:local-offer-IndexerFunction")
    assert "Records" not in message

    # And the consumer moves on: later records are delivered
    put(table, "d")
    pump.drain()
    assert handler.pks(-1) == ["d"]


def test_a_handler_error_bisects_the_batch_until_the_poison_record_is_alone(aws, template, table):
    # Given a handler that raises whenever record "c" is in the batch
    put(table, "a", "b", "c", "d")

    def raise_on_c(records: list[dict[str, Any]]) -> list[str]:
        if any(r["dynamodb"]["Keys"]["pk"]["S"] == "c" for r in records):
            raise RuntimeError("poison")
        return []

    handler = FakeHandler(raise_on_c)
    pump = pump_with(aws, template, handler, maximum_retry_attempts=1)

    # When the stream is pumped
    pump.drain()

    # Then halves are tried on their own, "c" alone is retried once, and only "c" is given up
    assert [handler.pks(i) for i in range(len(handler.events))] == [
        ["a", "b", "c", "d"],
        ["a", "b"],
        ["c", "d"],
        ["c"],
        ["c"],
        ["d"],
    ]
    (message,) = failure_messages(aws)
    assert message["DDBStreamBatchInfo"]["batchSize"] == 1
    assert message["responseContext"]["functionError"] == "Unhandled"
    assert pump.stats.records_processed == 3
    assert pump.stats.records_given_up == 1


def test_without_bisect_a_handler_error_retries_the_whole_batch(aws, template, table):
    put(table, "a", "b")
    handler = FakeHandler(lambda records: (_ for _ in ()).throw(RuntimeError("down")))

    pump_with(aws, template, handler, bisect_on_error=False, maximum_retry_attempts=2).drain()

    assert handler.batch_sizes == [2, 2, 2]
    (message,) = failure_messages(aws)
    assert message["DDBStreamBatchInfo"]["batchSize"] == 2


def test_an_unknown_item_identifier_fails_the_whole_batch(aws, template, table):
    put(table, "a")
    handler = FakeHandler(lambda records: ["not-a-sequence-number"])

    pump_with(aws, template, handler, maximum_retry_attempts=1).drain()

    assert handler.batch_sizes == [1, 1]
    assert len(failure_messages(aws)) == 1


def test_records_older_than_the_maximum_age_are_given_up_without_invoking(aws, template, table):
    put(table, "a")
    handler = FakeHandler()
    pump = pump_with(aws, template, handler, maximum_record_age_seconds=60)
    consumer: StreamConsumer = pump.consumers[0]
    consumer.clock = lambda: time.time() + 3600

    pump.drain()

    assert handler.events == []
    (message,) = failure_messages(aws)
    assert message["requestContext"]["condition"] == "RecordAgeExceeded"


def test_the_poller_processes_everything_written_before_wait_idle_and_survives_handler_errors(aws, template, table):
    # Given a running poller whose handler raises on "boom"
    def raise_on_boom(records: list[dict[str, Any]]) -> list[str]:
        if any(r["dynamodb"]["Keys"]["pk"]["S"] == "boom" for r in records):
            raise RuntimeError("boom")
        return []

    handler = FakeHandler(raise_on_boom)
    poller = StreamPoller(pump_with(aws, template, handler, maximum_retry_attempts=0), interval=0.02)
    poller.start()
    try:
        # When records are written, one of them poisonous, and more after it
        put(table, "a", "boom", "b")
        assert poller.wait_idle(timeout=10)
        put(table, "c")
        assert poller.wait_idle(timeout=10)

        # Then every record was handled or given up, and the poller is still running
        delivered = {pk for index in range(len(handler.events)) for pk in handler.pks(index)}
        assert delivered == {"a", "boom", "b", "c"}
        assert poller.pump.stats.records_done == 4
        assert poller.is_alive()
    finally:
        poller.stop()
    assert not poller.is_alive()


def test_records_written_after_a_cancelled_transaction_still_arrive(aws, template, table):
    # Given a consumer that has read everything so far (it holds an iterator at the end of the shard)
    handler = FakeHandler()
    pump = pump_with(aws, template, handler)
    put(table, "before")
    pump.drain()
    # When a conditional transaction is cancelled (moto rolls the table back by replacing it with a copy)
    client = table.meta.client
    with pytest.raises(client.exceptions.TransactionCanceledException):
        client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": table.name,
                        "Item": {"pk": "before", "sk": "CURRENT"},
                        "ConditionExpression": "attribute_not_exists(pk)",
                    }
                }
            ]
        )
    put(table, "after")
    pump.drain()

    # Then the records written after it are delivered too
    assert [pk for index in range(len(handler.events)) for pk in handler.pks(index)] == ["before", "after"]
