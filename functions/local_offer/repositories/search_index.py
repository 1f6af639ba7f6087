"""The search indexes (services and FAQ): their mappings, and each a versioned index behind an alias, written
with external versions. Engine failures on searches surface as one typed error, SearchUnavailable (503)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from local_offer.models.errors import SearchUnavailable
from local_offer.models.indexing import IndexAction
from local_offer.repositories.clients import opensearch_client

# ---- the services index -----------------------------------------------------------------------------------

# Bump when the mapping changes: `reindex` builds a new index with it and swaps the alias.
MAPPING_VERSION = 3

SERVICES_INDEX_BODY: dict[str, Any] = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {
                "english_text": {"type": "english"},
            }
        },
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "keyword"},
            "record_version": {"type": "long"},
            "name": {
                "type": "text",
                "analyzer": "english_text",
                "fields": {"keyword": {"type": "keyword"}, "plain": {"type": "text", "analyzer": "standard"}},
            },
            "alternate_name": {"type": "text", "analyzer": "english_text"},
            "organization_name": {"type": "text", "analyzer": "english_text"},
            "place_names": {"type": "text", "analyzer": "standard"},
            "taxonomy_terms": {"type": "text", "analyzer": "english_text"},
            # The DfE service categories alone (taxonomy_terms also holds needs served and markers): what a
            # service is, for telling strong matches from weak ones.
            "category_names": {"type": "text", "analyzer": "english_text"},
            "description": {"type": "text", "analyzer": "english_text"},
            # When it runs, in words: schedule descriptions and notes, day names and times ("10:00 10am").
            "schedule_text": {"type": "text", "analyzer": "english_text"},
            "status": {"type": "keyword"},
            "organization_id": {"type": "keyword"},
            "taxonomy_term_ids": {"type": "keyword"},
            "taxonomy_ids": {"type": "keyword"},
            "need_codes": {"type": "keyword"},
            "markers": {"type": "keyword"},
            "categories": {"type": "keyword"},
            "has_cost_options": {"type": "boolean"},
            "reach": {"type": "keyword"},
            "reach_rank": {"type": "integer"},
            "sessions": {
                "type": "nested",
                "properties": {
                    "day": {"type": "keyword"},
                    "opens": {"type": "integer"},
                    "closes": {"type": "integer"},
                },
            },
            "local_area": {"type": "keyword"},
            "minimum_age": {"type": "float"},
            "maximum_age": {"type": "float"},
            "locations": {"type": "geo_point"},
            "postcodes": {"type": "keyword"},
            "sal_ids": {"type": "keyword"},
            # Each service-at-location's id and point, for `/service_at_locations` paging and distances.
            "sals": {"type": "object", "enabled": False},
            "last_modified": {"type": "date"},
            "service": {"type": "object", "enabled": False},
        },
    },
}


# ---- the FAQ index ----------------------------------------------------------------------------------------

# Bump when the mapping changes: a reindex builds a new index with it and swaps the alias.
FAQ_MAPPING_VERSION = 1

FAQ_INDEX_BODY: dict[str, Any] = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {"analyzer": {"english_text": {"type": "english"}}},
    },
    "mappings": {
        "dynamic": "strict",
        "properties": {
            "id": {"type": "keyword"},
            "record_version": {"type": "long"},
            "question": {"type": "text", "analyzer": "english_text"},
            "alternate_phrasings": {"type": "text", "analyzer": "english_text"},
            "answer": {"type": "text", "analyzer": "english_text"},
            "topic": {"type": "keyword"},
            "audience": {"type": "keyword"},
            "status": {"type": "keyword"},
            # The item as stored, so a search answers without a second read.
            "item": {"type": "object", "enabled": False},
        },
    },
}


@dataclass
class BulkOutcome:
    """Which actions failed (by doc id, with the engine's reason); conflicts with newer versions count as done."""

    failed: dict[str, str] = field(default_factory=dict)
    applied: int = 0
    skipped_as_stale: int = 0


class SearchIndexRepository:
    """Creates, writes and queries the services index through its alias."""

    def __init__(
        self,
        alias: str | None = None,
        client: Any = None,
        body: Mapping[str, Any] | None = None,
        mapping_version: int | None = None,
        label: str = "Search",
    ) -> None:
        """`label` names the index to callers when the engine cannot answer ("Search is temporarily ...")."""
        # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
        from local_offer.settings import get_settings

        self.alias = alias or get_settings().services_index_alias
        self._client = client
        self.body = body if body is not None else SERVICES_INDEX_BODY
        self.mapping_version = mapping_version if mapping_version is not None else MAPPING_VERSION
        self.label = label

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = opensearch_client()
        return self._client

    def new_index_name(self) -> str:
        """A fresh versioned index name, e.g. `services-v1-20261128153000123456`."""
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d%H%M%S%f")
        return f"{self.alias}-v{self.mapping_version}-{stamp}"

    def current_index(self) -> str | None:
        """The index the alias points at, or None."""
        if not self.client.indices.exists_alias(name=self.alias):
            return None
        return next(iter(self.client.indices.get_alias(name=self.alias)))

    def create_index(self) -> str:
        """Create a new versioned index with the mapping (no alias yet)."""
        name = self.new_index_name()
        self.client.indices.create(index=name, body=self.body)
        return name

    def ensure_index(self) -> str:
        """Make sure the alias points at an index, creating one on first use; returns the index name."""
        current = self.current_index()
        if current:
            return current
        name = self.create_index()
        self.client.indices.put_alias(index=name, name=self.alias)
        return name

    def swap_alias(self, new_index: str, delete_old: bool = True) -> str | None:
        """Point the alias at `new_index` atomically; returns (and optionally deletes) the old index."""
        old = self.current_index()
        actions: list[dict[str, Any]] = [{"add": {"index": new_index, "alias": self.alias}}]
        if old and old != new_index:
            actions.insert(0, {"remove": {"index": old, "alias": self.alias}})
        self.client.indices.update_aliases(body={"actions": actions})
        if old and old != new_index and delete_old:
            self.client.indices.delete(index=old)
        return old

    def apply(self, actions: Iterable[IndexAction], index: str | None = None) -> BulkOutcome:
        """Apply index/delete actions in one bulk call with external versions, so a replayed older image
        never overwrites a newer document. A version conflict means a newer state is already there."""
        from opensearchpy import helpers

        bulk_actions: list[dict[str, Any]] = []
        for action in actions:
            # An explicit index (a rebuild's new index) wins over the alias the action names.
            base = {"_index": index or action.index or self.alias, "_id": action.doc_id, "_version_type": "external"}
            if action.document is None:
                bulk_actions.append({**base, "_op_type": "delete", "_version": action.version})
            else:
                bulk_actions.append(
                    {**base, "_op_type": "index", "_version": action.version, "_source": action.document}
                )
        outcome = BulkOutcome()
        if not bulk_actions:
            return outcome
        for ok, item in helpers.streaming_bulk(
            self.client, bulk_actions, raise_on_error=False, raise_on_exception=False, max_retries=2
        ):
            op, result = next(iter(item.items()))
            status = result.get("status", 500)
            if ok or (op == "delete" and status == 404):
                outcome.applied += 1
            elif status == 409:
                outcome.skipped_as_stale += 1
            else:
                error = result.get("error")
                outcome.failed[str(result.get("_id"))] = str(error.get("reason") if isinstance(error, dict) else error)
        return outcome

    def document_versions(self, index: str | None = None, page_size: int = 1000) -> Iterator[tuple[str, int]]:
        """(document id, version) of every document in `index` (default: the alias), paged by id."""
        body: dict[str, Any] = {
            "size": page_size,
            "query": {"match_all": {}},
            "_source": False,
            "version": True,
            "sort": [{"id": "asc"}],
        }
        while True:
            hits = self.client.search(index=index or self.alias, body=body)["hits"]["hits"]
            for hit in hits:
                yield str(hit["_id"]), int(hit["_version"])
            if len(hits) < page_size:
                return
            body["search_after"] = hits[-1]["sort"]

    def count(self, index: str | None = None) -> int:
        """How many documents `index` (default: the alias) holds."""
        return int(self.client.count(index=index or self.alias)["count"])

    def refresh(self, index: str | None = None) -> None:
        """Make every write so far visible to searches of `index` (Amazon OpenSearch refreshes each second)."""
        self.client.indices.refresh(index=index or self.alias)

    def delete_index(self, index: str) -> None:
        """Delete one index (not the alias)."""
        self.client.indices.delete(index=index)

    def search(self, body: Mapping[str, Any]) -> dict[str, Any]:
        """Run a search body against the alias. Any engine failure (unreachable, timed out, an error answer)
        raises SearchUnavailable, a 503 the client may retry: the data is unaffected."""
        from opensearchpy.exceptions import ConnectionError as EngineConnectionError
        from opensearchpy.exceptions import TransportError

        try:
            response: dict[str, Any] = self.client.search(index=self.alias, body=body)
        except (EngineConnectionError, TransportError) as exc:  # ConnectionTimeout is a ConnectionError
            from local_offer.observability import logger

            logger.exception("search engine error", extra={"alias": self.alias})
            raise SearchUnavailable(f"{self.label} is temporarily unavailable; please try again shortly") from exc
        return response


def faq_index() -> SearchIndexRepository:
    """The FAQ index: its own alias (`faqs`) over a versioned index with the FAQ mapping."""
    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    return SearchIndexRepository(
        alias=get_settings().faqs_index_alias,
        body=FAQ_INDEX_BODY,
        mapping_version=FAQ_MAPPING_VERSION,
        label="FAQ search",
    )
