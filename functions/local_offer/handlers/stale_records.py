"""StaleRecordsFunction: the weekly sweep (EventBridge schedule) for records due re-verification.

Publishes a `RecordVerificationDue` event per public record neither verified nor changed within
STALE_AFTER_MONTHS, and the digest metrics `StaleRecords` and `VerificationRemindersSent`.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer import snapshot
from local_offer.observability import logger, metrics, tracer
from local_offer.services import verification
from local_offer.settings import get_settings

snapshot.register()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    months = get_settings().stale_after_months
    stale, published = verification.remind_stale(months)
    metrics.add_metric(name="StaleRecords", unit=MetricUnit.Count, value=stale)
    metrics.add_metric(name="VerificationRemindersSent", unit=MetricUnit.Count, value=published)
    logger.info("stale record sweep", extra={"months": months, "stale": stale, "reminders": published})
    return {"months": months, "stale": stale, "reminders": published}
