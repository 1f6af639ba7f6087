"""Search bodies for the directory's reads beside the service search (`domain/search.py`): services at
locations, organisations and type-ahead. Each reads public services only."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from uuid import UUID

from local_offer.domain.search import ServiceSearch, build_query, filters

# The most services-at-locations one listing walks through (the directory has about 4,000).
MAX_SAL_SCAN = 10_000
# The most organisations one listing walks through (the directory has under a thousand).
MAX_ORGANIZATIONS = 10_000


def public_filter() -> dict[str, Any]:
    """The clause that keeps public services only."""
    return filters(ServiceSearch())[0]


def sal_scan_query(params: ServiceSearch) -> dict[str, Any]:
    """Every matching service's places (ids, points and reach), in the search's order, without facets."""
    body = build_query(params)
    body.update({"from": 0, "size": MAX_SAL_SCAN, "_source": ["id", "sals", "reach"]})
    body.pop("aggs", None)
    return body


def services_by_id_query(ids: Iterable[str]) -> dict[str, Any]:
    """The stored services of these ids."""
    wanted = sorted(set(ids))
    return {"query": {"ids": {"values": wanted}}, "size": len(wanted), "_source": ["service"]}


def service_at_location_query(sal_id: UUID) -> dict[str, Any]:
    """The public service that has this service-at-location."""
    return {
        "query": {"bool": {"filter": [{"term": {"sal_ids": str(sal_id)}}, public_filter()]}},
        "size": 1,
        "_source": ["service"],
    }


def organizations_query() -> dict[str, Any]:
    """The distinct organisations of public services, in id order (an `organizations` terms aggregation)."""
    return {
        "query": {"bool": {"filter": [public_filter(), {"exists": {"field": "organization_id"}}]}},
        "size": 0,
        "aggs": {
            "organizations": {
                "terms": {"field": "organization_id", "size": MAX_ORGANIZATIONS, "order": {"_key": "asc"}}
            }
        },
    }


def organizations_by_id_query(buckets: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The organisation records of these `organization_id` buckets, read from their services."""
    return {
        "query": {"bool": {"filter": [public_filter(), {"terms": {"organization_id": [b["key"] for b in buckets]}}]}},
        "size": sum(bucket["doc_count"] for bucket in buckets),
        "_source": ["service.organization"],
    }


def organization_services_query(organization_id: UUID, fields: Iterable[str]) -> dict[str, Any]:
    """An organisation's public services by name, with only `fields` of each."""
    return {
        "query": {"bool": {"filter": [public_filter(), {"term": {"organization_id": str(organization_id)}}]}},
        "size": MAX_SAL_SCAN,
        "sort": [{"name.keyword": "asc"}, {"id": "asc"}],
        "_source": [f"service.{name}" for name in fields],
    }


def organizations_services_query(organization_ids: Sequence[str], size: int) -> dict[str, Any]:
    """The public services of several organisations by name, with only the stored service."""
    return {
        "query": {"bool": {"filter": [{"terms": {"organization_id": list(organization_ids)}}, public_filter()]}},
        "size": size,
        "sort": [{"name.keyword": "asc"}],
        "_source": ["service"],
    }


def name_prefix_query(prefix: str, size: int) -> dict[str, Any]:
    """Public service names that complete what was typed so far."""
    return {
        "query": {
            "bool": {
                "must": [{"match_phrase_prefix": {"name.plain": {"query": prefix, "max_expansions": 50}}}],
                "filter": filters(ServiceSearch())[:1],
            }
        },
        "size": size,
        "_source": ["name"],
    }
