"""Open Referral UK (HSDS-UK 3.0) shapes: the public API's records and what they nest.

These models are the source of truth for `schemas/`. Optional fields that are empty are left out of
JSON (dump with ``exclude_none=True``), never written as ``null``. Every id is a UUID.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints

from local_offer.models.base import Model

ServiceStatus = Literal["active", "inactive", "defunct", "temporarily closed"]
PUBLIC_STATUSES: tuple[ServiceStatus, ...] = ("active", "temporarily closed")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
]
Url = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2_000, pattern=r"^https?://\S+$")]
Age = Annotated[float, Field(ge=0, le=120)]


class OrukModel(Model):
    """Base for every ORUK shape: unknown fields are refused so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self, exclude: set[str] | None = None) -> dict:
        """The ORUK JSON form: empty optional fields omitted, ids and dates as strings."""
        return self.model_dump(mode="json", exclude_none=True, exclude=exclude)


class Taxonomy(OrukModel):
    id: UUID
    name: ShortText
    description: Text
    uri: Url | None = None
    version: ShortText | None = None


class TaxonomyTerm(OrukModel):
    id: UUID
    name: ShortText
    description: Text
    parent_id: UUID | None = None
    taxonomy: ShortText | None = None
    taxonomy_id: UUID | None = None
    term_uri: Url | None = None
    term: ShortText | None = None


class TaxonomyWithTerms(Taxonomy):
    """A taxonomy as served by `GET /taxonomies/{id}`, with its terms."""

    taxonomy_terms: list[TaxonomyTerm] | None = None


class Attribute(OrukModel):
    """Links a record to a taxonomy term (need, service category, marker)."""

    id: UUID
    link_id: UUID | None = None
    taxonomy_term_id: UUID | None = None
    link_type: ShortText | None = None
    link_entity: ShortText | None = None
    value: ShortText | None = None
    taxonomy_term: TaxonomyTerm | None = None


class Language(OrukModel):
    id: UUID
    service_id: UUID | None = None
    location_id: UUID | None = None
    phone_id: UUID | None = None
    name: ShortText | None = None
    code: ShortText | None = None
    note: Text | None = None


class Phone(OrukModel):
    id: UUID
    contact_id: UUID | None = None
    service_id: UUID | None = None
    location_id: UUID | None = None
    number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=40)]
    extension: float | None = None
    type: ShortText | None = None
    description: Text | None = None
    languages: list[Language] | None = None


class Contact(OrukModel):
    id: UUID
    service_id: UUID | None = None
    organization_id: UUID | None = None
    location_id: UUID | None = None
    name: ShortText | None = None
    title: ShortText | None = None
    department: ShortText | None = None
    email: Email | None = None
    phones: list[Phone] | None = None
    attributes: list[Attribute] | None = None


class Schedule(OrukModel):
    """When a service runs; `byday` etc. follow RFC 5545 RRULE parts."""

    id: UUID
    service_id: UUID | None = None
    location_id: UUID | None = None
    service_at_location_id: UUID | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    dtstart: dt.date | None = None
    freq: Literal["WEEKLY", "MONTHLY"] | None = None
    interval: Annotated[int, Field(ge=1, le=52)] | None = None
    byday: (
        Annotated[
            str,
            StringConstraints(pattern=r"^(-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))(,-?[1-5]?(MO|TU|WE|TH|FR|SA|SU))*$"),
        ]
        | None
    ) = None
    bymonthday: ShortText | None = None
    description: Text | None = None
    opens_at: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")] | None = None
    closes_at: Annotated[str, StringConstraints(pattern=r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$")] | None = None
    schedule_link: Url | None = None
    attending_type: ShortText | None = None
    notes: Text | None = None


class CostOption(OrukModel):
    id: UUID
    service_id: UUID | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    option: ShortText | None = None
    amount: Annotated[float, Field(ge=0)] | None = None
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] | None = None
    amount_description: Text | None = None


class Funding(OrukModel):
    id: UUID
    service_id: UUID | None = None
    organization_id: UUID | None = None
    source: Text | None = None


class ServiceArea(OrukModel):
    id: UUID
    service_id: UUID | None = None
    name: ShortText | None = None
    description: Text | None = None
    extent: Text | None = None
    extent_type: ShortText | None = None
    uri: Url | None = None
    service_area: ShortText | None = None


class Address(OrukModel):
    id: UUID
    location_id: UUID | None = None
    attention: ShortText | None = None
    address_1: ShortText
    address_2: ShortText | None = None
    city: ShortText
    region: ShortText | None = None
    state_province: ShortText
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=10)]
    country: Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
    address_type: Literal["physical", "postal", "virtual"]


class Accessibility(OrukModel):
    id: UUID
    location_id: UUID | None = None
    description: Text | None = None
    details: Text | None = None
    url: Url | None = None


class Location(OrukModel):
    id: UUID
    location_type: Literal["physical", "postal", "virtual"]
    url: Url | None = None
    organization_id: UUID | None = None
    name: ShortText | None = None
    alternate_name: ShortText | None = None
    description: Text | None = None
    transportation: Text | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    external_identifier: ShortText | None = None
    external_identifier_type: ShortText | None = None
    addresses: list[Address] | None = None
    accessibility: list[Accessibility] | None = None
    attributes: list[Attribute] | None = None


class ServiceAtLocation(OrukModel):
    id: UUID
    service_id: UUID | None = None
    location_id: UUID | None = None
    description: Text | None = None
    location: Location | None = None
    schedules: list[Schedule] | None = None
    contacts: list[Contact] | None = None
    phones: list[Phone] | None = None
    attributes: list[Attribute] | None = None


class OrganizationIdentifier(OrukModel):
    id: UUID
    organization_id: UUID | None = None
    identifier_scheme: ShortText | None = None
    identifier_type: ShortText
    identifier: ShortText


class Organization(OrukModel):
    id: UUID
    name: ShortText
    alternate_name: ShortText | None = None
    description: Text
    email: Email | None = None
    website: Url | None = None
    logo: Url | None = None
    uri: Url | None = None
    legal_status: ShortText | None = None
    year_incorporated: Annotated[int, Field(ge=1000, le=2100)] | None = None
    parent_organization_id: UUID | None = None
    organization_identifiers: list[OrganizationIdentifier] | None = None
    attributes: list[Attribute] | None = None


class Service(OrukModel):
    """A fully nested ORUK service, as returned by `GET /services/{id}`."""

    id: UUID
    organization_id: UUID | None = None
    name: ShortText
    alternate_name: ShortText | None = None
    description: Text | None = None
    url: Url | None = None
    email: Email | None = None
    status: ServiceStatus
    interpretation_services: Text | None = None
    application_process: Text | None = None
    fees_description: Text | None = None
    fees: Text | None = None
    eligibility_description: Text | None = None
    accreditations: Text | None = None
    minimum_age: Age | None = None
    maximum_age: Age | None = None
    assured_date: dt.date | None = None
    assurer_email: Email | None = None
    alert: Text | None = None
    last_modified: dt.datetime | None = None
    schedules: list[Schedule] | None = None
    service_areas: list[ServiceArea] | None = None
    service_at_locations: list[ServiceAtLocation] | None = None
    languages: list[Language] | None = None
    organization: Organization | None = None
    funding: list[Funding] | None = None
    cost_options: list[CostOption] | None = None
    contacts: list[Contact] | None = None
    phones: list[Phone] | None = None
    attributes: list[Attribute] | None = None
