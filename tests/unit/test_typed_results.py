"""Typed results: services return the models their routes document, and the search pages, which pass the indexed
services through without validating them again (models/api.py `AsIndexed`), answer exactly what those models
would: every seed service, as the indexer writes it, validates against the documented model and dumps back to
the same JSON, with no serialiser warning."""

from __future__ import annotations

import gzip
import inspect
import json
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from local_offer.domain.indexing import search_document
from local_offer.domain.places import lookup_postcode
from local_offer.domain.search import ServiceSearch
from local_offer.handlers.http import json_response
from local_offer.models.api import SearchPage, SearchResult, ServiceAtLocationItem, ServiceAtLocationPage
from local_offer.models.records import PublishedService
from local_offer.services import census, directory, faqs, resources

SEED_SERVICES = Path(__file__).resolve().parents[2] / "seed" / "directory" / "services.ndjson.gz"
PAGE = 100
# Every third seed service: all kinds of record (schools, groups, online, county-wide), in a third of the time.
STRIDE = 3


class CannedIndex:
    """Answers every search with the same hits (the search services pick what they need by id)."""

    def __init__(self, documents: list[dict[str, Any]]) -> None:
        self.answer = {
            "hits": {
                "total": {"value": len(documents)},
                "hits": [{"_id": doc["id"], "_score": 1.0, "_source": doc} for doc in documents],
            },
            "aggregations": {},
        }

    def search(self, body: Mapping[str, Any]) -> dict[str, Any]:
        return self.answer


def _seed_pages() -> Iterator[list[dict[str, Any]]]:
    """The seed directory's search documents, as the indexer writes them, a page at a time."""
    with gzip.open(SEED_SERVICES, "rt", encoding="utf-8") as lines:
        chosen = [line for number, line in enumerate(lines) if number % STRIDE == 0]
    documents = [search_document(PublishedService.model_validate_json(line).to_record()) for line in chosen]
    for start in range(0, len(documents), PAGE):
        yield documents[start : start + PAGE]


@pytest.fixture(scope="module")
def seed_pages() -> list[list[dict[str, Any]]]:
    return list(_seed_pages())


def _dumped(page: Any) -> dict[str, Any]:
    """The page as its route answers it, failing on any serialiser warning (e.g. a dict where a model was due)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        body = json.loads(json_response(page).body)
    assert isinstance(body, dict)
    return body


@pytest.mark.parametrize("full", [None, False])
def test_search_pages_answer_what_the_documented_model_dumps(seed_pages: list[list[dict[str, Any]]], full: bool | None):
    # Given every seed service as the index holds it, searched from a postcode (so results carry their reach)
    params = ServiceSearch(place=lookup_postcode("DH1 1AB"), per_page=PAGE, full=full, facets=False).validated()
    for documents in seed_pages:
        # When a page of them is answered
        page = directory.search_services(params, index=CannedIndex(documents))
        assert isinstance(page, SearchPage)
        body = _dumped(page)
        # Then each result is valid against SearchResult, and is exactly what the validated model dumps
        assert len(body["contents"]) == len(documents)
        for item in body["contents"]:
            assert SearchResult.model_validate(item).model_dump(mode="json", exclude_none=True) == item


def test_service_at_location_pages_answer_what_the_documented_model_dumps(seed_pages: list[list[dict[str, Any]]]):
    params = ServiceSearch(place=lookup_postcode("DH1 1AB"), per_page=PAGE, facets=False).validated()
    listed = 0
    for documents in seed_pages:
        page = directory.search_service_at_locations(params, index=CannedIndex(documents))
        assert isinstance(page, ServiceAtLocationPage)
        body = _dumped(page)
        for item in body["contents"]:
            assert ServiceAtLocationItem.model_validate(item).model_dump(mode="json", exclude_none=True) == item
        listed += len(body["contents"])
    assert listed > 0


def test_a_search_without_proximity_leaves_the_radius_out_rather_than_null(
    seed_pages: list[list[dict[str, Any]]],
) -> None:
    params = ServiceSearch(place=lookup_postcode("DH1 1AB"), facets=False).validated()
    body = _dumped(directory.search_services(params, index=CannedIndex(seed_pages[0][:1])))
    assert body["searched_from"]["postcode"] == "DH1 1AB"
    assert "proximity_metres" not in body["searched_from"]


@pytest.mark.parametrize("module", [directory, faqs, resources, census], ids=lambda module: module.__name__)
def test_public_service_functions_return_models_not_dicts(module: Any) -> None:
    untyped = [
        name
        for name, function in inspect.getmembers(module, inspect.isfunction)
        if function.__module__ == module.__name__
        and not name.startswith("_")
        and "dict[" in str(inspect.signature(function).return_annotation)
    ]
    assert untyped == []
