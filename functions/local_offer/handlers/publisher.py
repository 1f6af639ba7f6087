"""PublisherFunction: S3 ObjectCreated events on `incoming/` -> check the upload, publish or refuse it.

Invoked asynchronously by S3 (one record per event, delivered at least once). A refusal is an outcome, not
an error: it is recorded on the resource. An exception (DynamoDB or S3 unavailable, a concurrent change)
fails the invocation, so Lambda retries it and finally sends the event to the dead-letter queue.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_plus

from aws_lambda_powertools.utilities.data_classes import S3Event, event_source
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer import snapshot
from local_offer.observability import logger, metrics, tracer
from local_offer.services.publishing import publish_upload

snapshot.register()


@logger.inject_lambda_context(clear_state=True)
@tracer.capture_lambda_handler
@metrics.log_metrics
@event_source(data_class=S3Event)
def lambda_handler(event: S3Event, context: LambdaContext) -> dict[str, Any]:
    outcomes: list[dict[str, Any]] = []
    for record in event.records:
        if not record.event_name.startswith("ObjectCreated:"):
            continue
        key = unquote_plus(record.s3.get_object.key)  # S3 URL-encodes keys in event records
        outcome = publish_upload(key)
        if outcome is not None:
            metrics.add_metric(name=f"Uploads{outcome.status.title()}", unit="Count", value=1)
            outcomes.append({"key": key, "status": outcome.status, "reason": outcome.reason})
    return {"outcomes": outcomes}
