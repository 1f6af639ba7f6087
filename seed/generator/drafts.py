"""Drafts: what a kind generator decides; `records.Builder.service` turns a draft into an ORUK record."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.common import cap, join_words, uid
from generator.reference import Place, Postcode

DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday", "FR": "Friday", "SA": "Saturday"}
DAY_NAMES["SU"] = "Sunday"
DAY_PLURALS = {code: name + "s" for code, name in DAY_NAMES.items()}
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR"]


@dataclass(frozen=True)
class Venue:
    key: str
    name: str
    place: Place
    postcode: Postcode
    city: str


@dataclass
class Org:
    key: str
    name: str
    description: str
    legal_status: str
    domain: str
    home: Place
    phone: str
    email: str | None = None
    website: str | None = None
    year: int | None = None
    alternate_name: str | None = None
    identifiers: list[tuple[str, str, str]] = field(default_factory=list)
    services: int = 0

    @property
    def id(self) -> str:
        return uid("organization", self.key)


@dataclass
class Draft:
    key: str
    kind: str
    name: str
    org: Org
    description: str
    categories: list[str]
    needs: list[str] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)
    min_age: float | None = None
    max_age: float | None = None
    delivery: str = "physical"  # physical, county (county-wide), online, none
    venues: list[Venue] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    costs: list[tuple[str, float, str | None]] = field(default_factory=list)
    fees_description: str | None = None
    application_process: str | None = None
    eligibility: str | None = None
    url: str | None = None
    email: str | None = None
    phone: str | None = None
    contact_title: str | None = None
    contact_email: str | None = None
    contact_phone: str | None = None
    languages: list[tuple[str, str]] = field(default_factory=list)
    alternate_name: str | None = None
    interpretation: str | None = None
    accreditations: str | None = None
    funding: list[str] = field(default_factory=list)
    status: str | None = None
    alert: str | None = None
    send_report_url: str | None = None
    landmark_queries: list[str] | None = None
    area_description: str | None = None
    local_area: str | None = None
    recent: bool = False
    # Ground truth for relevance tests, not written to any output: the variant that made this draft (its
    # first name template) and the words it was filled with (condition label, sport, course...).
    variant: str | None = None
    facts: dict[str, str] = field(default_factory=dict)


def schedule(
    byday: Sequence[str] | str,
    opens: str,
    closes: str,
    *,
    freq: str = "WEEKLY",
    note: str | None = None,
    interval: int | None = None,
    valid: tuple[dt.date, dt.date] | None = None,
) -> dict[str, Any]:
    """A schedule spec with a human description (RFC 5545 parts plus text families can read)."""
    days = [byday] if isinstance(byday, str) else list(byday)
    if freq == "MONTHLY":
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", days[0])
        assert match, days
        when = f"{cap(ORDINALS[int(match.group(1))])} {DAY_NAMES[match.group(2)]} of each month"
    elif days == WEEKDAYS:
        when = "Monday to Friday"
    elif len(days) == 1:
        when = ("Every other " + DAY_NAMES[days[0]]) if interval == 2 else DAY_PLURALS[days[0]]
    else:
        when = join_words([DAY_PLURALS[day] for day in days])
    text = f"{when}, {opens} to {closes}"
    if note:
        text += f" ({note})"
    spec: dict[str, Any] = {"freq": freq, "byday": ",".join(days), "opens_at": opens, "closes_at": closes}
    spec["description"] = text
    if interval:
        spec["interval"] = interval
    if valid:
        spec["valid_from"], spec["valid_to"] = valid[0].isoformat(), valid[1].isoformat()
    return spec


def describe_schedules(specs: Sequence[dict[str, Any]]) -> str:
    return "; ".join(spec["description"] for spec in specs)


def age_phrase(low: float | None, high: float | None) -> str:
    def fmt(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else f"{value:g}"

    if low is None and high is None:
        return "of any age"
    if low is None:
        return f"up to the age of {fmt(high)}"  # type: ignore[arg-type]
    if high is None:
        return f"aged {fmt(low)} and over"
    if low == 0:
        return f"from birth to {fmt(high)}"
    if low < 1:
        return f"from {round(low * 12)} months to {fmt(high)}"
    return f"aged {fmt(low)} to {fmt(high)}"
