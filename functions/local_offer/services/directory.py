"""Directory use cases: search the index, read one record from the table."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from local_offer.domain.search import ServiceSearch, build_query, results_page
from local_offer.models.errors import NotFound, SearchUnavailable
from local_offer.models.oruk import PUBLIC_STATUSES
from local_offer.observability import logger
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.repositories.search_index import SearchIndexRepository


def search_services(params: ServiceSearch) -> dict[str, Any]:
    """One page of public services matching the parameters."""
    from opensearchpy.exceptions import ConnectionError as EngineConnectionError
    from opensearchpy.exceptions import TransportError

    try:
        response = SearchIndexRepository().search(build_query(params))
    except (EngineConnectionError, TransportError) as exc:
        logger.exception("search engine error")
        raise SearchUnavailable("Search is temporarily unavailable; please try again shortly") from exc
    return results_page(response, params)


def get_public_service(service_id: UUID) -> dict[str, Any]:
    """A public service read from the source of truth; inactive and defunct ones are not found."""
    record = ServiceRecordRepository().get(service_id)
    if record is None or record.service.status not in PUBLIC_STATUSES:
        raise NotFound(f"No service with id {service_id}")
    return record.published().to_json_dict()
