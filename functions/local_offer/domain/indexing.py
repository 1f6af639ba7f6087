"""How a directory record becomes a search document, and the index mapping that holds it.

The document keeps the full ORUK service under `service` (stored, not indexed) so search answers need no
second read, plus flat fields built for matching, filtering and facets.
"""

from __future__ import annotations

from typing import Any

from local_offer.models.oruk import Service
from local_offer.models.records import ServiceRecord

# Bump when the mapping changes: `reindex` builds a new index with it and swaps the alias.
MAPPING_VERSION = 1

SEN_NEED_TAXONOMY = "sen-primary-need"
MARKER_TAXONOMY = "local-offer-marker"

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
            "organization_name": {"type": "text", "analyzer": "english_text"},
            "taxonomy_terms": {"type": "text", "analyzer": "english_text"},
            "description": {"type": "text", "analyzer": "english_text"},
            "status": {"type": "keyword"},
            "organization_id": {"type": "keyword"},
            "taxonomy_term_ids": {"type": "keyword"},
            "taxonomy_ids": {"type": "keyword"},
            "need_codes": {"type": "keyword"},
            "markers": {"type": "keyword"},
            "local_area": {"type": "keyword"},
            "minimum_age": {"type": "float"},
            "maximum_age": {"type": "float"},
            "locations": {"type": "geo_point"},
            "postcodes": {"type": "keyword"},
            "last_modified": {"type": "date"},
            "service": {"type": "object", "enabled": False},
        },
    },
}


def _terms(service: Service) -> list[Any]:
    return [attribute.taxonomy_term for attribute in service.attributes or () if attribute.taxonomy_term]


def search_document(record: ServiceRecord) -> dict[str, Any]:
    """The search document for one record."""
    service, meta = record.service, record.meta
    terms = _terms(service)
    locations = [
        sal.location
        for sal in service.service_at_locations or ()
        if sal.location and sal.location.latitude is not None and sal.location.longitude is not None
    ]
    postcodes = sorted(
        {
            address.postal_code.upper()
            for sal in service.service_at_locations or ()
            if sal.location
            for address in sal.location.addresses or ()
        }
    )
    document: dict[str, Any] = {
        "id": str(service.id),
        "record_version": meta.record_version,
        "name": service.name,
        "organization_name": service.organization.name if service.organization else None,
        "taxonomy_terms": [term.name for term in terms],
        "description": service.description,
        "status": service.status,
        "organization_id": str(service.organization_id) if service.organization_id else None,
        "taxonomy_term_ids": sorted({str(term.id) for term in terms}),
        "taxonomy_ids": sorted({str(term.taxonomy_id) for term in terms if term.taxonomy_id}),
        "need_codes": sorted({term.term for term in terms if term.taxonomy == SEN_NEED_TAXONOMY and term.term}),
        "markers": sorted({term.term for term in terms if term.taxonomy == MARKER_TAXONOMY and term.term}),
        "local_area": meta.local_area,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "locations": [{"lat": loc.latitude, "lon": loc.longitude} for loc in locations],
        "postcodes": postcodes,
        "last_modified": service.last_modified.isoformat() if service.last_modified else None,
        "service": record.published().to_json_dict(),
    }
    return {key: value for key, value in document.items() if value not in (None, [], "")}
