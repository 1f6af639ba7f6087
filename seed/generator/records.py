"""Drafts to ORUK records: dates, and the `Builder` that turns a draft into a `PublishedService`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.common import (
    EARLIEST_DATE,
    MARKER_TAXONOMY,
    REFERENCE_DATE,
    SEN_NEED_TAXONOMY,
    SERVICE_CATEGORY_TAXONOMY,
    uid,
)
from generator.drafts import Draft, Org, Venue
from generator.state import Gen


def _datetime(day: dt.date, g: Gen) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, g.rng.randint(8, 17), g.rng.randrange(60), tzinfo=dt.UTC)


def _day_between(g: Gen, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=g.rng.randint(0, max(0, (end - start).days)))


def assign_dates(g: Gen, draft: Draft) -> tuple[dt.datetime, dt.datetime, dt.date | None]:
    """last_modified, last_verified and assured_date, spread between 2023-01 and the reference date."""
    last_day = REFERENCE_DATE - dt.timedelta(days=2)
    year_ago = REFERENCE_DATE - dt.timedelta(days=365)
    two_years_ago = REFERENCE_DATE - dt.timedelta(days=730)
    if draft.recent:
        modified = _day_between(g, dt.date(2026, 5, 1), last_day - dt.timedelta(days=10))
    elif draft.status in ("inactive", "defunct"):
        modified = _day_between(g, EARLIEST_DATE, dt.date(2025, 6, 30))
    else:
        roll = g.rng.random()
        if roll < 0.5:
            modified = _day_between(g, year_ago, last_day)
        elif roll < 0.8:
            modified = _day_between(g, two_years_ago, year_ago - dt.timedelta(days=1))
        else:
            modified = _day_between(g, EARLIEST_DATE, two_years_ago - dt.timedelta(days=1))
    roll = g.rng.random()
    if roll < 0.3:
        verified = modified
    elif roll < 0.85:
        verified = min(last_day, modified + dt.timedelta(days=g.rng.randint(0, 21)))
    else:
        verified = _day_between(g, modified, last_day)
    assured = None
    if draft.status == "active" and (draft.recent or g.chance(0.35)):
        assured = _day_between(g, modified, verified)
    return _datetime(modified, g), _datetime(verified, g), assured


class Builder:
    def __init__(self, g: Gen) -> None:
        self.g = g
        self._locations: dict[str, dict[str, Any]] = {}

    def organization(self, org: Org) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": org.id,
            "name": org.name,
            "alternate_name": org.alternate_name,
            "description": org.description,
            "email": org.email,
            "website": org.website,
            "legal_status": org.legal_status,
            "year_incorporated": org.year,
        }
        if org.identifiers:
            data["organization_identifiers"] = [
                {
                    "id": uid("organization-identifier", org.key, scheme, identifier),
                    "organization_id": org.id,
                    "identifier_scheme": scheme,
                    "identifier_type": kind,
                    "identifier": identifier,
                }
                for scheme, kind, identifier in org.identifiers
            ]
        return data

    def location(self, venue: Venue) -> dict[str, Any]:
        if venue.key not in self._locations:
            location_id = uid("location", venue.key)
            extras = self.g.venue_extras.get(venue.key, {})
            data: dict[str, Any] = {
                "id": location_id,
                "location_type": "physical",
                "name": venue.name,
                "latitude": venue.postcode.lat,
                "longitude": venue.postcode.lon,
                "addresses": [
                    {
                        "id": uid("address", venue.key),
                        "location_id": location_id,
                        "address_1": venue.name,
                        "city": venue.city,
                        "state_province": "County Durham",
                        "postal_code": venue.postcode.code,
                        "country": "GB",
                        "address_type": "physical",
                    }
                ],
            }
            if "accessibility" in extras:
                data["accessibility"] = [
                    {
                        "id": uid("accessibility", venue.key),
                        "location_id": location_id,
                        "description": extras["accessibility"],
                    }
                ]
            if "transportation" in extras:
                data["transportation"] = extras["transportation"]
            self._locations[venue.key] = data
        return self._locations[venue.key]

    def attribute(self, service_id: str, key: str, term: dict[str, Any], value: str | None = None) -> dict[str, Any]:
        data = {
            "id": uid(key, "attribute", term["id"]),
            "link_id": service_id,
            "link_entity": "service",
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        if value:
            data["value"] = value
        return data

    def service(self, d: Draft) -> dict[str, Any]:
        g, tax = self.g, self.g.tax
        sid = uid("service", d.key)
        modified, verified, assured = assign_dates(g, d)
        attributes = [self.attribute(sid, d.key, tax.term(SERVICE_CATEGORY_TAXONOMY, c)) for c in d.categories]
        attributes += [self.attribute(sid, d.key, tax.term(SEN_NEED_TAXONOMY, code)) for code in d.needs]
        for code in sorted(d.markers):
            value = d.send_report_url if code == "send-information-report" else None
            attributes.append(self.attribute(sid, d.key, tax.term(MARKER_TAXONOMY, code), value))

        def schedules(owner: str, owner_id: str, suffix: str) -> list[dict[str, Any]]:
            return [
                {"id": uid(d.key, "schedule", suffix, n), owner: owner_id, **spec} for n, spec in enumerate(d.schedules)
            ]

        record: dict[str, Any] = {
            "id": sid,
            "organization_id": d.org.id,
            "name": d.name,
            "alternate_name": d.alternate_name,
            "description": d.description,
            "url": d.url,
            "email": d.email,
            "status": d.status,
            "interpretation_services": d.interpretation,
            "application_process": d.application_process,
            "fees_description": d.fees_description,
            "eligibility_description": d.eligibility,
            "accreditations": d.accreditations,
            "minimum_age": d.min_age,
            "maximum_age": d.max_age,
            "assured_date": assured.isoformat() if assured else None,
            "assurer_email": "localoffer@durhamcc.example.org" if assured else None,
            "alert": d.alert,
            "last_modified": modified.isoformat().replace("+00:00", "Z"),
            "organization": self.organization(d.org),
            "attributes": attributes,
        }
        sals = []
        for n, venue in enumerate(d.venues):
            location = self.location(venue)
            sal_id = uid(d.key, "service-at-location", n)
            sal: dict[str, Any] = {"id": sal_id, "service_id": sid, "location_id": location["id"], "location": location}
            if d.schedules:
                sal["schedules"] = schedules("service_at_location_id", sal_id, str(n))
            sals.append(sal)
        if d.delivery == "online":
            location_id = uid("location", "virtual", d.key)
            sals.append(
                {
                    "id": uid(d.key, "service-at-location", "virtual"),
                    "service_id": sid,
                    "location_id": location_id,
                    "location": {
                        "id": location_id,
                        "location_type": "virtual",
                        "name": "Online and by phone",
                        "url": d.url or d.org.website,
                    },
                }
            )
        if sals:
            record["service_at_locations"] = sals
        if d.schedules and not d.venues:
            record["schedules"] = schedules("service_id", sid, "service")
        if d.delivery == "county":
            record["service_areas"] = [
                {
                    "id": uid(d.key, "service-area"),
                    "service_id": sid,
                    "name": "County Durham",
                    "description": d.area_description or "All of County Durham.",
                    "extent_type": "local authority",
                }
            ]
        if d.costs:
            record["cost_options"] = [
                {
                    "id": uid(d.key, "cost-option", n),
                    "service_id": sid,
                    "option": option,
                    "amount": amount,
                    "currency": "GBP",
                    "amount_description": note,
                }
                for n, (option, amount, note) in enumerate(d.costs)
            ]
        if d.phone:
            record["phones"] = [{"id": uid(d.key, "phone"), "service_id": sid, "number": d.phone, "type": "voice"}]
        if d.contact_title:
            contact_id = uid(d.key, "contact")
            contact: dict[str, Any] = {
                "id": contact_id,
                "service_id": sid,
                "title": d.contact_title,
                "email": d.contact_email,
            }
            if d.contact_phone:
                contact["phones"] = [
                    {
                        "id": uid(d.key, "contact-phone"),
                        "contact_id": contact_id,
                        "number": d.contact_phone,
                        "type": "voice",
                    }
                ]
            record["contacts"] = [contact]
        if d.languages:
            record["languages"] = [
                {"id": uid(d.key, "language", code), "service_id": sid, "name": name, "code": code}
                for name, code in d.languages
            ]
        if d.funding:
            record["funding"] = [
                {"id": uid(d.key, "funding", n), "service_id": sid, "source": source}
                for n, source in enumerate(d.funding)
            ]
        local_area = d.local_area or (d.venues[0].postcode.aap_id if d.venues else d.org.home.aap_id)
        record["local_offer"] = {
            "record_version": 1,
            "last_verified": verified.isoformat().replace("+00:00", "Z"),
            "local_area": local_area,
            "sample_data": True,
            "send_information_report_url": d.send_report_url,
        }
        return record
