"""Turning stream changes and stored records into index actions, and applying them in bulk."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from local_offer.domain.indexing import search_document
from local_offer.models.indexing import IndexAction
from local_offer.repositories.search_index import BulkOutcome, SearchIndexRepository
from local_offer.repositories.stream import is_service_item, record_from_image
from local_offer.settings import get_settings


def action_for_change(
    event_name: str, new_image: Mapping[str, Any] | None, old_image: Mapping[str, Any] | None
) -> IndexAction | None:
    """The index action for one stream change, or None when the item is neither a service record nor the
    current version of an FAQ item (those go to the FAQ index).

    Raises pydantic.ValidationError when the new image is not a valid record.
    """
    from local_offer.repositories.faqs import is_current_faq

    if is_current_faq(old_image if event_name == "REMOVE" else new_image):
        return _faq_action(event_name, new_image, old_image)
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
    """The index action for a stored service item or current FAQ item (raises pydantic.ValidationError when it
    is invalid)."""
    from local_offer.repositories.faqs import is_current_faq

    if is_current_faq(item):
        return _faq_action("INSERT", item, None)
    record = record_from_image(dict(item))
    return IndexAction(
        doc_id=str(record.service.id), version=record.meta.record_version, document=search_document(record)
    )


def _faq_action(
    event_name: str, new_image: Mapping[str, Any] | None, old_image: Mapping[str, Any] | None
) -> IndexAction:
    """The FAQ index action for a change of an FAQ item's current version."""
    from local_offer.domain.faqs import faq_document
    from local_offer.repositories.faqs import faq_from_item

    image = old_image if event_name == "REMOVE" else new_image
    assert image is not None
    alias = get_settings().faqs_index_alias
    if event_name == "REMOVE":
        return IndexAction(doc_id=str(image["id"]), version=int(image["record_version"]) + 1, index=alias)
    item = faq_from_item(image)
    return IndexAction(doc_id=str(item.id), version=item.version, document=faq_document(item), index=alias)


def latest_per_document(actions: Iterable[IndexAction]) -> list[IndexAction]:
    """Keep, for each document, only the action with the highest version (a batch may hold several)."""
    latest: dict[tuple[str | None, str], IndexAction] = {}
    for action in actions:
        key = (action.index, action.doc_id)
        current = latest.get(key)
        if current is None or action.version >= current.version:
            latest[key] = action
    return list(latest.values())


# FAQ indexes (engine/alias) this warm function has seen exist (created on first use, like the services index locally).
_ensured_indexes: set[str] = set()


def _ensure_faq_index(actions: list[IndexAction]) -> None:
    from local_offer.repositories.search_index import faq_index

    settings = get_settings()
    alias = settings.faqs_index_alias
    known = f"{settings.opensearch_endpoint}/{alias}"
    if known in _ensured_indexes or not any(action.index == alias for action in actions):
        return
    faq_index().ensure_index()
    _ensured_indexes.add(known)


def apply_actions(actions: Iterable[IndexAction], index: str | None = None) -> BulkOutcome:
    """Apply actions in one bulk request; failures are returned per document id. The FAQ index is created
    with its mapping on first use, so no FAQ document ever lands in an index with a guessed mapping."""
    latest = latest_per_document(actions)
    _ensure_faq_index(latest)
    return SearchIndexRepository().apply(latest, index=index)
