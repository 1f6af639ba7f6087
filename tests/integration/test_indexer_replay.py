"""The stream indexer is replay-safe: moto's real stream batches, delivered again or out of order, leave the
index as the table is; an invalid record is one batch item failure and the rest of its batch is indexed."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from devstack import template as cfn
from devstack.lambda_runtime import FunctionRuntime
from devstack.stream import StreamPump, consumers_from_template
from tests.factories import service_record


class CapturingIndexer:
    """The real IndexerFunction handler, keeping each event it was given and what it answered."""

    def __init__(self) -> None:
        self.calls: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self.context: Any = None

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        from local_offer.handlers import indexer

        self.context = context = context or self.context
        answer = indexer.lambda_handler(copy.deepcopy(event), context)
        self.calls.append((copy.deepcopy(event), answer))
        return answer


@pytest.fixture
def capturing(aws: Any, template: Any) -> tuple[StreamPump, CapturingIndexer]:
    handler = CapturingIndexer()
    runtime = FunctionRuntime(cfn.functions(template), handlers={"IndexerFunction": handler})
    return StreamPump(consumers_from_template(template, aws.resources, runtime, session=aws.session)), handler


def indexed_versions() -> dict[str, int]:
    from local_offer.repositories.search_index import SearchIndexRepository

    return dict(SearchIndexRepository().document_versions())


def test_replaying_every_batch_again_and_in_reverse_order_leaves_the_index_as_the_table(aws, services_index, capturing):
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.services.reindex import find_drift

    pump, handler = capturing
    records = ServiceRecordRepository()
    # Given inserts, an update and a delete, delivered once from moto's stream
    updated, removed, kept = service_record("Marten A"), service_record("Marten B"), service_record("Marten C")
    for record in (updated, removed, kept):
        records.put(record)
    records.put(service_record("Marten A v2", version=2, id=str(updated.service.id)), expected_version=1)
    records.delete(removed.service.id)
    pump.drain()
    after_first_delivery = indexed_versions()
    assert after_first_delivery == {str(updated.service.id): 2, str(kept.service.id): 1}

    # When every batch is delivered again, then again newest first with each batch's records reversed
    events = [event for event, _ in handler.calls]
    redelivered = [handler(copy.deepcopy(event), None) for event in events]
    reversed_events = [{"Records": list(reversed(event["Records"]))} for event in reversed(events)]
    out_of_order = [handler(event, None) for event in reversed_events]

    # Then nothing failed and the index still matches the table: no resurrected delete, no older version
    assert all(answer == {"batchItemFailures": []} for answer in redelivered + out_of_order)
    assert indexed_versions() == after_first_delivery
    assert find_drift(records, _index()).clean


def test_an_invalid_record_is_exactly_one_batch_item_failure_and_its_neighbours_are_indexed(
    aws, services_index, capturing
):
    import boto3

    from local_offer.repositories.records import record_to_item

    pump, handler = capturing
    table = boto3.resource("dynamodb").Table(aws.name("RecordsTable"))
    first, last = service_record("Stoat First"), service_record("Stoat Last")
    broken = record_to_item(service_record("Stoat Broken"))
    broken["body"] = '{"id": "not-a-uuid"}'
    for item in (record_to_item(first), broken, record_to_item(last)):
        table.put_item(Item=item)

    pump.drain()

    event, answer = handler.calls[0]
    sequence_of = {r["dynamodb"]["Keys"]["pk"]["S"]: r["dynamodb"]["SequenceNumber"] for r in event["Records"]}
    assert answer == {"batchItemFailures": [{"itemIdentifier": sequence_of[broken["pk"]]}]}
    assert set(indexed_versions()) == {str(first.service.id), str(last.service.id)}


def _index() -> Any:
    from local_offer.repositories.search_index import SearchIndexRepository

    return SearchIndexRepository()
