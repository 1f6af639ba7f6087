"""The columns of the spreadsheet template (documented in docs/import.md) and the ids derived from a sheet's
references: what the template is, apart from how a sheet is read (devstack.import_csv).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass

# Ids derived from the council's references and from what a nested object belongs to.
IMPORT_NAMESPACE = uuid.UUID("6f1d8c1e-3b0a-5c36-9a55-2b1f3d0c7a41")


@dataclass(frozen=True)
class Column:
    name: str
    level: str  # "service" (one value per service) or "row" (each service at a location)
    description: str
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("service_id", "service", "The service's UUID or your own reference for it (the import's key).", True),
    Column("service_name", "service", "The service's name.", True),
    Column("service_description", "service", "What the service offers, in plain words."),
    Column("status", "service", "active (default), inactive, defunct or temporarily closed."),
    Column("service_url", "service", "The service's web page (https://...)."),
    Column("service_email", "service", "The service's e-mail address."),
    Column("service_phone", "service", "The service's phone number."),
    Column("fees_description", "service", "What it costs, in words."),
    Column("eligibility_description", "service", "Who can use it."),
    Column("application_process", "service", "How to get it (self-referral, referral by...)."),
    Column("minimum_age", "service", "Youngest age served, in years."),
    Column("maximum_age", "service", "Oldest age served, in years."),
    Column("categories", "service", "DfE Family Hubs service categories, separated by ';'."),
    Column("needs", "service", "SEN primary need codes (ASD, SLCN, SEMH, ...), separated by ';'."),
    Column("markers", "service", "Markers such as free; county-wide; online; self-referral; drop-in; bsl."),
    Column("organization_id", "service", "The organisation's UUID or your own reference (default: from its name)."),
    Column("organization_name", "service", "The organisation that runs the service."),
    Column("organization_description", "service", "What the organisation is (needed with organization_name)."),
    Column("organization_url", "service", "The organisation's web site."),
    Column("contact_name", "service", "A named contact."),
    Column("contact_title", "service", "The contact's job title."),
    Column("contact_email", "service", "The contact's e-mail address."),
    Column("contact_phone", "service", "The contact's phone number."),
    Column("local_area", "service", "Local area id (e.g. durham); default: from the first place's postcode."),
    Column("last_verified", "service", "When the record was last confirmed correct (YYYY-MM-DD)."),
    Column("location_id", "row", "The place's UUID or your own reference (default: from its address)."),
    Column("location_name", "row", "The place's name (e.g. Durham Family Hub)."),
    Column("address_1", "row", "First line of the address (leave the address empty for no place)."),
    Column("address_2", "row", "Second line of the address."),
    Column("city", "row", "Town or city (needed with an address)."),
    Column("state_province", "row", "County (needed with an address)."),
    Column("postal_code", "row", "Postcode (needed with an address)."),
    Column("latitude", "row", "Decimal degrees (default: from a County Durham postcode)."),
    Column("longitude", "row", "Decimal degrees (default: from a County Durham postcode)."),
    Column("accessibility", "row", "Access at this place (step-free, hearing loop, ...)."),
    Column("days", "row", "Days it runs here: MO,TU,... or Monday; Tuesday; ..."),
    Column("opens_at", "row", "Opening time, HH:MM (24-hour)."),
    Column("closes_at", "row", "Closing time, HH:MM (24-hour)."),
    Column("schedule_description", "row", "The times in words (e.g. term time only)."),
)
COLUMN_NAMES = tuple(column.name for column in COLUMNS)
SERVICE_COLUMNS = tuple(column.name for column in COLUMNS if column.level == "service")
ADDRESS_COLUMNS = ("location_id", "location_name", "address_1", "address_2", "city", "state_province", "postal_code")
ADDRESS_COLUMNS += ("latitude", "longitude", "accessibility")
# Column -> the taxonomy (by name) whose terms it holds.
TAXONOMY_COLUMNS: Mapping[str, str] = {
    "categories": "dfe-family-hubs-service-category",
    "needs": "sen-primary-need",
    "markers": "local-offer-marker",
}
# Where a pydantic error inside a built service points, as the column to blame.
FIELD_COLUMNS: Mapping[tuple[str, ...], str] = {
    ("name",): "service_name",
    ("description",): "service_description",
    ("status",): "status",
    ("url",): "service_url",
    ("email",): "service_email",
    ("phones", "*", "number"): "service_phone",
    ("fees_description",): "fees_description",
    ("eligibility_description",): "eligibility_description",
    ("application_process",): "application_process",
    ("minimum_age",): "minimum_age",
    ("maximum_age",): "maximum_age",
    ("organization", "name"): "organization_name",
    ("organization", "description"): "organization_description",
    ("organization", "website"): "organization_url",
    ("contacts", "*", "name"): "contact_name",
    ("contacts", "*", "title"): "contact_title",
    ("contacts", "*", "email"): "contact_email",
    ("contacts", "*", "phones", "*", "number"): "contact_phone",
    ("local_offer", "local_area"): "local_area",
    ("local_offer", "last_verified"): "last_verified",
    ("schedules", "*", "description"): "schedule_description",
    ("service_at_locations", "*", "location", "name"): "location_name",
    ("service_at_locations", "*", "location", "addresses", "*", "address_1"): "address_1",
    ("service_at_locations", "*", "location", "addresses", "*", "address_2"): "address_2",
    ("service_at_locations", "*", "location", "addresses", "*", "city"): "city",
    ("service_at_locations", "*", "location", "addresses", "*", "state_province"): "state_province",
    ("service_at_locations", "*", "location", "addresses", "*", "postal_code"): "postal_code",
    ("service_at_locations", "*", "location", "latitude"): "latitude",
    ("service_at_locations", "*", "location", "longitude"): "longitude",
    ("service_at_locations", "*", "location", "accessibility", "*", "description"): "accessibility",
    ("service_at_locations", "*", "schedules", "*", "description"): "schedule_description",
}
DAY_CODES = {"mo": "MO", "tu": "TU", "we": "WE", "th": "TH", "fr": "FR", "sa": "SA", "su": "SU"}
STATUSES = ("active", "inactive", "defunct", "temporarily closed")


def derived_id(*parts: object) -> str:
    """A stable UUID for what `parts` identify."""
    return str(uuid.uuid5(IMPORT_NAMESPACE, "|".join(str(part).strip().lower() for part in parts)))


def reference_id(kind: str, value: str) -> str:
    """A UUID as given, or the same UUID every time for the council's own reference."""
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return derived_id(kind, value)


def template_header() -> str:
    """The header line of the empty template."""
    return ",".join(COLUMN_NAMES) + "\n"
