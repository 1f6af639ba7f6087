"""IndexRedriveFunction: IndexerFailureQueue -> re-index what the stream batches the indexer gave up changed.

Each SQS message is one OnFailure report (batch metadata, not records); `services.redrive` reads the range
back, re-reads the items from the table and indexes them. A report that fails (the engine still down) is
reported as a batch item failure after its next attempt has been pushed back (exponential backoff through
the message's visibility timeout), so the index converges once the engine is back, with no one running
anything.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer import snapshot
from local_offer.observability import logger, metrics, tracer
from local_offer.services import redrive

snapshot.register()

processor = BatchProcessor(event_type=EventType.SQS, raise_on_entire_batch_failure=False)


def record_handler(record: SQSRecord) -> dict[str, Any]:
    """Redrive one report; on failure, push its next attempt back before reporting it failed."""
    try:
        outcome = redrive.redrive(record.body)
    except Exception:
        receive_count = int(record.attributes.approximate_receive_count or 1)
        try:
            delay = redrive.postpone(record.receipt_handle, receive_count)
            logger.warning("redrive failed; trying again later", extra={"attempt": receive_count, "delay": delay})
        except Exception:  # the queue's own visibility timeout applies instead
            logger.exception("could not postpone the failed report")
        metrics.add_metric(name="RedriveFailures", unit=MetricUnit.Count, value=1)
        raise
    metrics.add_metric(name="RedrivenDocuments", unit=MetricUnit.Count, value=outcome.applied)
    if outcome.invalid:
        metrics.add_metric(name="RedriveInvalidRecords", unit=MetricUnit.Count, value=len(outcome.invalid))
    return {"applied": outcome.applied, "whole_table": outcome.whole_table}


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    response = process_partial_response(
        event=event, record_handler=record_handler, processor=processor, context=context
    )
    return dict(response)
