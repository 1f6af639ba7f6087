"""Public corrections: anyone may tell the Family Information Service that a service's details look wrong.

The suggestion joins the officers' change-request queue (origin "public") and the providers of the service's
organisation see it among their suggestions. The sender's e-mail address, when given, is stored beside the
request for the reply only, shown to officers only, and deleted when an officer decides the suggestion.
Logs and events name ids and the field only, never the message or the address.
"""

from __future__ import annotations

from uuid import UUID

from local_offer.domain import suggestions
from local_offer.models.corrections import CorrectionReceipt, CorrectionSubmission
from local_offer.observability import logger
from local_offer.repositories.change_requests import ChangeRequestRepository
from local_offer.repositories.events import EventPublisher
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.services.change_requests import SUBMITTED, event_detail, utcnow
from local_offer.services.rate_limits import enforce_rate_limit

# Suggestions per client (hashed source IP) per hour: a family reporting what they found, not a script.
CORRECTION_LIMIT = 10
CORRECTION_WINDOW_SECONDS = 3600
RECEIVED_MESSAGE = (
    "Thank you. The Family Information Service will check this suggestion and correct the directory if "
    "needed. Quote the reference if you contact them about it."
)


def submit_correction(service_id: UUID, submission: CorrectionSubmission, client: str) -> CorrectionReceipt:
    """Queue a public suggestion about a service; returns its reference.

    Raises InvalidRequest (a `field` that is not an ORUK service field), NotFound (a service the public
    cannot see), TooManyRequests (this client sent too many; nothing is stored). Checks come before the
    counter, so a refused request neither counts nor writes.
    """
    current = ServiceRecordRepository().get(service_id)
    suggestion = suggestions.new_suggestion(submission, current, utcnow())
    enforce_rate_limit(
        "correction", client, CORRECTION_LIMIT, CORRECTION_WINDOW_SECONDS, "Too many suggestions from this client"
    )
    ChangeRequestRepository().add_suggestion(suggestion, submission.contact_email)
    logger.info(
        "public suggestion received",
        extra={
            "change_request_id": str(suggestion.id),
            "service_id": str(service_id),
            "field": suggestion.about_field,
            "reply_requested": submission.contact_email is not None,
        },
    )
    EventPublisher().publish(SUBMITTED, event_detail(suggestion))
    return CorrectionReceipt(reference=suggestion.id, service_id=service_id, message=RECEIVED_MESSAGE)
