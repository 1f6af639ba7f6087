#!/usr/bin/env python3
# ruff: noqa: RUF001  (service names use the en dash between a service and its place, as printed names do)
"""Generate the County Durham sample directory and the reference lookups the functions ship with.

    .venv/bin/python seed/generate.py [--reference DIR] [--out DIR] [--data-out DIR]

Inputs are the openly licensed reference files in `seed/reference/` (see `seed/reference/SOURCES.md`).
Outputs (see `seed/README.md`):

    seed/directory/services.ndjson.gz   3,600 `PublishedService` records, one JSON object a line
    seed/directory/taxonomies.json      every taxonomy with its terms (ORUK `TaxonomyWithTerms`)
    seed/directory/local_areas.json     the 14 Area Action Partnerships
    seed/directory/landmarks.json       well-known named services and their ids, for relevance tests
    seed/directory/manifest.json        files, record counts, sha256, generator version, attribution
    functions/local_offer/data/postcodes.csv.gz, sectors.csv, outcodes.csv, ATTRIBUTION.txt

Everything is deterministic: one `random.Random(RANDOM_SEED)`, ids are uuid5 of a fixed namespace and a
stable key, dates are spread around a fixed reference date, JSON keys are sorted and gzip headers carry
no time or file name. Running it twice gives byte-identical files. Standard library only, plus the
project's pydantic models to validate every record before it is written.

Every service is generated sample data (`local_offer.sample_data: true`). Places, postcodes, schools and
taxonomies are real; organisations, services, people's roles and contact details are invented, and
phone numbers, e-mail addresses and web sites use ranges and domains reserved for fiction or examples.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import math
import random
import re
import sys
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT / "seed" / "reference"
DEFAULT_OUT = REPO_ROOT / "seed" / "directory"
DEFAULT_DATA_OUT = REPO_ROOT / "functions" / "local_offer" / "data"

GENERATOR_VERSION = "1.0.0"
RANDOM_SEED = 20261101
REFERENCE_DATE = dt.date(2026, 11, 1)
EARLIEST_DATE = dt.date(2023, 1, 3)
NAMESPACE = uuid.UUID("6f1d2c4e-9a51-5b0e-8c3d-2d7e4a1b9c60")
TOTAL_SERVICES = 3_600

SERVICE_CATEGORY_TAXONOMY = "dfe-family-hubs-service-category"
SEN_NEED_TAXONOMY = "sen-primary-need"
MARKER_TAXONOMY = "local-offer-marker"

ATTRIBUTION = [
    "Contains OS data © Crown copyright and database right 2022. Contains Royal Mail data © Royal Mail "
    "copyright and database right 2022. Contains National Statistics data © Crown copyright and database "
    "right 2022. (Open Government Licence v3.0)",
    "Contains public sector information licensed under the Open Government Licence v3.0 (ONS, DfE).",
    "GeoNames postal code data, CC BY 4.0, www.geonames.org.",
    "DfE Family Hubs service directory taxonomy: DFE-Digital/fh-service-directory-api, "
    "MIT licence, © 2022 Department for Education - Digital.",
]
SAMPLE_DATA_STATEMENT = (
    "All services and organisations in the seed directory are generated sample data, not real services: "
    "names, descriptions, opening times, prices and contact details are invented. Places, postcodes, "
    "school names and taxonomies come from open reference data."
)
DRAMA_PHONE_BLOCKS = (
    "0191 498 0",
    "01632 960",
)  # Ofcom numbers reserved for drama: 0191 498 0000-0999, 01632 960000-960999


# ---------------------------------------------------------------------------------------------------------------------
# Small helpers


def uid(*parts: object) -> str:
    """A stable UUID for a key: uuid5 of the fixed namespace."""
    return str(uuid.uuid5(NAMESPACE, "/".join(str(part) for part in parts)))


def slugify(text: str, limit: int = 48) -> str:
    text = text.lower().replace("&", " and ").replace("'", "").replace("’", "")
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def clean_place_name(name: str) -> str:
    """'Brandon (County Durham)' -> 'Brandon'; the gazetteer's 'Pelton, West' -> 'West Pelton'."""
    name = re.sub(r"\s*\(.*\)$", "", name).strip()
    if ", " in name:
        head, _, qualifier = name.partition(", ")
        name = f"{qualifier} {head}"
    return name.replace("St. Johns", "St John's").replace("St. ", "St ")


def join_words(words: Sequence[str]) -> str:
    words = list(words)
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
    y = math.radians(lat2 - lat1)
    return 6371.0 * math.hypot(x, y)


def read_csv(path: Path) -> list[dict[str, str]]:
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


# ---------------------------------------------------------------------------------------------------------------------
# Reference data


@dataclass(frozen=True)
class Postcode:
    code: str
    lat: float
    lon: float
    aap_id: str


# Towns big enough for a leisure centre, library, health centre or family hub in the made-up venues.
MAJOR_TOWNS = frozenset(
    [
        "Durham", "Chester-le-Street", "Consett", "Stanley", "Annfield Plain", "Peterlee", "Seaham", "Easington",
        "Horden", "Murton", "Bishop Auckland", "Shildon", "West Auckland", "Crook", "Willington", "Tow Law",
        "Spennymoor", "Newton Aycliffe", "Ferryhill", "Sedgefield", "Trimdon", "Coxhoe", "Wingate",
        "Blackhall Colliery", "Shotton Colliery", "Barnard Castle", "Middleton-in-Teesdale", "Stanhope",
        "Wolsingham", "Lanchester", "Brandon", "Sacriston",
    ]
)  # fmt: skip


@dataclass(frozen=True)
class Place:
    name: str
    kind: str  # BUA (built-up area, a town) or LOC (locality, a village)
    lat: float
    lon: float
    aap_id: str
    weight: float

    @property
    def is_town(self) -> bool:
        return self.name in MAJOR_TOWNS


@dataclass(frozen=True)
class Aap:
    id: str
    name: str
    short_name: str
    lat: float
    lon: float
    population: int
    districts: tuple[str, ...]
    settlements: tuple[str, ...]


class Reference:
    """The reference files, loaded and indexed for nearest-neighbour look-ups."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.aaps = [
            Aap(
                id=row["aap_id"],
                name=row["name"],
                short_name=row["short_name"],
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                population=int(row["population_approx"]),
                districts=tuple(part.strip() for part in row["postcode_districts"].split(";")),
                settlements=tuple(part.strip() for part in row["main_settlements"].split(";")),
            )
            for row in read_csv(directory / "county_durham_aaps.csv")
        ]
        self.aap_by_id = {aap.id: aap for aap in self.aaps}
        self.postcodes = [
            Postcode(row["postcode"], round(float(row["lat"]), 5), round(float(row["lon"]), 5), row["aap_id"])
            for row in read_csv(directory / "county_durham_postcodes.csv.gz")
        ]
        self.postcodes.sort(key=lambda pc: pc.code)
        self.postcode_by_code = {pc.code: pc for pc in self.postcodes}
        self._grid: dict[tuple[int, int], list[Postcode]] = {}
        for pc in self.postcodes:
            self._grid.setdefault(self._cell(pc.lat, pc.lon), []).append(pc)
        self.districts = read_csv(directory / "postcode_districts_ne.csv")
        self.sectors = read_csv(directory / "postcode_sectors_ne.csv")
        self.places = self._load_places()
        self._place_grid: dict[tuple[int, int], list[Place]] = {}
        for place in self.places:
            self._place_grid.setdefault(self._cell(place.lat, place.lon), []).append(place)
        self.schools = read_csv(directory / "county_durham_schools_2022.csv")
        self.service_categories = read_csv(directory / "dfe_family_hubs_service_taxonomy.csv")
        self.need_types = read_csv(directory / "dfe_sen_primary_need_types.csv")
        self._near_cache: dict[tuple[float, float], list[Postcode]] = {}

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return (math.floor(lat * 40), math.floor(lon * 25))

    def _load_places(self) -> list[Place]:
        settlements = {name for aap in self.aaps for name in aap.settlements}
        # Localities (LOC) include farms, streets and estates; keep the villages GeoNames or the AAPs also name.
        villages = settlements | {
            name.strip() for row in self.districts for name in row["geonames_places"].split(";") if name.strip()
        }
        places: dict[str, Place] = {}
        rows = read_csv(self.directory / "county_durham_places.csv")
        rows.sort(key=lambda row: (row["type"] != "BUA", row["ipn_code"]))  # towns first, then stable order
        for row in rows:
            if row["type"] not in ("BUA", "LOC") or float(row["nearest_postcode_km"]) > 1.0:
                continue
            name = clean_place_name(row["name"])
            if name in places or (row["type"] == "LOC" and name not in villages):
                continue
            lat, lon = float(row["lat"]), float(row["lon"])
            # Weight by how many postcodes lie within 1.2 km: a stand-in for population.
            weight = max(1.0, float(len(self.postcodes_within(lat, lon, 1.2))))
            if name in settlements:
                weight *= 1.5
            places[name] = Place(name, row["type"], lat, lon, row["aap_id"], weight)
        return sorted(places.values(), key=lambda place: place.name)

    def postcodes_within(self, lat: float, lon: float, km: float) -> list[Postcode]:
        row, col = self._cell(lat, lon)
        return [
            pc
            for r in range(row - 1, row + 2)
            for c in range(col - 1, col + 2)
            for pc in self._grid.get((r, c), ())
            if distance_km(lat, lon, pc.lat, pc.lon) <= km
        ]

    def near_postcodes(self, lat: float, lon: float, count: int = 12) -> list[Postcode]:
        """The `count` postcodes nearest a point (ties broken by postcode)."""
        key = (lat, lon)
        if key not in self._near_cache:
            row, col = self._cell(lat, lon)
            found: list[tuple[float, str, Postcode]] = []
            for reach in (1, 2, 4):
                found = [
                    (distance_km(lat, lon, pc.lat, pc.lon), pc.code, pc)
                    for r in range(row - reach, row + reach + 1)
                    for c in range(col - reach, col + reach + 1)
                    for pc in self._grid.get((r, c), ())
                ]
                if len(found) >= count:
                    break
            found.sort(key=lambda item: (item[0], item[1]))
            self._near_cache[key] = [item[2] for item in found[:count]]
        return self._near_cache[key]

    def nearest_place(self, lat: float, lon: float, towns_first: bool = False) -> Place:
        row, col = self._cell(lat, lon)
        candidates = [
            place
            for r in range(row - 2, row + 3)
            for c in range(col - 2, col + 3)
            for place in self._place_grid.get((r, c), ())
        ] or self.places

        def rank(place: Place) -> tuple[float, str]:
            distance = distance_km(lat, lon, place.lat, place.lon)
            if towns_first and place.is_town:
                distance -= 1.5  # the town a postcode belongs to, unless a village is clearly nearer
            return (distance, place.name)

        return min(candidates, key=rank)


# ---------------------------------------------------------------------------------------------------------------------
# Taxonomies


@dataclass
class Taxonomies:
    taxonomies: list[dict[str, Any]]
    terms: dict[tuple[str, str], dict[str, Any]]  # (taxonomy, code) -> taxonomy term

    def term(self, taxonomy: str, code: str) -> dict[str, Any]:
        try:
            return self.terms[(taxonomy, code)]
        except KeyError:
            raise KeyError(f"unknown {taxonomy} term {code!r}") from None


MARKERS: list[tuple[str, str, str]] = [
    ("free", "Free", "No charge to families."),
    ("county-wide", "County-wide", "Available to families living anywhere in County Durham."),
    ("online", "Online or by phone", "Delivered online, by video call or by phone rather than at a venue."),
    ("referral-required", "Referral required", "A professional referral or an assessment is needed before use."),
    ("self-referral", "Self-referral", "Families and young people can contact the service directly."),
    ("drop-in", "Drop-in", "No booking needed: come along during the session times."),
    ("school-holidays", "School holidays", "Runs during the school holidays."),
    ("wheelchair-accessible", "Wheelchair accessible", "Step-free access and an accessible toilet at the venue."),
    ("bsl", "British Sign Language (BSL)", "Staff or interpreters can communicate in British Sign Language."),
    (
        "send-information-report",
        "SEND information report",
        "The school publishes a SEND information report; the attribute value is its address.",
    ),
]


def build_taxonomies(ref: Reference) -> Taxonomies:
    terms: dict[tuple[str, str], dict[str, Any]] = {}
    taxonomies: list[dict[str, Any]] = []

    dfe_id = uid("taxonomy", SERVICE_CATEGORY_TAXONOMY)
    dfe_terms = []
    labels = {row["id"]: row["term"] for row in ref.service_categories}
    for row in ref.service_categories:
        parent = row["parent_id"] or None
        description = (
            f"DfE Family Hubs service category: {row['parent_term']} > {row['term']}."
            if parent
            else f"DfE Family Hubs service category (top level): {row['term']}."
        )
        term = {
            "id": row["id"],
            "name": row["term"],
            "description": description,
            "taxonomy": SERVICE_CATEGORY_TAXONOMY,
            "taxonomy_id": dfe_id,
            "term": row["term"],
        }
        if parent:
            term["parent_id"] = parent
            assert parent in labels
        terms[(SERVICE_CATEGORY_TAXONOMY, row["term"])] = term
        dfe_terms.append(term)
    taxonomies.append(
        {
            "id": dfe_id,
            "name": SERVICE_CATEGORY_TAXONOMY,
            "description": "Department for Education Family Hubs service directory categories (6 top-level and "
            "43 second-level service categories, including 12 SEND categories), with the DfE's own ids.",
            "uri": "https://github.com/DFE-Digital/fh-service-directory-api",
            "version": "2023-01",
            "taxonomy_terms": dfe_terms,
        }
    )

    need_id = uid("taxonomy", SEN_NEED_TAXONOMY)
    need_terms = []
    for row in ref.need_types:
        area = row["send_cop_area_of_need"]
        description = f"DfE SEN primary need type {row['code']}: {row['label']}."
        if area:
            description += f" SEND Code of Practice area of need: {area}."
        term = {
            "id": uid("taxonomy-term", SEN_NEED_TAXONOMY, row["code"]),
            "name": row["label"],
            "description": description,
            "taxonomy": SEN_NEED_TAXONOMY,
            "taxonomy_id": need_id,
            "term": row["code"],
        }
        terms[(SEN_NEED_TAXONOMY, row["code"])] = term
        need_terms.append(term)
    taxonomies.append(
        {
            "id": need_id,
            "name": SEN_NEED_TAXONOMY,
            "description": "Special educational needs primary need types as used in the DfE school census and "
            "SEN2 statistics; the term is the DfE code (e.g. ASD, SLCN, SEMH).",
            "version": "2025",
            "taxonomy_terms": need_terms,
        }
    )

    marker_id = uid("taxonomy", MARKER_TAXONOMY)
    marker_terms = []
    for code, name, description in MARKERS:
        term = {
            "id": uid("taxonomy-term", MARKER_TAXONOMY, code),
            "name": name,
            "description": description,
            "taxonomy": MARKER_TAXONOMY,
            "taxonomy_id": marker_id,
            "term": code,
        }
        terms[(MARKER_TAXONOMY, code)] = term
        marker_terms.append(term)
    taxonomies.append(
        {
            "id": marker_id,
            "name": MARKER_TAXONOMY,
            "description": "Local Offer markers: practical facts families filter on (free, drop-in, online, "
            "county-wide, referral needed, accessibility).",
            "version": "1",
            "taxonomy_terms": marker_terms,
        }
    )
    return Taxonomies(taxonomies, terms)


# ---------------------------------------------------------------------------------------------------------------------
# Drafts: what a kind generator decides; `Builder.service` turns a draft into an ORUK record.

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


# ---------------------------------------------------------------------------------------------------------------------
# Shared sentence pools

ACCESS_TEXT: dict[str, list[str]] = {
    "referral": [
        "Referrals come from GPs, health visitors, school nurses, SENCos and other professionals; ask whoever knows "
        "your child best to refer.",
        "You will need a referral from a professional involved with your child, such as a GP, paediatrician or SENCo.",
        "Access is by referral. Your child's school or GP can make it, and the team contacts families within four "
        "weeks of receiving it.",
        "Referrals are accepted from professionals working with the family; if you are unsure whether to ask for "
        "one, ring the team to talk it through first.",
        "A referral is needed. Professionals can use the online referral form; please include any reports you "
        "already have, such as an EHCP or a diagnosis letter.",
    ],
    "self": [
        "Parents and carers can get in touch directly: no referral or diagnosis is needed.",
        "You can refer yourself by phone or email, and professionals can refer with the family's consent.",
        "No referral is needed. Call or email for a chat about whether it is right for your family.",
        "Families can contact us directly, and young people aged 16 and over can get in touch themselves.",
        "Get in touch directly; you do not need a diagnosis or an EHCP to use the service.",
    ],
    "dropin": [
        "Just drop in: there is no need to book, and you can stay for as long as suits you.",
        "Drop in any time during the session; newcomers are always welcome and someone will show you around.",
        "No need to book. If it is your first visit you may like to ring ahead so someone can look out for you.",
        "It is a drop-in, so come along when you can; there is no charge and no paperwork.",
    ],
    "booking": [
        "Places are limited, so please book in advance by phone or email.",
        "Booking is essential, and sessions fill quickly in the school holidays.",
        "Book a place by phone or email; a short booking form asks about your child's needs so staff can plan "
        "the right support.",
        "Please book before your first session so we can arrange the right staffing for your child.",
        "Spaces are offered on a first come, first served basis; ring to check availability and join the "
        "waiting list if sessions are full.",
    ],
    "cypn": [
        "Children must be registered with the Children and Young People's Network (CYPN) to book; registration "
        "is free for families of children with SEND.",
        "Open to children registered with the Children and Young People's Network (CYPN), who receive "
        "programme details by email each term.",
    ],
    "assessment": [
        "Access follows an assessment of the child's and family's needs by the Disabled Children's Team.",
        "Places are allocated after a social care assessment; ask your social worker or the Disabled "
        "Children's Team about a referral.",
        "A needs assessment decides the level of support; families can ask for one through First Contact.",
    ],
}
APPLICATION_TEXT: dict[str, list[str]] = {
    "referral": [
        "Referral by a professional (GP, health visitor, school nurse, SENCo, social worker or paediatrician).",
        "Professional referral using the service's referral form, with the family's consent.",
        "Ask your child's GP, school SENCo or health visitor to make a referral.",
    ],
    "self": [
        "Self-referral by phone or email; professionals may also refer with consent.",
        "Contact the service directly by phone or email.",
        "Call, email or fill in the contact form on the website.",
    ],
    "dropin": ["Drop in during session times; no booking needed.", "No referral or booking: just come along."],
    "booking": [
        "Book in advance by phone or email.",
        "Book online or by phone; a booking form asks about any support your child needs.",
        "Contact the organiser to book a place.",
    ],
    "cypn": ["Register with the Children and Young People's Network (CYPN), then book through the CYPN programme."],
    "assessment": ["Following a needs assessment by the Disabled Children's Team or a social worker."],
}
ACCESS_MARKERS = {"referral": "referral-required", "self": "self-referral", "dropin": "drop-in"}
ACCESS_MARKERS.update({"assessment": "referral-required", "booking": "self-referral", "cypn": "referral-required"})

PRACTICAL_TEXT: list[tuple[str, str | None]] = [
    ("The venue has step-free access, an accessible toilet and free parking.", "wheelchair-accessible"),
    ("There is a quiet room for anyone who needs a break from the noise.", None),
    ("Staff use Makaton and visual timetables.", None),
    ("Siblings are welcome too.", None),
    ("Tea, coffee and biscuits are provided.", None),
    ("Ear defenders and fidget toys are available to borrow during sessions.", None),
    ("A BSL interpreter can be booked with two weeks' notice.", "bsl"),
    ("The building is on a main bus route and has parking right outside.", None),
    ("A visual story of the venue can be sent before your first visit.", None),
    ("There is a Changing Places toilet with a hoist and an adult-sized changing bench.", "wheelchair-accessible"),
    ("The building is fully accessible for wheelchair users.", "wheelchair-accessible"),
    ("Lighting and music are kept low, and there is space to move around freely.", None),
    ("Staff hold first aid certificates and have had autism awareness training.", None),
    ("Young people can bring a parent, carer or support worker with them.", None),
]
ACCESSIBILITY_TEXT = [
    "Step-free entrance and accessible toilet.",
    "Ramp at the main entrance; accessible toilet on the ground floor; hearing loop at reception.",
    "Level access throughout, accessible parking bays and an accessible toilet.",
    "Lift to all floors, accessible toilet and baby change.",
    "Changing Places toilet with ceiling hoist and height-adjustable bench.",
    "Ground floor rooms only; wide doors and an accessible toilet.",
]
TRANSPORT_TEXT = [
    "Bus stop outside; free car park on site.",
    "On the main bus route through {place}; limited on-street parking.",
    "Free parking next to the building, including blue badge bays.",
    "A short walk from the bus station in {place}.",
    "Parking at the rear of the building; the nearest bus stop is a two-minute walk away.",
]
FUNDERS = [
    "Durham County Council Area Action Partnership grant",
    "Durham County Council short breaks grant",
    "Local fundraising and donations",
    "NHS North East and North Cumbria Integrated Care Board",
    "Parent membership subscriptions",
    "Community foundation grant",
    "Holiday Activities and Food programme (Department for Education)",
]
TEMP_CLOSED_ALERTS = [
    "Sessions are paused while the venue is refurbished; they will restart once the work is finished.",
    "Temporarily closed because of staff shortages. Please phone before travelling.",
    "Not running this term; the group hopes to restart next term at a new venue.",
    "Paused over the winter. Follow the organisation's updates for the restart date.",
    "Closed to new referrals while the waiting list is reviewed.",
    "The venue is closed for building repairs; sessions are moving and the new venue will be listed here.",
]
CONTACT_TITLES = ["Group coordinator", "Admin team", "Service manager", "Duty worker", "Volunteer organiser"]


# ---------------------------------------------------------------------------------------------------------------------
# Areas used in names: AAP areas, and the five localities NHS and council teams still work in.

AREA_NAMES: dict[str, list[str]] = {
    "3towns": ["Crook and Willington", "Three Towns", "Crook"],
    "4together": ["Ferryhill and Chilton", "Ferryhill", "4 Together"],
    "bash": ["Bishop Auckland", "Bishop Auckland and Shildon", "Auckland"],
    "cls": ["Chester-le-Street", "North Durham", "Chester-le-Street and District"],
    "dv": ["Derwent Valley", "Consett", "Derwentside"],
    "durham": ["Durham City", "Durham", "City of Durham"],
    "ed": ["East Durham", "Easington", "Durham Coast"],
    "edrc": ["Sedgefield", "East Durham Rural", "Trimdon and Sedgefield"],
    "gamp": ["Newton Aycliffe", "Great Aycliffe", "Aycliffe"],
    "md": ["Mid Durham", "Deerness Valley", "Brandon and Lanchester"],
    "spen": ["Spennymoor", "Spennymoor and Tudhoe", "Spennymoor"],
    "stanley": ["Stanley", "Stanley and Annfield Plain", "Derwentside"],
    "tap": ["Teesdale", "Barnard Castle", "Teesdale"],
    "weardale": ["Weardale", "Upper Weardale", "Durham Dales"],
}
LOCALITIES: list[tuple[str, str, list[str]]] = [
    ("Durham and Chester-le-Street", "Durham", ["durham", "cls", "md"]),
    ("Derwentside", "Consett", ["dv", "stanley"]),
    ("Easington", "Peterlee", ["ed"]),
    ("Sedgefield", "Newton Aycliffe", ["edrc", "gamp", "spen", "4together"]),
    ("Durham Dales", "Bishop Auckland", ["bash", "3towns", "weardale", "tap"]),
]
LOCALITY_OF = {aap_id: name for name, _, aap_ids in LOCALITIES for aap_id in aap_ids}
LOCALITY_AAPS = {name: aap_ids for name, _, aap_ids in LOCALITIES}
LOCALITY_TOWNS = {
    "Durham and Chester-le-Street": ["Durham", "Chester-le-Street", "Lanchester"],
    "Derwentside": ["Consett", "Stanley", "Annfield Plain"],
    "Easington": ["Peterlee", "Seaham", "Easington", "Horden"],
    "Sedgefield": ["Newton Aycliffe", "Spennymoor", "Sedgefield", "Ferryhill"],
    "Durham Dales": ["Bishop Auckland", "Barnard Castle", "Crook", "Stanhope", "Shildon"],
}
CUTE = [
    "Acorn",
    "Bluebell",
    "Bright Sparks",
    "Butterfly",
    "Buttercup",
    "Curlew",
    "Daffodil",
    "Dandelion",
    "Firefly",
    "Foxglove",
    "Heather",
    "Heron",
    "Honeybee",
    "Kingfisher",
    "Ladybird",
    "Lighthouse",
    "Little Owls",
    "Meadow",
    "Moonbeam",
    "Oak Tree",
    "Otter",
    "Pebbles",
    "Puffin",
    "Rainbow",
    "Robin",
    "Rowan",
    "Skylark",
    "Snowdrop",
    "Stepping Stones",
    "Sunbeam",
    "Sunflower",
    "Thistle",
    "Treetops",
    "Wagtail",
    "Willow",
    "Wren",
    "Hedgehog",
    "Little Acorns",
    "Starfish",
    "Puzzle Piece",
    "Jigsaw",
    "Kite",
    "Lantern",
    "Compass",
    "Harbour",
    "Riverside",
    "Beacon",
    "Cobble",
    "Driftwood",
    "Hawthorn",
    "Larch",
    "Pinecone",
    "Poppy",
    "Primrose",
    "Swallow",
    "Tadpole",
]


# ---------------------------------------------------------------------------------------------------------------------
# The generator state: one random stream, organisations, venues and drafts.


class Gen:
    def __init__(self, ref: Reference, tax: Taxonomies) -> None:
        self.ref = ref
        self.tax = tax
        self.rng = random.Random(RANDOM_SEED)
        self.orgs: dict[str, Org] = {}
        self.org_names: set[str] = set()
        self.pools: dict[str, list[Org]] = {}
        self.names: Counter[str] = Counter()
        self.reserved_names = {spec["name"] for spec in LANDMARKS}
        self.descriptions: set[str] = set()
        self.venues: dict[str, Venue] = {}
        self.venue_extras: dict[str, dict[str, Any]] = {}
        self.drafts: list[Draft] = []
        self._keys: set[str] = set()
        phones = [f"{DRAMA_PHONE_BLOCKS[0]}{n:03d}" for n in range(1000)]
        phones += [f"{DRAMA_PHONE_BLOCKS[1]}{n:03d}" for n in range(1000)]
        self.rng.shuffle(phones)
        self._phones = phones
        self._phone_next = 0
        self.places_by_aap = {aap.id: [p for p in ref.places if p.aap_id == aap.id] for aap in ref.aaps}
        self.place_by_name = {place.name: place for place in ref.places}

    # -- random helpers ------------------------------------------------------------------------------------------
    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def pick(self, items: Sequence[Any]) -> Any:
        return items[self.rng.randrange(len(items))]

    def sample(self, items: Sequence[Any], count: int) -> list[Any]:
        return self.rng.sample(list(items), min(count, len(items)))

    def weighted(self, items: Sequence[Any], weights: Sequence[float]) -> Any:
        return self.rng.choices(list(items), weights=list(weights))[0]

    # -- places ---------------------------------------------------------------------------------------------------
    def pick_aap(self) -> Aap:
        return self.weighted(self.ref.aaps, [aap.population for aap in self.ref.aaps])

    def pick_place(self, aap_id: str | None = None, towns: bool = False) -> Place:
        aap_id = aap_id or self.pick_aap().id
        pool = self.places_by_aap[aap_id]
        if towns:
            pool = [place for place in pool if place.is_town] or [p for p in pool if p.kind == "BUA"] or pool
        return self.weighted(pool, [place.weight for place in pool])

    def place(self, name: str) -> Place:
        return self.place_by_name[name]

    def main_town(self, aap_id: str) -> Place:
        for name in self.ref.aap_by_id[aap_id].settlements:
            if name in self.place_by_name:
                return self.place_by_name[name]
        return self.pick_place(aap_id, towns=True)

    def area_name(self, aap_id: str) -> str:
        return self.pick(AREA_NAMES[aap_id])

    def venue(self, place: Place, label: str) -> Venue:
        """A named venue in a place, with a real postcode near the place; the same name gives the same venue."""
        name = label.format(place=place.name)
        key = f"{name}|{place.name}"
        if key not in self.venues:
            postcode = self.pick(self.ref.near_postcodes(place.lat, place.lon, 10))
            self.venues[key] = Venue(key, name, place, postcode, place.name)
            extras: dict[str, Any] = {}
            if self.chance(0.45):
                extras["accessibility"] = self.pick(ACCESSIBILITY_TEXT)
            if self.chance(0.35):
                extras["transportation"] = self.pick(TRANSPORT_TEXT).format(place=place.name)
            self.venue_extras[key] = extras
        return self.venues[key]

    def school_venue(self, name: str, postcode: Postcode, town: str) -> Venue:
        key = f"{name}|{postcode.code}"
        if key not in self.venues:
            place = self.ref.nearest_place(postcode.lat, postcode.lon, towns_first=True)
            self.venues[key] = Venue(key, name, place, postcode, town)
            self.venue_extras[key] = {}
        return self.venues[key]

    # -- organisations ----------------------------------------------------------------------------------------------
    def phone(self) -> str:
        number = self._phones[self._phone_next % len(self._phones)]
        self._phone_next += 1
        return number

    def org(
        self,
        key: str,
        name: str,
        description: str,
        legal_status: str,
        home: Place,
        *,
        domain: str | None = None,
        year: int | None = None,
        alternate_name: str | None = None,
        identifiers: Iterable[tuple[str, str, str]] = (),
        email_user: str = "info",
        website: bool | str = True,
    ) -> Org:
        if key in self.orgs:
            return self.orgs[key]
        domain = domain or f"{slugify(name, 34)}.example.org"
        org = Org(
            key=key,
            name=name,
            description=description,
            legal_status=legal_status,
            domain=domain,
            home=home,
            phone=self.phone(),
            email=f"{email_user}@{domain}",
            website=website if isinstance(website, str) else (f"https://www.{domain}/" if website else None),
            year=year,
            alternate_name=alternate_name,
            identifiers=list(identifiers),
        )
        self.orgs[key] = org
        self.org_names.add(name)
        return org

    def forget_orgs(self, pool_key: str, keep: int) -> None:
        """Drop organisations added to a pool after its first `keep` entries."""
        pool = self.pools.get(pool_key, [])
        for org in pool[keep:]:
            del self.orgs[org.key]
            self.org_names.discard(org.name)
        del pool[keep:]

    # -- drafts -----------------------------------------------------------------------------------------------------
    def add(self, draft: Draft) -> Draft:
        if draft.key in self._keys:
            raise ValueError(f"duplicate service key {draft.key}")
        self._keys.add(draft.key)
        self.names[draft.name] += 1
        draft.org.services += 1
        self.drafts.append(draft)
        return draft

    def delivery(self, county: float, online: float) -> str:
        roll = self.rng.random()
        if roll < county:
            return "county"
        if roll < county + online:
            return "online"
        return "physical"

    def access(self, draft: Draft, mode: str) -> str:
        """The access sentence for a mode; records the application process and the marker."""
        draft.application_process = draft.application_process or self.pick(APPLICATION_TEXT[mode])
        marker = ACCESS_MARKERS.get(mode)
        if marker:
            draft.markers.add(marker)
        texts = ACCESS_TEXT[mode]
        if draft.max_age is not None and draft.max_age < 16:
            texts = [text for text in texts if "aged 16 and over" not in text]
        return self.pick(texts)

    def practical(self, draft: Draft, count: int) -> list[str]:
        sentences = []
        for text, marker in self.sample(PRACTICAL_TEXT, count):
            sentences.append(text)
            if marker:
                draft.markers.add(marker)
        return sentences

    def contact_details(self, draft: Draft, *, service_line: float = 0.35, email: float = 0.6) -> None:
        """Phone, e-mail and web address on the organisation's domain."""
        org = draft.org
        draft.phone = self.phone() if self.chance(service_line) else org.phone
        slug = slugify(draft.name, 40)
        if self.chance(email):
            user = self.pick(["enquiries", "hello", "bookings", "referrals", "contact", "info"])
            draft.email = f"{user}@{org.domain}"
        if org.website and self.chance(0.8):
            draft.url = f"{org.website}{slug}"
        if self.chance(0.55):
            draft.contact_title = draft.contact_title or self.pick(CONTACT_TITLES)
            draft.contact_email = draft.email or f"{slugify(draft.contact_title, 20)}@{org.domain}"
            if self.chance(0.4):
                draft.contact_phone = self.phone()

    def cost(self, draft: Draft, options: Sequence[tuple[str, float, float, str | None]]) -> None:
        """Charge for a service: one or two options, amounts drawn from (option, low, high, note)."""
        chosen = self.sample(options, 1 if self.chance(0.7) else 2)
        for option, low, high, note in chosen:
            amount = round(self.rng.uniform(low, high) * 2) / 2 if high > low else low
            draft.costs.append((option, amount, note))
        parts = [f"£{amount:.2f} {option.lower()}" for option, amount, _ in draft.costs]
        draft.fees_description = cap(join_words(parts)) + "."

    def free(self, draft: Draft, text: str | None = None) -> None:
        draft.markers.add("free")
        options = ["Free.", "Free of charge.", "No charge to families."]
        if draft.org.legal_status not in ("Local authority", "NHS foundation trust", "NHS body"):
            options += ["Free; donations welcome.", "Free to attend."]
        draft.fees_description = text or self.pick(options)


# ---------------------------------------------------------------------------------------------------------------------
# Well-known organisations and the landmark services (each exists exactly once; see landmarks.json)

PUBLIC_ORGS: dict[str, dict[str, Any]] = {
    "dcc": {
        "name": "Durham County Council",
        "legal_status": "Local authority",
        "domain": "durhamcc.example.org",
        "home": "Durham",
        "description": "The unitary council for County Durham. Its children and young people's services include "
        "SEND and inclusion, the Family Information Service, short breaks, educational psychology, sensory "
        "support, home to school transport and the Local Offer itself. (Sample record: contact details are "
        "invented.)",
    },
    "cddft": {
        "name": "County Durham and Darlington NHS Foundation Trust",
        "legal_status": "NHS foundation trust",
        "domain": "cddft.example.nhs.uk",
        "home": "Durham",
        "alternate_name": "CDDFT",
        "description": "NHS trust providing hospital and community health services across County Durham and "
        "Darlington, including children's therapies (speech and language, occupational therapy, "
        "physiotherapy), community paediatrics and the children's wheelchair service. (Sample record: contact "
        "details are invented.)",
    },
    "tewv": {
        "name": "Tees, Esk and Wear Valleys NHS Foundation Trust",
        "legal_status": "NHS foundation trust",
        "domain": "tewv.example.nhs.uk",
        "home": "Durham",
        "alternate_name": "TEWV",
        "description": "NHS mental health and learning disability trust. In County Durham it runs Child and "
        "Adolescent Mental Health Services (CAMHS), including community teams, crisis support and the "
        "learning disability CAMHS team. (Sample record: contact details are invented.)",
    },
    "hdft": {
        "name": "Harrogate and District NHS Foundation Trust",
        "legal_status": "NHS foundation trust",
        "domain": "hdft.example.nhs.uk",
        "home": "Durham",
        "description": "NHS trust delivering the County Durham 0-19 public health nursing service: health "
        "visitors, school nurses and family health workers. (Sample record: contact details are invented.)",
    },
    "icb": {
        "name": "NHS North East and North Cumbria Integrated Care Board",
        "legal_status": "NHS body",
        "domain": "nencicb.example.nhs.uk",
        "home": "Durham",
        "description": "Plans and pays for NHS services in the region, including health provision for children "
        "and young people with SEND in County Durham. (Sample record: contact details are invented.)",
    },
    "cacd": {
        "name": "Citizens Advice County Durham",
        "legal_status": "Registered charity",
        "domain": "cacd.example.org",
        "home": "Durham",
        "description": "Free, independent, confidential advice on benefits, debt, housing, employment and "
        "consumer problems, with offices and outreach across County Durham. (Sample record: contact "
        "details are invented and are not the charity's own.)",
    },
    "pcf": {
        "name": "County Durham Parent Carer Forum",
        "legal_status": "Registered charity",
        "domain": "cdpcf.example.org",
        "home": "Spennymoor",
        "description": "A forum of parents and carers of children and young people with SEND who work with the "
        "council and NHS to shape local services. (Sample record: an invented organisation.)",
    },
}

# (key, name, alternate name, org, categories, needs, markers, min age, max age, access, base town, venue label,
#  description, queries)
LANDMARKS: list[dict[str, Any]] = [
    {
        "key": "sendiass",
        "name": "SENDIASS County Durham",
        "alternate_name": "Special Educational Needs and Disabilities Information Advice and Support Service",
        "org": "dcc",
        "categories": ["Special educational needs and disabilities (SEND)", "Parenting support"],
        "needs": [],
        "markers": ["bsl"],
        "ages": (0, 25),
        "access": "self",
        "town": "Durham",
        "venue": "{place} Family Hub",
        "description": "SENDIASS County Durham (Special Educational Needs and Disabilities Information Advice and "
        "Support Service) gives free, impartial and confidential information, advice and support about SEND to "
        "children, young people up to 25 and their parents and carers. Advisers explain the SEND Code of "
        "Practice, SEN support in school, requesting an EHC needs assessment, reading a draft EHCP (known in "
        "Durham as 'My Plan'), annual reviews, exclusions, and mediation and tribunal appeals. They can help you "
        "prepare for meetings with the school SENCo and, where needed, come with you. The service is arm's "
        "length from the council's SEND casework team and works separately from schools and the NHS.",
        "queries": ["SENDIASS"],
    },
    {
        "key": "fis",
        "name": "Durham Family Information Service",
        "alternate_name": "FIS",
        "org": "dcc",
        "categories": ["Parenting support", "Special educational needs and disabilities (SEND)"],
        "needs": [],
        "markers": [],
        "ages": (0, 25),
        "access": "self",
        "town": "Durham",
        "venue": "County Hall",
        "description": "The Family Information Service (FIS) is the first stop for information about childcare, "
        "family support and the Local Offer in County Durham. The team helps parents find registered "
        "childminders, nurseries and out-of-school clubs, explains funded childcare for 2, 3 and 4 year olds and "
        "Tax-Free Childcare, and keeps the Local Offer directory up to date with providers. Families of children "
        "with SEND can ask FIS to search the directory with them and build a short list of services that fit "
        "their child's needs.",
        "queries": ["family information service"],
    },
    {
        "key": "camhs",
        "name": "CAMHS County Durham and Darlington",
        "alternate_name": "Child and Adolescent Mental Health Services",
        "org": "tewv",
        "categories": ["Mental health, social and emotional support", "Social, emotional and mental health support"],
        "needs": ["SEMH", "ASD"],
        "markers": [],
        "ages": (0, 18),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} CAMHS Centre",
        "description": "Child and Adolescent Mental Health Services (CAMHS) for children and young people up to "
        "18 in County Durham and Darlington who have moderate to severe mental health difficulties, such as "
        "anxiety, depression, self-harm, eating difficulties, trauma or obsessive compulsive disorder. Community "
        "CAMHS teams work in each locality, with a specialist learning disability CAMHS team and a crisis and "
        "liaison team available 24 hours a day. The neurodevelopmental pathway assesses for autism (ASD/ASC) "
        "and ADHD. Support includes assessment, talking therapies (CBT, family therapy), medication reviews "
        "and advice to schools.",
        "queries": ["CAMHS County Durham"],
    },
    {
        "key": "salt",
        "name": "Children's Speech and Language Therapy Service",
        "alternate_name": "SALT",
        "org": "cddft",
        "categories": ["Speech, language and communication needs", "Early years language and learning"],
        "needs": ["SLCN", "ASD"],
        "markers": [],
        "ages": (0, 19),
        "access": "self",
        "town": "Durham",
        "venue": "{place} Child Development Centre",
        "description": "NHS speech and language therapy (SALT) for children and young people with speech, "
        "language and communication needs (SLCN) and eating, drinking and swallowing difficulties. Therapists "
        "assess and support talking, understanding, stammering, social communication, voice and the use of "
        "AAC (communication aids), working with families, nurseries and schools. Parents can refer children "
        "under five themselves; school-age children are usually referred by the SENCo. Clinics run in health "
        "centres across the county, alongside training for early years staff.",
        "queries": ["SALT", "children's speech and language therapy", "speech and language therapy service"],
    },
    {
        "key": "shortbreaks",
        "name": "Short Breaks Service",
        "org": "dcc",
        "categories": ["Breaks and respite", "Holiday clubs and schemes"],
        "needs": ["SLD", "PMLD", "ASD", "PD"],
        "markers": [],
        "ages": (0, 18),
        "access": "cypn",
        "town": "Spennymoor",
        "venue": "{place} Family Hub",
        "description": "Short breaks give disabled children and young people time away from their parents doing "
        "things they enjoy, and give parent carers a break from caring. The council's Short Breaks Service "
        "offers universal activities through the Children and Young People's Network, targeted holiday and "
        "weekend schemes, and specialist overnight short breaks and direct payments following an assessment. "
        "The short breaks statement explains eligibility, and the team can talk families through the options.",
        "queries": ["short breaks"],
    },
    {
        "key": "edpsych",
        "name": "Educational Psychology Service",
        "org": "dcc",
        "categories": ["Learning difficulties and disabilities", "Social, emotional and mental health support"],
        "needs": ["SPLD", "MLD", "SEMH", "ASD"],
        "markers": [],
        "ages": (0, 25),
        "access": "referral",
        "town": "Durham",
        "venue": "County Hall",
        "description": "Educational psychologists work with schools, early years settings and families to "
        "understand and support children's learning, behaviour and wellbeing. They give psychological advice "
        "for EHC needs assessments, consult with SENCos about pupils who are not making progress, and offer "
        "training on topics such as attachment, emotionally based school avoidance (EBSA) and literacy "
        "difficulties including dyslexia. Most work is arranged through the child's school or setting.",
        "queries": ["educational psychology", "educational psychologist"],
    },
    {
        "key": "sensory",
        "name": "Sensory Support Service",
        "org": "dcc",
        "categories": ["Hearing impairment", "Visual impairment", "Multi-sensory impairment"],
        "needs": ["HI", "VI", "MSI"],
        "markers": ["bsl"],
        "ages": (0, 25),
        "access": "referral",
        "town": "Spennymoor",
        "venue": "{place} Education Centre",
        "description": "Qualified teachers of the deaf, teachers of children with vision impairment and "
        "multi-sensory impairment specialists support babies, children and young people with hearing "
        "impairment, visual impairment or deafblindness at home, in nursery, school and college. The team "
        "advises on hearing aids and radio aids, braille and modified large print, mobility and habilitation, "
        "BSL and communication, and contributes to EHCPs. Referrals come from audiology, ophthalmology and "
        "other professionals, usually soon after diagnosis.",
        "queries": ["sensory support"],
    },
    {
        "key": "ot",
        "name": "Children's Occupational Therapy Service",
        "org": "cddft",
        "categories": ["Physical disabilities", "Other difficulties or disabilities"],
        "needs": ["PD", "OTH"],
        "markers": [],
        "ages": (0, 19),
        "access": "referral",
        "town": "Bishop Auckland",
        "venue": "{place} Child Development Centre",
        "description": "NHS occupational therapists help children and young people manage everyday activities: "
        "self-care such as dressing and eating, handwriting and fine motor skills, play, and taking part at "
        "school. They assess for specialist seating and equipment, advise on sensory processing differences, "
        "and give programmes for families and schools to follow. Referrals come from GPs, paediatricians, "
        "school nurses and SENCos.",
        "queries": ["children's occupational therapy", "occupational therapy service"],
    },
    {
        "key": "physio",
        "name": "Children's Physiotherapy Service",
        "org": "cddft",
        "categories": ["Physical disabilities"],
        "needs": ["PD", "PMLD"],
        "markers": [],
        "ages": (0, 19),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Child Development Centre",
        "description": "Paediatric physiotherapy for babies, children and young people with delayed motor "
        "development, cerebral palsy, neuromuscular conditions, hypermobility or injuries affecting movement. "
        "Physiotherapists assess and treat at clinics, at home and in school, provide postural management, "
        "splints and standing frames, and run hydrotherapy at special schools. Referral is through a GP, "
        "paediatrician or other health professional.",
        "queries": ["physiotherapy"],
    },
    {
        "key": "paediatrics",
        "name": "Community Paediatrics Service",
        "org": "cddft",
        "categories": ["Public health services", "Learning difficulties and disabilities"],
        "needs": ["ASD", "OTH", "PD"],
        "markers": [],
        "ages": (0, 18),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Child Development Centre",
        "description": "Community paediatricians assess and care for children with developmental delay, "
        "learning disabilities, neurodisability, epilepsy and complex health needs, and take part in "
        "the autism and ADHD assessment pathway. They give medical advice for EHC needs assessments and look "
        "after children in care. Clinics run at child development centres and special schools; referral is "
        "through a GP, health visitor or school nurse.",
        "queries": ["community paediatrics"],
    },
    {
        "key": "wheelchair",
        "name": "Children's Wheelchair Service",
        "org": "cddft",
        "categories": ["Physical disabilities"],
        "needs": ["PD"],
        "markers": [],
        "ages": (0, 18),
        "access": "referral",
        "town": "Bishop Auckland",
        "venue": "{place} Wheelchair Centre",
        "description": "Assessment for and provision of manual and powered wheelchairs, buggies and seating for "
        "children and young people with a long-term mobility need. Therapists review posture and growth, and "
        "the approved repairer carries out repairs and servicing. Personal wheelchair budgets are available. "
        "Referrals are accepted from physiotherapists, occupational therapists and doctors.",
        "queries": ["wheelchair service", "wheelchair", "powered wheelchair"],
    },
    {
        "key": "healthvisiting",
        "name": "Health Visiting Service",
        "org": "hdft",
        "categories": ["Health visiting", "Early years language and learning"],
        "needs": [],
        "markers": [],
        "ages": (0, 5),
        "access": "self",
        "town": "Chester-le-Street",
        "venue": "{place} Family Hub",
        "description": "Health visitors support every family with children under five, from pregnancy to "
        "starting school: development reviews at 9 to 12 months and 2 to 2½ years (including the ASQ check), "
        "feeding and sleep advice, emotional health, and early identification of additional needs. For "
        "children with SEND, health visitors link families to speech and language therapy, Portage and "
        "community paediatrics, and contribute to early years EHCP assessments. Families can contact their "
        "local team directly.",
        "queries": ["health visitor", "health visiting"],
    },
    {
        "key": "schoolnursing",
        "name": "School Nursing Service",
        "org": "hdft",
        "categories": ["Public health services", "Mental health, social and emotional support"],
        "needs": [],
        "markers": [],
        "ages": (5, 19),
        "access": "self",
        "town": "Peterlee",
        "venue": "{place} Family Hub",
        "description": "School nurses support the health and wellbeing of school-age children and young people: "
        "emotional health, continence (bedwetting and daytime wetting), sleep, healthy weight, and health care "
        "plans for pupils with medical conditions such as epilepsy, asthma and diabetes. Young people can "
        "contact a school nurse confidentially by text, and parents can ask for support directly or through "
        "the school.",
        "queries": ["school nurse", "school nursing"],
    },
    {
        "key": "ehcp",
        "name": "Education, Health and Care Plan (EHCP) Casework Team",
        "org": "dcc",
        "categories": ["Special educational needs and disabilities (SEND)", "Learning difficulties and disabilities"],
        "needs": [],
        "markers": [],
        "ages": (0, 25),
        "access": "self",
        "town": "Durham",
        "venue": "County Hall",
        "description": "SEND caseworkers coordinate education, health and care (EHC) needs assessments and "
        "Education Health and Care Plans (EHCPs, known in Durham as 'My Plan') for children and young people "
        "aged 0 to 25. Parents, young people and schools can ask for an EHC needs assessment; the team gathers "
        "advice from education, health and social care, writes the draft plan, consults on school placements "
        "and runs annual reviews. Each family has a named caseworker.",
        "queries": ["EHCP", "education health and care plan", "My Plan"],
    },
    {
        "key": "cypn",
        "name": "Children and Young People's Network (CYPN)",
        "org": "dcc",
        "categories": ["Breaks and respite", "Groups for parents and carers of children with SEND"],
        "needs": [],
        "markers": [],
        "ages": (0, 18),
        "access": "self",
        "town": "Spennymoor",
        "venue": "{place} Family Hub",
        "description": "A free network for families of children and young people with SEND in County Durham. "
        "Members receive regular news and information and can book universal, targeted and specialist short "
        "breaks activities: holiday clubs, sports, arts, days out and youth groups. Registration is open to "
        "any family with a child with SEND; no diagnosis or EHCP is needed.",
        "queries": ["Children and Young People's Network", "CYPN"],
    },
    {
        "key": "healthneeds",
        "name": "Education Health Needs Team",
        "org": "dcc",
        "categories": ["Other difficulties or disabilities", "Mental health, social and emotional support"],
        "needs": ["SEMH", "OTH"],
        "markers": [],
        "ages": (5, 16),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Education Centre",
        "description": "Education for children and young people who cannot attend school because of physical "
        "or mental health needs, while they stay on their school's roll. Teachers provide home and hospital "
        "tuition and small-group teaching, and plan a gradual return to school with the family and the "
        "school. Referrals come from the school with medical evidence from a paediatrician or CAMHS.",
        "queries": ["education health needs"],
    },
    {
        "key": "transport",
        "name": "SEND Home to School Transport",
        "org": "dcc",
        "categories": ["Community transport"],
        "needs": ["PD", "SLD", "ASD"],
        "markers": [],
        "ages": (4, 19),
        "access": "booking",
        "town": "Durham",
        "venue": "County Hall",
        "description": "Travel assistance for eligible children and young people with SEND to get to school or "
        "college: shared school transport with passenger assistants, personal travel budgets, bus passes and "
        "independent travel training. Eligibility depends on age, distance, the school named in the EHCP and "
        "the child's needs. Applications are made online each year, with a right of review.",
        "queries": ["home to school transport", "SEND transport"],
    },
    {
        "key": "dco",
        "name": "Designated Clinical Officer for SEND",
        "org": "icb",
        "categories": ["Public health services", "Special educational needs and disabilities (SEND)"],
        "needs": [],
        "markers": [],
        "ages": (0, 25),
        "access": "self",
        "town": "Durham",
        "venue": "{place} Civic Centre",
        "description": "The Designated Clinical Officer (DCO) for SEND makes sure the NHS meets its duties to "
        "children and young people with SEND: health advice for EHC needs assessments arrives on time, health "
        "provision in EHCPs is delivered, and health services work with education and social care. Families "
        "and professionals can contact the DCO when health input to an EHCP is missing or delayed, and the DCO "
        "runs training for health visitors, school nurses and therapists.",
        "queries": ["designated clinical officer"],
    },
    {
        "key": "citizensadvice",
        "name": "Citizens Advice County Durham",
        "org": "cacd",
        "categories": ["Debt and welfare advice", "Money, benefits and housing"],
        "needs": [],
        "markers": [],
        "ages": (None, None),
        "access": "self",
        "town": "Bishop Auckland",
        "venue": "{place} Advice Centre",
        "description": "Free, independent and confidential advice on benefits, debt, housing, work and money. "
        "Advisers help parent carers claim Disability Living Allowance (DLA) for children, Personal "
        "Independence Payment (PIP) at 16, Carer's Allowance and Universal Credit, including filling in forms "
        "and challenging decisions through mandatory reconsideration and appeal. Advice is available by phone, "
        "online and at offices and outreach sessions across County Durham.",
        "queries": ["citizens advice"],
    },
    {
        "key": "youngcarers",
        "name": "Young Carers Service",
        "org": "dcc",
        "categories": ["Targeted youth support", "Mental health, social and emotional support"],
        "needs": [],
        "markers": [],
        "ages": (5, 18),
        "access": "self",
        "town": "Durham",
        "venue": "{place} Youth Centre",
        "description": "Support for children and young people who look after a family member, including a "
        "disabled brother or sister or a parent with a long-term illness. Young carers get a young carer's "
        "assessment, one-to-one support, groups and activities to meet other young carers, and help to talk "
        "to their school. Young people, parents and professionals can make a referral.",
        "queries": ["young carer assessment"],
    },
    {
        "key": "pfa",
        "name": "Preparing for Adulthood Team",
        "org": "dcc",
        "categories": ["Targeted youth support", "Learning difficulties and disabilities"],
        "needs": ["SLD", "MLD", "ASD"],
        "markers": [],
        "ages": (14, 25),
        "access": "referral",
        "town": "Durham",
        "venue": "County Hall",
        "description": "Helps young people with SEND from Year 9 plan for adult life: further education and "
        "training, employment and supported internships, independent living and housing, friendships and "
        "community inclusion, and good health. Preparing for adulthood (PfA) workers join EHCP annual reviews, "
        "plan the move from children's to adult social care and health services, and explain changes at 16 "
        "and 18 such as PIP and mental capacity.",
        "queries": ["preparing for adulthood"],
    },
    {
        "key": "internships",
        "name": "Supported Internships Programme",
        "org": "dcc",
        "categories": ["Targeted youth support", "Learning difficulties and disabilities"],
        "needs": ["MLD", "SLD", "ASD"],
        "markers": [],
        "ages": (16, 24),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Civic Centre",
        "description": "A one-year study programme for young people aged 16 to 24 with an EHCP who want to move "
        "into paid work. Interns spend most of the week on placement with a local employer, supported by a "
        "job coach, and study English, maths and employability skills. Placements include hospitals, retail, "
        "hospitality and council services, with the aim of a paid job at the end.",
        "queries": ["supported internship"],
    },
    {
        "key": "parentforum",
        "name": "County Durham Parent Carer Forum",
        "org": "pcf",
        "categories": ["Groups for parents and carers of children with SEND"],
        "needs": [],
        "markers": [],
        "ages": (0, 25),
        "access": "self",
        "town": "Spennymoor",
        "venue": "{place} Town Hall",
        "description": "Parent carers of children and young people with SEND working together to improve local "
        "services. The forum gathers families' views through surveys and coffee mornings, sits on the SEND "
        "partnership board with the council and NHS, and co-produces information such as the Local Offer. "
        "Membership is free and open to any parent carer in County Durham.",
        "queries": ["parent carer forum"],
    },
    {
        "key": "autismteam",
        "name": "Autism and Social Communication Team",
        "org": "dcc",
        "categories": ["Autistic Spectrum Disorder (ASD)", "Speech, language and communication needs"],
        "needs": ["ASD", "SLCN"],
        "markers": [],
        "ages": (2, 19),
        "access": "referral",
        "town": "Chester-le-Street",
        "venue": "{place} Education Centre",
        "description": "Specialist teachers who help schools and early years settings include autistic children "
        "and those with social communication differences, with or without a diagnosis. The team observes "
        "pupils, advises on visual supports, sensory needs, transitions and reducing anxiety, trains staff and "
        "runs autism awareness sessions for parents. Schools request involvement through the SENCo.",
        "queries": ["autism team", "social communication"],
    },
    {
        "key": "portage",
        "name": "Portage Home Visiting Service",
        "org": "dcc",
        "categories": ["Early years support", "Early years language and learning"],
        "needs": ["SLCN", "PMLD", "SLD"],
        "markers": [],
        "ages": (0, 5),
        "access": "referral",
        "town": "Newton Aycliffe",
        "venue": "{place} Family Hub",
        "description": "Portage is a home-visiting educational service for pre-school children with significant "
        "developmental delay or disabilities. A Portage home visitor comes every week or fortnight to play and "
        "plan small learning steps with the family, and helps with the move into nursery. Referrals come "
        "from health visitors, paediatricians and therapists.",
        "queries": ["Portage", "home visiting"],
    },
    {
        "key": "disabledchildren",
        "name": "Disabled Children's Team",
        "org": "dcc",
        "categories": ["Intensive targeted family support", "Breaks and respite"],
        "needs": ["PMLD", "SLD", "PD", "ASD"],
        "markers": [],
        "ages": (0, 18),
        "access": "assessment",
        "town": "Durham",
        "venue": "County Hall",
        "description": "Social workers who support disabled children with complex needs and their families. The "
        "team carries out child and family assessments, arranges specialist short breaks, overnight respite "
        "and direct payments, supports parent carers' assessments and plans the transition to adult social "
        "care. Contact First Contact to ask for an assessment.",
        "queries": ["disabled children's team"],
    },
]

OFFICE_HOURS = [
    schedule(["MO", "TU", "WE", "TH"], "09:00", "17:00"),
    schedule("FR", "09:00", "16:30"),
]


def public_org(g: Gen, key: str) -> Org:
    spec = PUBLIC_ORGS[key]
    return g.org(
        key,
        spec["name"],
        spec["description"],
        spec["legal_status"],
        g.place(spec["home"]),
        domain=spec["domain"],
        alternate_name=spec.get("alternate_name"),
        email_user="enquiries",
    )


def kind_landmarks(g: Gen) -> None:
    for spec in LANDMARKS:
        org = public_org(g, spec["org"])
        low, high = spec["ages"]
        draft = Draft(
            key=f"landmark:{spec['key']}",
            kind="landmark",
            name=spec["name"],
            org=org,
            description="",
            categories=list(spec["categories"]),
            needs=list(spec["needs"]),
            markers={"county-wide", *spec["markers"]},
            min_age=low,
            max_age=high,
            delivery="county",
            alternate_name=spec.get("alternate_name"),
            landmark_queries=spec["queries"],
            status="active",
            recent=True,
        )
        draft.venues = [g.venue(g.place(spec["town"]), spec["venue"])]
        access = g.access(draft, spec["access"])
        draft.description = f"{spec['description']} {access}"
        draft.schedules = [dict(item) for item in OFFICE_HOURS]
        draft.area_description = "Families living anywhere in County Durham."
        g.free(draft, "Free.")
        draft.phone = g.phone()
        draft.email = f"{slugify(spec['key'], 20)}@{org.domain}"
        draft.url = f"{org.website}{slugify(spec['name'], 40)}"
        if "bsl" in draft.markers:
            draft.languages = [("English", "en"), ("British Sign Language", "bfi")]
            draft.interpretation = "BSL interpreters and spoken language interpreters are arranged free of charge."
        g.add(draft)


# ---------------------------------------------------------------------------------------------------------------------
# Schools: every school in the 2022 list, with its SEND information report

NEED_PHRASES = {
    "ASD": "autism (ASD/ASC)",
    "SEMH": "social, emotional and mental health (SEMH) needs",
    "SLD": "severe learning difficulties (SLD)",
    "PMLD": "profound and multiple learning difficulties (PMLD)",
    "MLD": "moderate learning difficulties (MLD)",
    "SLCN": "speech, language and communication needs (SLCN)",
    "SPLD": "specific learning difficulties such as dyslexia (SpLD)",
    "HI": "hearing impairment",
    "VI": "visual impairment",
    "MSI": "multi-sensory impairment",
    "PD": "physical disabilities",
    "OTH": "medical and other needs",
}
NEED_CATEGORY = {
    "ASD": "Autistic Spectrum Disorder (ASD)",
    "SEMH": "Social, emotional and mental health support",
    "SLD": "Learning difficulties and disabilities",
    "PMLD": "Learning difficulties and disabilities",
    "MLD": "Learning difficulties and disabilities",
    "SPLD": "Learning difficulties and disabilities",
    "SLCN": "Speech, language and communication needs",
    "HI": "Hearing impairment",
    "VI": "Visual impairment",
    "MSI": "Multi-sensory impairment",
    "PD": "Physical disabilities",
    "OTH": "Other difficulties or disabilities",
}
SPECIAL_SCHOOL_NEEDS = {
    "Elemore Hall School": ["SEMH"],
    "Croft Community School": ["MLD", "ASD", "SLCN"],
    "Walworth School": ["SEMH"],
    "Villa Real School": ["SLD", "PMLD", "ASD"],
    "Windlestone School": ["SEMH"],
    "Durham Trinity School & Sports College": ["SLD", "PMLD", "ASD"],
    "The Meadows School": ["SEMH"],
    "The Oaks Secondary School": ["SLD", "MLD", "ASD"],
    "Evergreen Primary School": ["MLD", "SLD", "ASD"],
    "The Grange Learning Centre": ["SEMH"],
    "Highcroft School": ["SEMH"],
    "Hope Wood Academy": ["SLD", "PMLD", "ASD"],
    "North East Centre for Autism - Aycliffe School": ["ASD"],
}
SCHOOL_TYPES = {
    "community": "community",
    "voluntary aided": "voluntary aided",
    "voluntary controlled": "voluntary controlled",
    "foundation": "foundation",
    "academy converter": "academy",
    "academy sponsor led": "sponsored academy",
    "community special": "community special",
    "academy special converter": "special academy",
    "other independent": "independent",
    "other independent special": "independent special",
    "further education": "further education",
    "university technical college": "university technical college",
}
SCHOOL_LEGAL = {
    "maintained": "Local authority maintained school",
    "academy": "Academy",
    "special": "Special school",
    "independent": "Independent school",
    "college": "Further education college",
}
SCHOOL_SEND_SENTENCES = [
    "The SENCo coordinates support for pupils with special educational needs, from quality-first teaching and "
    "small-group interventions to EHCP annual reviews.",
    "Support for pupils with SEN includes speech and language programmes, nurture groups, phonics and reading "
    "interventions and emotional literacy (ELSA) sessions.",
    "Staff work with the Educational Psychology Service, the Autism and Social Communication Team and NHS "
    "therapists to plan support.",
    "Parents are invited to termly SEN support reviews with their child's teacher and the SENCo.",
    "The accessibility plan covers step-free access, an accessible toilet and reasonable adjustments for disabled "
    "pupils.",
    "Pupils with an EHCP have a one-page profile and a support plan that is reviewed with the family.",
    "Transition support includes extra visits and visual social stories for children moving class or school.",
    "A sensory room and quiet spaces are available at lunchtimes for pupils who find the playground overwhelming.",
    "Teaching assistants are trained in Makaton, precision teaching and Lego-based therapy.",
    "The school has a pastoral team and a mental health lead who work with the Mental Health Support Team.",
    "Pupils with dyslexia or other SpLD are screened and supported with coloured overlays, assistive technology "
    "and exam access arrangements.",
]
SPECIAL_SENTENCES = [
    "Classes are small, with a high ratio of staff to pupils and therapists working on site.",
    "Facilities include sensory rooms, a soft play area, a hydrotherapy pool and accessible outdoor learning.",
    "The curriculum is personalised to each pupil's EHCP outcomes, with communication, independence and "
    "life skills at its heart.",
    "Places are allocated by the local authority through the EHCP process; families can visit before "
    "expressing a preference.",
]
COLLEGE_SENTENCES = [
    "The learning support team helps students with SEND with exam arrangements, assistive technology and "
    "in-class support.",
    "Supported learning programmes include foundation and pre-entry courses, supported internships and "
    "preparing for adulthood pathways.",
    "Young people with an EHCP can visit with their family and meet the additional learning support team before "
    "applying.",
]
REPORT_SENTENCES = [
    "Read the school's SEND information report: {url}",
    "The SEND information report, including the SENCo's contact details, is at {url}",
    "How the school identifies and supports pupils with SEND is set out in its SEND information report ({url}).",
    "See the SEND information report for the school's SEND offer and SENCo contact details: {url}",
]


def school_slug(name: str) -> str:
    text = name
    for old, new in [
        ("Roman Catholic Voluntary Aided", "RC"),
        ("Roman Catholic", "RC"),
        ("Voluntary Aided", "VA"),
        ("Church of England", "CE"),
        ("C of E", "CE"),
        ("CofE", "CE"),
        (" School", ""),
        (", Specialist College of Science and Engineering", ""),
        (" A Sports with Mathematics College", ""),
    ]:
        text = text.replace(old, new)
    return slugify(text, 40)


def kind_schools(g: Gen) -> None:
    g.schools: list[tuple[dict[str, str], Org]] = []  # type: ignore[misc]
    rows = sorted(g.ref.schools, key=lambda row: int(row["urn"]))
    for row in rows:
        name = row["school_name"]
        slug = school_slug(name)
        domain = f"{slug}.example.sch.uk"
        report_url = f"https://{domain}/send-information-report"
        postcode = g.ref.postcode_by_code.get(row["postcode"])
        if postcode:
            place = g.ref.nearest_place(postcode.lat, postcode.lon, towns_first=True)
        else:  # one closed school whose postcode has been retired: place it by name
            place = g.place(next(p.name for p in g.ref.places if p.name in name))
        town = place.name
        type_text = SCHOOL_TYPES.get(row["type"], row["type"])
        phase = {"all-through": "all-through school", "other/post-16": "post-16 college"}.get(
            row["phase"], f"{row['phase']} school"
        )
        if row["subtype"] == "college":
            phase = "college"
        low = float(row["age_min"])
        high = None if row["age_max"] == "99" else float(row["age_max"])
        org = g.org(
            f"school:{row['urn']}",
            name,
            f"{cap(type_text)} {phase} in {town}, County Durham (URN {row['urn']}).",
            SCHOOL_LEGAL[row["subtype"]],
            place,
            domain=domain,
            website=f"https://{domain}/",
            identifiers=[("GB-EDU", "URN", row["urn"])],
            email_user="enquiries",
        )
        g.schools.append((row, org))
        needs = SPECIAL_SCHOOL_NEEDS.get(name, [])
        closed = row["status"] == "closed"
        draft = Draft(
            key=f"school:{row['urn']}",
            kind="school",
            name=name,
            org=org,
            description="",
            categories=[],
            needs=list(needs),
            markers={"send-information-report"},
            min_age=low,
            max_age=high,
            send_report_url=report_url,
            status="defunct" if closed else "active",
        )
        pupils = {"girls": "girls", "boys": "boys"}.get(row["gender"], "pupils")
        sentences = [
            g.pick(
                [
                    f"{name} is a {type_text} {phase} in {town} for {pupils} {age_phrase(low, high)}.",
                    f"A {type_text} {phase} serving {town} and the surrounding area, for {pupils} "
                    f"{age_phrase(low, high)}.",
                    f"{cap(type_text)} {phase} in {town}, County Durham, for {pupils} {age_phrase(low, high)}.",
                ]
            )
        ]
        if row["religion"]:
            sentences.append(
                g.pick(
                    [
                        f"It has a {row['religion']} religious character and welcomes families of all faiths and none.",
                        f"The school has a {row['religion']} ethos.",
                    ]
                )
            )
        if needs:
            phrases = join_words([NEED_PHRASES[code] for code in needs])
            sentences.append(f"It provides specialist education for pupils with {phrases}.")
            sentences += g.sample(SPECIAL_SENTENCES, 2)
            draft.categories = [
                *sorted({NEED_CATEGORY[code] for code in needs})[:2],
                "Learning difficulties and disabilities",
            ]
        elif row["subtype"] == "college":
            sentences += g.sample(COLLEGE_SENTENCES, 2)
            draft.categories = ["Learning difficulties and disabilities", "Targeted youth support"]
            draft.needs = g.sample(["MLD", "ASD", "SPLD", "SEMH"], 2)
        else:
            if low <= 3 and row["phase"] != "secondary":
                sentences.append(f"There is a nursery class for children from the age of {int(low)}.")
            if high is not None and high >= 18 and row["phase"] in ("secondary", "all-through"):
                sentences.append("The sixth form offers A levels and vocational courses.")
            sentences += g.sample(SCHOOL_SEND_SENTENCES, 2)
            draft.categories = ["Special educational needs and disabilities (SEND)"]
            if low <= 3:
                draft.categories.append("Early years support")
        sentences.append(g.pick(REPORT_SENTENCES).format(url=report_url))
        if closed:
            sentences.append("This school has closed; the record is kept for reference.")
        draft.description = " ".join(sentences)
        if row["subtype"] == "independent" and not needs and "special" not in row["type"]:
            g.cost(draft, [("Per term (day pupils)", 3800, 5600, "Fees vary by year group.")])
        else:
            g.free(draft, "Places at local authority and academy schools are free." if not needs else None)
            if needs or "special" in row["type"]:
                draft.fees_description = "No charge to families; places are funded through the EHCP process."
        draft.application_process = (
            "Apply for a place through the local authority's school admissions; pupils with an EHCP are placed "
            "through the EHCP process."
            if row["subtype"] != "independent"
            else "Contact the school to arrange a visit and discuss admission."
        )
        if postcode:
            draft.venues = [g.school_venue(name, postcode, town)]
            opens, closes = ("09:00", "16:30") if row["subtype"] == "college" else ("08:45", "15:15")
            draft.schedules = [schedule(WEEKDAYS, opens, closes, note="term time")]
            if g.chance(0.5):
                draft.markers.add("wheelchair-accessible")
        else:
            draft.delivery = "none"
            draft.local_area = place.aap_id
        draft.phone = org.phone
        draft.email = org.email
        draft.url = org.website
        draft.contact_title = "SENCo"
        draft.contact_email = f"senco@{domain}"
        g.add(draft)


# ---------------------------------------------------------------------------------------------------------------------
# Schedules

HOLIDAYS = [
    ("the October half term", dt.date(2026, 10, 26), dt.date(2026, 10, 30)),
    ("the Christmas holidays", dt.date(2026, 12, 21), dt.date(2026, 12, 31)),
    ("the February half term", dt.date(2027, 2, 15), dt.date(2027, 2, 19)),
    ("the Easter holidays", dt.date(2027, 3, 29), dt.date(2027, 4, 9)),
    ("the summer holidays", dt.date(2026, 7, 22), dt.date(2026, 8, 28)),
    ("the summer holidays", dt.date(2027, 7, 21), dt.date(2027, 8, 27)),
]


def _slot(g: Gen, options: Sequence[tuple[str, str]]) -> tuple[str, str]:
    return g.pick(options)


def sched_group(g: Gen) -> list[dict[str, Any]]:
    opens, closes = _slot(
        g, [("09:30", "11:30"), ("10:00", "12:00"), ("13:00", "15:00"), ("18:30", "20:30"), ("19:00", "21:00")]
    )
    roll = g.rng.random()
    if roll < 0.3:
        day = g.pick(["1", "2", "3", "4", "-1"]) + g.pick([*WEEKDAYS, "SA"])
        return [schedule(day, opens, closes, freq="MONTHLY")]
    day = g.pick([*WEEKDAYS, "SA"])
    note = "term time" if g.chance(0.35) and day != "SA" else None
    return [schedule(day, opens, closes, note=note, interval=2 if roll < 0.45 else None)]


def sched_daytime(g: Gen) -> list[dict[str, Any]]:
    opens, closes = _slot(g, [("09:30", "11:00"), ("09:30", "11:30"), ("10:00", "11:30"), ("13:00", "14:30")])
    if g.chance(0.2):
        return [schedule(g.pick(["1", "2", "3", "-1"]) + g.pick(WEEKDAYS), opens, closes, freq="MONTHLY")]
    return [schedule(g.pick(WEEKDAYS), opens, closes, note="term time" if g.chance(0.4) else None)]


def sched_session(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(["MO", "TU", "WE", "TH", "FR", "SA", "SA", "SU"])
    if day in ("SA", "SU"):
        opens, closes = _slot(g, [("09:00", "10:00"), ("10:00", "11:30"), ("11:00", "12:00"), ("13:00", "15:00")])
    else:
        opens, closes = _slot(g, [("16:00", "17:00"), ("17:00", "18:00"), ("17:30", "19:00"), ("18:00", "19:30")])
    return [schedule(day, opens, closes, note="term time" if g.chance(0.3) else None)]


def sched_youth(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(WEEKDAYS)
    opens, closes = _slot(g, [("18:00", "20:00"), ("18:30", "20:30"), ("17:30", "19:30"), ("19:00", "21:00")])
    return [schedule(day, opens, closes, note="term time" if g.chance(0.5) else None)]


def sched_clinic(g: Gen) -> list[dict[str, Any]]:
    if g.chance(0.5):
        return [schedule(WEEKDAYS, "09:00", g.pick(["16:30", "17:00"]))]
    days = sorted(g.sample(WEEKDAYS, g.rng.randint(1, 3)), key=WEEKDAYS.index)
    return [schedule(days, g.pick(["08:30", "09:00", "09:30"]), g.pick(["12:30", "16:00", "16:30"]))]


def sched_office(g: Gen) -> list[dict[str, Any]]:
    return [schedule(WEEKDAYS, g.pick(["08:30", "09:00"]), g.pick(["16:30", "17:00"]))]


def sched_nursery(g: Gen) -> list[dict[str, Any]]:
    return [schedule(WEEKDAYS, g.pick(["07:00", "07:30", "07:45", "08:00"]), g.pick(["17:30", "18:00", "18:15"]))]


def sched_preschool(g: Gen) -> list[dict[str, Any]]:
    if g.chance(0.5):
        return [schedule(WEEKDAYS, g.pick(["08:45", "09:00"]), g.pick(["15:00", "15:15"]), note="term time")]
    return [schedule(WEEKDAYS, g.pick(["09:00", "09:15"]), g.pick(["11:45", "12:00"]), note="term time")]


def sched_childminder(g: Gen) -> list[dict[str, Any]]:
    days = WEEKDAYS if g.chance(0.7) else ["MO", "TU", "WE", "TH"]
    return [schedule(days, g.pick(["07:00", "07:30", "08:00"]), g.pick(["17:30", "18:00"]))]


def sched_holiday(g: Gen) -> list[dict[str, Any]]:
    label, start, end = g.pick(HOLIDAYS)
    days = WEEKDAYS if g.chance(0.6) else sorted(g.sample(WEEKDAYS, 2), key=WEEKDAYS.index)
    opens, closes = _slot(g, [("10:00", "15:00"), ("09:30", "14:30"), ("10:00", "13:00"), ("09:00", "16:00")])
    return [schedule(days, opens, closes, note=label.replace("the ", "during the ", 1), valid=(start, end))]


def sched_afterschool(g: Gen) -> list[dict[str, Any]]:
    days = sorted(g.sample(WEEKDAYS, g.rng.randint(1, 2)), key=WEEKDAYS.index)
    return [schedule(days, g.pick(["15:15", "15:30", "15:45"]), g.pick(["17:00", "17:30", "18:00"]), note="term time")]


def sched_weekend(g: Gen) -> list[dict[str, Any]]:
    day = g.pick(["SA", "SA", "SU"])
    opens, closes = _slot(g, [("10:00", "13:00"), ("10:00", "15:00"), ("13:00", "16:00"), ("09:30", "12:30")])
    if g.chance(0.4):
        return [schedule(g.pick(["1", "2", "3", "-1"]) + day, opens, closes, freq="MONTHLY")]
    return [schedule(day, opens, closes)]


SCHEDULES = {
    "group": sched_group,
    "daytime": sched_daytime,
    "session": sched_session,
    "youth": sched_youth,
    "clinic": sched_clinic,
    "office": sched_office,
    "nursery": sched_nursery,
    "preschool": sched_preschool,
    "childminder": sched_childminder,
    "holiday": sched_holiday,
    "afterschool": sched_afterschool,
    "weekend": sched_weekend,
}


def when_phrase(specs: Sequence[dict[str, Any]]) -> str:
    """Schedule as a phrase inside a sentence: 'every Tuesday morning', 'on the second Monday of each month'."""
    if not specs:
        return "by appointment"
    spec = specs[0]
    days = spec["byday"].split(",")
    hour = int(spec["opens_at"][:2])
    part = "morning" if hour < 12 else "afternoon" if hour < 17 else "evening"
    if spec["freq"] == "MONTHLY":
        match = re.fullmatch(r"(-?\d)([A-Z]{2})", days[0])
        assert match
        return f"on the {ORDINALS[int(match.group(1))]} {DAY_NAMES[match.group(2)]} {part} of each month"
    if "valid_from" in spec:
        return spec["description"].split("(")[-1].rstrip(")")
    if days == WEEKDAYS:
        return "Monday to Friday"
    if len(days) == 1:
        every = "every other" if spec.get("interval") == 2 else "every"
        return f"{every} {DAY_NAMES[days[0]]} {part}"
    return "on " + join_words([DAY_PLURALS[day] for day in days])


# ---------------------------------------------------------------------------------------------------------------------
# Organisations made up for the directory

ORG_TYPES: dict[str, dict[str, Any]] = {
    "charity": {
        "legal": ["Registered charity", "Charitable incorporated organisation (CIO)"],
        "desc": [
            "{name} is a local charity based in {place}, set up by parents in {year}. Its work includes {focus}.",
            "A charity working across {area} with disabled children, young people and their families. Founded in "
            "{year}, it is run by a small staff team and volunteers, and its work includes {focus}.",
            "{name} is a {area} charity for children and young people with SEND and their families; its work "
            "includes {focus}.",
            "Founded in {year}, {name} offers {focus} in {area}, alongside information and friendship for families.",
        ],
    },
    "community": {
        "legal": ["Unincorporated association (community group)", "Voluntary group"],
        "desc": [
            "A volunteer-led community group in {place}.",
            "Parent-led group set up in {year} by local families in {place}.",
            "A small voluntary group run by and for parent carers in {place} and nearby villages.",
        ],
    },
    "cic": {
        "legal": ["Community interest company"],
        "desc": [
            "{name} is a community interest company based in {place}, delivering {focus} across {area}.",
            "A social enterprise set up in {year}, providing {focus} for children and young people in {area}.",
        ],
    },
    "company": {
        "legal": ["Limited company", "Private limited company"],
        "desc": [
            "{name} is an independent provider based in {place}, offering {focus}.",
            "Independent practice established in {year} in {place}, offering {focus} to families across {area}.",
        ],
    },
    "sole": {
        "legal": ["Sole trader"],
        "desc": [
            "Independent practitioner based in {place}, offering {focus}.",
            "A registered independent practitioner working from {place} and visiting families across {area}.",
        ],
    },
    "nursery": {
        "legal": ["Limited company", "Registered charity", "Community interest company", "Limited company"],
        "desc": [
            "{name} is an Ofsted-registered early years provider in {place}.",
            "Independent early years provider established in {year}, with settings in {area}.",
            "A family-run childcare business in {place}, registered with Ofsted since {year}.",
        ],
    },
    "childminder": {
        "legal": ["Registered childminder (sole trader)"],
        "desc": [
            "Ofsted-registered childminder based in {place}, caring for a small group of children in a home setting.",
            "Registered childminder in {place} since {year}.",
        ],
    },
    "club": {
        "legal": ["Community amateur sports club", "Unincorporated association", "Affiliated club"],
        "desc": [
            "{name} is a volunteer-run club in {place} that welcomes members of all abilities.",
            "Community club founded in {year}, based in {place}, with inclusive sessions for disabled children "
            "and young people.",
            "A club in {area} run by qualified volunteer coaches since {year}.",
        ],
    },
    "scouts": {
        "legal": ["Registered charity (youth organisation)"],
        "desc": ["A local Scout group meeting in {place}, run by volunteer leaders, for young people aged 4 to 18."],
    },
}


FOUNDED = {"cic": (2006, 2024), "community": (1990, 2024), "childminder": (1995, 2024), "nursery": (1985, 2024)}


def new_org(g: Gen, org_type: str, name: str, place: Place, focus: str) -> Org | None:
    """A made-up organisation; None if the name is taken."""
    key = f"{org_type}:{slugify(name, 60)}"
    if key in g.orgs or name in g.org_names:
        return None
    spec = ORG_TYPES[org_type]
    year = g.rng.randint(*FOUNDED.get(org_type, (1978, 2024)))
    description = g.pick(spec["desc"]).format(
        name=name, place=place.name, area=g.area_name(place.aap_id), focus=focus, year=year
    )
    return g.org(key, name, description, g.pick(spec["legal"]), place, year=year if g.chance(0.6) else None)


# Most organisations run several services: the floor on how often a variant reuses one it already made.
MIN_REUSE = {
    "charity": 0.95,
    "cic": 0.9,
    "company": 0.8,
    "club": 0.85,
    "community": 0.9,
    "sole": 0.75,
    "nursery": 0.82,
}
# Variants that can be county-wide or online are a little more often so than their own figures say.
DELIVERY_SCALE = 1.5


class _Fill(dict):
    def __missing__(self, key: str) -> str:
        raise KeyError(f"template placeholder {{{key}}} has no value")


def fill(template: str, values: dict[str, Any]) -> str:
    return template.format_map(_Fill(values))


# ---------------------------------------------------------------------------------------------------------------------
# Kinds described as data: each variant says how to name, place, describe and price one sort of service.

GENERIC_PEOPLE = [
    "children and young people with SEND",
    "disabled children and young people",
    "children and young people with additional needs",
    "children and young people with special educational needs and disabilities",
]


VILLAGE_VENUES = [
    "{place} Community Centre", "{place} Village Hall", "{place} Methodist Church Hall", "{place} Miners' Welfare Hall",
]  # fmt: skip
CLOSING_TEXT = [
    "New families are always welcome.",
    "Dates can change in the school holidays, so check before travelling.",
    "Follow the group's updates for changes to dates and venues.",
    "Volunteers are always welcome too.",
    "Feedback from families shapes what is on offer each term.",
    "Please let us know about any access needs before your first visit.",
    "If you cannot make the sessions, get in touch and we will suggest something nearby.",
]
GENERIC_TOPICS = [
    "friendships",
    "staying safe online",
    "healthy relationships",
    "exam stress",
    "managing anger",
    "independence",
    "sleep",
    "confidence",
]


def _where(g: Gen, draft: Draft) -> str:
    if draft.delivery == "county":
        return g.pick(["across County Durham", "anywhere in County Durham", "county-wide"])
    if draft.delivery == "online":
        return g.pick(["online", "online and by phone", "by video call"])
    if not draft.venues:
        return ""
    venue = draft.venues[0]
    if venue.place.name in venue.name:
        return f"at {venue.name}"
    return g.pick([f"at {venue.name} in {venue.place.name}", f"at {venue.name}, {venue.place.name}"])


def _resolve_org(g: Gen, spec: dict[str, Any], pool_key: str, values: dict[str, Any]) -> tuple[Org | None, Place]:
    """The organisation running the service and the place it is based."""
    strategy = spec.get("org", ("public", "dcc"))
    mode = strategy[0]
    placing = spec.get("place", "any")

    def choose_place() -> Place:
        if "pin_place" in values:
            return g.place(values["pin_place"])
        if placing == "locality":
            locality = g.pick(LOCALITIES)
            values["locality"] = locality[0]
            return g.place(g.pick(LOCALITY_TOWNS[locality[0]]))
        return g.pick_place(towns=placing == "town")

    if mode == "public":
        return public_org(g, strategy[1]), choose_place()
    if mode == "school":
        wanted = strategy[1]
        candidates = [
            (row, org)
            for row, org in g.schools
            if row["status"] != "closed"
            and (
                (wanted == "college" and row["subtype"] == "college")
                or (wanted == "special" and row["school_name"] in SPECIAL_SCHOOL_NEEDS)
                or (wanted == "mainstream" and row["subtype"] in ("maintained", "academy"))
            )
        ]
        _row, org = g.pick(candidates)
        values["school"] = org.name
        return org, org.home
    if mode == "self":
        return None, choose_place()
    # ("new", org_type, name templates, reuse probability, scope)
    _, org_type, templates, reuse, scope = strategy
    pool = g.pools.setdefault(pool_key, [])
    reuse = max(reuse, MIN_REUSE.get(org_type, 0.0))
    if scope == "home" and pool and g.chance(reuse):
        # A practice or social enterprise working from its base: somewhere in its own locality.
        org = g.pick(pool)
        if g.chance(0.25):
            return org, org.home
        aaps = [g.ref.aap_by_id[a] for a in LOCALITY_AAPS[LOCALITY_OF[org.home.aap_id]]]
        return org, g.pick_place(g.weighted([a.id for a in aaps], [a.population for a in aaps]))
    place = choose_place()
    # A local organisation (scope "area") runs services in its own locality (one of the five former districts
    # that most local charities and teams still work in); a county-wide one anywhere.
    candidates = [org for org in pool if scope != "area" or LOCALITY_OF[org.home.aap_id] == LOCALITY_OF[place.aap_id]]
    if scope != "home" and candidates and g.chance(reuse):
        return g.pick(candidates), place
    for _ in range(8):
        template = g.pick(templates)
        name = fill(template, {**values, "place": place.name, "area": g.area_name(place.aap_id), "cute": g.pick(CUTE)})
        org = new_org(g, org_type, name, place, fill(spec.get("focus", "support for families"), values))
        if org:
            pool.append(org)
            return org, place
    return (g.pick(pool) if pool else public_org(g, "dcc")), place


def run_variant(g: Gen, kind: str, index: int, spec: dict[str, Any], pin: dict[str, Any] | None = None) -> Draft:
    """One service from a variant; `pin` fixes its name, place and extras (see PINNED)."""
    values: dict[str, Any] = {}
    overrides: dict[str, Any] = {}
    for key, pool in spec.get("extra", {}).items():
        item = pin["extra"][key] if pin and key in pin["extra"] else g.pick(pool)
        if isinstance(item, dict):
            for sub, value in item.items():
                if sub.startswith("_"):
                    overrides[sub] = value
                elif sub == "topics":
                    for n, topic in enumerate(g.sample(value, 3), start=1):
                        values[f"topic{n}"] = topic
                elif isinstance(value, list):
                    values[sub] = g.pick(value)
                else:
                    values[sub] = value
        else:
            values[key] = item
    values.setdefault("need_words", "SEND")
    values.setdefault("short", "SEND")
    values.setdefault("label", "SEND")
    if "topic1" not in values:
        for n, topic in enumerate(g.sample(GENERIC_TOPICS, 3), start=1):
            values[f"topic{n}"] = topic
    values["youth_topic"] = g.pick(GENERIC_TOPICS)
    pool_key = spec.get("pool", f"{kind}:{spec['names'][0]}")
    if spec.get("pool_by"):
        pool_key += ":" + values[spec["pool_by"]]
    org: Org | None = None
    name = ""
    place: Place | None = None
    county, online = spec.get("delivery", (0.04, 0.05))
    delivery = "physical" if pin else g.delivery(county * DELIVERY_SCALE, online * DELIVERY_SCALE)
    names = spec["names"]
    if delivery != "physical":
        names = [name for name in names if "{place}" not in name] or names
    for _ in range(10):
        values.pop("locality", None)
        if pin:
            values["pin_place"] = pin["place"]
        before = len(g.pools.get(pool_key, ()))
        org, place = _resolve_org(g, spec, pool_key, values)
        values.update(place=place.name, area=g.area_name(place.aap_id), town=g.main_town(place.aap_id).name)
        values.setdefault("locality", next(name for name, _, aaps in LOCALITIES if place.aap_id in aaps))
        values.setdefault("cute", g.pick(CUTE))
        values["org"] = org.name if org else ""
        name = pin["name"] if pin else fill(g.pick(names), values)
        if pin or (name not in g.reserved_names and g.names[name] == 0):
            break
        g.forget_orgs(pool_key, before)  # an organisation made for a name that is taken runs nothing
    else:
        raise NameTaken(name)
    assert place is not None
    if org is None:  # the group is its own organisation
        org_type = spec["org"][1]
        org = new_org(g, org_type, name, place, fill(spec.get("focus", "support for families"), values))
        org = org or public_org(g, "dcc")
        values["org"] = org.name
    key = f"pinned:{slugify(name)}" if pin else f"{kind}:{index:04d}"
    draft = Draft(key=key, kind=kind, name=name, org=org, description="", categories=[])
    draft.delivery = delivery
    if pin:
        draft.status = "active"
        draft.recent = True
    if spec.get("org", ("",))[0] == "school" and draft.delivery == "physical":
        row = next(row for row, school in g.schools if school is org)
        postcode = g.ref.postcode_by_code[row["postcode"]]
        draft.venues = [g.school_venue(org.name, postcode, org.home.name)]
    elif draft.delivery == "physical" or (draft.delivery == "county" and g.chance(0.5)):
        labels = spec.get("venues", ["{place} Community Centre"])
        own = [label for label in labels if "{org}" in label]  # the organisation's own premises
        village = own or spec.get("village_venues", VILLAGE_VENUES)
        label = g.pick(labels if place.is_town else village)
        draft.venues = [g.venue(place, fill(label, {**values, "place": place.name}))]
        if draft.delivery == "physical" and "{org}" not in label and g.chance(spec.get("multi", 0.15)):
            for _ in range(g.pick([1, 1, 2])):
                other = g.pick_place(place.aap_id, towns=True) if g.chance(0.6) else g.pick_place(towns=True)
                label = g.pick(labels if other.is_town else village)
                venue = g.venue(other, fill(label, {**values, "place": other.name}))
                if venue not in draft.venues:
                    draft.venues.append(venue)
    # Who it is for
    pool, low, high = spec.get("needs", ([], 0, 0))
    needs = list(overrides.get("_needs", g.sample(pool, g.rng.randint(low, high)) if pool else []))
    draft.needs = needs[:4]
    cats = list(overrides.get("_cats", [])) + list(spec["cats"][:1])
    extra_cats = [c for c in spec["cats"][1:] if c not in cats]
    cats += g.sample(extra_cats, g.rng.randint(0, min(2, len(extra_cats))))
    draft.categories = list(dict.fromkeys(cats))[:3]
    draft.markers.update(spec.get("markers", ()))
    draft.markers.update(overrides.get("_markers", ()))
    draft.min_age, draft.max_age = overrides.get("_ages") or g.pick(spec.get("ages", [(0, 25)]))
    if spec.get("school_ages"):
        row = next(row for row, school in g.schools if school is org)
        draft.min_age = max(float(row["age_min"]), 4.0)
        draft.max_age = None if row["age_max"] == "99" else float(row["age_max"])
    # When
    sched_name = spec.get("sched")
    if sched_name and g.chance(spec.get("sched_p", 1.0)):
        draft.schedules = SCHEDULES[sched_name](g)
        if sched_name == "holiday":
            draft.markers.add("school-holidays")
    values.update(
        name=name,
        ages=age_phrase(draft.min_age, draft.max_age),
        when=when_phrase(draft.schedules),
        where=_where(g, draft),
        venue=draft.venues[0].name if draft.venues else "the venue",
    )
    values.setdefault("people", g.pick(spec.get("people", GENERIC_PEOPLE)))
    # What it says
    sentences = [cap(fill(g.pick(spec["opener"]), values).replace("  ", " ").replace(" .", "."))]
    low_n, high_n = spec.get("nbody", (2, 3))
    sentences += [fill(text, values) for text in g.sample(spec["body"], g.rng.randint(low_n, high_n))]
    modes = spec.get("access", {"self": 1})
    sentences.append(g.access(draft, g.weighted(list(modes), list(modes.values()))))
    if draft.delivery == "physical":
        low_p, high_p = spec.get("practical", (0, 0) if spec.get("sched") == "office" else (0, 2))
        sentences += g.practical(draft, g.rng.randint(low_p, high_p))
    strategy = spec.get("org", ("public",))
    if strategy[0] in ("new", "self") and strategy[1] in ("charity", "community", "cic", "club") and g.chance(0.3):
        sentences.append(g.pick(CLOSING_TEXT))
    if spec.get("eligibility") and g.chance(0.6):
        draft.eligibility = fill(g.pick(spec["eligibility"]), values)
    draft.description = " ".join(sentence.strip() for sentence in sentences if sentence.strip())
    for extra in g.sample(CLOSING_TEXT, len(CLOSING_TEXT)):
        if draft.description not in g.descriptions:
            break
        draft.description += " " + extra  # two services never read the same
    g.descriptions.add(draft.description)
    # Cost
    if g.chance(spec.get("free", 0.7)) or not spec.get("costs"):
        g.free(draft)
    else:
        g.cost(draft, spec["costs"])
    if draft.delivery == "county":
        draft.markers.add("county-wide")
        draft.area_description = g.pick(
            ["Families living anywhere in County Durham.", "All of County Durham.", "County Durham-wide."]
        )
    elif draft.delivery == "online":
        draft.markers.add("online")
    if "bsl" in draft.markers and g.chance(0.6):
        draft.languages = [("English", "en"), ("British Sign Language", "bfi")]
    elif g.chance(0.05):
        draft.languages = [("English", "en"), g.pick([("Polish", "pl"), ("Arabic", "ar"), ("Romanian", "ro")])]
        draft.interpretation = "Interpreters can be arranged for appointments; please ask when booking."
    if spec.get("funding") and g.chance(0.3):
        draft.funding = [g.pick(FUNDERS)]
    if spec.get("contact_title"):
        draft.contact_title = g.pick(spec["contact_title"])
    g.contact_details(draft)
    return g.add(draft)


class NameTaken(Exception):
    """Every name a variant tried is already in use."""


def run_kind(g: Gen, kind: str, variants: Sequence[dict[str, Any]], count: int) -> None:
    weights = [variant.get("w", 1) for variant in variants]
    for index in range(count):
        for _ in range(50):
            try:
                run_variant(g, kind, index, g.weighted(variants, weights))
                break
            except NameTaken:
                continue
        else:
            raise RuntimeError(f"{kind}: cannot find an unused service name")


# ---------------------------------------------------------------------------------------------------------------------
# Content: parent carer support groups

CONDITIONS: list[dict[str, Any]] = [
    {
        "label": "Autism",
        "short": "Autism",
        "need_words": "autism",
        "people": [
            "autistic children and young people, with or without a diagnosis",
            "children and young people on the autism spectrum (ASD/ASC)",
            "autistic children and those waiting for an autism assessment",
        ],
        "topics": [
            "sensory differences", "meltdowns and shutdowns", "the autism assessment pathway",
            "emotionally based school avoidance (EBSA)", "sleep", "restricted eating", "EHCP applications",
            "puberty", "masking at school", "transition to secondary school",
        ],
        "_needs": ["ASD"],
        "_cats": ["Autistic Spectrum Disorder (ASD)"],
    },
    {
        "label": "ADHD",
        "short": "ADHD",
        "need_words": "ADHD",
        "people": [
            "children and young people with ADHD or suspected ADHD",
            "children with attention deficit hyperactivity disorder (ADHD)",
        ],
        "topics": [
            "medication", "emotional regulation", "exclusions and part-time timetables",
            "the ADHD assessment waiting list", "routines and organisation", "sleep", "friendships",
        ],
        "_needs": ["SEMH"],
        "_cats": ["Social, emotional and mental health support"],
    },
    {
        "label": "Down Syndrome",
        "short": "Down Syndrome",
        "need_words": "Down syndrome",
        "people": ["children and young people with Down syndrome", "babies and children with Down syndrome"],
        "topics": [
            "Makaton and early signing", "speech and reading", "health checks", "starting school",
            "independence skills", "hearing and vision",
        ],
        "_needs": ["SLD", "MLD"],
        "_cats": ["Learning difficulties and disabilities"],
    },
    {
        "label": "Dyslexia",
        "short": "Dyslexia",
        "need_words": "dyslexia",
        "people": [
            "children and young people with dyslexia and other specific learning difficulties (SpLD)",
            "dyslexic children and teenagers",
        ],
        "topics": [
            "reading and spelling at home", "exam access arrangements", "assistive technology", "self-esteem",
            "getting a dyslexia assessment", "coloured overlays and reading rulers",
        ],
        "_needs": ["SPLD"],
        "_cats": ["Learning difficulties and disabilities"],
    },
    {
        "label": "Deaf Children's",
        "short": "Deaf Children",
        "need_words": "deafness and hearing loss",
        "people": ["deaf children and young people and their families", "children with a hearing impairment"],
        "topics": [
            "BSL and family sign", "hearing aids and cochlear implants", "radio aids at school", "deaf role models",
            "newborn hearing screening results",
        ],
        "_needs": ["HI"],
        "_cats": ["Hearing impairment"],
        "_markers": ["bsl"],
    },
    {
        "label": "Visual Impairment",
        "short": "Visual Impairment",
        "need_words": "sight loss",
        "people": ["children and young people who are blind or partially sighted", "children with a vision impairment"],
        "topics": ["braille and large print", "mobility and habilitation", "accessible play", "technology"],
        "_needs": ["VI"],
        "_cats": ["Visual impairment"],
    },
    {
        "label": "Epilepsy",
        "short": "Epilepsy",
        "need_words": "epilepsy",
        "people": ["children and young people with epilepsy", "families living with childhood epilepsy"],
        "topics": [
            "seizure plans and rescue medication", "school health care plans", "sleep and safety",
            "living with uncertainty", "ketogenic diets",
        ],
        "_needs": ["OTH"],
        "_cats": ["Other difficulties or disabilities"],
    },
    {
        "label": "Cerebral Palsy",
        "short": "Cerebral Palsy",
        "need_words": "cerebral palsy",
        "people": ["children and young people with cerebral palsy", "children with cerebral palsy and their families"],
        "topics": ["equipment and seating", "physiotherapy at home", "accessible days out", "home adaptations"],
        "_needs": ["PD"],
        "_cats": ["Physical disabilities"],
    },
    {
        "label": "Sensory Processing",
        "short": "Sensory",
        "need_words": "sensory processing differences",
        "people": [
            "children with sensory processing differences, including autistic children",
            "children who are sensory seeking or sensory avoiding",
        ],
        "topics": ["sensory diets", "haircuts and toothbrushing", "clothing and labels", "noise and crowds"],
        "_needs": ["ASD", "OTH"],
        "_cats": ["Autistic Spectrum Disorder (ASD)", "Other difficulties or disabilities"],
    },
    {
        "label": "Neurodiversity",
        "short": "Neurodivergent",
        "need_words": "autism, ADHD and other neurodivergent conditions",
        "people": ["neurodivergent children and young people (autism, ADHD, dyslexia, dyspraxia, Tourette's)"],
        "topics": ["school support plans", "diagnosis waiting lists", "self-care for parents", "anxiety", "sleep"],
        "_needs": ["ASD", "SEMH", "SPLD"],
        "_cats": ["Autistic Spectrum Disorder (ASD)", "Social, emotional and mental health support"],
    },
    {
        "label": "Dyspraxia (DCD)",
        "short": "Dyspraxia",
        "need_words": "dyspraxia",
        "people": ["children with dyspraxia (developmental coordination disorder, DCD)"],
        "topics": ["handwriting", "PE and sport", "dressing and self-care", "organisation"],
        "_needs": ["SPLD", "PD"],
        "_cats": ["Learning difficulties and disabilities", "Physical disabilities"],
    },
    {
        "label": "Tourette's",
        "short": "Tourette's",
        "need_words": "Tourette syndrome",
        "people": ["children and young people with Tourette syndrome and tic disorders"],
        "topics": ["tics at school", "anxiety", "explaining tics to friends", "CBIT and tic therapies"],
        "_needs": ["OTH", "SEMH"],
        "_cats": ["Other difficulties or disabilities"],
    },
    {
        "label": "Complex Needs",
        "short": "Complex Needs",
        "need_words": "complex needs",
        "people": [
            "children and young people with complex medical needs and profound and multiple learning "
            "disabilities (PMLD)",
            "children with life-limiting conditions and complex health needs",
        ],
        "topics": ["continuing care", "equipment", "hospital stays", "tube feeding", "accessible holidays"],
        "_needs": ["PMLD", "PD"],
        "_cats": ["Learning difficulties and disabilities", "Physical disabilities"],
    },
    {
        "label": "Additional Needs",
        "short": "Additional Needs",
        "need_words": "developmental delay",
        "people": [
            "babies and young children with developmental delay or additional needs, with or without a diagnosis",
            "young children with global developmental delay",
        ],
        "topics": ["Portage", "starting nursery", "early years funding", "speech and play", "sleep"],
        "_needs": ["SLCN", "MLD"],
        "_cats": ["Early years support"],
    },
    {
        "label": "School Anxiety",
        "short": "School Anxiety",
        "need_words": "school-related anxiety",
        "people": [
            "children and young people who struggle to attend school because of anxiety (emotionally based school "
            "avoidance, EBSA)",
        ],
        "topics": ["attendance meetings", "part-time timetables", "the Education Health Needs Team", "burnout"],
        "_needs": ["SEMH"],
        "_cats": ["Social, emotional and mental health support", "Mental health, social and emotional support"],
    },
    {
        "label": "PDA",
        "short": "PDA",
        "need_words": "PDA",
        "people": ["children with a pathological demand avoidance (PDA) profile of autism"],
        "topics": ["low-demand parenting", "school refusal", "explaining PDA to professionals", "family life"],
        "_needs": ["ASD", "SEMH"],
        "_cats": ["Autistic Spectrum Disorder (ASD)"],
    },
    {
        "label": "Speech and Language",
        "short": "Talking",
        "need_words": "speech and language needs",
        "people": ["children with speech, language and communication needs (SLCN), including selective mutism"],
        "topics": ["speech therapy waiting lists", "Makaton", "selective mutism", "using AAC at home"],
        "_needs": ["SLCN"],
        "_cats": ["Speech, language and communication needs"],
    },
    {
        "label": "Rare Conditions",
        "short": "Rare Conditions",
        "need_words": "rare and undiagnosed conditions",
        "people": ["children with rare or undiagnosed genetic conditions (syndromes without a name, SWAN)"],
        "topics": ["genetic testing", "coordinating appointments", "finding others with the same condition"],
        "_needs": ["OTH"],
        "_cats": ["Other difficulties or disabilities"],
    },
    {
        "label": "SEND",
        "short": "SEND",
        "need_words": "SEND",
        "people": GENERIC_PEOPLE,
        "topics": [
            "EHCPs", "DLA claims", "short breaks", "school transport", "the Local Offer", "sleep",
            "behaviour that challenges", "preparing for adulthood",
        ],
        "_needs": [],
        "_cats": ["Groups for parents and carers of children with SEND"],
    },
]  # fmt: skip
CONDITION_POOL = CONDITIONS[:1] * 6 + CONDITIONS[1:2] * 3 + CONDITIONS[-1:] * 4 + CONDITIONS

CHARITY_NAMES = [
    "{cute} {short} Families", "{area} {short} Support", "{cute} Parent Carers", "{cute} SEND Families",
    "{area} Parent Carer Network", "{cute} Trust", "{cute} Family Support", "{short} Families {area}",
    "{cute} Project", "{area} {short} Network", "{cute} Friends",
]  # fmt: skip
GROUP_BODY = [
    "Parents and carers of {people} meet {when} to share experiences, swap tips and support each other.",
    "Each session starts with a relaxed chat over a cuppa, and some weeks a guest speaker covers topics such as "
    "{topic1} or {topic2}.",
    "Volunteers who are parent carers themselves run the group, so you will be talking to people who understand.",
    "The group shares information about the Local Offer, EHCPs, DLA claims and local short breaks.",
    "Topics discussed recently include: {topic1}; {topic2}; {topic3}.",
    "Guest speakers have included SENDIASS, the Educational Psychology Service and local CAMHS practitioners.",
    "Members keep in touch through a private online chat between meetings.",
    "Whether your child has just been diagnosed or you have been on this journey for years, you will be welcome.",
    "There are family days out in the holidays and a Christmas party for the whole family.",
    "It is a safe, non-judgemental space: nobody has to talk unless they want to.",
    "New members often say the group was the first place they felt understood.",
    "The group can signpost you to specialist help, including the Autism and Social Communication Team and "
    "Citizens Advice for benefits.",
]
PLAY_BODY = [
    "Little ones can explore messy play, lights, bubbles and music while parents chat.",
    "The sensory room has a bubble tube, fibre optics, a ball pool and calming music.",
    "Sessions are small and calm, with a quiet corner and no pressure to join in.",
    "A play worker with early years SEND experience leads songs with Makaton signs.",
    "Health visitors and the Portage team drop in some weeks to answer questions.",
    "Parents meet others in the same situation, often before a diagnosis, and share ideas, for example about {topic1}.",
]
YOUTH_BODY = [
    "Young people {ages} meet {when} to play games, chat, cook and plan trips, with trained youth workers on hand.",
    "It is a chance to make friends with people who get it, in a calm space with a quiet room to retreat to.",
    "Activities include gaming, pool, arts and crafts, and outings to the cinema and bowling.",
    "Young people help choose the programme, and there are regular sessions on topics such as {youth_topic}.",
    "Staff are trained in autism awareness and the group has a low-sensory space.",
]
SIBLING_BODY = [
    "Brothers and sisters of disabled children get time to have fun and talk with others who understand.",
    "Activities include games, crafts and trips, and a chance to talk about what it is like at home.",
    "Siblings often take on a lot: the group gives them time that is just for them.",
]
DAD_BODY = [
    "Dads, granddads and male carers get together {when} for a brew, a chat and the occasional bowling night.",
    "It is informal and friendly: no speeches, just blokes who understand what life with a child with SEND is like.",
    "Past meet-ups have included five-a-side, fishing trips and a curry night.",
]

SUPPORT_GROUP_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 1.2,
        "names": [
            "{place} {label} Parent Support Group",
            "{label} Parent Support Group ({place})",
            "{place} {label} Parents' Coffee Morning",
            "{place} {label} Support Network",
            "{area} {label} Parents' Group",
            "{place} {label} Parent Carer Drop-in",
        ],
        "org": (
            "new",
            "community",
            [
                "{place} {short} Parents",
                "{place} Parent Carers Together",
                "{place} {short} Support Group",
                "{area} SEND Parents",
                "{place} {short} Families",
            ],
            0.8,
            "area",
        ),
        "pool": "support-community",
        "pool_by": "short",
        "focus": "peer support for families affected by {need_words}",
        "extra": {"cond": CONDITION_POOL},
        "cats": ["Groups for parents and carers of children with SEND"],
        "ages": [(None, None), (0, 25), (0, 18), (0, 19), (4, 18)],
        "access": {"dropin": 4, "self": 3, "booking": 1},
        "delivery": (0.04, 0.08),
        "free": 0.6,
        "costs": [("Per session", 1, 3, "Includes refreshments."), ("Annual family membership", 5, 15, None)],
        "sched": "group",
        "sched_p": 0.95,
        "venues": [
            "{place} Community Centre",
            "{place} Family Hub",
            "{place} Library",
            "{place} Methodist Church Hall",
            "{place} Miners' Welfare Hall",
            "{place} Youth Centre",
            "{place} Leisure Centre",
        ],
        "village_venues": ["{place} Village Hall", "{place} Community Centre", "{place} Miners' Welfare Hall"],
        "opener": [
            "{name} is a friendly group for parents and carers of {people}, meeting {where}.",
            "A welcoming, volunteer-run group {where} for families of {people}.",
            "Parent-led support {where} for mums, dads and carers of {people}.",
            "Set up by local parents and meeting {where}, {name} brings together families of {people}.",
        ],
        "body": GROUP_BODY,
        "nbody": (2, 3),
        "practical": (0, 2),
        "funding": True,
        "contact_title": ["Group coordinator", "Volunteer organiser", "Group secretary"],
    },
    {
        "w": 5,
        "names": [
            "{org} – {place} Group",
            "{place} {label} Parents' Group",
            "{org} Coffee Morning ({place})",
            "{label} Family Support – {place}",
            "{org}: {place} Parent Carer Meet-up",
        ],
        "org": ("new", "charity", CHARITY_NAMES, 0.85, "area"),
        "pool": "support-charity",
        "pool_by": "short",
        "focus": "peer support for families affected by {need_words}",
        "extra": {"cond": CONDITION_POOL},
        "cats": ["Groups for parents and carers of children with SEND"],
        "ages": [(None, None), (0, 25), (0, 18), (5, 18)],
        "access": {"dropin": 3, "self": 4, "booking": 1},
        "delivery": (0.06, 0.1),
        "free": 0.6,
        "costs": [("Per session", 1, 3, "Includes refreshments."), ("Annual family membership", 5, 15, None)],
        "sched": "group",
        "sched_p": 0.95,
        "venues": [
            "{place} Community Centre",
            "{place} Family Hub",
            "{place} Library",
            "{place} Methodist Church Hall",
            "{place} Baptist Church Hall",
            "{place} Youth Centre",
            "{place} Community Hub",
        ],
        "village_venues": ["{place} Village Hall", "{place} Community Centre", "{place} Parish Hall"],
        "opener": [
            "{org} runs this group {where} for parents and carers of {people}.",
            "Run by {org} and meeting {where}, {name} brings together families of {people}.",
            "Peer support {where} for parents and carers of {people}, from the team at {org}.",
        ],
        "body": GROUP_BODY,
        "nbody": (2, 3),
        "practical": (0, 2),
        "funding": True,
    },
    {
        "w": 2.5,
        "names": [
            "{place} Sensory Play Sessions",
            "{place} {label} Stay and Play",
            "{cute} Sensory Stay and Play ({place})",
            "{place} Little Explorers SEND Play Group",
            "{cute} Tots SEND Play Session – {place}",
        ],
        "org": ("new", "charity", CHARITY_NAMES, 0.6, "area"),
        "pool": "support-charity",
        "pool_by": "short",
        "focus": "sensory play sessions for young children",
        "extra": {"cond": CONDITIONS[13:14] * 3 + CONDITIONS[:1] + CONDITIONS[8:9] + CONDITIONS[2:3]},
        "cats": [
            "Parent, baby and toddler groups",
            "Early years support",
            "Groups for parents and carers of children with SEND",
        ],
        "ages": [(0, 5), (0, 4), (0, 8)],
        "access": {"dropin": 3, "booking": 2},
        "delivery": (0.0, 0.0),
        "free": 0.5,
        "costs": [("Per family per session", 1, 3, None)],
        "sched": "daytime",
        "venues": ["{place} Family Hub", "{place} Children's Centre", "{place} Library", "{place} Community Centre"],
        "village_venues": ["{place} Village Hall", "{place} Community Centre"],
        "opener": [
            "Play sessions {where} for young children and their parents or carers, especially families of {people}.",
            "{name}: relaxed sensory play {where}, {when}, for {people}.",
        ],
        "body": PLAY_BODY,
        "nbody": (2, 3),
    },
    {
        "w": 2,
        "names": [
            "{place} {label} Teen Social Group",
            "{cute} Social Club for Autistic Teens ({place})",
            "{area} Neurodivergent Youth Group",
            "{place} SEND Youth Social",
            "{cute} Teen Hangout – {place}",
        ],
        "org": ("new", "charity", CHARITY_NAMES, 0.6, "area"),
        "pool": "support-charity",
        "pool_by": "short",
        "focus": "social groups for young people",
        "extra": {"cond": CONDITIONS[:1] * 3 + CONDITIONS[9:10] * 2 + CONDITIONS[1:2] + CONDITIONS[-1:]},
        "cats": ["Activities", "Targeted youth support"],
        "ages": [(11, 18), (13, 19), (11, 25), (14, 25)],
        "access": {"booking": 2, "self": 2, "dropin": 1},
        "delivery": (0.0, 0.05),
        "free": 0.5,
        "costs": [("Per session", 1, 4, None)],
        "sched": "youth",
        "venues": ["{place} Youth Centre", "{place} Community Centre", "{place} Leisure Centre"],
        "opener": [
            "A social group {where} for young people {ages}: {people}.",
            "{name} gives young people {ages} somewhere to belong, {when}, {where}.",
        ],
        "body": YOUTH_BODY,
        "nbody": (2, 3),
        "people": ["autistic teenagers", "neurodivergent young people", "young people with SEND"],
    },
    {
        "w": 0.8,
        "names": ["{area} Siblings Group", "{cute} Sibs Club ({place})", "Young Siblings Group – {place}"],
        "org": ("new", "charity", CHARITY_NAMES, 0.5, "area"),
        "pool": "support-charity",
        "focus": "support for brothers and sisters of disabled children",
        "cats": ["Breaks and respite", "Targeted youth support"],
        "ages": [(6, 16), (8, 18), (5, 12)],
        "access": {"booking": 2, "self": 1},
        "free": 0.85,
        "costs": [("Per session", 2, 4, None)],
        "sched": "group",
        "venues": ["{place} Youth Centre", "{place} Community Centre", "{place} Family Hub"],
        "opener": ["A group {where} for brothers and sisters of disabled children {ages}."],
        "body": SIBLING_BODY,
        "nbody": (2, 2),
    },
    {
        "w": 0.8,
        "names": ["{place} SEND Dads' Group", "{area} Dads of Disabled Children", "{label} Dads' Group – {area}"],
        "org": ("new", "community", ["{area} SEND Dads", "{place} Dads Together"], 0.8, "area"),
        "pool": "support-community",
        "focus": "a dads' group",
        "extra": {"cond": CONDITIONS[:1] + CONDITIONS[-1:] * 3},
        "cats": ["Groups for parents and carers of children with SEND", "Parenting support"],
        "ages": [(None, None), (0, 25)],
        "access": {"dropin": 1, "self": 2},
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Community Centre", "{place} Cricket Club", "{place} Working Men's Club"],
        "opener": ["A dads' group {where} for fathers and male carers of {people}."],
        "body": DAD_BODY,
        "nbody": (2, 2),
    },
    {
        "w": 1.8,
        "names": [
            "{label} Parents Online ({area})",
            "{cute} Online Parent Carer Group",
            "{label} Virtual Coffee Morning",
            "{area} {label} Parents' Online Meet-up",
        ],
        "org": ("new", "charity", CHARITY_NAMES, 0.7, "county"),
        "pool": "support-charity",
        "pool_by": "short",
        "focus": "peer support for families affected by {need_words}",
        "extra": {"cond": CONDITION_POOL},
        "cats": ["Groups for parents and carers of children with SEND"],
        "ages": [(None, None), (0, 25)],
        "access": {"self": 1},
        "delivery": (0.25, 0.75),
        "free": 1.0,
        "sched": "group",
        "opener": [
            "An online group for parents and carers of {people}, meeting by video call {when}.",
            "{name} meets online {when}, so parents of {people} can join from home after bedtime.",
        ],
        "body": GROUP_BODY[1:8],
        "nbody": (2, 3),
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: early years and childcare

NURSERY_BODY = [
    "Children {ages} are cared for in bright, well-equipped rooms with a garden for outdoor play.",
    "The setting's SENCo works with parents, health visitors and the Early Years Inclusion Team to plan support "
    "for children with additional needs.",
    "Staff use Makaton, visual timetables and Now and Next boards, and are trained in Early Talk Boost.",
    "The nursery can apply for SEN Inclusion Funding and the Disability Access Fund to provide extra support.",
    "Funded places are available for eligible 2 year olds and all 3 and 4 year olds (15 and 30 hours).",
    "Every child has a key person, and families get regular updates through an online learning journal.",
    "Meals are cooked on site, and special diets and allergies are catered for.",
    "Children with medical needs are welcome; staff are trained to follow individual health care plans.",
    "Settling-in sessions are tailored to each child, with a visual story of the rooms and staff.",
    "There is a sensory room and a calm space for children who need time away from the group.",
    "Speech and language therapists and Portage workers are welcome to visit and work with children in the room.",
]
PRESCHOOL_BODY = [
    "A community pre-school for children {ages}, run by a parent committee and qualified staff.",
    "Sessions follow the Early Years Foundation Stage, with lots of outdoor play, stories and songs.",
    "Funded places for 2, 3 and 4 year olds are available, and the SENCo supports children with additional needs.",
    "Staff work closely with the local primary school to make starting school as smooth as possible.",
    "Small group sizes suit children who find busy nurseries overwhelming.",
    "Children with speech and language delay get daily small-group language sessions.",
]
CHILDMINDER_BODY = [
    "Ofsted-registered, caring for a small group of children in a family home.",
    "Experience of caring for children with autism, global developmental delay and medical needs, and happy to "
    "follow therapists' programmes.",
    "Days include walks, trips to the park, library rhyme time and local toddler groups.",
    "Funded places for 2, 3 and 4 year olds are offered, and Tax-Free Childcare is accepted.",
    "Makaton and paediatric first aid trained; a calm home setting suits children who find big nurseries hard.",
    "School drop-offs and pick-ups are offered for local primary schools.",
    "Flexible hours, including early starts for shift workers, by arrangement.",
]
EARLY_SEND_BODY = [
    "Early years practitioners offer advice on play, communication and behaviour for children {ages} with "
    "emerging additional needs.",
    "Parents can talk about concerns before or after a diagnosis, and get help applying for early years SEN "
    "inclusion funding.",
    "The team works with nurseries and childminders to plan support and smooth the move into school.",
    "Sessions include play activities modelled on Portage and Early Talk Boost.",
]
TODDLER_BODY = [
    "Sessions run {when}, with toys, songs and a snack.",
    "Children with additional needs and their families are particularly welcome, and staff can adapt activities.",
    "Songs use Makaton signs and there is a quiet corner with sensory toys.",
    "Parents can chat with a family worker about any worries about their child's development.",
]

EARLY_YEARS_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 5,
        "names": ["{org} – {place}", "{org}, {place}"],
        "org": (
            "new",
            "nursery",
            [
                "{cute} Day Nursery",
                "{cute} Nursery",
                "{cute} Childcare",
                "{cute} Kindergarten",
                "{cute} Nurseries",
                "{cute} Early Years",
            ],
            0.45,
            "county",
        ),
        "focus": "day nursery care",
        "extra": {"adj": ["family-run", "purpose-built", "small", "busy", "village", "award-winning"]},
        "cats": ["Early years support", "Early years language and learning"],
        "needs": (["SLCN", "ASD", "PD", "MLD"], 0, 2),
        "ages": [(0, 5), (0.25, 5), (0, 4)],
        "access": {"booking": 3, "self": 2},
        "delivery": (0.0, 0.0),
        "free": 0.06,
        "costs": [
            ("Per day", 46, 62, "Funded hours for eligible 2, 3 and 4 year olds are deducted from fees."),
            ("Per hour", 5.5, 7.5, None),
            ("Per half day", 28, 36, None),
        ],
        "sched": "nursery",
        "sched_p": 0.95,
        "venues": ["{org}"],
        "opener": [
            "{name} is a {adj} day nursery in {place} for children {ages}.",
            "A {adj} day nursery in {place}, open all year round.",
            "{org} runs this {adj} nursery in {place}, caring for babies, toddlers and pre-school children.",
        ],
        "body": NURSERY_BODY,
        "nbody": (2, 4),
        "practical": (0, 1),
        "contact_title": ["Nursery manager", "SENCo", "Deputy manager"],
    },
    {
        "w": 0.35,
        "names": [
            "{place} Pre-School",
            "{place} Community Playgroup",
            "{cute} Pre-School ({place})",
            "{place} Methodist Playgroup",
            "{cute} Playgroup, {place}",
        ],
        "org": ("self", "charity"),
        "focus": "pre-school education",
        "cats": ["Pre-school playgroup", "Early years support", "Early years language and learning"],
        "needs": (["SLCN", "ASD"], 0, 1),
        "ages": [(2, 5), (2, 4)],
        "access": {"booking": 2, "self": 2},
        "delivery": (0.0, 0.0),
        "free": 0.3,
        "costs": [("Per session (non-funded hours)", 12, 18, None), ("Per hour", 5, 6.5, None)],
        "sched": "preschool",
        "venues": ["{place} Methodist Church Hall", "{place} Community Centre", "{place} Church Hall"],
        "village_venues": ["{place} Village Hall", "{place} Community Centre"],
        "opener": ["{name} is a pre-school {where}.", "A friendly pre-school playgroup {where}."],
        "body": PRESCHOOL_BODY,
        "nbody": (2, 3),
        "practical": (0, 1),
        "contact_title": ["Pre-school leader", "SENCo"],
    },
    {
        "w": 0.35,
        "names": ["{cute} Childminding ({place})", "{cute} Home Childcare, {place}", "{cute} Childminders – {place}"],
        "org": ("self", "childminder"),
        "focus": "home-based childcare",
        "cats": ["Early years support", "Before and after school clubs"],
        "needs": (["SLCN", "ASD", "OTH"], 0, 1),
        "ages": [(0, 11), (0, 8), (0, 5), (0, 12)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.0,
        "costs": [("Per hour", 5, 6.5, "Includes meals and snacks."), ("Per day", 42, 55, None)],
        "sched": "childminder",
        "venues": ["{org} (home-based)"],
        "opener": [
            "{org} is a registered childminder in {place}, caring for children {ages}.",
            "Home-based childcare in {place} for children {ages}.",
            "A registered childminder based in {place}.",
        ],
        "body": CHILDMINDER_BODY,
        "nbody": (2, 4),
        "practical": (0, 0),
        "contact_title": ["Childminder"],
    },
    {
        "w": 1.2,
        "names": [
            "Early Years SEND Drop-in – {place}",
            "{place} Little Learners SEND Group",
            "Early Years Inclusion Clinic – {place}",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Early years support", "Early years language and learning"],
        "needs": (["SLCN", "ASD", "MLD"], 1, 2),
        "ages": [(0, 5)],
        "access": {"dropin": 2, "self": 1},
        "delivery": (0.0, 0.05),
        "free": 1.0,
        "sched": "daytime",
        "venues": ["{place} Family Hub"],
        "opener": ["Support {where} for families of young children with additional needs, {when}."],
        "body": EARLY_SEND_BODY,
        "nbody": (2, 3),
    },
    {
        "w": 1.5,
        "names": ["{place} Inclusive Toddler Group", "{place} Rhyme Time for All", "{cute} Toddlers ({place})"],
        "org": ("new", "community", ["{place} Toddler Group", "{cute} Parents and Toddlers"], 0.2, "area"),
        "focus": "parents and toddlers",
        "cats": ["Parent, baby and toddler groups", "Early years language and learning"],
        "ages": [(0, 4), (0, 5)],
        "access": {"dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 0.4,
        "costs": [("Per family per session", 1, 2.5, "Includes a snack.")],
        "sched": "daytime",
        "venues": [
            "{place} Methodist Church Hall",
            "{place} Family Hub",
            "{place} Library",
            "{place} Community Centre",
        ],
        "village_venues": ["{place} Village Hall"],
        "opener": ["A toddler group {where} for babies and young children {ages} and their grown-ups."],
        "body": TODDLER_BODY,
        "nbody": (2, 3),
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: therapies (speech and language, occupational therapy, physiotherapy)

CLINIC_VENUES = [
    "{place} Health Centre", "{place} Primary Care Centre", "{place} Family Hub", "{place} Child Development Centre",
    "{place} Medical Centre",
]  # fmt: skip
PRIVATE_THERAPY_COSTS = {
    "slt": [
        ("Initial assessment", 90, 150, "Includes a written report."),
        ("Per therapy session", 55, 85, None),
        ("Home or school visit", 70, 95, None),
    ],
    "ot": [
        ("Sensory integration assessment", 300, 550, "Includes a written report and home programme."),
        ("Per therapy session", 65, 95, None),
        ("School visit and report", 180, 260, None),
    ],
    "physio": [("Initial assessment", 70, 110, None), ("Per session", 50, 75, None), ("Home visit", 65, 90, None)],
    "play": [("Per session", 45, 70, None), ("Initial consultation", 0, 0, "Free 20-minute phone consultation.")],
    "tuition": [("Per hour", 28, 45, None), ("Dyslexia diagnostic assessment", 400, 600, "Full written report.")],
}

SALT_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 4,
        "names": [
            "Speech and Language Therapy Clinic – {place}",
            "{place} Children's Speech and Language Clinic",
            "Children's Speech and Language Therapy – {place}",
        ],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Speech, language and communication needs", "Early years language and learning"],
        "needs": (["SLCN", "ASD"], 1, 2),
        "ages": [(0, 19), (0, 18), (0, 16)],
        "access": {"referral": 3, "self": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": CLINIC_VENUES,
        "opener": [
            "NHS speech and language therapy clinic {where} for children {ages}.",
            "Community speech and language therapists see children {where}, {when}.",
            "{org} runs this children's speech and language therapy clinic {where}.",
        ],
        "body": [
            "Therapists see children with delayed talking, unclear speech, stammering and difficulties "
            "understanding language.",
            "Appointments include assessment, advice and blocks of therapy, with programmes for parents and nursery "
            "or school staff to follow.",
            "Children with eating, drinking and swallowing difficulties (dysphagia) are seen by specialist therapists.",
            "The clinic runs parent workshops on encouraging talking at home.",
            "Therapists use play-based assessment and can refer for communication aids (AAC) when needed.",
            "Families get advice to use at home while they wait for therapy.",
            "Interpreters, including BSL interpreters, can be booked for appointments.",
        ],
        "practical": (0, 1),
        "contact_title": ["Admin team", "Clinic coordinator"],
    },
    {
        "w": 2,
        "names": [
            "Talking Toddlers Drop-in – {place}",
            "{place} Chatterbox Drop-in",
            "Early Language Drop-in at {place} Family Hub",
        ],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Early years language and learning", "Speech, language and communication needs"],
        "needs": (["SLCN"], 1, 1),
        "ages": [(0, 5), (1, 4)],
        "access": {"dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "daytime",
        "venues": ["{place} Family Hub", "{place} Library"],
        "opener": [
            "A drop-in {where} for parents worried about their young child's talking or understanding.",
            "Speech and language therapy assistants hold a drop-in {where} {when} for families of under-fives.",
        ],
        "body": [
            "No referral is needed: bring your child and talk through any concerns about their speech and language.",
            "Staff give ideas to try at home and can refer on to the speech and language therapy service if needed.",
            "Helpful for late talkers, children with unclear speech and bilingual families.",
            "Books, songs and play ideas are shared each week.",
        ],
    },
    {
        "w": 2,
        "names": [
            "{org}",
            "{org} – {place} Clinic",
            "Independent Speech and Language Therapy – {org}",
            "{org} Stammering Therapy",
            "{org} Early Language Assessments",
            "{org} AAC Assessments",
            "{org} Selective Mutism Support",
        ],
        "org": (
            "new",
            "company",
            [
                "{cute} Speech Therapy",
                "{cute} Speech and Language Therapy",
                "{area} Children's Speech Therapy",
                "{cute} Talk",
                "{cute} Communication Therapy",
            ],
            0.3,
            "home",
        ),
        "focus": "independent speech and language therapy",
        "cats": ["Speech, language and communication needs", "Early years language and learning"],
        "needs": (["SLCN", "ASD", "SPLD"], 1, 2),
        "ages": [(2, 18), (0, 25), (3, 16)],
        "access": {"self": 1},
        "delivery": (0.1, 0.15),
        "free": 0.0,
        "costs": PRIVATE_THERAPY_COSTS["slt"],
        "sched": "clinic",
        "sched_p": 0.5,
        "venues": ["{place} Therapy Rooms", "{org} Clinic"],
        "opener": [
            "Independent speech and language therapy {where} for children and young people {ages}.",
            "{org} offers private speech and language therapy assessments and therapy {where}.",
        ],
        "body": [
            "Therapists are registered with the HCPC and members of the Royal College of Speech and Language "
            "Therapists.",
            "Assessments can contribute to EHC needs assessments and tribunal appeals.",
            "Therapy can take place at home, in school or nursery, or in clinic.",
            "Specialisms include autism and social communication, stammering, selective mutism and verbal dyspraxia.",
            "Sessions can be held online where that suits the child.",
        ],
        "contact_title": ["Lead therapist", "Practice manager"],
    },
    {
        "w": 1.2,
        "names": ["Makaton Signing for Families – {place}", "{place} Sign and Sing", "Makaton Taster Course ({place})"],
        "org": (
            "new",
            "cic",
            ["{cute} Signing CIC", "{area} Makaton Tutors", "{cute} Communication CIC"],
            0.6,
            "home",
        ),
        "focus": "Makaton and signing courses",
        "cats": ["Speech, language and communication needs", "Parenting support"],
        "needs": (["SLCN", "SLD"], 1, 2),
        "ages": [(None, None), (0, 11)],
        "access": {"booking": 1},
        "delivery": (0.1, 0.25),
        "free": 0.3,
        "costs": [("Per course", 15, 40, "Includes a course manual."), ("Per session", 3, 6, None)],
        "sched": "group",
        "venues": ["{place} Family Hub", "{place} Library", "{place} Community Centre"],
        "opener": ["Learn Makaton signs and symbols {where} to support children's communication."],
        "body": [
            "Sessions teach everyday signs for home, with songs and games to practise with your child.",
            "Suitable for parents, grandparents and carers of children with speech, language and communication needs.",
            "Led by a licensed Makaton tutor.",
            "Everyone gets a printed sign sheet to take home.",
        ],
    },
    {
        "w": 0.8,
        "names": ["{area} Stammering Support Group", "Selective Mutism Support – {area}", "{area} AAC Users' Group"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Speech, language and communication needs", "Mental health, social and emotional support"],
        "needs": (["SLCN"], 1, 1),
        "ages": [(7, 18), (5, 16)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.1, 0.2),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Health Centre", "{place} Family Hub"],
        "opener": ["A group {where} for children and young people {ages} and their families, led by therapists."],
        "body": [
            "Young people build confidence, practise strategies and meet others with similar experiences.",
            "Parents have their own session with a specialist speech and language therapist.",
            "The group meets in a small, quiet room and nobody is made to speak.",
        ],
    },
]

OT_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 3,
        "names": ["Children's Occupational Therapy Clinic – {place}", "Paediatric Occupational Therapy – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Physical disabilities", "Other difficulties or disabilities"],
        "needs": (["PD", "OTH", "SPLD", "ASD"], 1, 2),
        "ages": [(0, 19), (0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": CLINIC_VENUES,
        "opener": [
            "NHS occupational therapy clinic {where} for children {ages}.",
            "{org} occupational therapists see children {where} who find everyday tasks difficult.",
        ],
        "body": [
            "Therapists help with dressing, feeding, toileting, handwriting and play.",
            "Assessments for specialist seating, bathing and toileting equipment are available.",
            "Families and schools receive practical programmes to build fine and gross motor skills.",
            "Advice on sensory processing differences is given through workshops and written guides.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "Children's Occupational Therapy (Home Adaptations) – {area}",
            "Home Adaptations for Disabled Children – {area}",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Physical disabilities"],
        "needs": (["PD", "PMLD"], 1, 2),
        "ages": [(0, 18)],
        "access": {"assessment": 1, "self": 1},
        "delivery": (0.6, 0.0),
        "free": 1.0,
        "venues": ["{place} Civic Centre"],
        "opener": ["Council occupational therapists assess disabled children's homes {where}."],
        "body": [
            "They recommend equipment such as hoists, bath seats and specialist beds, and adaptations such as ramps, "
            "stairlifts and level-access showers.",
            "Major adaptations may be funded through a Disabled Facilities Grant, which is not means tested for "
            "children.",
            "The team works with housing providers and the family to plan work that will last as the child grows.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "Understanding Sensory Processing – Parent Workshop ({place})",
            "Sensory Strategies Workshop – {place}",
        ],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Parenting support", "Autistic Spectrum Disorder (ASD)", "Other difficulties or disabilities"],
        "needs": (["ASD", "OTH"], 1, 2),
        "ages": [(2, 18), (0, 11)],
        "access": {"booking": 1},
        "delivery": (0.1, 0.3),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Family Hub", "{place} Health Centre"],
        "opener": ["A workshop {where} for parents and carers of children with sensory processing differences."],
        "body": [
            "Occupational therapists explain the senses, sensory seeking and avoiding, and how they affect "
            "behaviour, sleep and eating.",
            "Parents leave with a plan of simple strategies to try at home and school.",
            "No diagnosis is needed to attend.",
        ],
    },
    {
        "w": 2,
        "names": [
            "{org}",
            "{org} – Children's OT",
            "{org} – {place} Clinic",
            "{org} Sensory Integration Therapy",
            "{org} Handwriting Clinic",
            "{org} School Visits and Reports",
        ],
        "org": (
            "new",
            "company",
            [
                "{cute} Children's OT",
                "{area} Paediatric Occupational Therapy",
                "{cute} Therapy Centre",
                "{cute} Sensory OT",
            ],
            0.25,
            "home",
        ),
        "focus": "paediatric occupational therapy",
        "cats": ["Physical disabilities", "Other difficulties or disabilities", "Autistic Spectrum Disorder (ASD)"],
        "needs": (["ASD", "PD", "SPLD", "OTH"], 1, 3),
        "ages": [(2, 18), (0, 25)],
        "access": {"self": 1},
        "delivery": (0.05, 0.05),
        "free": 0.0,
        "costs": PRIVATE_THERAPY_COSTS["ot"],
        "venues": ["{place} Therapy Rooms", "{org} Clinic"],
        "opener": ["Private paediatric occupational therapy {where} for children and young people {ages}."],
        "body": [
            "Therapists trained in sensory integration assess and treat sensory processing difficulties.",
            "Reports can support EHC needs assessments and school support plans.",
            "Sessions run in a sensory-equipped clinic, at home or in school.",
            "All therapists are HCPC registered.",
        ],
    },
    {
        "w": 1,
        "names": ["{place} Motor Skills Group", "Handwriting Club ({place})", "{place} Busy Hands Group"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Physical disabilities", "Learning difficulties and disabilities"],
        "needs": (["SPLD", "PD"], 1, 2),
        "ages": [(4, 11), (5, 11)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "afterschool",
        "venues": ["{place} Health Centre", "{place} Family Hub"],
        "opener": ["A six-week group {where} for children {ages} with coordination or handwriting difficulties."],
        "body": [
            "Games and activities build balance, coordination and pencil control.",
            "Parents join in and take home activities for the week.",
            "Often suitable for children with dyspraxia (DCD).",
        ],
    },
]

PHYSIO_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 3,
        "names": ["Children's Physiotherapy Clinic – {place}", "Paediatric Physiotherapy – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Physical disabilities"],
        "needs": (["PD", "PMLD"], 1, 2),
        "ages": [(0, 19), (0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": CLINIC_VENUES,
        "opener": ["NHS children's physiotherapy {where}.", "{org} physiotherapists see children {ages} {where}."],
        "body": [
            "Physiotherapists assess and treat delayed motor development, cerebral palsy, neuromuscular conditions "
            "and hypermobility.",
            "Postural management, splints, standing frames and walking aids are provided where needed.",
            "Home exercise programmes are shared with families and schools.",
            "Appointments can also take place at home or in school.",
        ],
    },
    {
        "w": 1.2,
        "names": ["{therapy} Sessions at {school}", "Community {therapy} at {school}"],
        "org": ("school", "special"),
        "extra": {
            "t": [
                {"therapy": "Hydrotherapy", "medium": "The warm water in the hydrotherapy pool"},
                {"therapy": "Rebound Therapy", "medium": "Bouncing on the trampoline with trained staff"},
            ]
        },
        "cats": ["Physical disabilities", "Sports and recreation"],
        "needs": (["PD", "PMLD", "SLD"], 1, 3),
        "ages": [(2, 19), (4, 19)],
        "access": {"referral": 1, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 0.5,
        "costs": [("Per session", 8, 15, None)],
        "sched": "weekend",
        "opener": ["{school} opens its therapy facilities to children {ages} from the wider community."],
        "body": [
            "Sessions are led by staff trained by the children's physiotherapy service.",
            "{medium} helps with movement, relaxation and muscle tone.",
            "A physiotherapy programme from the child's therapist is followed where one exists.",
            "Changing facilities include a hoist and a Changing Places toilet.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "{org}",
            "{org} – {place}",
            "{org} Intensive Therapy Blocks",
            "{org} Home Physiotherapy Visits",
            "{org} Toe Walking Clinic",
        ],
        "org": (
            "new",
            "company",
            ["{cute} Children's Physio", "{area} Paediatric Physiotherapy", "{cute} Physio for Kids"],
            0.2,
            "home",
        ),
        "focus": "paediatric physiotherapy",
        "cats": ["Physical disabilities"],
        "needs": (["PD"], 1, 1),
        "ages": [(0, 18), (0, 25)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.0,
        "costs": PRIVATE_THERAPY_COSTS["physio"],
        "venues": ["{place} Therapy Rooms", "{org} Clinic"],
        "opener": ["Private children's physiotherapy {where}."],
        "body": [
            "HCPC-registered paediatric physiotherapists offer assessment, intensive therapy blocks and home visits.",
            "Experience with cerebral palsy, developmental delay, toe walking and sports injuries.",
            "Therapy can complement NHS physiotherapy programmes.",
        ],
    },
    {
        "w": 1,
        "names": [
            "{area} Conductive Education Group",
            "{place} Move and Play Group",
        ],
        "org": ("new", "charity", ["{cute} Conductive Education", "{area} Movement Trust"], 0.5, "county"),
        "focus": "conductive education and movement groups",
        "cats": ["Physical disabilities", "Activities"],
        "needs": (["PD", "PMLD"], 1, 2),
        "ages": [(0, 5), (2, 11), (5, 16)],
        "access": {"booking": 1, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 0.6,
        "costs": [("Per session", 5, 15, None)],
        "sched": "group",
        "venues": ["{place} Community Centre", "{place} Leisure Centre"],
        "opener": ["Group sessions {where} helping children {ages} with physical disabilities build movement skills."],
        "body": [
            "Led by a conductor or physiotherapist, sessions combine movement, songs and play.",
            "Parents learn techniques to practise daily routines at home.",
            "Children work towards their own goals, such as sitting, standing or walking.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: emotional wellbeing and mental health

WELLBEING_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 0.6,
        "names": ["CAMHS Community Team – {locality}"],
        "org": ("public", "tewv"),
        "place": "locality",
        "cats": ["Mental health, social and emotional support", "Social, emotional and mental health support"],
        "needs": (["SEMH", "ASD"], 1, 2),
        "ages": [(0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} CAMHS Centre"],
        "opener": ["The community CAMHS team for the {locality} locality, based {where}."],
        "body": [
            "The team assesses and treats children and young people with moderate to severe mental health "
            "difficulties.",
            "Therapies include CBT, family therapy, art therapy and medication where appropriate.",
            "Clinicians also advise schools and GPs, and can see young people at home or in school.",
        ],
    },
    {
        "w": 3,
        "names": [
            "{cute} Young People's Counselling ({place})",
            "{area} Youth Counselling Service",
            "{org} Counselling",
        ],
        "org": (
            "new",
            "charity",
            ["{cute} Counselling", "{area} Youth Counselling", "{cute} Young Minds Project"],
            0.4,
            "area",
        ),
        "focus": "counselling and emotional wellbeing",
        "cats": ["Mental health, social and emotional support", "Social, emotional and mental health support"],
        "needs": (["SEMH"], 1, 1),
        "ages": [(11, 25), (8, 18), (13, 25)],
        "access": {"self": 3, "referral": 1},
        "delivery": (0.1, 0.25),
        "free": 0.7,
        "costs": [("Per session (sliding scale)", 5, 30, "Reduced rates for families on low incomes.")],
        "sched": "clinic",
        "sched_p": 0.6,
        "venues": ["{place} Youth Centre", "{place} Community Centre", "{org}"],
        "opener": [
            "Free, confidential counselling {where} for young people {ages}.",
            "{org} offers one-to-one counselling {where} for children and young people {ages}.",
        ],
        "body": [
            "Counsellors help with anxiety, low mood, self-harm, bereavement, bullying and family changes.",
            "Young people can refer themselves, and there is no need to see a GP first.",
            "Counsellors are experienced with autistic and neurodivergent young people and adapt sessions to suit.",
            "Sessions last 50 minutes and usually run for six to twelve weeks.",
            "Creative approaches such as art and sand tray are used with younger children.",
        ],
    },
    {
        "w": 2,
        "names": ["Youth Wellbeing Drop-in – {place}", "Teen Talk {place}", "{place} Wellbeing Café for Young People"],
        "org": ("new", "charity", ["{cute} Young Minds Project", "{area} Youth Wellbeing"], 0.5, "area"),
        "focus": "mental health support for young people",
        "cats": ["Mental health, social and emotional support", "Targeted youth support"],
        "needs": (["SEMH"], 1, 1),
        "ages": [(11, 18), (13, 25)],
        "access": {"dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "youth",
        "venues": ["{place} Youth Centre", "{place} Library", "{place} Community Centre"],
        "opener": ["A weekly wellbeing drop-in {where} for young people {ages}, {when}."],
        "body": [
            "Youth workers and a mental health practitioner are on hand to talk about anything that is worrying you.",
            "There are calm activities, hot drinks and information about local support.",
            "You can come with a friend and there is no need to give your name.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "{org}",
            "{org} – {place}",
            "{org} Sand Tray Therapy",
            "{org} Art Therapy for Children",
            "{org} Therapeutic Play in Schools",
        ],
        "org": (
            "new",
            "sole",
            ["{cute} Play Therapy", "{cute} Creative Therapies", "{area} Child Therapy"],
            0.2,
            "home",
        ),
        "focus": "play and creative arts therapy",
        "cats": ["Mental health, social and emotional support", "Social, emotional and mental health support"],
        "needs": (["SEMH", "ASD"], 1, 2),
        "ages": [(3, 12), (4, 16)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.0,
        "costs": PRIVATE_THERAPY_COSTS["play"],
        "venues": ["{place} Therapy Rooms"],
        "opener": ["Play therapy {where} for children {ages} who find it hard to put feelings into words."],
        "body": [
            "Therapy helps with trauma, attachment difficulties, anxiety and changes such as divorce or bereavement.",
            "The therapist is registered with a professional play therapy body and has enhanced DBS clearance.",
            "Schools can commission sessions on site.",
        ],
    },
    {
        "w": 2.2,
        "names": [
            "{course} – {place} Family Hub",
            "{course} ({place})",
            "{course} Online Course",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "extra": {
            "course": [
                "Supporting Your Anxious Child",
                "Understanding ADHD",
                "Emotion Coaching for Parents",
                "Understanding Teenage Mental Health",
                "Helping Your Child with Worry",
                "Calm Parents, Calm Kids",
            ]
        },
        "cats": ["Parenting support", "Mental health, social and emotional support"],
        "needs": (["SEMH"], 1, 1),
        "ages": [(5, 18), (8, 16)],
        "access": {"booking": 1},
        "delivery": (0.05, 0.35),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Family Hub"],
        "opener": ["A free course {where} for parents and carers: {course}."],
        "body": [
            "Over four to six weekly sessions, parents learn how anxiety and big emotions work and what helps.",
            "Sessions are led by family workers and an emotional wellbeing practitioner.",
            "Parents of neurodivergent children are welcome and examples are adapted to suit.",
            "There is time to share experiences and a booklet to keep.",
        ],
    },
    {
        "w": 0.9,
        "names": ["{cute} Online Counselling for Young People", "{cute} Text Support for Teens"],
        "org": ("new", "cic", ["{cute} Digital Wellbeing CIC", "{cute} Online Support CIC"], 0.3, "home"),
        "focus": "online mental health support",
        "cats": ["Mental health, social and emotional support"],
        "needs": (["SEMH"], 1, 1),
        "ages": [(11, 25), (13, 19)],
        "access": {"self": 1},
        "delivery": (0.3, 0.7),
        "free": 1.0,
        "sched": "youth",
        "opener": ["Anonymous online chat and counselling for young people {ages} in County Durham."],
        "body": [
            "Trained counsellors are online every evening, and young people can also message any time.",
            "Forums are moderated and there are self-help articles written with young people.",
            "No referral is needed and nothing is shared with parents or school without consent, unless someone "
            "is at risk.",
        ],
    },
    {
        "w": 1.2,
        "names": ["School Anxiety Support Service – {area}", "EBSA Support Group for Parents – {place}"],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Social, emotional and mental health support", "Parenting support"],
        "needs": (["SEMH", "ASD"], 1, 2),
        "ages": [(5, 16)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.3, 0.15),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Family Hub"],
        "opener": ["Support {where} for families of children who find it hard to attend school because of anxiety."],
        "body": [
            "Practitioners help parents and schools understand emotionally based school avoidance (EBSA) and plan a "
            "gradual return.",
            "Parents can meet others in the same situation and hear from the Education Health Needs Team.",
            "Advice is given on reasonable adjustments, part-time timetables and when to ask for an EHC needs "
            "assessment.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: short breaks, respite and holiday schemes

SHORT_BREAK_BODY = [
    "Activities include arts and crafts, sports, cooking, sensory play and trips out.",
    "Staff are trained in moving and handling, medication and autism awareness, and ratios are high (often one "
    "to one).",
    "Children with complex health needs can attend; a nurse-led group is available for those who need it.",
    "Parents get a few hours' break knowing their child is having fun somewhere safe.",
    "Every child has a one-page profile so staff know what they enjoy and how they communicate.",
    "Lunch is provided; tell us about allergies and special diets when you book.",
    "Transport may be available for children who would otherwise not be able to attend.",
    "Young people choose the programme together, from climbing and cinema trips to baking.",
    "Sessions are based in a quiet building with a sensory room and an accessible garden.",
    "Staff keep in touch with families through a daily communication book.",
    "A pre-visit can be arranged so your child can meet staff and see the rooms first.",
]
SHORT_BREAK_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 4,
        "names": [
            "{place} Holiday Play Scheme",
            "{cute} Holiday Club ({place})",
            "Inclusive Holiday Activities – {place}",
            "{place} Summer Fun for Disabled Children",
            "{area} SEND Holiday Club",
        ],
        "org": (
            "new",
            "cic",
            ["{cute} Short Breaks CIC", "{cute} Play CIC", "{area} Playschemes", "{cute} Kids Club CIC"],
            0.6,
            "home",
        ),
        "focus": "short breaks and holiday activities",
        "cats": ["Holiday clubs and schemes", "Breaks and respite", "Activities"],
        "needs": (["ASD", "SLD", "MLD", "PD", "SEMH"], 1, 3),
        "ages": [(5, 18), (4, 12), (8, 18), (5, 25)],
        "access": {"cypn": 2, "booking": 2},
        "delivery": (0.0, 0.0),
        "free": 0.3,
        "costs": [
            ("Per day", 10, 25, "Subsidised for families registered with the CYPN."),
            ("Per session", 5, 12, None),
        ],
        "sched": "holiday",
        "sched_p": 1.0,
        "venues": [
            "{place} Leisure Centre",
            "{place} Community Centre",
            "{place} Youth Centre",
            "{place} Activity Centre",
        ],
        "opener": [
            "A holiday play scheme {where} for disabled children and young people {ages}, running {when}.",
            "{name} offers fun, supported holiday days {where} for children {ages} with SEND.",
        ],
        "body": SHORT_BREAK_BODY,
        "nbody": (2, 3),
        "funding": True,
    },
    {
        "w": 2,
        "names": [
            "{place} Saturday Club for Disabled Children",
            "{cute} Saturday Club",
            "{area} Weekend Short Breaks Club",
        ],
        "org": (
            "new",
            "charity",
            ["{cute} Short Breaks", "{area} Play Partnership", "{cute} Children's Charity"],
            0.5,
            "area",
        ),
        "focus": "weekend short breaks",
        "cats": ["Breaks and respite", "Activities"],
        "needs": (["ASD", "SLD", "PMLD", "PD"], 1, 3),
        "ages": [(5, 18), (8, 19)],
        "access": {"cypn": 1, "booking": 1, "assessment": 1},
        "delivery": (0.0, 0.0),
        "free": 0.35,
        "costs": [("Per session", 5, 15, None)],
        "sched": "weekend",
        "sched_p": 1.0,
        "venues": ["{place} Community Centre", "{place} Youth Centre", "{place} Leisure Centre"],
        "opener": ["A weekend club {where} for disabled children and young people {ages}, {when}."],
        "body": SHORT_BREAK_BODY,
        "nbody": (2, 3),
        "funding": True,
    },
    {
        "w": 2,
        "names": ["{cute} After-School Club ({place})", "{place} Inclusive After-School Club"],
        "org": ("new", "cic", ["{cute} Kids Club CIC", "{cute} Childcare CIC"], 0.4, "home"),
        "focus": "inclusive childcare and play",
        "cats": ["Before and after school clubs", "Breaks and respite"],
        "needs": (["ASD", "SEMH", "MLD"], 0, 2),
        "ages": [(4, 11), (5, 14), (4, 16)],
        "access": {"booking": 1},
        "delivery": (0.0, 0.0),
        "free": 0.3,
        "costs": [("Per session", 8, 14, "Tax-Free Childcare accepted.")],
        "sched": "afterschool",
        "sched_p": 1.0,
        "venues": ["{place} Community Centre", "{place} Youth Centre"],
        "opener": ["An inclusive after-school club {where} for children {ages}, {when}."],
        "body": [
            "Children are collected from local schools, have a snack and choose from play, crafts and games.",
            "Staff have SEND training and work with parents on a support plan for each child.",
            "A quiet room is available for children who need to decompress after school.",
            "Places can be funded through short breaks budgets or direct payments.",
        ],
    },
    {
        "w": 0.8,
        "names": ["{cute} House Overnight Short Breaks", "{cute} Lodge Residential Short Breaks"],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Breaks and respite"],
        "needs": (["PMLD", "SLD", "ASD", "PD"], 2, 4),
        "ages": [(5, 18), (8, 18)],
        "access": {"assessment": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "venues": ["{cute} House"],
        "opener": ["Overnight short breaks {where} for children and young people {ages} with complex needs."],
        "body": [
            "The home has bedrooms for up to six young people, a sensory room, a garden and accessible bathrooms.",
            "Care staff are trained in complex health procedures, including tube feeding and epilepsy rescue "
            "medication.",
            "Stays are planned with families and usually range from one night a month to a weekend.",
            "Young people keep up their usual school routine during stays.",
        ],
    },
    {
        "w": 1.8,
        "names": ["{area} Sitting and Befriending Service", "{cute} Befrienders", "Family Link Short Breaks – {area}"],
        "org": ("new", "charity", ["{cute} Befriending", "{area} Carers' Breaks", "{cute} Family Link"], 0.4, "area"),
        "focus": "befriending and sitting services",
        "cats": ["Breaks and respite", "Targeted youth support"],
        "needs": (["ASD", "SLD", "PD", "SEMH"], 1, 2),
        "ages": [(5, 18), (8, 25)],
        "access": {"self": 1, "assessment": 1},
        "delivery": (0.5, 0.0),
        "free": 0.6,
        "costs": [("Per hour", 8, 15, "Can be paid through direct payments.")],
        "venues": ["{place} Community Centre"],
        "opener": [
            "Trained volunteers and sitters {where} give parent carers a break and disabled young people a friend."
        ],
        "body": [
            "Matches are made carefully, and befrienders meet young people for activities such as swimming, "
            "cinema trips or walks.",
            "All volunteers have enhanced DBS checks, training and regular supervision.",
            "Sitters can look after children at home so parents can go out or spend time with siblings.",
            "Shared care carers offer regular day or overnight stays in their own homes.",
        ],
    },
    {
        "w": 1.6,
        "names": ["{cute} Adventure Days ({area})", "{place} Outdoor Activity Days for Disabled Young People"],
        "org": (
            "new",
            "cic",
            ["{cute} Outdoor Adventures CIC", "{area} Outdoor Learning", "{cute} Adventures"],
            0.4,
            "home",
        ),
        "focus": "inclusive outdoor activities",
        "cats": ["Breaks and respite", "Sports and recreation", "Holiday clubs and schemes"],
        "needs": (["ASD", "SEMH", "PD", "MLD"], 1, 2),
        "ages": [(8, 18), (11, 25)],
        "access": {"booking": 1, "cypn": 1},
        "delivery": (0.0, 0.0),
        "free": 0.4,
        "costs": [("Per day", 15, 35, None)],
        "sched": "holiday",
        "venues": ["{place} Outdoor Centre", "{place} Country Park"],
        "opener": ["Adventure days {where} for disabled young people {ages}: canoeing, climbing, bushcraft and more."],
        "body": [
            "Adapted equipment means wheelchair users can join in, including a hoist-accessible canoe.",
            "Instructors hold national governing body awards and have SEND training.",
            "Days run in small groups at a pace that suits everyone.",
        ],
    },
    {
        "w": 1.5,
        "names": ["Holiday Activities and Food (HAF) – {place}", "HAF Inclusive Club – {place}"],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Holiday clubs and schemes", "Activities", "Nutrition and weight management"],
        "needs": (["ASD", "SEMH", "MLD"], 0, 2),
        "ages": [(5, 16)],
        "access": {"booking": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "holiday",
        "sched_p": 1.0,
        "venues": ["{place} Leisure Centre", "{place} Youth Centre", "{place} Community Centre"],
        "opener": ["Free holiday activities and a healthy meal {where} for children {ages}, {when}."],
        "body": [
            "Free for children who get benefits-related free school meals; other places may be available.",
            "This club has extra staff so children with SEND can take part, with a quiet space available.",
            "Activities include sport, cooking, crafts and trips.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: inclusive leisure

SPORTS = [
    ("football", "Football"), ("cricket", "Cricket"), ("boccia", "Boccia"),
    ("wheelchair basketball", "Wheelchair Basketball"), ("trampolining", "Trampolining"), ("climbing", "Climbing"),
    ("cycling", "Cycling"), ("tennis", "Tennis"), ("athletics", "Athletics"), ("gymnastics", "Gymnastics"),
    ("martial arts", "Martial Arts"), ("multi-sports", "Multi-Sports"), ("badminton", "Badminton"),
    ("table tennis", "Table Tennis"), ("golf", "Golf"), ("rugby", "Rugby"), ("archery", "Archery"),
    ("canoeing", "Canoeing"), ("bowls", "Bowls"), ("judo", "Judo"), ("netball", "Netball"), ("dance", "Dance"),
]  # fmt: skip
ARTS = [
    ("art", "Art"), ("drama", "Drama"), ("music", "Music"), ("choir", "Choir"), ("film-making", "Film-Making"),
    ("photography", "Photography"), ("pottery", "Pottery"), ("street dance", "Street Dance"),
    ("samba drumming", "Samba Drumming"), ("creative writing", "Creative Writing"),
    ("musical theatre", "Musical Theatre"),
]  # fmt: skip
SPORT_POOL = [{"sport": low, "sport_cap": title} for low, title in SPORTS]
ART_POOL = [{"art": low, "art_cap": title} for low, title in ARTS]
LEISURE_COSTS = [("Per session", 2, 6, None), ("Per term", 20, 45, None), ("Annual membership", 10, 30, None)]

LEISURE_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 3.5,
        "names": [
            "SEND Swimming Sessions – {place} Leisure Centre",
            "{place} Inclusive Swimming Club",
            "Sensory Swim at {place} Leisure Centre",
            "Learn to Swim (Additional Needs) – {place}",
            "{place} Disability Swimming Club",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Sports and recreation", "Physical disabilities", "Activities"],
        "needs": (["ASD", "PD", "SLD", "MLD", "HI"], 0, 2),
        "ages": [(0, 18), (4, 16), (5, None), (None, None)],
        "access": {"booking": 2, "dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 0.2,
        "costs": [("Per session", 2.5, 5, "Carers go free."), ("Per 10-week course", 30, 55, None)],
        "sched": "session",
        "sched_p": 0.95,
        "venues": ["{place} Leisure Centre", "{place} Swimming Pool"],
        "opener": [
            "Swimming sessions {where} for children and young people with SEND, {when}.",
            "Quieter, supported swimming {where} for disabled children and their families.",
        ],
        "body": [
            "The pool is kept calm, with lights dimmed and music off, and the water is warmer than usual.",
            "Qualified instructors with disability swimming training teach in very small groups.",
            "There is a pool hoist, a changing places toilet and family changing rooms.",
            "Floats, noodles and sensory toys are available.",
            "Confident swimmers can move on to a local club's para-swimming squad.",
            "Parents and carers can be in the water with their child.",
            "Lessons follow the national learn-to-swim framework at each child's pace.",
            "Changing rooms are quieter than usual and there is extra time to get changed.",
            "Lane ropes are removed so there is plenty of space to play.",
        ],
        "practical": (0, 1),
    },
    {
        "w": 6,
        "names": [
            "{place} Inclusive {sport_cap} Club",
            "Disability {sport_cap} – {place}",
            "{sport_cap} for All ({place})",
            "{area} Ability {sport_cap}",
            "{org} – SEND {sport_cap} Sessions",
        ],
        "org": (
            "new",
            "club",
            [
                "{place} {sport_cap} Club",
                "{area} Ability {sport_cap}",
                "{cute} {sport_cap} Academy",
                "{place} Juniors {sport_cap}",
            ],
            0.25,
            "home",
        ),
        "pool": "leisure-club",
        "pool_by": "sport",
        "focus": "{sport} coaching",
        "extra": {"s": SPORT_POOL},
        "cats": ["Sports and recreation", "Activities", "Physical disabilities"],
        "needs": (["ASD", "PD", "MLD", "SLD", "HI", "VI", "SEMH"], 0, 3),
        "ages": [(5, 16), (8, 18), (11, 25), (6, None), (None, None)],
        "access": {"booking": 2, "dropin": 2, "self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.2,
        "costs": LEISURE_COSTS,
        "sched": "session",
        "sched_p": 0.95,
        "venues": [
            "{place} Leisure Centre",
            "{place} Sports Centre",
            "{place} Community Sports Hall",
            "{place} Cricket Club",
            "{place} Recreation Ground",
        ],
        "village_venues": ["{place} Village Hall", "{place} Playing Fields"],
        "opener": [
            "Inclusive {sport} {where} for players {ages}, {when}.",
            "{org} runs {sport} sessions {where} for disabled children and young people.",
            "Try {sport} {where}: relaxed, friendly sessions for young people with SEND.",
        ],
        "body": [
            "Coaches adapt every session so everyone can take part, whatever their ability.",
            "Equipment is provided, including adapted kit for wheelchair users.",
            "Players can take part in friendly festivals and, if they want, disability league fixtures.",
            "Sessions focus on fun, friendship and confidence, not competition.",
            "A trained inclusion coach supports players who need extra help.",
            "Brothers and sisters can join in too.",
            "Visual instructions and a predictable routine help autistic players settle in.",
            "The first session is a free taster.",
            "Coaches hold {sport} coaching qualifications and have completed disability inclusion training.",
            "Sessions build fitness, coordination and teamwork at a pace that suits each player.",
            "Older players can train as young leaders and help run sessions.",
            "Wheelchair users, ambulant disabled players and players with learning disabilities train together.",
        ],
        "practical": (0, 2),
        "funding": True,
    },
    {
        "w": 4,
        "names": [
            "{place} Inclusive Youth Club",
            "{cute} Youth Club for Young People with SEND ({place})",
            "{place} Friends Club (SEND Youth Club)",
            "{area} Young People's SEND Social",
        ],
        "org": ("new", "charity", ["{place} Youth Project", "{cute} Youth", "{area} Youth Partnership"], 0.4, "area"),
        "focus": "youth work",
        "cats": ["Activities", "Targeted youth support"],
        "needs": (["ASD", "MLD", "SLD", "SEMH"], 0, 3),
        "ages": [(11, 19), (8, 18), (13, 25), (11, 25)],
        "access": {"dropin": 2, "booking": 1, "cypn": 1},
        "delivery": (0.0, 0.0),
        "free": 0.35,
        "costs": [("Per session", 1, 3, "Tuck shop extra.")],
        "sched": "youth",
        "sched_p": 0.95,
        "venues": ["{place} Youth Centre", "{place} Community Centre"],
        "village_venues": ["{place} Village Hall", "{place} Community Centre"],
        "opener": [
            "A youth club {where} for young people {ages} with SEND, {when}.",
            "{name} is a fun, supported youth club {where}.",
        ],
        "body": [
            *YOUTH_BODY,
            "Young people can work towards awards such as Duke of Edinburgh and AQA unit awards.",
            "Support workers help with personal care where needed.",
        ],
        "nbody": (2, 3),
        "people": ["young people with SEND", "disabled young people", "young people with learning disabilities"],
    },
    {
        "w": 0.3,
        "names": [
            "{ordinal} {place} Scout Group",
            "{place} Scouts (Beavers, Cubs and Scouts)",
            "{place} Guides and Brownies",
        ],
        "org": ("self", "scouts"),
        "extra": {"ordinal": ["1st", "1st", "2nd", "3rd"]},
        "focus": "scouting",
        "cats": ["Activities", "Sports and recreation"],
        "needs": (["ASD", "SEMH", "MLD", "PD"], 0, 2),
        "ages": [(4, 18), (6, 14), (5, 18)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.2,
        "costs": [("Per term (subs)", 25, 45, "Help with costs is available; please ask.")],
        "sched": "youth",
        "sched_p": 0.95,
        "venues": ["{place} Scout Hut", "{place} Methodist Church Hall", "{place} Community Centre"],
        "village_venues": ["{place} Village Hall"],
        "opener": ["{name} meets {where}, {when}."],
        "body": [
            "Young people with SEND are welcome; leaders agree adjustments with each family before they start.",
            "The group has a leader with inclusion training and uses visual programmes for each meeting.",
            "Activities include camping, first aid, cooking and community projects.",
            "Young people can earn badges at their own pace.",
        ],
        "nbody": (2, 3),
    },
    {
        "w": 4,
        "names": [
            "{place} Inclusive {art_cap} Group",
            "{cute} {art_cap} Club for Young People with SEND ({place})",
            "Relaxed {art_cap} Sessions – {place}",
            "{area} Inclusive {art_cap} Company",
        ],
        "org": (
            "new",
            "cic",
            ["{cute} Arts CIC", "{area} Inclusive Arts", "{cute} Creative", "{cute} Music CIC"],
            0.35,
            "home",
        ),
        "focus": "inclusive arts projects",
        "extra": {"a": ART_POOL},
        "cats": ["Music, arts and dance", "Activities"],
        "needs": (["ASD", "SLD", "MLD", "SEMH", "PD"], 0, 3),
        "ages": [(8, 18), (11, 25), (5, 16), (16, None)],
        "access": {"booking": 2, "self": 1},
        "delivery": (0.0, 0.05),
        "free": 0.3,
        "costs": LEISURE_COSTS,
        "sched": "session",
        "venues": ["{place} Arts Centre", "{place} Community Centre", "{place} Town Hall", "{place} Library"],
        "opener": [
            "{art_cap} sessions {where} for young people {ages} with additional needs.",
            "{org} runs inclusive {art} {where}, {when}.",
        ],
        "body": [
            "Sessions are led by professional artists with experience of working with disabled young people.",
            "Everyone works at their own pace and there is no pressure to perform.",
            "Participants show their work at an annual showcase.",
            "Materials and instruments are provided, including adapted tools.",
            "It is a great way to make friends and build confidence.",
            "Young people can work towards an Arts Award.",
        ],
        "practical": (0, 2),
        "funding": True,
    },
    {
        "w": 2,
        "names": [
            "Sensory Sessions at {org} ({place})",
            "SEND Soft Play Session – {org}, {place}",
            "Quiet Hour at {org} ({place})",
        ],
        "org": ("new", "company", ["{cute} Soft Play", "{cute} Sensory Centre", "{place} Play Barn"], 0.3, "home"),
        "focus": "indoor play and sensory sessions",
        "cats": ["Activities", "Breaks and respite", "Autistic Spectrum Disorder (ASD)"],
        "needs": (["ASD", "PMLD", "SLD", "OTH"], 1, 2),
        "ages": [(0, 11), (0, 8), (0, 16)],
        "access": {"booking": 1, "dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 0.25,
        "costs": [("Per child", 3, 7, "Siblings and carers half price."), ("Per family per hour", 8, 15, None)],
        "sched": "weekend",
        "venues": ["{org}"],
        "opener": ["Exclusive sessions {where} for children with SEND and their families, {when}."],
        "body": [
            "Music is off, lights are lower and numbers are capped so it is calmer than usual.",
            "The sensory room has a bubble tube, projector and interactive floor.",
            "Nobody minds noise, flapping or meltdowns: everyone here understands.",
            "Ear defenders and weighted blankets are available.",
        ],
        "practical": (0, 1),
    },
    {
        "w": 1.8,
        "names": [
            "Sensory Story Time – {place} Library",
            "Relaxed Rhyme Time – {place} Library",
            "Lego Club at {place} Library",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Activities", "Early years language and learning"],
        "needs": (["ASD", "SLCN", "PMLD"], 0, 2),
        "ages": [(0, 5), (4, 11), (0, 11)],
        "access": {"dropin": 2, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "daytime",
        "venues": ["{place} Library"],
        "opener": ["A relaxed library session {where} for children {ages} and their families, {when}."],
        "body": [
            "Stories are brought to life with props, textures, smells and sounds.",
            "Children can move around, make noise and come and go as they need.",
            "Library staff have had autism awareness training and use Makaton.",
            "Families can borrow sensory books and dyslexia-friendly titles afterwards.",
        ],
    },
    {
        "w": 1.2,
        "names": [
            "Autism-Friendly Cinema Screenings – {place}",
            "Relaxed Performances at {place} Town Hall",
            "Quiet Mornings at {place} Museum",
        ],
        "org": (
            "new",
            "company",
            ["{place} Picture House", "{cute} Theatre Trust", "{place} Heritage Centre"],
            0.2,
            "home",
        ),
        "focus": "arts and heritage events",
        "cats": ["Activities", "Music, arts and dance"],
        "needs": (["ASD", "SEMH", "OTH"], 1, 2),
        "ages": [(None, None), (3, None)],
        "access": {"booking": 1},
        "delivery": (0.0, 0.0),
        "free": 0.3,
        "costs": [("Per ticket", 3, 7, "Carers go free with a CEA card or proof of eligibility.")],
        "sched": "weekend",
        "venues": ["{org}"],
        "opener": ["Relaxed, autism-friendly sessions {where}, {when}."],
        "body": [
            "Lights stay on low, the sound is turned down and you are free to move around, talk or leave and come "
            "back.",
            "A visual story of the building can be downloaded before your visit.",
            "There is a chill-out space with beanbags.",
        ],
    },
    {
        "w": 2,
        "names": [
            "{place} Forest School for Children with SEND",
            "{cute} Outdoor Club ({place})",
            "Inclusive Nature Club – {place}",
        ],
        "org": (
            "new",
            "cic",
            ["{cute} Forest School CIC", "{area} Outdoor Learning", "{cute} Wild Play"],
            0.35,
            "home",
        ),
        "focus": "outdoor learning and forest school",
        "cats": ["Activities", "Sports and recreation", "Holiday clubs and schemes"],
        "needs": (["ASD", "SEMH", "MLD"], 1, 2),
        "ages": [(4, 11), (5, 16), (8, 18)],
        "access": {"booking": 1},
        "delivery": (0.0, 0.0),
        "free": 0.25,
        "costs": [("Per session", 8, 20, None)],
        "sched": "weekend",
        "venues": ["{place} Woodland Site", "{place} Country Park", "{place} Community Garden"],
        "village_venues": ["{place} Woodland Site"],
        "opener": ["Forest school {where} for children {ages} who learn best outdoors."],
        "body": [
            "Children build dens, cook on the fire, climb trees and explore nature at their own pace.",
            "Small groups and high staff ratios suit children who struggle in busy settings.",
            "Leaders hold Level 3 forest school qualifications and SEND training.",
            "Waterproofs and wellies can be borrowed.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "{place} Lego Club for Neurodivergent Children",
            "{cute} Gaming Club ({place})",
            "Code Club for Young People with Autism – {place}",
        ],
        "org": ("new", "cic", ["{cute} Digital CIC", "{cute} Clubs", "{area} Neurodiverse Hub"], 0.35, "home"),
        "focus": "clubs for neurodivergent young people",
        "cats": ["Activities", "Autistic Spectrum Disorder (ASD)"],
        "needs": (["ASD", "SEMH", "SLCN"], 1, 2),
        "ages": [(7, 14), (11, 18), (8, 16)],
        "access": {"booking": 1, "dropin": 1},
        "delivery": (0.0, 0.1),
        "free": 0.35,
        "costs": [("Per session", 3, 6, None)],
        "sched": "afterschool",
        "venues": ["{place} Library", "{place} Community Centre", "{place} Youth Centre"],
        "opener": ["A club {where} for children and young people {ages} who love Lego, games or coding."],
        "body": [
            "Shared interests make it easier to make friends, with gentle support for turn-taking and teamwork.",
            "Sessions follow a predictable structure with visual schedules.",
            "Run by volunteers, including autistic adults.",
        ],
    },
    {
        "w": 0.8,
        "names": ["{area} Riding for Disabled Children", "{cute} Equine Therapy ({place})"],
        "org": ("new", "charity", ["{area} Riding Therapy Centre", "{cute} Horses"], 0.3, "home"),
        "focus": "riding and equine activities",
        "cats": ["Sports and recreation", "Physical disabilities"],
        "needs": (["PD", "ASD", "SLD"], 1, 2),
        "ages": [(4, 18), (5, None)],
        "access": {"booking": 1, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 0.3,
        "costs": [("Per session", 10, 25, None)],
        "sched": "weekend",
        "venues": ["{place} Riding Centre", "{cute} Farm"],
        "opener": ["Riding and horse care sessions {where} for disabled children and young people {ages}."],
        "body": [
            "Riding builds core strength, balance and confidence, and the horses are calm and well trained.",
            "A mounting ramp and hoist make riding possible for wheelchair users.",
            "Carriage driving is available for those who cannot ride.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: advice and information

ADVICE_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 1.2,
        "names": [
            "SEND Advice Drop-in – {place} Library",
            "SEND Advice Surgery – {place}",
            "SEND Advice Clinic at {place} Family Hub",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Special educational needs and disabilities (SEND)", "Parenting support"],
        "ages": [(0, 25)],
        "access": {"dropin": 1, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Library", "{place} Family Hub"],
        "opener": ["Independent SEND advisers hold a regular advice surgery {where}, {when}."],
        "body": [
            "Bring any question about SEN support, EHC needs assessments, EHCPs, school placements or exclusions.",
            "Advisers can look through paperwork with you and explain the next steps.",
            "The service is impartial and confidential, and separate from the council's SEND casework team.",
        ],
    },
    {
        "w": 3,
        "names": [
            "DLA Form-Filling Help – {place}",
            "Benefits Advice for Parent Carers ({area})",
            "Welfare Rights Advice – {place}",
            "Citizens Advice Outreach – {place}",
        ],
        "org": (
            "new",
            "charity",
            ["{area} Welfare Rights", "{cute} Advice Centre", "{area} Advice Network"],
            0.4,
            "area",
        ),
        "focus": "benefits and money advice",
        "cats": ["Debt and welfare advice", "Money, benefits and housing"],
        "ages": [(None, None)],
        "access": {"self": 2, "booking": 1, "dropin": 1},
        "delivery": (0.2, 0.25),
        "free": 1.0,
        "sched": "clinic",
        "sched_p": 0.6,
        "venues": ["{place} Advice Centre", "{place} Library", "{place} Family Hub", "{place} Community Centre"],
        "opener": [
            "Free benefits advice {where} for families of disabled children.",
            "{org} helps parent carers {where} claim the benefits they are entitled to.",
        ],
        "body": [
            "Advisers help with Disability Living Allowance (DLA) for children, PIP, Carer's Allowance and "
            "Universal Credit.",
            "Help includes filling in forms, gathering evidence and challenging decisions through mandatory "
            "reconsideration and appeal.",
            "A benefits check makes sure families are not missing out on extra help such as the carer element or "
            "Blue Badge.",
            "Debt and energy advice is also available.",
            "Appointments can be face to face, by phone or by video call.",
        ],
    },
    {
        "w": 1.2,
        "names": ["SEND Tribunal Support – {area}", "{org} SEND Legal Advice Line"],
        "org": ("new", "charity", ["{cute} SEND Advocacy", "{area} Education Advocacy"], 0.3, "county"),
        "focus": "SEND advocacy",
        "cats": ["Special educational needs and disabilities (SEND)", "Parenting support"],
        "ages": [(0, 25)],
        "access": {"self": 1},
        "delivery": (0.4, 0.4),
        "free": 0.8,
        "costs": [("Per casework hour", 40, 80, "Free for families on low incomes.")],
        "opener": ["Advice and advocacy for families going to the First-tier Tribunal (SEND) {where}."],
        "body": [
            "Trained volunteers explain appeals about refusals to assess, the content of an EHCP and the school named.",
            "Help includes preparing case statements, evidence bundles and attending hearings.",
            "Mediation advice is given before an appeal is lodged.",
        ],
    },
    {
        "w": 2,
        "names": [
            "Family Hub Information Point – {place}",
        ],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Parenting support", "Special educational needs and disabilities (SEND)"],
        "ages": [(0, 19), (0, 25)],
        "access": {"dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Family Hub"],
        "opener": ["Information and advice {where} for families with children {ages}."],
        "body": [
            "Staff can help you find local services on the Local Offer, book courses and groups, and get in touch with "
            "health visitors and family workers.",
            "Leaflets on SEND, childcare, benefits and parenting are available.",
            "Computers and free Wi-Fi are available for families to use.",
        ],
    },
    {
        "w": 1,
        "names": ["Housing Advice for Families with Disabled Children – {area}", "{area} Money and Debt Advice"],
        "org": ("new", "charity", ["{area} Housing Advice", "{cute} Money Advice"], 0.3, "area"),
        "focus": "housing and money advice",
        "cats": ["Money, benefits and housing", "Debt and welfare advice"],
        "ages": [(None, None)],
        "access": {"self": 1},
        "delivery": (0.3, 0.4),
        "free": 1.0,
        "opener": ["Free, confidential advice {where} on housing, rent arrears and debt."],
        "body": [
            "Advisers understand the extra costs disabled children bring, such as heating, laundry and equipment.",
            "Help with bidding for adapted properties and overcrowding claims.",
            "Grants for white goods and essential equipment are explained.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: health

HEALTH_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 2,
        "names": [
            "Health Visiting Team – {place}",
            "Child Health Clinic – {place}",
            "Baby and Toddler Health Clinic – {place}",
        ],
        "org": ("public", "hdft"),
        "place": "town",
        "cats": [
            "Health visiting",
            "Early years language and learning",
            "Infant feeding support (including breastfeeding)",
        ],
        "ages": [(0, 5)],
        "access": {"dropin": 1, "self": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "daytime",
        "venues": ["{place} Family Hub", "{place} Health Centre"],
        "opener": ["The local health visiting team {where} for families with children under five."],
        "body": [
            "Drop in to weigh your baby, ask about feeding or sleep, or talk through worries about development.",
            "Health visitors carry out reviews at one and two years, including the ASQ developmental check.",
            "If you are worried your child may have additional needs, the team can refer to speech and language "
            "therapy, Portage or community paediatrics.",
            "Support for parents' emotional health, including perinatal mental health, is available.",
        ],
    },
    {
        "w": 1.4,
        "names": ["School Nursing Team – {locality}", "School Nurse Drop-in – {place}"],
        "org": ("public", "hdft"),
        "place": "locality",
        "cats": ["Public health services", "Mental health, social and emotional support"],
        "ages": [(5, 19)],
        "access": {"self": 1, "dropin": 1},
        "delivery": (0.15, 0.0),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Family Hub", "{place} Health Centre"],
        "opener": ["School nurses {where} for school-age children and young people."],
        "body": [
            "School nurses help with emotional health, continence, sleep, healthy weight and puberty.",
            "They write and review health care plans for pupils with medical conditions.",
            "Young people can text the confidential school nurse line.",
        ],
    },
    {
        "w": 1.5,
        "names": ["Community Paediatric Clinic – {place}", "Child Development Clinic – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Public health services", "Learning difficulties and disabilities"],
        "needs": (["ASD", "OTH", "PD", "MLD"], 1, 3),
        "ages": [(0, 18), (0, 16)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Child Development Centre", "{place} Health Centre"],
        "opener": ["Community paediatric outpatient clinics {where}."],
        "body": [
            "Paediatricians see children with developmental delay, neurodisability, epilepsy and learning "
            "disabilities.",
            "Clinics contribute to the autism and ADHD assessment pathway.",
            "Medical advice for EHC needs assessments is written here.",
            "Clinic rooms are quiet, and appointments can be longer for children who need more time.",
        ],
    },
    {
        "w": 1.5,
        "names": ["Children's Audiology Clinic – {place}", "Children's Hearing Clinic – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Hearing and sight", "Hearing impairment"],
        "needs": (["HI"], 1, 1),
        "ages": [(0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Health Centre", "{place} Primary Care Centre"],
        "opener": ["Hearing tests and hearing aid clinics {where} for children {ages}."],
        "body": [
            "Audiologists test hearing from birth, follow up newborn hearing screening and fit and repair hearing "
            "aids.",
            "Children who are found to be deaf are referred to the Sensory Support Service.",
            "Ear mould impressions and batteries are available at every clinic.",
        ],
        "markers": ["bsl"],
    },
    {
        "w": 1,
        "names": ["Children's Eye Clinic (Orthoptics) – {place}", "Paediatric Orthoptic Clinic – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Hearing and sight", "Visual impairment"],
        "needs": (["VI"], 1, 1),
        "ages": [(0, 16)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Health Centre", "{place} Primary Care Centre"],
        "opener": ["Orthoptists {where} assess and treat children's eye problems, such as squints and lazy eye."],
        "body": [
            "Children who fail the school vision screening are seen here.",
            "Children with learning disabilities or autism can have adapted eye tests.",
            "Children with significant sight loss are referred to the Sensory Support Service.",
        ],
    },
    {
        "w": 1,
        "names": ["Children's Continence Clinic – {place}", "Bedwetting Clinic – {place}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Public health services"],
        "needs": (["OTH", "PMLD", "PD"], 0, 2),
        "ages": [(5, 19)],
        "access": {"referral": 1, "self": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Health Centre"],
        "opener": ["Continence advice {where} for children and young people {ages}."],
        "body": [
            "Nurses help with bedwetting, daytime wetting, constipation and soiling.",
            "Children with disabilities can be assessed for continence products, delivered to the home.",
            "Toilet training programmes are adapted for children with learning disabilities and autism.",
        ],
    },
    {
        "w": 1,
        "names": [
            "Children's Dietetics Clinic – {place}",
            "Feeding Clinic for Children with Additional Needs – {place}",
        ],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Nutrition and weight management", "Public health services"],
        "needs": (["ASD", "PMLD", "PD"], 0, 2),
        "ages": [(0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Health Centre", "{place} Primary Care Centre"],
        "opener": ["Paediatric dietitians {where} help children with feeding difficulties and special diets."],
        "body": [
            "Support is available for restricted eating (including ARFID), tube feeding, allergies and faltering "
            "growth.",
            "Dietitians work with speech and language therapists on eating and drinking difficulties.",
            "Families get practical, realistic plans that fit family life.",
        ],
    },
    {
        "w": 1,
        "names": ["Sleep Clinic for Children with SEND – {place}", "Sleep Workshop for Parents – {place}"],
        "org": ("new", "charity", ["{cute} Sleep Support", "{area} Sleep Service"], 0.4, "county"),
        "focus": "sleep support for families",
        "cats": ["Parenting support", "Public health services"],
        "needs": (["ASD", "SEMH", "SLD"], 1, 2),
        "ages": [(2, 18), (0, 11)],
        "access": {"booking": 1, "self": 1},
        "delivery": (0.1, 0.4),
        "free": 0.9,
        "costs": [("Per workshop", 5, 15, None)],
        "sched": "group",
        "venues": ["{place} Family Hub", "{place} Community Centre"],
        "opener": ["Practical help {where} for families whose children with SEND struggle to sleep."],
        "body": [
            "Trained sleep practitioners explain bedtime routines, sleep environments and managing night waking.",
            "Families can book a follow-up one-to-one sleep plan.",
            "Suitable for children with autism, ADHD and learning disabilities.",
        ],
    },
    {
        "w": 0.9,
        "names": [
            "Special Care Dentistry for Children – {place}",
            "Dental Clinic for Children with Additional Needs – {place}",
        ],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Oral health", "Public health services"],
        "needs": (["ASD", "SLD", "PMLD", "PD"], 1, 2),
        "ages": [(0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Dental Clinic", "{place} Health Centre"],
        "opener": ["NHS dental care {where} for children who cannot be treated at a high street dentist."],
        "body": [
            "Dentists experienced with autism, learning disabilities and physical disabilities provide check-ups "
            "and treatment.",
            "Desensitisation visits help children get used to the clinic.",
            "Treatment under sedation or general anaesthetic can be arranged where necessary.",
        ],
    },
    {
        "w": 0.8,
        "names": ["Epilepsy Nurse Clinic – {place}", "Learning Disability Nursing – {locality}"],
        "org": ("public", "cddft"),
        "place": "locality",
        "cats": ["Public health services", "Other difficulties or disabilities"],
        "needs": (["OTH", "SLD", "PMLD"], 1, 2),
        "ages": [(0, 18)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "clinic",
        "venues": ["{place} Health Centre"],
        "opener": ["Specialist nurses {where} for children with epilepsy or learning disabilities."],
        "body": [
            "Nurses train families and school staff in rescue medication and care plans.",
            "They support health action plans and the move to adult health services.",
            "Home visits are available.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: education support

EMP_POOL = [
    {"focus_label": "Autism", "_needs": ["ASD"], "_cats": ["Autistic Spectrum Disorder (ASD)"]},
    {"focus_label": "Autism", "_needs": ["ASD", "SLCN"], "_cats": ["Autistic Spectrum Disorder (ASD)"]},
    {"focus_label": "Speech and Language", "_needs": ["SLCN"], "_cats": ["Speech, language and communication needs"]},
    {"focus_label": "SEMH", "_needs": ["SEMH"], "_cats": ["Social, emotional and mental health support"]},
    {
        "focus_label": "Cognition and Learning",
        "_needs": ["MLD", "SPLD"],
        "_cats": ["Learning difficulties and disabilities"],
    },
    {"focus_label": "Hearing Impairment", "_needs": ["HI"], "_cats": ["Hearing impairment"]},
]
EDUCATION_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 2,
        "names": [
            "Enhanced Mainstream Provision ({focus_label}) at {school}",
            "{school} Enhanced Mainstream Provision",
        ],
        "org": ("school", "mainstream"),
        "extra": {"f": EMP_POOL},
        "school_ages": True,
        "cats": ["Learning difficulties and disabilities"],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "preschool",
        "opener": ["An enhanced mainstream provision (EMP) at {school} for pupils with {focus_label} needs."],
        "body": [
            "Pupils are on the roll of the mainstream school and spend time in their class, with specialist "
            "teaching in a small base.",
            "Places are for pupils with an EHCP and are agreed through the local authority's SEND panel.",
            "Staff have specialist training and work with the local authority's specialist teams.",
            "The base has a calm room, visual supports and a sensory area.",
        ],
        "nbody": (2, 3),
    },
    {
        "w": 1.3,
        "names": [
            "Cognition and Learning Team – {locality}",
            "SEMH Outreach Team – {locality}",
            "Early Years SEND Inclusion Team – {locality}",
            "Specialist Teaching Service – {locality}",
        ],
        "org": ("public", "dcc"),
        "place": "locality",
        "cats": [
            "Learning difficulties and disabilities",
            "Social, emotional and mental health support",
            "Early years support",
        ],
        "needs": (["SPLD", "MLD", "SEMH", "SLCN"], 1, 3),
        "ages": [(2, 16), (0, 19)],
        "access": {"referral": 1},
        "delivery": (0.3, 0.0),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Education Centre"],
        "opener": ["Specialist teachers serving schools and settings in the {locality} locality."],
        "body": [
            "They assess pupils' learning needs, model teaching strategies and train staff.",
            "Advice is given for SEN support plans and EHC needs assessments.",
            "Schools request support through the SENCo; parents are always involved.",
        ],
    },
    {
        "w": 3,
        "names": [
            "{org}",
            "{org} – {place}",
            "Dyslexia Assessments and Tuition – {org}",
            "{org} Exam Access Arrangements Assessments",
            "{org} Online Dyslexia Tuition",
            "{org} Maths Support for Dyscalculia",
            "{org} Touch Typing Course",
        ],
        "org": (
            "new",
            "company",
            ["{cute} Tuition", "{area} Dyslexia Centre", "{cute} Learning Support", "{cute} Tutors"],
            0.2,
            "home",
        ),
        "focus": "specialist tuition and dyslexia assessment",
        "cats": ["Learning difficulties and disabilities"],
        "needs": (["SPLD", "MLD", "ASD"], 1, 2),
        "ages": [(5, 18), (7, 25), (5, 16)],
        "access": {"self": 1},
        "delivery": (0.1, 0.3),
        "free": 0.0,
        "costs": PRIVATE_THERAPY_COSTS["tuition"],
        "venues": ["{place} Learning Centre", "{org}"],
        "opener": ["Specialist tuition {where} for children and young people {ages} with dyslexia and other SpLD."],
        "body": [
            "Tutors hold specialist dyslexia qualifications and use structured, multisensory teaching.",
            "Diagnostic assessments are carried out by an assessor with a current practising certificate.",
            "Reports can support exam access arrangements and Disabled Students' Allowance.",
            "Lessons can be online or face to face.",
        ],
    },
    {
        "w": 1.5,
        "names": ["{cute} Alternative Provision ({place})", "{org} – {place}"],
        "org": (
            "new",
            "cic",
            ["{cute} Learning CIC", "{cute} Alternative Education", "{area} Skills Academy"],
            0.3,
            "home",
        ),
        "focus": "alternative education",
        "cats": ["Social, emotional and mental health support", "Targeted youth support"],
        "needs": (["SEMH", "ASD"], 1, 2),
        "ages": [(11, 16), (14, 16)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "preschool",
        "venues": ["{org}", "{place} Skills Centre"],
        "opener": ["Registered alternative provision {where} for young people {ages} who are not thriving in school."],
        "body": [
            "Small groups combine English and maths with vocational options such as construction, hair and beauty, "
            "motor vehicles and animal care.",
            "Placements are commissioned by schools or the local authority.",
            "Staff focus on relationships, with mentoring and support for anxiety and SEMH needs.",
        ],
    },
    {
        "w": 0.5,
        "names": [
            "Attendance and EBSA Support – {locality}",
            "SENCo Network Meetings – {locality}",
            "Inclusion Support Team – {locality}",
            "Literacy Support Service – {locality}",
            "Emotional Wellbeing in Schools Team – {locality}",
        ],
        "org": ("public", "dcc"),
        "place": "locality",
        "cats": ["Social, emotional and mental health support", "Special educational needs and disabilities (SEND)"],
        "needs": (["SEMH"], 0, 1),
        "ages": [(4, 16)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Education Centre"],
        "opener": ["Local authority support for schools and families in the {locality} locality."],
        "body": [
            "Practitioners work with schools to improve attendance for pupils with SEND and emotionally based school "
            "avoidance.",
            "SENCos meet termly to share practice, hear from specialist services and request training.",
            "Updates on SEND funding, including Element 2 and Element 3 top-up funding, are shared.",
        ],
    },
    {
        "w": 1,
        "names": ["{place} Homework Club for Young People with SEND", "Study Skills Club – {place} Library"],
        "org": ("new", "charity", ["{place} Youth Project", "{cute} Learning Trust"], 0.4, "area"),
        "focus": "homework and learning support",
        "cats": ["Learning difficulties and disabilities", "Before and after school clubs"],
        "needs": (["SPLD", "MLD", "ASD"], 1, 2),
        "ages": [(8, 16), (11, 18)],
        "access": {"dropin": 1, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "afterschool",
        "venues": ["{place} Library", "{place} Youth Centre"],
        "opener": ["A quiet after-school club {where} where young people {ages} can get help with homework."],
        "body": [
            "Volunteer tutors help with reading, writing and maths, and with organising homework.",
            "Laptops with text-to-speech and mind-mapping software are available.",
            "A calm space suits young people who find homework at home stressful.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: transport, equipment, carers, family support

TRANSPORT_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 3,
        "names": [
            "{org}",
            "{area} Dial-a-Ride",
            "{org} – Accessible Minibus Hire",
            "{org} Shopping Bus",
            "{org} Accessible Days Out",
            "{place} Community Car Scheme",
        ],
        "org": ("new", "charity", ["{area} Community Transport", "{cute} Community Transport"], 0.3, "area"),
        "focus": "accessible community transport",
        "cats": ["Community transport", "Physical disabilities"],
        "needs": (["PD"], 0, 1),
        "ages": [(None, None)],
        "access": {"self": 1},
        "delivery": (0.4, 0.0),
        "free": 0.2,
        "costs": [
            ("Per journey", 2, 6, None),
            ("Annual membership", 5, 15, None),
            ("Minibus hire per day", 40, 90, None),
        ],
        "sched": "office",
        "venues": ["{org} Depot"],
        "opener": ["Door-to-door accessible transport {where} for people who cannot use buses."],
        "body": [
            "Wheelchair-accessible minibuses take members to appointments, shops, groups and clubs.",
            "Community groups can hire a minibus with a trained driver.",
            "Passenger assistants are available for children and young people travelling without a parent.",
        ],
    },
    {
        "w": 1,
        "names": ["Independent Travel Training – {locality}", "Travel Buddies Scheme – {area}"],
        "org": ("public", "dcc"),
        "place": "locality",
        "cats": ["Community transport", "Targeted youth support"],
        "needs": (["MLD", "ASD", "SLD"], 1, 2),
        "ages": [(11, 25), (14, 25)],
        "access": {"referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "venues": ["{place} Bus Station"],
        "opener": ["Travel trainers {where} teach young people with SEND to travel on their own."],
        "body": [
            "Training is one to one and follows the young person's real journeys to school, college or work.",
            "It covers planning routes, buying tickets, road safety and what to do if something goes wrong.",
            "Young people finish with a travel card and the confidence to use it.",
        ],
    },
    {
        "w": 0.6,
        "names": ["{org} Accessible Taxis", "{org}"],
        "org": ("new", "company", ["{place} Accessible Taxis", "{cute} Travel"], 0.1, "home"),
        "focus": "accessible taxis",
        "cats": ["Community transport"],
        "ages": [(None, None)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.0,
        "costs": [("Per mile", 1.8, 2.6, "Minimum fare applies.")],
        "venues": ["{org} Office"],
        "opener": ["Wheelchair-accessible taxis based {where}."],
        "body": [
            "Drivers are trained in disability awareness and securing wheelchairs.",
            "Regular school and college runs can be booked.",
        ],
    },
]

EQUIPMENT_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 2,
        "names": ["{place} Sensory Toy Library", "{cute} Toy Library ({place})"],
        "org": ("new", "charity", ["{cute} Toy Library", "{area} Play Resources"], 0.3, "area"),
        "focus": "toy and play equipment loans",
        "cats": ["Early years support", "Learning difficulties and disabilities", "Activities"],
        "needs": (["PMLD", "SLD", "ASD", "VI"], 1, 3),
        "ages": [(0, 11), (0, 18)],
        "access": {"self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.6,
        "costs": [("Annual membership", 5, 15, None)],
        "sched": "group",
        "venues": ["{place} Family Hub", "{place} Library", "{place} Community Centre"],
        "opener": ["Borrow sensory toys and specialist play equipment {where}."],
        "body": [
            "Items include light-up and switch-adapted toys, weighted blankets, sensory kits and communication aids.",
            "Borrowing lets families try equipment before buying.",
            "Staff can suggest toys that match your child's therapy goals.",
        ],
    },
    {
        "w": 2,
        "names": [
            "{area} Disability Equipment Loan",
            "Specialist Buggy and Car Seat Loan – {area}",
            "{org} Equipment Recycling",
        ],
        "org": (
            "new",
            "charity",
            ["{cute} Equipment Trust", "{area} Disability Equipment", "{cute} Mobility"],
            0.3,
            "county",
        ),
        "focus": "equipment loans for disabled children",
        "cats": ["Physical disabilities"],
        "needs": (["PD", "PMLD"], 1, 2),
        "ages": [(0, 18), (None, None)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.4, 0.0),
        "free": 0.7,
        "costs": [("Loan per month", 5, 20, None)],
        "sched": "office",
        "venues": ["{org} Store"],
        "opener": ["Short and long-term loans of disability equipment {where}."],
        "body": [
            "Equipment includes specialist buggies, car seats, trikes, standing frames and bathing aids.",
            "Items are cleaned, checked and delivered by trained volunteers.",
            "Good for trying equipment or bridging a wait for NHS provision.",
        ],
    },
    {
        "w": 1,
        "names": ["Assistive Technology Drop-in – {place}", "AAC Users' Support Sessions – {area}"],
        "org": ("public", "cddft"),
        "place": "town",
        "cats": ["Speech, language and communication needs", "Physical disabilities"],
        "needs": (["SLCN", "PD", "PMLD"], 1, 2),
        "ages": [(2, 25)],
        "access": {"referral": 1, "dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Child Development Centre", "{place} Library"],
        "opener": ["Support {where} for children and young people who use communication aids (AAC) and switches."],
        "body": [
            "Try out speech-generating devices, eye-gaze systems and switch-accessible toys.",
            "Families and school staff learn how to model language on the device.",
            "Specialist assessment is by referral from a speech and language therapist.",
        ],
    },
]

CARERS_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 2,
        "names": ["{place} Young Carers Group", "{cute} Young Carers Club ({area})"],
        "org": ("new", "charity", ["{area} Young Carers", "{cute} Carers Project"], 0.4, "area"),
        "focus": "support for young carers",
        "cats": ["Targeted youth support", "Breaks and respite"],
        "ages": [(8, 18), (5, 18), (11, 18)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "youth",
        "venues": ["{place} Youth Centre", "{place} Community Centre"],
        "opener": ["A group {where} for young carers {ages}, including brothers and sisters of disabled children."],
        "body": [
            "Young carers take a break from caring, have fun and meet others who understand.",
            "Activities include trips, sports, crafts and residentials.",
            "Workers can help young carers talk to their school about their caring role.",
        ],
    },
    {
        "w": 2,
        "names": [
            "Parent Carer Support Service – {area}",
            "Carers' Assessments for Parent Carers – {area}",
            "{org} Parent Carer Support",
        ],
        "org": ("new", "charity", ["{area} Carers Support", "{cute} Carers Centre"], 0.5, "area"),
        "focus": "support for unpaid carers",
        "cats": ["Parenting support", "Breaks and respite", "Groups for parents and carers of children with SEND"],
        "ages": [(None, None)],
        "access": {"self": 1},
        "delivery": (0.45, 0.15),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Carers Centre", "{place} Community Centre"],
        "opener": ["Information, advice and emotional support {where} for parents caring for a disabled child."],
        "body": [
            "Carer support workers help with parent carer needs assessments, benefits and planning for emergencies.",
            "Carers can apply for small grants towards a break, a hobby or household items.",
            "There are regular carers' cafés, wellbeing workshops and pamper days.",
            "A carers' emergency card scheme is available.",
        ],
    },
    {
        "w": 1.8,
        "names": [
            "Parent Carer Wellbeing Group – {place}",
            "Mindfulness for Parent Carers ({place})",
            "Pamper Evening for Parent Carers – {place}",
        ],
        "org": ("new", "cic", ["{cute} Wellbeing CIC", "{cute} Carers Wellbeing"], 0.4, "home"),
        "focus": "wellbeing for parent carers",
        "cats": ["Groups for parents and carers of children with SEND", "Mental health, social and emotional support"],
        "ages": [(None, None)],
        "access": {"booking": 1, "dropin": 1},
        "delivery": (0.05, 0.3),
        "free": 0.8,
        "costs": [("Per session", 2, 5, None)],
        "sched": "group",
        "venues": ["{place} Community Centre", "{place} Family Hub"],
        "opener": ["Time for you {where}: a wellbeing session for parents and carers of children with SEND."],
        "body": [
            "Sessions include relaxation, mindfulness, gentle exercise and a chance to chat.",
            "Therapists offer hand massage and mini facials at pamper evenings.",
            "Childcare is not provided, but siblings are welcome in the next room with a volunteer.",
        ],
    },
]

FAMILY_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 4,
        "names": ["{course} – {place} Family Hub", "{course} ({place})"],
        "org": ("public", "dcc"),
        "place": "town",
        "extra": {
            "course": [
                "Understanding Your Child's Behaviour",
                "Positive Parenting for SEND Families",
                "Autism Parenting Programme",
                "Parenting a Child with ADHD",
                "Sleep Tight Workshop",
                "Parenting Teens with SEND",
                "Toilet Training Workshop for Children with Additional Needs",
                "Post-Diagnosis Course for Parents of Autistic Children",
                "Sibling Rivalry and SEND",
            ]
        },
        "cats": ["Parenting support", "Groups for parents and carers of children with SEND"],
        "needs": (["ASD", "SEMH", "SLD"], 0, 2),
        "ages": [(0, 18), (2, 11), (11, 18)],
        "access": {"booking": 2, "self": 1},
        "delivery": (0.05, 0.25),
        "free": 1.0,
        "sched": "group",
        "sched_p": 1.0,
        "venues": ["{place} Family Hub"],
        "opener": ["{course}: a free group course {where} for parents and carers, {when}."],
        "body": [
            "The course runs for six weeks and covers communication, routines, sensory needs and managing behaviour.",
            "Parents learn from each other as well as from the facilitators.",
            "Family workers who lead it have SEND experience.",
            "A crèche may be available; please ask when booking.",
            "Parents receive a certificate of attendance and a handbook.",
        ],
    },
    {
        "w": 2,
        "names": ["Early Help Family Support – {locality}", "{org} Family Support Project"],
        "org": ("new", "charity", ["{cute} Family Support", "{area} Family Action Project"], 0.4, "area"),
        "place": "locality",
        "focus": "whole-family support",
        "cats": ["Intensive targeted family support", "Parenting support"],
        "ages": [(0, 18)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.5, 0.05),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Family Hub"],
        "opener": ["Family support workers {where} help families who are finding things hard."],
        "body": [
            "Workers visit at home and help with routines, behaviour, school attendance and money worries.",
            "An Early Help assessment brings together everyone supporting the family.",
            "Families of children with SEND get help to navigate health, education and social care services.",
        ],
    },
    {
        "w": 2,
        "names": ["SEND Family Fun Session – {place} Family Hub", "{place} SEND Family Saturday"],
        "org": ("public", "dcc"),
        "place": "town",
        "cats": ["Activities", "Groups for parents and carers of children with SEND"],
        "needs": (["ASD", "PMLD", "SLD"], 0, 2),
        "ages": [(0, 11), (0, 16)],
        "access": {"dropin": 1, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "weekend",
        "venues": ["{place} Family Hub"],
        "opener": ["Family fun {where} for children with SEND, their brothers, sisters and parents, {when}."],
        "body": [
            "There is sensory play, crafts, messy play and a soft play room.",
            "Family workers are there to chat and share information about local services.",
            "A calm, understanding space where nobody will judge.",
        ],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Content: preparing for adulthood and employment

PFA_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 3,
        "names": ["{course} at {school}", "{course} – {school}"],
        "org": ("school", "college"),
        "extra": {
            "course": [
                "Supported Learning Programme",
                "Foundation Learning for Students with SEND",
                "Pathways to Independence",
                "Transition Taster Days",
                "Entry Level Life Skills",
                "Skills for Work (Supported Learning)",
                "Horticulture for Students with Learning Difficulties",
                "Catering and Hospitality (Supported Learning)",
                "Pre-Entry Sensory Programme",
                "Creative Arts (Supported Learning)",
                "Supported Internship Preparation",
                "Independent Living Programme",
                "Additional Learning Support",
                "Autism Support for College Students",
            ]
        },
        "cats": ["Learning difficulties and disabilities", "Targeted youth support"],
        "needs": (["SLD", "MLD", "ASD", "PMLD"], 1, 3),
        "ages": [(16, 25), (16, 24), (19, 25)],
        "access": {"self": 2, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "preschool",
        "opener": ["{school} offers full-time study programmes for young people {ages} with learning difficulties."],
        "body": [
            "Courses build English, maths, independent living and employability skills, with work experience.",
            "Students with an EHCP have support planned with the local authority, and a named link tutor.",
            "Taster days and extra transition visits are offered in the summer term.",
            "The college has a sensory room, a quiet study space and on-site therapy input.",
            "Progression routes include supported internships, vocational courses and volunteering.",
        ],
    },
    {
        "w": 2,
        "names": ["{cute} Independent Living Skills – {place}", "Life Skills Group for Young Adults – {place}"],
        "org": ("new", "charity", ["{cute} Independence Trust", "{area} Life Skills", "{cute} Futures"], 0.4, "area"),
        "focus": "independent living skills training",
        "cats": ["Targeted youth support", "Learning difficulties and disabilities"],
        "needs": (["MLD", "SLD", "ASD"], 1, 2),
        "ages": [(16, 25), (18, 25)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 0.6,
        "costs": [("Per session", 10, 30, "Can be funded through a personal budget.")],
        "sched": "group",
        "venues": ["{place} Community Centre", "{place} Training Flat"],
        "opener": ["Practical life skills {where} for young adults {ages} with learning disabilities or autism."],
        "body": [
            "Young people practise cooking, budgeting, shopping, travelling and keeping safe online.",
            "Sessions take place in a training flat and out in the community.",
            "Each young person has goals linked to the preparing for adulthood outcomes in their EHCP.",
        ],
    },
    {
        "w": 1.5,
        "names": ["Moving On: Transition Events – {locality}", "Preparing for Adulthood Roadshow – {place}"],
        "org": ("public", "dcc"),
        "place": "locality",
        "cats": ["Targeted youth support", "Special educational needs and disabilities (SEND)"],
        "ages": [(14, 25)],
        "access": {"dropin": 1},
        "delivery": (0.0, 0.0),
        "free": 1.0,
        "sched": "weekend",
        "venues": ["{place} Civic Centre", "{place} Leisure Centre"],
        "opener": ["An information event {where} for young people with SEND from Year 9 and their families."],
        "body": [
            "Meet colleges, training providers, supported employment projects and adult social care teams.",
            "Workshops cover mental capacity, PIP, supported living and health transition.",
            "A quiet hour at the start is set aside for those who prefer fewer people.",
        ],
    },
    {
        "w": 2,
        "names": ["{place} Young Adults Social Club (16-25)", "{cute} Social Club for Young Adults ({place})"],
        "org": ("new", "charity", ["{cute} Futures", "{area} Young Adults Project"], 0.4, "area"),
        "focus": "social clubs for young adults with learning disabilities",
        "cats": ["Activities", "Targeted youth support"],
        "needs": (["MLD", "SLD", "ASD"], 1, 2),
        "ages": [(16, 25)],
        "access": {"dropin": 1, "booking": 1},
        "delivery": (0.0, 0.0),
        "free": 0.6,
        "costs": [("Per session", 2, 5, None)],
        "sched": "youth",
        "venues": ["{place} Community Centre", "{place} Youth Centre"],
        "opener": ["A social club {where} for young adults {ages} with learning disabilities and autism."],
        "body": [
            "Members plan nights out, discos, quizzes and trips together.",
            "Support workers are there to help, and members can bring a PA.",
            "A great way to keep friendships going after school or college.",
        ],
    },
    {
        "w": 1.5,
        "names": ["{cute} Day Opportunities ({place})", "{org} Day Service for Young Adults"],
        "org": ("new", "cic", ["{cute} Day Opportunities CIC", "{cute} Horizons"], 0.3, "home"),
        "focus": "day opportunities",
        "cats": ["Learning difficulties and disabilities", "Breaks and respite"],
        "needs": (["SLD", "PMLD", "ASD"], 1, 3),
        "ages": [(18, None), (16, 25)],
        "access": {"assessment": 1, "self": 1},
        "delivery": (0.0, 0.0),
        "free": 0.1,
        "costs": [("Per day", 45, 75, "Usually funded through a personal budget or direct payment.")],
        "sched": "nursery",
        "venues": ["{org}", "{place} Community Centre"],
        "opener": ["Day opportunities {where} for young adults {ages} with learning disabilities."],
        "body": [
            "Activities include horticulture, arts, cooking, sport and volunteering in the community.",
            "Staff are trained in personal care, epilepsy and positive behaviour support.",
            "Days are planned around each person's interests and their support plan.",
        ],
    },
]

EMPLOYMENT_VARIANTS: list[dict[str, Any]] = [
    {
        "w": 2,
        "names": ["{area} Supported Employment Project", "{cute} Job Coaching ({area})", "{org} Employment Support"],
        "org": (
            "new",
            "charity",
            ["{cute} Employment Trust", "{area} Supported Employment", "{cute} Works"],
            0.4,
            "area",
        ),
        "focus": "supported employment",
        "cats": ["Targeted youth support", "Learning difficulties and disabilities"],
        "needs": (["MLD", "ASD", "SLD", "SEMH"], 1, 2),
        "ages": [(16, 25), (18, None)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.3, 0.05),
        "free": 1.0,
        "sched": "office",
        "venues": ["{place} Enterprise Centre", "{org}"],
        "opener": ["Job coaching and supported employment {where} for young people {ages} with SEND."],
        "body": [
            "Job coaches help with CVs, applications, interviews and learning the job once you start.",
            "Employers get advice on reasonable adjustments and Access to Work.",
            "Support continues for as long as it is needed once someone is in work.",
        ],
    },
    {
        "w": 1.5,
        "names": [
            "Work Experience for Young People with SEND – {area}",
            "{place} Employability Course for Young People with SEND",
        ],
        "org": ("new", "cic", ["{cute} Skills CIC", "{area} Pathways"], 0.4, "home"),
        "focus": "employability training",
        "cats": ["Targeted youth support"],
        "needs": (["MLD", "ASD", "SEMH"], 1, 2),
        "ages": [(16, 24), (14, 19)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.1, 0.15),
        "free": 1.0,
        "sched": "group",
        "venues": ["{place} Enterprise Centre", "{place} Community Centre"],
        "opener": ["An employability programme {where} for young people {ages} with SEND."],
        "body": [
            "Young people try different jobs through supported work tasters with local employers.",
            "The course covers confidence, communication, travel and what to expect at work.",
            "Participants gain a certificate and a reference.",
        ],
    },
    {
        "w": 1.5,
        "names": ["{cute} Café Training Project ({place})", "{org} Volunteering Scheme for Young Adults"],
        "org": ("new", "cic", ["{cute} Café CIC", "{cute} Social Enterprise", "{cute} Garden Project"], 0.3, "home"),
        "focus": "training through social enterprise",
        "cats": ["Targeted youth support", "Learning difficulties and disabilities"],
        "needs": (["SLD", "MLD", "ASD"], 1, 2),
        "ages": [(16, 25), (18, None)],
        "access": {"self": 1, "referral": 1},
        "delivery": (0.0, 0.0),
        "free": 0.6,
        "costs": [("Per day", 30, 60, "Usually funded through a personal budget.")],
        "sched": "nursery",
        "venues": ["{org}"],
        "opener": ["Real work experience {where} for young adults {ages} with learning disabilities."],
        "body": [
            "Trainees work in the café, kitchen and garden alongside job coaches.",
            "Food hygiene and customer service qualifications are offered.",
            "Many trainees move on to paid work or further training.",
        ],
    },
]


LANDMARKS += [
    {
        "key": "camhs-crisis",
        "name": "CAMHS Crisis and Liaison Team",
        "org": "tewv",
        "categories": ["Mental health, social and emotional support"],
        "needs": ["SEMH"],
        "markers": [],
        "ages": (0, 18),
        "access": "self",
        "town": "Durham",
        "venue": "{place} CAMHS Centre",
        "description": "Urgent mental health assessment and support for children and young people in crisis, 24 "
        "hours a day, seven days a week. The team assesses young people at A&E and on children's wards, offers "
        "home treatment to avoid hospital admission and follows up after a crisis. Young people, parents and "
        "professionals can phone the crisis line directly. In an emergency call 999.",
        "queries": ["CAMHS crisis", "crisis team"],
    },
    {
        "key": "ld-camhs",
        "name": "Learning Disability CAMHS",
        "org": "tewv",
        "categories": ["Mental health, social and emotional support", "Learning difficulties and disabilities"],
        "needs": ["SLD", "PMLD", "ASD", "SEMH"],
        "markers": [],
        "ages": (0, 18),
        "access": "referral",
        "town": "Spennymoor",
        "venue": "{place} CAMHS Centre",
        "description": "Specialist mental health support for children and young people with a moderate, severe or "
        "profound learning disability, including those who are autistic. Psychologists, nurses and "
        "psychiatrists help with anxiety, distressed behaviour, sleep and mental health, using positive "
        "behaviour support and working with families, schools and short breaks providers.",
        "queries": ["learning disability CAMHS"],
    },
    {
        "key": "neurodevelopmental",
        "name": "Neurodevelopmental Assessment Pathway (Autism and ADHD)",
        "org": "tewv",
        "categories": ["Autistic Spectrum Disorder (ASD)", "Social, emotional and mental health support"],
        "needs": ["ASD", "SEMH"],
        "markers": [],
        "ages": (5, 18),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} CAMHS Centre",
        "description": "Multi-disciplinary assessment for school-age children and young people who may be autistic "
        "or have ADHD. Referrals from schools and GPs are reviewed with information from parents and school; "
        "assessment may include observation, developmental history and questionnaires. Waiting times are "
        "long, so families are offered pre-assessment workshops and signposted to support that does not need a "
        "diagnosis. Under-fives are assessed through community paediatrics.",
        "queries": ["autism assessment", "ADHD assessment", "neurodevelopmental pathway"],
    },
    {
        "key": "bladder-bowel",
        "name": "Children's Bladder and Bowel Service",
        "org": "cddft",
        "categories": ["Public health services"],
        "needs": ["OTH", "PMLD"],
        "markers": [],
        "ages": (0, 19),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Child Development Centre",
        "description": "Specialist nurses assess and treat bladder and bowel problems in children and young "
        "people, including bedwetting, daytime wetting, constipation and soiling. Children with disabilities are "
        "assessed for continence products, and toilet training programmes are adapted for children with "
        "learning disabilities and autism.",
        "queries": ["bladder and bowel"],
    },
    {
        "key": "community-nursing",
        "name": "Children's Community Nursing Team",
        "org": "cddft",
        "categories": ["Public health services", "Physical disabilities"],
        "needs": ["PMLD", "PD", "OTH"],
        "markers": [],
        "ages": (0, 18),
        "access": "referral",
        "town": "Bishop Auckland",
        "venue": "{place} Child Development Centre",
        "description": "Nurses care for children with complex and long-term health needs at home and in school, "
        "so they spend less time in hospital. The team supports tube feeding, oxygen, wound care and "
        "end-of-life care, trains parents and school staff, and works with the continuing care team.",
        "queries": ["community nursing"],
    },
    {
        "key": "home-education",
        "name": "Elective Home Education Team",
        "org": "dcc",
        "categories": ["Special educational needs and disabilities (SEND)", "Parenting support"],
        "needs": [],
        "markers": [],
        "ages": (5, 16),
        "access": "self",
        "town": "Durham",
        "venue": "County Hall",
        "description": "Advice for parents who are thinking about, or have chosen, to educate their child at "
        "home. Officers explain parents' responsibilities, what happens to SEN support and EHCPs when a child is "
        "withdrawn from school, and how to return to school later. Talk to the team before deregistering a "
        "child with SEND, as school-based support and funding stop once a child leaves the school roll.",
        "queries": ["home education", "elective home education"],
    },
    {
        "key": "travel-training",
        "name": "Independent Travel Training Service",
        "org": "dcc",
        "categories": ["Community transport", "Targeted youth support"],
        "needs": ["MLD", "ASD"],
        "markers": [],
        "ages": (11, 25),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Bus Station",
        "description": "One-to-one travel training for young people with SEND who want to travel independently "
        "to school, college or work. Trainers plan routes, practise journeys alongside the young person and "
        "gradually step back until they can travel alone safely.",
        "queries": ["travel training", "independent travel"],
    },
    {
        "key": "audiology",
        "name": "Children's Audiology Service",
        "org": "cddft",
        "categories": ["Hearing and sight", "Hearing impairment"],
        "needs": ["HI"],
        "markers": ["bsl"],
        "ages": (0, 18),
        "access": "referral",
        "town": "Durham",
        "venue": "{place} Hospital Outpatients",
        "description": "Hearing assessment for babies, children and young people, including follow-up of newborn "
        "hearing screening, hearing aid fitting and repairs, and referral for cochlear implants. Children "
        "found to be deaf are referred to the Sensory Support Service and offered family sign language support.",
        "queries": ["audiology"],
    },
]


# ---------------------------------------------------------------------------------------------------------------------
# Kinds and their share of the 3,600 records (leisure takes whatever is left)

KIND_PLAN: list[tuple[str, list[dict[str, Any]], int | None]] = [
    ("support-group", SUPPORT_GROUP_VARIANTS, 430),
    ("early-years", EARLY_YEARS_VARIANTS, 470),
    ("speech-language", SALT_VARIANTS, 165),
    ("occupational-therapy", OT_VARIANTS, 95),
    ("physiotherapy", PHYSIO_VARIANTS, 80),
    ("wellbeing", WELLBEING_VARIANTS, 160),
    ("short-breaks", SHORT_BREAK_VARIANTS, 285),
    ("advice", ADVICE_VARIANTS, 105),
    ("health", HEALTH_VARIANTS, 215),
    ("education", EDUCATION_VARIANTS, 170),
    ("transport", TRANSPORT_VARIANTS, 45),
    ("equipment", EQUIPMENT_VARIANTS, 45),
    ("carers", CARERS_VARIANTS, 80),
    ("family-support", FAMILY_VARIANTS, 100),
    ("preparing-for-adulthood", PFA_VARIANTS, 110),
    ("employment", EMPLOYMENT_VARIANTS, 75),
    ("leisure", LEISURE_VARIANTS, None),
]
# Local services named in the brief as examples; they exist once each (see `local_examples` in landmarks.json).
PINNED: list[tuple[str, list[dict[str, Any]], int, dict[str, Any]]] = [
    (
        "support-group",
        SUPPORT_GROUP_VARIANTS,
        0,
        {
            "name": "Chester-le-Street Autism Parent Support Group",
            "place": "Chester-le-Street",
            "extra": {"cond": CONDITIONS[0]},
        },
    ),
    (
        "support-group",
        SUPPORT_GROUP_VARIANTS,
        2,
        {"name": "Seaham Sensory Play Sessions", "place": "Seaham", "extra": {"cond": CONDITIONS[8]}},
    ),
]
STATUS_COUNTS = {"inactive": 108, "temporarily closed": 72}  # plus the closed schools as "defunct"


# ---------------------------------------------------------------------------------------------------------------------
# Drafts to ORUK records


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


# ---------------------------------------------------------------------------------------------------------------------
# The whole directory


def build_drafts(ref: Reference, tax: Taxonomies) -> Gen:
    g = Gen(ref, tax)
    g.reserved_names.update(pin["name"] for _, _, _, pin in PINNED)
    kind_landmarks(g)
    kind_schools(g)
    for kind, variants, number, pin in PINNED:
        run_variant(g, kind, 0, variants[number], pin)
    fixed = sum(count for _, _, count in KIND_PLAN if count)
    for kind, variants, count in KIND_PLAN:
        run_kind(g, kind, variants, count if count is not None else TOTAL_SERVICES - len(g.drafts) - fixed)
        if count:
            fixed -= count
    assert len(g.drafts) == TOTAL_SERVICES, len(g.drafts)
    # Statuses: landmarks and open schools are active, closed schools defunct; a few others are not running.
    open_drafts = sorted((d for d in g.drafts if d.status is None), key=lambda d: d.key)
    chosen = g.sample(open_drafts, sum(STATUS_COUNTS.values()))
    cut = STATUS_COUNTS["inactive"]
    for draft in chosen[:cut]:
        draft.status = "inactive"
    for draft in chosen[cut:]:
        draft.status = "temporarily closed"
        draft.alert = g.pick(TEMP_CLOSED_ALERTS)
    for draft in g.drafts:
        draft.status = draft.status or "active"
    for name in g.reserved_names:
        assert g.names[name] == 1, f"reserved name {name!r} used {g.names[name]} times"
    return g


def validated_services(g: Gen) -> list[dict[str, Any]]:
    from local_offer.models.records import PublishedService

    builder = Builder(g)
    records = []
    for draft in g.drafts:
        model = PublishedService.model_validate(builder.service(draft))
        records.append(model.model_dump(mode="json", exclude_none=True))
    ids = [record["id"] for record in records]
    assert len(set(ids)) == len(ids), "duplicate service ids"
    return records


def validated_taxonomies(tax: Taxonomies) -> list[dict[str, Any]]:
    from local_offer.models.oruk import TaxonomyWithTerms

    return [TaxonomyWithTerms.model_validate(t).model_dump(mode="json", exclude_none=True) for t in tax.taxonomies]


def local_areas(ref: Reference) -> dict[str, Any]:
    return {
        "attribution": ATTRIBUTION[:2],
        "note": "The 14 Area Action Partnerships (AAPs) of County Durham, used as the directory's local areas "
        "(`local_offer.local_area`). AAPs were abolished in April 2025 and replaced by 12 Local Networks; the "
        "AAP ids are kept because the reference postcode mapping uses them. Populations are the approximate "
        "figures published on the council's AAP pages; the postcode to AAP mapping is approximate.",
        "local_areas": [
            {
                "id": aap.id,
                "name": aap.name,
                "short_name": aap.short_name,
                "lat": aap.lat,
                "lon": aap.lon,
                "population_approx": aap.population,
                "postcode_districts": list(aap.districts),
                "main_settlements": list(aap.settlements),
            }
            for aap in ref.aaps
        ],
    }


def landmarks(g: Gen, records: list[dict[str, Any]]) -> dict[str, Any]:
    by_id = {record["id"]: record for record in records}
    items = []
    for draft in g.drafts:
        if draft.landmark_queries is None:
            continue
        record = by_id[uid("service", draft.key)]
        items.append(
            {
                "key": draft.key.split(":", 1)[1],
                "id": record["id"],
                "name": record["name"],
                "alternate_name": record.get("alternate_name"),
                "organization": record["organization"]["name"],
                "local_area": record["local_offer"]["local_area"],
                "status": record["status"],
                "queries": draft.landmark_queries,
            }
        )
    return {
        "note": "Well-known services that exist exactly once in the seed directory (no other service has the same "
        "name), with their ids. All are active, county-wide, recently verified and sample data. A search for the "
        "exact name, and for each of `queries`, ranked the landmark first with the search query builder and "
        "index mapping as they were when this file was generated (functions/local_offer/domain).",
        "landmarks": [{key: value for key, value in item.items() if value is not None} for item in items],
        "local_examples": [
            {
                "id": uid("service", draft.key),
                "name": draft.name,
                "local_area": by_id[uid("service", draft.key)]["local_offer"]["local_area"],
                "organization": draft.org.name,
            }
            for draft in g.drafts
            if draft.key.startswith("pinned:")
        ],
    }


def postcodes_csv(ref: Reference) -> bytes:
    out = io.StringIO(newline="")
    out.write("postcode,lat,lon,aap_id\n")
    for pc in ref.postcodes:
        out.write(f"{pc.code},{pc.lat:.5f},{pc.lon:.5f},{pc.aap_id}\n")
    return out.getvalue().encode("utf-8")


def _outward_order(code: str) -> tuple[str, int, str]:
    """DH1 < DH2 < DH10; a sector (DH1 5) after its district's lower-numbered sectors."""
    match = re.fullmatch(r"([A-Z]+)(\d+) ?(\d*)", code)
    assert match, code
    return (match.group(1), int(match.group(2)), match.group(3))


def outcodes_csv(ref: Reference) -> bytes:
    """Every postcode district of the areas served (DH, DL, SR, TS, NE), with its centroid; the local area
    only for districts with County Durham postcodes."""
    rows = sorted(ref.districts, key=lambda row: _outward_order(row["district"]))
    out = io.StringIO(newline="")
    out.write("outcode,lat,lon,primary_aap_id,pct_in_county_durham\n")
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        out.write(
            f"{row['district']},{lat:.5f},{lon:.5f},{row['primary_aap_id']},{row['pct_postcodes_in_county_durham']}\n"
        )
    return out.getvalue().encode("utf-8")


def sectors_csv(ref: Reference) -> bytes:
    """Every postcode sector of the areas served, with its centroid (the mean of its postcodes)."""
    rows = sorted(ref.sectors, key=lambda row: _outward_order(row["sector"]))
    out = io.StringIO(newline="")
    out.write("sector,lat,lon,primary_aap_id,pct_in_county_durham\n")
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        out.write(
            f"{row['sector']},{lat:.5f},{lon:.5f},{row['primary_aap_id']},{row['pct_postcodes_in_county_durham']}\n"
        )
    return out.getvalue().encode("utf-8")


def attribution_txt() -> bytes:
    lines = [
        "Reference data shipped with the Local Offer functions (postcodes.csv.gz, sectors.csv, outcodes.csv):",
        "derived from OS Code-Point Open, ONS and GeoNames data by seed/generate.py.",
        "",
        *ATTRIBUTION[:3],
        "",
    ]
    return "\n".join(lines).encode("utf-8")


@dataclass
class Output:
    label: str  # stable name used in the manifest, whatever the output directory
    path: Path
    data: bytes
    records: int | None = None
    content: bytes | None = None  # uncompressed content of a .gz file


def manifest_entry(output: Output) -> dict[str, Any]:
    """Size and hash of a file; for .gz files, of the uncompressed content, so the manifest does not depend
    on the zlib build that compressed it."""
    entry: dict[str, Any] = {"path": output.label}
    if output.content is not None:
        entry.update(content_bytes=len(output.content), content_sha256=hashlib.sha256(output.content).hexdigest())
    else:
        entry.update(bytes=len(output.data), sha256=hashlib.sha256(output.data).hexdigest())
    if output.records is not None:
        entry["records"] = output.records
    return entry


def generate(reference: Path, out: Path, data_out: Path) -> list[Output]:
    """Build every file in memory, then write them; returns what was written."""
    ref = Reference(reference)
    tax = build_taxonomies(ref)
    g = build_drafts(ref, tax)
    records = validated_services(g)
    services = "".join(
        json.dumps(record, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n" for record in records
    ).encode("utf-8")
    taxonomies = validated_taxonomies(tax)
    postcodes = postcodes_csv(ref)
    outputs = [
        Output(
            "seed/directory/services.ndjson.gz",
            out / "services.ndjson.gz",
            gzip_bytes(services),
            len(records),
            services,
        ),
        Output(
            "seed/directory/taxonomies.json",
            out / "taxonomies.json",
            json_text(
                {
                    "attribution": ATTRIBUTION[1:2] + ATTRIBUTION[3:],
                    "note": "Taxonomies used by the seed directory, as ORUK taxonomies with their terms.",
                    "taxonomies": taxonomies,
                }
            ).encode("utf-8"),
            sum(len(t["taxonomy_terms"]) for t in taxonomies),
        ),
        Output("seed/directory/local_areas.json", out / "local_areas.json", json_text(local_areas(ref)).encode(), 14),
    ]
    marks = landmarks(g, records)
    outputs.append(
        Output(
            "seed/directory/landmarks.json", out / "landmarks.json", json_text(marks).encode(), len(marks["landmarks"])
        )
    )
    outputs += [
        Output(
            "functions/local_offer/data/postcodes.csv.gz",
            data_out / "postcodes.csv.gz",
            gzip_bytes(postcodes),
            len(ref.postcodes),
            postcodes,
        ),
        Output("functions/local_offer/data/sectors.csv", data_out / "sectors.csv", sectors_csv(ref)),
        Output("functions/local_offer/data/outcodes.csv", data_out / "outcodes.csv", outcodes_csv(ref)),
        Output("functions/local_offer/data/ATTRIBUTION.txt", data_out / "ATTRIBUTION.txt", attribution_txt()),
    ]
    for output in outputs[-3:-1]:
        output.records = output.data.count(b"\n") - 1
    manifest = {
        "generator": "seed/generate.py",
        "generator_version": GENERATOR_VERSION,
        "random_seed": RANDOM_SEED,
        "reference_date": REFERENCE_DATE.isoformat(),
        "sample_data": True,
        "statement": SAMPLE_DATA_STATEMENT,
        "attribution": ATTRIBUTION,
        "counts": {
            "services": len(records),
            "organizations": len({record["organization"]["id"] for record in records}),
            "locations": len(
                {
                    sal["location"]["id"]
                    for record in records
                    for sal in record.get("service_at_locations", ())
                    if sal["location"]["location_type"] == "physical"
                }
            ),
            "status": dict(sorted(Counter(record["status"] for record in records).items())),
            "kind": dict(sorted(Counter(draft.kind for draft in g.drafts).items())),
        },
        "files": [manifest_entry(output) for output in outputs],
    }
    outputs.append(Output("seed/directory/manifest.json", out / "manifest.json", json_text(manifest).encode("utf-8")))
    for output in outputs:
        output.path.parent.mkdir(parents=True, exist_ok=True)
        output.path.write_bytes(output.data)
    return outputs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="reference data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="seed directory output")
    parser.add_argument("--data-out", type=Path, default=DEFAULT_DATA_OUT, help="functions' lookup data output")
    args = parser.parse_args(argv)
    for output in generate(args.reference, args.out, args.data_out):
        records = f"{output.records:>6} records" if output.records is not None else " " * 14
        print(f"{output.label:<45} {records} {len(output.data):>10,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
