"""Search documents and index actions built from records and stream changes."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from local_offer.domain.indexing import search_document
from local_offer.models.indexing import IndexAction
from local_offer.repositories.records import record_to_item
from local_offer.services.indexing import action_for_change, latest_per_document
from tests.factories import service_record


def _term(name: str, taxonomy: str, code: str) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "taxonomy_term": {
            "id": str(uuid.uuid4()),
            "name": name,
            "description": name,
            "taxonomy": taxonomy,
            "taxonomy_id": str(uuid.uuid5(uuid.NAMESPACE_URL, taxonomy)),
            "term": code,
        },
    }


def test_search_document_flattens_what_search_matches_and_filters_on() -> None:
    # Given a record with a need, a marker and one located address
    record = service_record(
        attributes=[
            _term("Autistic spectrum disorder", "sen-primary-need", "ASD"),
            _term("Free", "local-offer-marker", "free"),
        ]
    )

    # When it is turned into a search document
    document = search_document(record)

    # Then the matching, filtering and display fields are all there
    assert document["name"] == record.service.name
    assert document["organization_name"] == "Riverside Family Charity"
    assert document["taxonomy_terms"] == ["Autistic spectrum disorder", "Free"]
    assert document["need_codes"] == ["ASD"]
    assert document["markers"] == ["free"]
    assert document["postcodes"] == ["DH1 1AB"]
    assert document["locations"] == [{"lat": 54.786659, "lon": -1.530113}]
    assert document["local_area"] == "durham"
    assert document["service"]["local_offer"]["record_version"] == 1
    assert None not in document.values()


def test_insert_becomes_an_index_action_at_the_record_version() -> None:
    record = service_record(version=4)
    action = action_for_change("INSERT", record_to_item(record), None)
    assert action is not None
    assert (action.doc_id, action.version) == (str(record.service.id), 4)
    assert action.document is not None


def test_remove_deletes_one_version_past_the_removed_image() -> None:
    record = service_record(version=4)
    action = action_for_change("REMOVE", None, record_to_item(record))
    assert action == IndexAction(doc_id=str(record.service.id), version=5, document=None)


def test_items_that_are_not_service_records_are_ignored() -> None:
    other = {"pk": "SERVICE#x", "sk": "HISTORY#2026", "entity": "history"}
    assert action_for_change("INSERT", other, None) is None
    assert action_for_change("REMOVE", None, other) is None


def test_an_invalid_image_raises_a_validation_error() -> None:
    item = record_to_item(service_record())
    item["body"] = '{"id": "not-a-uuid", "name": "x", "status": "active"}'
    with pytest.raises(ValidationError):
        action_for_change("MODIFY", item, None)


def test_only_the_newest_action_per_document_is_kept() -> None:
    actions = [IndexAction("a", 2, {}), IndexAction("a", 5, {}), IndexAction("b", 1, None), IndexAction("a", 3, {})]
    assert sorted((a.doc_id, a.version) for a in latest_per_document(actions)) == [("a", 5), ("b", 1)]
