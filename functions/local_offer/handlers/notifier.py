"""NotifierFunction: each `RecordVerificationDue` event (EventBridge rule on the directory's bus) becomes
e-mail to the record's providers (services.reminders). A failure raises, so Lambda's asynchronous retries
and then the dead-letter queue take the event; the metric `VerificationEmailsSent` counts what went out.
"""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.parser import event_parser
from aws_lambda_powertools.utilities.parser.models import EventBridgeModel
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer import snapshot
from local_offer.models.notifications import VerificationDue
from local_offer.observability import logger, metrics, tracer
from local_offer.services import reminders

snapshot.register()


class VerificationDueEvent(EventBridgeModel):
    detail: VerificationDue


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
@event_parser(model=VerificationDueEvent)
def lambda_handler(event: VerificationDueEvent, context: LambdaContext) -> dict[str, Any]:
    outcome = reminders.remind_providers(event.detail, event.time)
    metrics.add_metric(name="VerificationEmailsSent", unit=MetricUnit.Count, value=outcome.sent)
    logger.info("verification reminders", extra={"service_id": str(event.detail.service_id), **outcome.model_dump()})
    return outcome.model_dump()
