"""How a directory record becomes a search document (the index mapping that holds it is in
`repositories/search_index.py`).

The document keeps the full ORUK service under `service` (stored, not indexed) so search answers need no
second read, plus flat fields built for matching, filtering and facets.
"""

from __future__ import annotations

from typing import Any

from local_offer.models.oruk import Service
from local_offer.models.records import ServiceRecord

SEN_NEED_TAXONOMY = "sen-primary-need"
MARKER_TAXONOMY = "local-offer-marker"
CATEGORY_TAXONOMY = "dfe-family-hubs-service-category"

# How a service reaches families, for postcode searches: local services have places; county-wide and
# online ones serve every postcode. The rank orders them in distance sorts (local first).
REACH_RANK = {"local": 0, "county-wide": 1, "online": 2}


def _terms(service: Service) -> list[Any]:
    return [attribute.taxonomy_term for attribute in service.attributes or () if attribute.taxonomy_term]


def category_key(term_id: str, name: str) -> str:
    """A facet bucket key that carries the term's name, so facets need no second lookup."""
    return f"{term_id}|{name}"


def minutes(clock: str | None) -> int | None:
    """`HH:MM[:SS]` as minutes after midnight."""
    if not clock:
        return None
    hours, mins = clock.split(":")[:2]
    return int(hours) * 60 + int(mins)


def _sessions(service: Service) -> list[dict[str, Any]]:
    """One entry per (schedule, weekday): when the service (or any of its places) runs."""
    schedules = list(service.schedules or ())
    for sal in service.service_at_locations or ():
        schedules.extend(sal.schedules or ())
    sessions: list[dict[str, Any]] = []
    for schedule in schedules:
        days: list[str | None] = [*sorted({d.lstrip("-0123456789") for d in (schedule.byday or "").split(",") if d})]
        for day in days or [None]:
            session = {"day": day, "opens": minutes(schedule.opens_at), "closes": minutes(schedule.closes_at)}
            session = {key: value for key, value in session.items() if value is not None}
            if session:
                sessions.append(session)
    return sessions


DAY_NAMES = {
    "MO": "Monday",
    "TU": "Tuesday",
    "WE": "Wednesday",
    "TH": "Thursday",
    "FR": "Friday",
    "SA": "Saturday",
    "SU": "Sunday",
}


def spoken_time(clock: str) -> str:
    """`HH:MM` as people type it: "10:00" -> "10am", "13:30" -> "1:30pm", "12:00" -> "12pm"."""
    hours, mins = (int(part) for part in clock.split(":")[:2])
    suffix = "am" if hours < 12 else "pm"
    hour = hours % 12 or 12
    return f"{hour}{suffix}" if mins == 0 else f"{hour}:{mins:02d}{suffix}"


def schedule_text(service: Service) -> str:
    """When the service (or any of its places) runs, as searchable words: each schedule's description and
    notes, its day names, and its times both as written (10:00) and as people type them (10am)."""
    schedules = list(service.schedules or ())
    for sal in service.service_at_locations or ():
        schedules.extend(sal.schedules or ())
    parts: list[str] = []
    for schedule in schedules:
        parts += [text for text in (schedule.description, schedule.notes) if text]
        days = [DAY_NAMES.get(day.lstrip("-0123456789"), "") for day in (schedule.byday or "").split(",") if day]
        times = [clock[:5] for clock in (schedule.opens_at, schedule.closes_at) if clock]
        parts.append(" ".join([*days, *times, *(spoken_time(clock) for clock in times)]))
    return ". ".join(part for part in dict.fromkeys(parts) if part.strip())


def reach(service: Service, markers: set[str], has_places: bool) -> str:
    """`local` for a service with places (and not marked county-wide), else `county-wide` or `online`."""
    if "county-wide" in markers:
        return "county-wide"
    if has_places:
        return "local"
    places = service.service_at_locations or ()
    virtual = any(sal.location and sal.location.location_type == "virtual" for sal in places)
    return "online" if virtual or "online" in markers else "county-wide"


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
    place_names = sorted(
        {
            name
            for sal in service.service_at_locations or ()
            if sal.location
            for name in [
                sal.location.name,
                *(part for address in sal.location.addresses or () for part in (address.city, address.region)),
            ]
            if name
        }
    )
    markers = {term.term for term in terms if term.taxonomy == MARKER_TAXONOMY and term.term}
    service_reach = reach(service, markers, bool(locations))
    document: dict[str, Any] = {
        "id": str(service.id),
        "record_version": meta.record_version,
        "name": service.name,
        "alternate_name": service.alternate_name,
        "place_names": place_names,
        "organization_name": service.organization.name if service.organization else None,
        "taxonomy_terms": [term.name for term in terms],
        "category_names": [term.name for term in terms if term.taxonomy == CATEGORY_TAXONOMY],
        "description": service.description,
        "schedule_text": schedule_text(service),
        "status": service.status,
        "organization_id": str(service.organization_id) if service.organization_id else None,
        "taxonomy_term_ids": sorted({str(term.id) for term in terms}),
        "taxonomy_ids": sorted({str(term.taxonomy_id) for term in terms if term.taxonomy_id}),
        "need_codes": sorted({term.term for term in terms if term.taxonomy == SEN_NEED_TAXONOMY and term.term}),
        "markers": sorted(markers),
        "categories": sorted(
            {category_key(str(term.id), term.name) for term in terms if term.taxonomy == CATEGORY_TAXONOMY}
        ),
        "has_cost_options": bool(service.cost_options),
        "reach": service_reach,
        "reach_rank": REACH_RANK[service_reach],
        "sessions": _sessions(service),
        "local_area": meta.local_area,
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "locations": [{"lat": loc.latitude, "lon": loc.longitude} for loc in locations],
        "postcodes": postcodes,
        "sal_ids": [str(sal.id) for sal in service.service_at_locations or ()],
        "sals": [
            {
                "id": str(sal.id),
                **(
                    {"lat": sal.location.latitude, "lon": sal.location.longitude}
                    if sal.location and sal.location.latitude is not None and sal.location.longitude is not None
                    else {}
                ),
            }
            for sal in service.service_at_locations or ()
        ],
        "last_modified": service.last_modified.isoformat() if service.last_modified else None,
        "service": record.published().to_json_dict(),
    }
    return {key: value for key, value in document.items() if value not in (None, [], "")}
