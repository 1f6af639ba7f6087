"""The parts of a DynamoDB stream record the indexer reads, after powertools has deserialised the images."""

from __future__ import annotations

from typing import Any

from local_offer.models.records import ServiceRecord
from local_offer.repositories.records import SERVICE_ENTITY, item_to_record


def is_service_item(image: dict[str, Any] | None) -> bool:
    """True for the current record of a service (other item kinds share the table)."""
    return bool(image) and image.get("entity") == SERVICE_ENTITY and image.get("sk") == "CURRENT"  # type: ignore[union-attr]


def record_from_image(image: dict[str, Any]) -> ServiceRecord:
    """Validate a stream image as a service record (raises pydantic.ValidationError when it is not)."""
    return item_to_record(image)
