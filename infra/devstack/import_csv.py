"""The spreadsheet template for councils: one CSV row per service at a location, turned into ORUK services.

The columns are `COLUMNS` below (documented in docs/import.md; `docs/import/services-template.csv` is the
empty template and `docs/import/example-services.csv` a filled-in example). Rules:

- Rows with the same `service_id` make one service. Service columns may be filled on the service's first row
  only; where a later row fills one, it must say the same.
- `service_id`, `organization_id` and `location_id` may be UUIDs or the council's own references (anything
  else): a reference always becomes the same UUID, so importing the sheet again updates the same services.
  Every other id (addresses, schedules, contacts, taxonomy links) is derived from what it belongs to.
- A row with no address is the service's own row (an online or county-wide service, or extra schedule
  times for the whole service).
- `categories`, `needs` and `markers` hold `;`-separated terms of the stack's taxonomies (the DfE Family
  Hubs service categories, the SEN primary needs, our markers such as `free` or `county-wide`), by term,
  name or id, in any letter case.
- Without `latitude`/`longitude`, a County Durham postcode gives the place's coordinates; without
  `local_area`, the first place's postcode gives the local area.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from devstack.import_columns import (
    ADDRESS_COLUMNS,
    COLUMN_NAMES,
    COLUMNS,
    DAY_CODES,
    FIELD_COLUMNS,
    IMPORT_NAMESPACE,
    SERVICE_COLUMNS,
    STATUSES,
    TAXONOMY_COLUMNS,
    Column,
    derived_id,
    reference_id,
    template_header,
)
from devstack.import_records import Problem, SourcedService

__all__ = [
    "ADDRESS_COLUMNS",
    "COLUMNS",
    "COLUMN_NAMES",
    "DAY_CODES",
    "FIELD_COLUMNS",
    "IMPORT_NAMESPACE",
    "SERVICE_COLUMNS",
    "STATUSES",
    "TAXONOMY_COLUMNS",
    "Column",
    "TermIndex",
    "derived_id",
    "read_csv_services",
    "reference_id",
    "template_header",
]

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


class TermIndex:
    """The stack's taxonomy terms, looked up by taxonomy name and a term's `term`, name or id."""

    def __init__(self, taxonomies: Iterable[Any]) -> None:
        self.taxonomies: dict[str, Any] = {}
        self._terms: dict[tuple[str, str], Any] = {}
        for taxonomy in taxonomies:
            self.taxonomies[taxonomy.name] = taxonomy
            for term in taxonomy.taxonomy_terms or []:
                term = term.model_copy(update={"taxonomy": taxonomy.name, "taxonomy_id": taxonomy.id})
                for key in (term.term, term.name, str(term.id)):
                    if key:
                        self._terms.setdefault((taxonomy.name, key.strip().lower()), term)

    def find(self, taxonomy: str, text: str) -> Any:
        return self._terms.get((taxonomy, text.strip().lower()))


class _Rows:
    """The problems found while reading one service's rows, each at its spreadsheet row."""

    def __init__(self, name: str, problems: list[Problem]) -> None:
        self.name, self.problems = name, problems

    def problem(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(f"{self.name}: row {row}", column, message))


def _number(rows: _Rows, row: int, column: str, text: str) -> float | None:
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        rows.problem(row, column, f"'{text}' is not a number")
        return None


def _clock(rows: _Rows, row: int, column: str, text: str) -> str | None:
    if not text:
        return None
    match = _TIME.match(text)
    if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
        rows.problem(row, column, f"'{text}' is not a time of day as HH:MM (24-hour)")
        return None
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def _days(rows: _Rows, row: int, text: str) -> str | None:
    if not text:
        return None
    codes = []
    for token in re.split(r"[\s,;/]+", text.strip()):
        if not token:
            continue
        code = DAY_CODES.get(token[:2].lower())
        if code is None or not token.isalpha():
            rows.problem(row, "days", f"'{token}' is not a day (MO, TU, ... or Monday, Tuesday, ...)")
            return None
        if code not in codes:
            codes.append(code)
    return ",".join(codes) or None


def _service_values(rows: _Rows, numbered: Sequence[tuple[int, dict[str, str]]]) -> dict[str, str]:
    """Each service column's value: the first row's, or the first row that fills it; others must agree."""
    values: dict[str, str] = {}
    where: dict[str, int] = {}
    for row, cells in numbered:
        for column in SERVICE_COLUMNS:
            value = cells.get(column, "")
            if not value:
                continue
            if column not in values:
                values[column], where[column] = value, row
            elif values[column] != value:
                rows.problem(row, column, f"'{value[:60]}' differs from row {where[column]} ('{values[column][:60]}')")
    return values


def _terms(rows: _Rows, row: int, values: Mapping[str, str], index: TermIndex) -> list[Any]:
    terms = []
    for column, taxonomy in TAXONOMY_COLUMNS.items():
        text = values.get(column, "")
        if not text:
            continue
        if taxonomy not in index.taxonomies:
            rows.problem(row, column, f"the stack has no taxonomy {taxonomy}: load it with `local-offer seed`")
            continue
        for part in (part.strip() for part in text.split(";")):
            if not part:
                continue
            term = index.find(taxonomy, part)
            if term is None:
                rows.problem(row, column, f"'{part}' is not a term of {taxonomy}")
            elif term not in terms:
                terms.append(term)
    return terms


def _place(rows: _Rows, row: int, cells: Mapping[str, str]) -> tuple[float | None, float | None, str | None]:
    """Coordinates (given, or from a County Durham postcode) and the postcode's local area."""
    latitude = _number(rows, row, "latitude", cells.get("latitude", ""))
    longitude = _number(rows, row, "longitude", cells.get("longitude", ""))
    if bool(cells.get("latitude")) != bool(cells.get("longitude")):
        blank = "longitude" if cells.get("latitude") else "latitude"
        rows.problem(row, blank, "give both latitude and longitude, or neither")
    local_area = None
    postcode = cells.get("postal_code", "")
    if postcode:
        from local_offer.domain.places import lookup_postcode
        from local_offer.models.errors import InvalidRequest

        try:
            place = lookup_postcode(postcode)
        except InvalidRequest:
            place = None
        if place is not None and not place.outward_only:
            local_area = place.local_area
            if latitude is None and longitude is None:
                latitude, longitude = place.latitude, place.longitude
    return latitude, longitude, local_area


def _location(rows: _Rows, row: int, cells: Mapping[str, str]) -> tuple[dict[str, Any], str | None]:
    """The ORUK location of a row with an address, and its postcode's local area."""
    for column in ("address_1", "city", "state_province", "postal_code"):
        if not cells.get(column):
            rows.problem(row, column, "needed for a place (or leave every address column empty)")
    location_id = (
        reference_id("location", cells["location_id"])
        if cells.get("location_id")
        else derived_id(
            "location", cells.get("postal_code", ""), cells.get("address_1", ""), cells.get("location_name", "")
        )
    )
    latitude, longitude, local_area = _place(rows, row, cells)
    address = {
        "id": derived_id(location_id, "address"),
        "location_id": location_id,
        "address_1": cells.get("address_1") or None,
        "address_2": cells.get("address_2") or None,
        "city": cells.get("city") or None,
        "state_province": cells.get("state_province") or None,
        "postal_code": cells.get("postal_code") or None,
        "country": "GB",
        "address_type": "physical",
    }
    location: dict[str, Any] = {
        "id": location_id,
        "location_type": "physical",
        "name": cells.get("location_name") or None,
        "latitude": latitude,
        "longitude": longitude,
        "addresses": [address],
    }
    if cells.get("accessibility"):
        location["accessibility"] = [
            {
                "id": derived_id(location_id, "accessibility"),
                "location_id": location_id,
                "description": cells["accessibility"],
            }
        ]
    return location, local_area


def _schedule(rows: _Rows, row: int, owner: dict[str, str], cells: Mapping[str, str]) -> dict[str, Any] | None:
    byday = _days(rows, row, cells.get("days", ""))
    opens = _clock(rows, row, "opens_at", cells.get("opens_at", ""))
    closes = _clock(rows, row, "closes_at", cells.get("closes_at", ""))
    description = cells.get("schedule_description") or None
    if not (byday or opens or closes or description):
        return None
    if opens and closes and closes <= opens:
        rows.problem(row, "closes_at", f"{closes} is not after opens_at {opens}")
    owner_id = next(iter(owner.values()))
    return {
        "id": derived_id(owner_id, "schedule", byday, opens, closes, description),
        **owner,
        "freq": "WEEKLY" if byday else None,
        "byday": byday,
        "opens_at": opens,
        "closes_at": closes,
        "description": description,
    }


def _phone(owner_key: str, owner_id: str, number: str) -> dict[str, Any]:
    return {"id": derived_id(owner_id, "phone", number), owner_key: owner_id, "number": number, "type": "voice"}


def _build_service(
    rows: _Rows, numbered: Sequence[tuple[int, dict[str, str]]], index: TermIndex
) -> tuple[dict[str, Any], dict[int, int]]:
    """The ORUK service (as JSON) of one service's rows, and each service-at-location's first row."""
    first_row = numbered[0][0]
    values = _service_values(rows, numbered)
    service_id = reference_id("service", values["service_id"])
    status = values.get("status", "active").lower()
    if status not in STATUSES:
        rows.problem(first_row, "status", f"'{values['status']}' is not one of {', '.join(STATUSES)}")
    service: dict[str, Any] = {
        "id": service_id,
        "name": values.get("service_name"),
        "description": values.get("service_description"),
        "status": status,
        "url": values.get("service_url"),
        "email": values.get("service_email"),
        "fees_description": values.get("fees_description"),
        "eligibility_description": values.get("eligibility_description"),
        "application_process": values.get("application_process"),
        "minimum_age": _number(rows, first_row, "minimum_age", values.get("minimum_age", "")),
        "maximum_age": _number(rows, first_row, "maximum_age", values.get("maximum_age", "")),
    }
    if values.get("service_phone"):
        service["phones"] = [_phone("service_id", service_id, values["service_phone"])]
    if values.get("organization_name") or values.get("organization_id"):
        organization_id = reference_id(
            "organization", values.get("organization_id") or values.get("organization_name", "")
        )
        service["organization_id"] = organization_id
        service["organization"] = {
            "id": organization_id,
            "name": values.get("organization_name"),
            "description": values.get("organization_description"),
            "website": values.get("organization_url"),
        }
    if any(values.get(column) for column in ("contact_name", "contact_title", "contact_email", "contact_phone")):
        contact_id = derived_id(service_id, "contact")
        contact: dict[str, Any] = {
            "id": contact_id,
            "service_id": service_id,
            "name": values.get("contact_name"),
            "title": values.get("contact_title"),
            "email": values.get("contact_email"),
        }
        if values.get("contact_phone"):
            contact["phones"] = [_phone("contact_id", contact_id, values["contact_phone"])]
        service["contacts"] = [contact]
    terms = _terms(rows, first_row, values, index)
    if terms:
        service["attributes"] = [
            {
                "id": derived_id(service_id, "attribute", term.id),
                "link_entity": "service",
                "link_id": service_id,
                "taxonomy_term_id": str(term.id),
                "taxonomy_term": term.to_json_dict(),
            }
            for term in terms
        ]
    service_schedules: list[dict[str, Any]] = []
    places: dict[str, dict[str, Any]] = {}  # location id -> service at location
    first_rows: dict[int, int] = {}
    local_area = None
    for row, cells in numbered:
        if any(cells.get(column) for column in ADDRESS_COLUMNS):
            location, postcode_area = _location(rows, row, cells)
            local_area = local_area or postcode_area
            at_location = places.get(location["id"])
            if at_location is None:
                at_location = places[location["id"]] = {
                    "id": derived_id(service_id, "at", location["id"]),
                    "service_id": service_id,
                    "location_id": location["id"],
                    "location": location,
                    "schedules": [],
                }
                first_rows[len(places) - 1] = row
            schedule = _schedule(rows, row, {"service_at_location_id": at_location["id"]}, cells)
            if schedule and all(s["id"] != schedule["id"] for s in at_location["schedules"]):
                at_location["schedules"].append(schedule)
        else:
            schedule = _schedule(rows, row, {"service_id": service_id}, cells)
            if schedule and all(s["id"] != schedule["id"] for s in service_schedules):
                service_schedules.append(schedule)
    if places:
        service["service_at_locations"] = list(places.values())
    if service_schedules:
        service["schedules"] = service_schedules
    service["local_offer"] = {
        "local_area": values.get("local_area") or local_area,
        "last_verified": values.get("last_verified"),
    }
    return _without_empty(service), first_rows


def _without_empty(value: Any) -> Any:
    """Drop None values and empty lists, as ORUK JSON omits empty optional fields."""
    if isinstance(value, dict):
        cleaned = {key: _without_empty(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item is not None and item != []}
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value


def _column_for(location: tuple) -> str:
    pattern = tuple("*" if isinstance(part, int) else str(part) for part in location)
    return FIELD_COLUMNS.get(pattern, "")


def read_csv_services(
    path: Path, text: str, taxonomies: Sequence[Any], problems: list[Problem]
) -> list[SourcedService]:
    """The services of a template CSV file, validated; problems are appended, each at its row and column."""
    from local_offer.models.records import PublishedService

    name = path.name
    reader = csv.DictReader(io.StringIO(text))
    header = [column.strip() for column in (reader.fieldnames or [])]
    unknown = [column for column in header if column and column not in COLUMN_NAMES]
    missing = [column.name for column in COLUMNS if column.required and column.name not in header]
    if unknown:
        problems.append(Problem(f"{name}: row 1", ", ".join(unknown), "not a column of the template (docs/import.md)"))
    if missing:
        problems.append(Problem(f"{name}: row 1", ", ".join(missing), "the template's required column is missing"))
    if unknown or missing:
        return []
    reader.fieldnames = header
    rows = _Rows(name, problems)
    by_service: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for number, raw in enumerate(reader, start=2):
        if None in raw:
            extra = raw[None]  # type: ignore[index]  # DictReader's key for cells beyond the header
            rows.problem(number, "(row)", f"{len(extra)} more cell(s) than the header has columns")
            continue
        cells = {column: (value or "").strip() for column, value in raw.items() if column}
        if not any(cells.values()):
            continue
        if not cells.get("service_id"):
            rows.problem(number, "service_id", "needed on every row")
        else:
            by_service.setdefault(cells["service_id"], []).append((number, cells))
    index = TermIndex(taxonomies)
    services = []
    for numbered in by_service.values():
        before = len(problems)
        service, first_rows = _build_service(rows, numbered, index)
        row_numbers = [row for row, _ in numbered]
        where = (
            f"{name}: row {row_numbers[0]}"
            if len(row_numbers) == 1
            else f"{name}: rows {', '.join(map(str, row_numbers))}"
        )
        if len(problems) > before:
            continue
        try:
            services.append(SourcedService(where, PublishedService.model_validate(service)))
        except ValidationError as exc:
            for detail in exc.errors(include_url=False):
                location = tuple(detail["loc"])
                column = _column_for(location) or ".".join(str(part) for part in location)
                row = row_numbers[0]
                if location[:1] == ("service_at_locations",) and isinstance(location[1], int):
                    row = first_rows.get(location[1], row)
                rows.problem(row, column, detail["msg"])
    return services
