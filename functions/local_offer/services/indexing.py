"""Turning stream changes and stored records into index actions, and applying them in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from local_offer.domain.indexing import search_document
from local_offer.models.stream import is_service_item, record_from_image
from local_offer.repositories.search_index import BulkOutcome, IndexAction, SearchIndexRepository


def action_for_change(
    event_name: str, new_image: Mapping[str, Any] | None, old_image: Mapping[str, Any] | None
) -> IndexAction | None:
    """The index action for one stream change, or None when the item is not a service record.

    Raises pydantic.ValidationError when the new image is not a valid record.
    """
    if event_name == "REMOVE":
        if not is_service_item(dict(old_image or {})):
            return None
        assert old_image is not None
        # One past the removed version, so the delete wins over the last indexed state and a
        # replayed older INSERT/MODIFY of the same record is refused as stale.
        return IndexAction(doc_id=str(old_image["id"]), version=int(old_image["record_version"]) + 1)
    if not is_service_item(dict(new_image or {})):
        return None
    assert new_image is not None
    return action_for_item(new_image)


def action_for_item(item: Mapping[str, Any]) -> IndexAction:
    """The index action for a stored service item (raises pydantic.ValidationError when it is invalid)."""
    record = record_from_image(dict(item))
    return IndexAction(
        doc_id=str(record.service.id), version=record.meta.record_version, document=search_document(record)
    )


def latest_per_document(actions: Iterable[IndexAction]) -> list[IndexAction]:
    """Keep, for each document, only the action with the highest version (a batch may hold several)."""
    latest: dict[str, IndexAction] = {}
    for action in actions:
        current = latest.get(action.doc_id)
        if current is None or action.version >= current.version:
            latest[action.doc_id] = action
    return list(latest.values())


def apply_actions(actions: Iterable[IndexAction], index: str | None = None) -> BulkOutcome:
    """Apply actions in one bulk request; failures are returned per document id."""
    return SearchIndexRepository().apply(latest_per_document(actions), index=index)
