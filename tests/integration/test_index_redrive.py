"""No lost index write: stream batches the indexer gave up are redriven from IndexerFailureQueue.

moto's real stream feeds the real indexer while the engine is unreachable, so the event source mapping gives
the batch up and reports it (metadata only) to IndexerFailureQueue; the template's SQS event source then
feeds the real IndexRedriveFunction, which reads the range back, re-reads the table and indexes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pytest

from tests.conftest import UNREACHABLE_OPENSEARCH, clear_app_caches
from tests.factories import service_record
from tests.stack_process import wait_until


@pytest.fixture
def queues(aws: Any, template: Mapping[str, Any]) -> Any:
    """A StreamPump over the template's SQS event sources (IndexerFailureQueue -> IndexRedriveFunction)."""
    from devstack import template as cfn
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.sqs_events import queue_event_sources
    from devstack.stream import StreamPump

    runtime = FunctionRuntime(cfn.functions(template))
    return StreamPump(queue_event_sources(template, aws.resources, runtime, session=aws.session))


@pytest.fixture
def engine(services_index: str, opensearch: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Switches the app between the engine and a closed port."""

    class Engine:
        def stop(self) -> None:
            monkeypatch.setenv("OPENSEARCH_ENDPOINT", UNREACHABLE_OPENSEARCH)
            clear_app_caches()

        def start(self) -> None:
            monkeypatch.setenv("OPENSEARCH_ENDPOINT", opensearch)
            clear_app_caches()

    return Engine()


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


def failure_reports(aws: Any) -> int:
    sqs = aws.session.client("sqs")
    attributes = sqs.get_queue_attributes(
        QueueUrl=aws.resources["IndexerFailureQueue"].url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def drift() -> Any:
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.repositories.search_index import SearchIndexRepository
    from local_offer.services.reindex import find_drift

    return find_drift(ServiceRecordRepository(), SearchIndexRepository())


def test_writes_given_up_while_the_engine_was_down_are_indexed_once_it_is_back(aws, engine, records, stream, queues):
    written = [service_record(f"Kestrel Group {i}") for i in range(3)]
    engine.stop()
    for record in written:
        records.put(record)

    stream.drain()
    assert stream.stats.records_given_up == 3
    assert failure_reports(aws) == 1

    engine.start()
    assert drift().missing == sorted(str(r.service.id) for r in written)
    queues.drain()

    assert drift().clean
    assert failure_reports(aws) == 0


def test_a_redrive_that_fails_is_postponed_with_backoff_and_succeeds_later(
    aws, engine, records, stream, queues, monkeypatch
):
    monkeypatch.setenv("REDRIVE_BACKOFF_SECONDS", "1")
    record = service_record("Kestrel Group")
    engine.stop()
    records.put(record)
    stream.drain()

    queues.drain()  # the engine is still down: the report fails and is pushed back a second

    assert queues.stats.partial_failures == 1
    assert failure_reports(aws) == 1
    assert queues.pump_once() == 0, "a postponed report must not be delivered again at once"
    engine.start()
    wait_until(lambda: queues.pump_once() > 0, 10, "the postponed report to be delivered again")
    assert drift().clean
    assert failure_reports(aws) == 0


def test_the_redrive_indexes_the_tables_current_item_not_the_given_up_image(aws, engine, records, stream, queues):
    from local_offer.repositories.search_index import SearchIndexRepository

    first = service_record("Kestrel Group", version=1)
    removed = service_record("Merlin Group", version=1)
    records.put(removed)
    stream.drain()
    engine.stop()
    records.put(first)
    records.delete(removed.service.id)
    stream.drain()
    engine.start()
    newer = first.model_copy(
        update={
            "service": first.service.model_copy(update={"name": "Kestrel Group (renamed)"}),
            "meta": first.meta.model_copy(update={"record_version": 2}),
        }
    )
    records.put(newer)  # the stream indexer indexes this one itself once the pump runs again

    queues.drain()

    versions = dict(SearchIndexRepository().document_versions())
    assert versions[str(first.service.id)] == 2
    assert str(removed.service.id) not in versions
    assert drift().clean


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({"note": "not an OnFailure report"}),
        json.dumps(
            {
                "DDBStreamBatchInfo": {
                    "shardId": "shardId-00000000000000000000-00000000",
                    "startSequenceNumber": "999999999999999999999999",
                    "endSequenceNumber": "999999999999999999999999",
                    "batchSize": 1,
                    "streamArn": "arn:aws:dynamodb:eu-west-2:123456789012:table/x/stream/2026-01-01T00:00:00.000",
                }
            }
        ),
    ],
    ids=["not-a-stream-report", "unreadable-range"],
)
def test_a_report_whose_range_cannot_be_read_repairs_the_whole_table(aws, engine, records, stream, queues, body):
    written = [service_record(f"Kestrel Group {i}") for i in range(2)]
    engine.stop()
    for record in written:
        records.put(record)
    stream.drain()
    engine.start()
    sqs = aws.session.client("sqs")
    url = aws.resources["IndexerFailureQueue"].url
    sqs.purge_queue(QueueUrl=url)
    sqs.send_message(QueueUrl=url, MessageBody=body)

    queues.drain()

    assert drift().clean
    assert failure_reports(aws) == 0


def test_faq_items_given_up_while_the_engine_was_down_reach_the_faq_index(aws, engine, stream, queues):
    from devstack.loader import load_faqs
    from local_offer.repositories.faqs import FaqRepository
    from local_offer.repositories.search_index import faq_index
    from local_offer.services.reindex import find_drift
    from tests.relevance.faq_harness import SEED_FAQS

    engine.stop()
    loaded = load_faqs(SEED_FAQS)
    stream.drain()
    assert stream.stats.records_given_up > 0
    engine.start()

    queues.drain()

    drift = find_drift(FaqRepository(), faq_index())
    assert drift.clean
    assert drift.index_documents == loaded
