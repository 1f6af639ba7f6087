"""Directory use cases: search services and services-at-locations, read records, taxonomies, suggestions.

Each public function returns the model its route documents (models/api.py); the engine's answers are shaped
as dicts here and become that model once, at the end.
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from local_offer.domain.directory_queries import (
    name_prefix_query,
    organization_services_query,
    organizations_by_id_query,
    organizations_query,
    sal_scan_query,
    service_at_location_query,
    services_by_id_query,
)
from local_offer.domain.search import ServiceSearch, build_query, did_you_mean, results_page, search_context
from local_offer.models.api import (
    OrganizationPage,
    OrganizationWithServices,
    Page,
    SearchPage,
    ServiceAtLocationDetail,
    ServiceAtLocationPage,
    SuggestResponse,
    TaxonomyPage,
    TaxonomyTermPage,
)
from local_offer.models.errors import NotFound
from local_offer.models.oruk import PUBLIC_STATUSES, Taxonomy, TaxonomyTerm, TaxonomyWithTerms
from local_offer.models.records import PublishedService
from local_offer.observability import logger
from local_offer.services.ports import SearchIndex

# Each use case imports the one repository it reads (the index or the records table) when first called, so
# neither loads at the search function's import. These, and what domain.search loads on first use (the text
# query with the glossary, the postcode module, difflib), are what SnapStart's hook imports into the snapshot.
FIRST_USE_MODULES = (
    "local_offer.repositories.search_index",
    "local_offer.repositories.records",
    "local_offer.repositories.taxonomies",
    "local_offer.domain.search_text",
    "local_offer.domain.places",
    "difflib",
)

SERVICE_LIST_FIELDS = (
    "id",
    "organization_id",
    "name",
    "alternate_name",
    "description",
    "url",
    "email",
    "status",
    "fees",
    "fees_description",
    "accreditations",
    "assured_date",
    "assurer_email",
    "alert",
    "last_modified",
    "minimum_age",
    "maximum_age",
    "organization",
    "local_offer",
)


def search_services(params: ServiceSearch, index: SearchIndex | None = None) -> SearchPage:
    """One page of public services matching the (validated) parameters, with facets; suggestions when empty."""
    from local_offer.repositories.search_index import SearchIndexRepository

    response = (index or SearchIndexRepository()).search(build_query(params))
    page = results_page(response, params)
    if params.full is False:
        page["contents"] = [_one_to_one(service) for service in page["contents"]]
    if page["total_items"] == 0 and (params.text or params.page == 1):
        page["did_you_mean"] = did_you_mean(params, vocabulary())
    if params.page == 1 and params.text:
        services = [hit["_source"]["service"] for hit in response["hits"]["hits"][:TOP_COUNTED]]
        _count_search(params.text, page["total_items"], services)
    return SearchPage.model_validate(page)


# How many of a search's first results are counted as its top (insights' keyword advice).
TOP_COUNTED = 10


def _count_search(text: str, total: int, top_services: list[dict[str, Any]]) -> None:
    """Count a search's first page for the insights (never fails the search; see services/insights.py)."""
    from local_offer.services.insights import record_search

    record_search("services", text, total, top_services)


def vocabulary() -> list[str]:
    """Words we can suggest in a correction: glossary variants and taxonomy term names."""
    from local_offer.domain.glossary import default_glossary

    words = list(default_glossary().terms())
    try:
        words.extend(term.name for taxonomy in taxonomies() for term in taxonomy.taxonomy_terms or ())
    except Exception:  # a suggestion is a nicety: never fail a search because the table did not answer
        logger.exception("taxonomies unavailable for suggestions")
    return [part for word in words for part in word.split()]


def get_public_service(service_id: UUID) -> PublishedService:
    """A public service read from the source of truth; inactive and defunct ones are not found."""
    from local_offer.repositories.records import ServiceRecordRepository

    record = ServiceRecordRepository().get(service_id)
    if record is None or record.service.status not in PUBLIC_STATUSES:
        raise NotFound(f"No service with id {service_id}")
    return record.published()


def _one_to_one(service: dict[str, Any]) -> dict[str, Any]:
    """A service's one-to-one fields (ORUK `service_list`), with its organisation and our extension."""
    return {key: service[key] for key in SERVICE_LIST_FIELDS if key in service}


# ---- services at locations ----------------------------------------------------------------------------


def _sal_summary(
    service: dict[str, Any], sal: dict[str, Any], extension: dict[str, Any] | None, full: bool = False
) -> dict[str, Any]:
    """A service-at-location list item: its ids, location and the service (its one-to-one fields, or fully
    nested but for its other places when `full`)."""
    if full:
        summary = {key: value for key, value in service.items() if key != "service_at_locations"}
    else:
        summary = _one_to_one(service)
    if extension:
        summary["local_offer"] = {**(summary.get("local_offer") or {}), **extension}
    item: dict[str, Any] = {"id": sal["id"], "service_id": service["id"], "service": summary}
    for key in ("location_id", "location", "description", "schedules", "phones", "contacts"):
        if key in sal:
            item[key] = sal[key]
    return item


def search_service_at_locations(params: ServiceSearch, index: SearchIndex | None = None) -> ServiceAtLocationPage:
    """One page of services-at-locations of public services matching the parameters.

    The services index holds one document per service; this walks the matching services' places in the
    search's order (or by each place's own distance) and pages over those.
    """
    from local_offer.domain.places import distance_metres
    from local_offer.repositories.search_index import SearchIndexRepository

    index = index or SearchIndexRepository()
    response = index.search(sal_scan_query(params))
    entries: list[tuple[str, str, int | None, str]] = []  # service id, sal id, distance, reach
    for hit in response["hits"]["hits"]:
        source = hit["_source"]
        for sal in source.get("sals") or ():
            distance = None
            if params.place and "lat" in sal:
                distance = round(distance_metres(params.place.latitude, params.place.longitude, sal["lat"], sal["lon"]))
            entries.append((source["id"], sal["id"], distance, source.get("reach", "local")))
    if params.place:
        radius = params.radius
        if radius is not None:
            # With `proximity`, a local service's places further than that are left out.
            entries = [e for e in entries if e[3] != "local" or e[2] is None or e[2] <= radius]
        if params.sort == "distance":
            entries.sort(key=lambda e: (e[3] != "local", e[2] if e[2] is not None else float("inf")))
    start = (params.page - 1) * params.per_page
    window = entries[start : start + params.per_page]
    services = _services_by_id(index, [service_id for service_id, *_ in window])
    contents = []
    for service_id, sal_id, distance, reach in window:
        service = services[service_id]
        sal = next(s for s in service.get("service_at_locations", ()) if s["id"] == sal_id)
        extension = None
        if params.place:
            extension = {"reach": reach, **({"distance_metres": distance} if distance is not None else {})}
        contents.append(_sal_summary(service, sal, extension, full=bool(params.full)))
    if params.page == 1 and params.text:
        top = [services[service_id] for service_id in dict.fromkeys(service_id for service_id, *_ in window)]
        _count_search(params.text, len(entries), top[:TOP_COUNTED])
    return ServiceAtLocationPage.of(contents, len(entries), params.page, params.per_page, **search_context(params))


def _services_by_id(index: SearchIndex, ids: list[str]) -> dict[str, dict[str, Any]]:
    if not ids:
        return {}
    response = index.search(services_by_id_query(ids))
    return {hit["_source"]["service"]["id"]: hit["_source"]["service"] for hit in response["hits"]["hits"]}


def get_service_at_location(sal_id: UUID, index: SearchIndex | None = None) -> ServiceAtLocationDetail:
    """One service-at-location, fully nested with its public service; 404 when unknown or not public."""
    from local_offer.repositories.search_index import SearchIndexRepository

    hits = (index or SearchIndexRepository()).search(service_at_location_query(sal_id))["hits"]["hits"]
    if not hits:
        raise NotFound(f"No service at location with id {sal_id}")
    service = hits[0]["_source"]["service"]
    sal = next(s for s in service.get("service_at_locations", ()) if s["id"] == str(sal_id))
    summary = {key: value for key, value in service.items() if key != "service_at_locations"}
    # `name` and `status` are the service's: ORUK's OpenAPI validates this endpoint's answer against the service
    # schema, which requires them, so the body is valid as a service-at-location and as that reference.
    return ServiceAtLocationDetail.model_validate(
        {**sal, "name": service["name"], "status": service["status"], "service_id": service["id"], "service": summary}
    )


# ---- organizations ------------------------------------------------------------------------------------


def list_organizations(page: int, per_page: int, index: SearchIndex | None = None) -> OrganizationPage:
    """A page of the organisations that deliver at least one public service, in id order (stable paging).

    The services index holds each service with its organisation: the organisations are the distinct
    `organization_id`s of public services, and each page reads one service per organisation on it.
    """
    from local_offer.repositories.search_index import SearchIndexRepository

    index = index or SearchIndexRepository()
    buckets = index.search(organizations_query())["aggregations"]["organizations"]["buckets"]
    start = (page - 1) * per_page
    window = buckets[start : start + per_page]
    found = _organizations_by_id(index, window)
    contents = [_organization_summary(found[bucket["key"]]) for bucket in window if bucket["key"] in found]
    return OrganizationPage.of(contents, len(buckets), page, per_page)


def _organizations_by_id(index: SearchIndex, buckets: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The organisation records of these `organization_id` buckets, read from their services."""
    if not buckets:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for hit in index.search(organizations_by_id_query(buckets))["hits"]["hits"]:
        organization = (hit["_source"].get("service") or {}).get("organization")
        if organization:
            found.setdefault(organization["id"], organization)
    return found


def _organization_summary(organization: dict[str, Any]) -> dict[str, Any]:
    """An organisation as ORUK lists it: its one-to-one fields (no identifiers, attributes or services)."""
    return {key: value for key, value in organization.items() if key not in ("organization_identifiers", "attributes")}


def get_organization(organization_id: UUID, index: SearchIndex | None = None) -> OrganizationWithServices:
    """One organisation with its public services (one-to-one fields); 404 when it delivers none."""
    from local_offer.repositories.search_index import SearchIndexRepository

    # One-to-one fields only: an organisation can run hundreds of services.
    body = organization_services_query(organization_id, SERVICE_LIST_FIELDS)
    hits = (index or SearchIndexRepository()).search(body)["hits"]["hits"]
    services = [hit["_source"]["service"] for hit in hits]
    organization = next((s["organization"] for s in services if s.get("organization")), None)
    if organization is None:
        raise NotFound(f"No organization with id {organization_id}")
    listed = [{k: v for k, v in _one_to_one(service).items() if k != "organization"} for service in services]
    return OrganizationWithServices.model_validate({**organization, "services": listed})


# ---- taxonomies -----------------------------------------------------------------------------------------


# Taxonomies change a few times a year: a warm function reuses what it read for a few minutes, so type-ahead
# and did-you-mean do not pay a table read per keystroke.
TAXONOMY_CACHE_SECONDS = 300
_taxonomy_cache: tuple[float, str, list[TaxonomyWithTerms]] | None = None


def forget_taxonomies() -> None:
    """Drop the cached taxonomies (after writing new ones, and between tests)."""
    global _taxonomy_cache
    _taxonomy_cache = None


def taxonomies() -> list[TaxonomyWithTerms]:
    """Every taxonomy with its terms (models), cached per warm function for TAXONOMY_CACHE_SECONDS."""
    import time

    from local_offer.repositories.taxonomies import TaxonomyRepository

    global _taxonomy_cache
    repository = TaxonomyRepository()
    now = time.monotonic()
    table = repository.table_name
    if _taxonomy_cache and _taxonomy_cache[1] == table and now - _taxonomy_cache[0] < TAXONOMY_CACHE_SECONDS:
        return _taxonomy_cache[2]
    found = repository.list()
    _taxonomy_cache = (now, table, found)
    return found


def list_taxonomies(page: int, per_page: int, search: str | None = None) -> TaxonomyPage:
    """A page of taxonomies (without their terms, as ORUK lists them), optionally those whose name or
    description contains some text."""
    needle = (search or "").strip().lower()
    items = [
        Taxonomy.model_validate(taxonomy.model_dump(exclude={"taxonomy_terms"}))
        for taxonomy in taxonomies()
        if not needle or needle in taxonomy.name.lower() or needle in taxonomy.description.lower()
    ]
    return _page_of(TaxonomyPage, items, page, per_page)


def get_taxonomy(taxonomy_id: UUID) -> TaxonomyWithTerms:
    """One taxonomy with its terms."""
    for taxonomy in taxonomies():
        if taxonomy.id == taxonomy_id:
            return taxonomy
    raise NotFound(f"No taxonomy with id {taxonomy_id}")


def list_taxonomy_terms(
    page: int, per_page: int, taxonomy_id: UUID | None = None, parent_id: UUID | None = None, search: str | None = None
) -> TaxonomyTermPage:
    """A page of taxonomy terms, optionally of one taxonomy, under one parent, or containing some text."""
    needle = (search or "").strip().lower()
    terms = [
        term
        for taxonomy in taxonomies()
        if taxonomy_id is None or taxonomy.id == taxonomy_id
        for term in taxonomy.taxonomy_terms or ()
        if (parent_id is None or term.parent_id == parent_id) and (not needle or needle in term.name.lower())
    ]
    return _page_of(TaxonomyTermPage, terms, page, per_page)


def get_taxonomy_term(term_id: UUID) -> TaxonomyTerm:
    """One taxonomy term."""
    for taxonomy in taxonomies():
        for term in taxonomy.taxonomy_terms or ():
            if term.id == term_id:
                return term
    raise NotFound(f"No taxonomy term with id {term_id}")


PageT = TypeVar("PageT", bound=Page[Any])


def _page_of(page_model: type[PageT], items: list[Any], page: int, per_page: int) -> PageT:
    start = (page - 1) * per_page
    return page_model.of(items[start : start + per_page], len(items), page, per_page)


# ---- type-ahead -----------------------------------------------------------------------------------------


def suggest(prefix: str, size: int = 10) -> SuggestResponse:
    """Completions for what a user has typed so far: glossary and taxonomy terms, then service names."""
    from local_offer.domain.glossary import normalise
    from local_offer.repositories.search_index import SearchIndexRepository

    typed = normalise(prefix)
    words: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(text: str, kind: str) -> None:
        key = normalise(text)
        if key not in seen and len(words) < size:
            seen.add(key)
            words.append({"text": text, "kind": kind})

    if typed:
        from local_offer.domain.glossary import default_glossary

        for glossary_term in default_glossary().terms():
            if normalise(glossary_term).startswith(typed):
                add(glossary_term, "glossary")
        try:
            for taxonomy in taxonomies():
                for term in taxonomy.taxonomy_terms or ():
                    if normalise(term.name).startswith(typed) or f" {typed}" in f" {normalise(term.name)}":
                        add(term.name, "taxonomy_term")
        except Exception:
            logger.exception("taxonomies unavailable for suggestions")
        for hit in SearchIndexRepository().search(name_prefix_query(prefix, size))["hits"]["hits"]:
            add(hit["_source"]["name"], "service")
    return SuggestResponse.model_validate({"query": prefix, "suggestions": words})
