"""IndexerFunction: keeps the search index in step with the records table's DynamoDB stream.

Two passes over a batch: powertools' BatchProcessor validates each stream record into an index action
(a record that fails validation becomes one batch item failure), then every valid action goes to the
engine in a single bulk request with the record's version as an external version, so a replayed older
image never overwrites a newer document. Documents the engine refuses are reported as failures too;
Lambda then retries from the first failed record, bisecting, and finally sends the batch to the DLQ.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType
from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer import snapshot
from local_offer.models.indexing import IndexAction
from local_offer.observability import logger, metrics, tracer
from local_offer.services import indexing

snapshot.register()

processor = BatchProcessor(event_type=EventType.DynamoDBStreams, raise_on_entire_batch_failure=False)


def record_handler(record: DynamoDBRecord) -> IndexAction | None:
    """Validate one stream record into an index action (raises when the image is not a valid record)."""
    change = record.dynamodb
    return indexing.action_for_change(
        event_name=record.event_name.name if record.event_name else "",
        new_image=change.new_image if change else None,
        old_image=change.old_image if change else None,
    )


def _sequence_number(record: Any) -> str:
    wrapped = record if isinstance(record, DynamoDBRecord) else DynamoDBRecord(record)
    return str(wrapped.dynamodb.sequence_number if wrapped.dynamodb else "")


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    with processor(records=event.get("Records", []), handler=record_handler, lambda_context=context):
        results = processor.process()

    failed: list[str] = []
    actions: dict[str, list[str]] = {}  # doc id -> sequence numbers carrying it
    pending: list[IndexAction] = []
    for status, result, record in results:
        sequence = _sequence_number(record)
        if status == "fail":
            logger.warning("invalid stream record", extra={"sequence_number": sequence, "reason": str(result)})
            failed.append(sequence)
        elif result is not None:
            pending.append(result)
            actions.setdefault(result.doc_id, []).append(sequence)

    outcome = indexing.apply_actions(pending) if pending else None
    if outcome and outcome.failed:
        logger.error("index writes refused", extra={"failures": outcome.failed})
        for doc_id in outcome.failed:
            failed.extend(actions.get(doc_id, []))

    metrics.add_metric(name="IndexedDocuments", unit=MetricUnit.Count, value=outcome.applied if outcome else 0)
    metrics.add_metric(name="IndexFailures", unit=MetricUnit.Count, value=len(failed))
    order = {_sequence_number(record): position for position, (_, _, record) in enumerate(results)}
    return {
        "batchItemFailures": [{"itemIdentifier": seq} for seq in sorted(set(failed), key=lambda seq: order.get(seq, 0))]
    }
