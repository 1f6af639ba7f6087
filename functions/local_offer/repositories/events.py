"""Publishing directory events to EventBridge (source `local-offer`), so notifications attach without code here.

Detail types (docs/api.md "Events"): ChangeRequestSubmitted, ChangeRequestWithdrawn, ChangeRequestDecided,
RecordVerificationDue. Details carry ids, statuses and field names, never field values: proposed contact
details must not travel to whatever is subscribed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from local_offer.observability import logger
from local_offer.repositories.clients import events_client

if TYPE_CHECKING:
    from pydantic import BaseModel

EVENT_SOURCE = "local-offer"
PUT_EVENTS_BATCH = 10  # EventBridge's limit per PutEvents call


class EventPublisher:
    """Puts events on the directory's bus."""

    def __init__(self, bus_name: str | None = None) -> None:
        # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
        from local_offer.settings import get_settings

        self.bus_name = bus_name or get_settings().event_bus_name

    def publish(self, detail_type: str, detail: BaseModel) -> None:
        self.publish_many(detail_type, [detail])

    def publish_many(self, detail_type: str, details: Iterable[BaseModel]) -> int:
        """Publish one event per detail, in batches; returns how many EventBridge accepted.

        A failed entry is logged, not raised: the change it reports is already stored, and an event
        is a notification about it, not the record of it.
        """
        entries = [
            {
                "Source": EVENT_SOURCE,
                "DetailType": detail_type,
                # the same one way as API answers: fields without a value are left out
                "Detail": detail.model_dump_json(exclude_none=True),
                "EventBusName": self.bus_name,
            }
            for detail in details
        ]
        accepted = 0
        for start in range(0, len(entries), PUT_EVENTS_BATCH):
            batch = entries[start : start + PUT_EVENTS_BATCH]
            try:
                response = events_client().put_events(Entries=batch)
            except Exception:
                logger.exception("events not published", extra={"detail_type": detail_type, "count": len(batch)})
                continue
            failed = int(response.get("FailedEntryCount", 0))
            if failed:
                logger.error("events refused", extra={"detail_type": detail_type, "failed": failed})
            accepted += len(batch) - failed
        return accepted
