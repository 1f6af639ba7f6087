"""Directory search: from validated parameters to an OpenSearch query, and from hits to an ORUK page.

User text only ever reaches the engine inside `multi_match`/`match` queries, never as query-string
syntax, so operators typed by a user are searched for as words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from local_offer.models.api import page_envelope
from local_offer.models.oruk import PUBLIC_STATUSES

# Field boosts: a word in a service's name matters most, then its organisation, its categories, its text.
SEARCH_FIELDS = ["name^4", "organization_name^3", "taxonomy_terms^2", "description"]
MAX_SEARCH_LENGTH = 200


@dataclass(frozen=True)
class ServiceSearch:
    """Validated search parameters (the handler validates types and ranges)."""

    search: str | None = None
    page: int = 1
    per_page: int = 50


def build_query(params: ServiceSearch) -> dict[str, Any]:
    """The OpenSearch request body for a search."""
    filters: list[dict[str, Any]] = [{"terms": {"status": list(PUBLIC_STATUSES)}}]
    text = (params.search or "").strip()
    if text:
        must: dict[str, Any] = {
            "bool": {
                "should": [
                    {
                        "multi_match": {
                            "query": text,
                            "fields": SEARCH_FIELDS,
                            "type": "best_fields",
                            "fuzziness": "AUTO",
                            "prefix_length": 1,
                        }
                    },
                    {"multi_match": {"query": text, "fields": SEARCH_FIELDS, "type": "phrase", "boost": 2}},
                ],
                "minimum_should_match": 1,
            }
        }
        sort: list[Any] = ["_score", {"name.keyword": "asc"}]
    else:
        must = {"match_all": {}}
        sort = [{"name.keyword": "asc"}, {"id": "asc"}]
    return {
        "query": {"bool": {"must": [must], "filter": filters}},
        "from": (params.page - 1) * params.per_page,
        "size": params.per_page,
        "sort": sort,
        "track_total_hits": True,
        "_source": ["service"],
    }


def results_page(response: dict[str, Any], params: ServiceSearch) -> dict[str, Any]:
    """The ORUK page envelope for an engine response."""
    hits = response["hits"]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else int(hits["total"])
    contents = [hit["_source"]["service"] for hit in hits["hits"]]
    return page_envelope(contents, total, params.page, params.per_page)
