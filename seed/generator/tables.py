"""The generator's word lists and service descriptions, read from the JSON files in `data/`.

Each file holds tables by name; `{"$ref": "name"}` inside a table stands for the table of that name
read (or derived) before it, so that variants share one pool of sentences or conditions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class TableReader:
    """Reads table files by name; a `{"$ref": name}` value is the table of that name read or added before."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.tables: dict[str, Any] = {}

    def read(self, file: str) -> dict[str, Any]:
        """The tables of `data/<file>.json`, by name, each with its references resolved."""
        raw = json.loads((self.directory / f"{file}.json").read_text(encoding="utf-8"))
        return {name: self.add(name, self._resolve(value)) for name, value in raw.items()}

    def add(self, name: str, value: Any) -> Any:
        """Make `value` (a table derived in code) available to references; returns it."""
        self.tables[name] = value
        return value

    def _resolve(self, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"$ref"}:
                return self.tables[value["$ref"]]
            return {key: self._resolve(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self._resolve(item) for item in value]
        return value


_reader = TableReader(Path(__file__).resolve().parent / "data")

_places = _reader.read("places")
# Towns big enough for a leisure centre, library, health centre or family hub in the made-up venues.
MAJOR_TOWNS = frozenset(_places["major_towns"])

_taxonomy_markers = _reader.read("taxonomy_markers")
MARKERS = _taxonomy_markers["markers"]

_sentences = _reader.read("sentences")
ACCESS_TEXT = _sentences["access_text"]
APPLICATION_TEXT = _sentences["application_text"]
ACCESS_MARKERS = _sentences["access_markers"]
PRACTICAL_TEXT = _sentences["practical_text"]
ACCESSIBILITY_TEXT = _sentences["accessibility_text"]
TRANSPORT_TEXT = _sentences["transport_text"]
FUNDERS = _sentences["funders"]
TEMP_CLOSED_ALERTS = _sentences["temp_closed_alerts"]
CONTACT_TITLES = _sentences["contact_titles"]

_areas = _reader.read("areas")
AREA_NAMES = _areas["area_names"]
LOCALITIES = _areas["localities"]
LOCALITY_TOWNS = _areas["locality_towns"]
CUTE = _areas["cute"]
LOCALITY_OF = _reader.add("locality_of", {aap_id: name for name, _, aap_ids in LOCALITIES for aap_id in aap_ids})
LOCALITY_AAPS = _reader.add("locality_aaps", {name: aap_ids for name, _, aap_ids in LOCALITIES})

_public_services = _reader.read("public_services")
PUBLIC_ORGS = _public_services["public_orgs"]
# Each landmark: key, name, alternate_name, org (a PUBLIC_ORGS key), categories, needs, markers, ages [min, max],
# access, town (its base), venue (label), description and the queries that should rank it first.
LANDMARKS = _public_services["landmarks"]

_schools = _reader.read("schools")
NEED_PHRASES = _schools["need_phrases"]
NEED_CATEGORY = _schools["need_category"]
SPECIAL_SCHOOL_NEEDS = _schools["special_school_needs"]
SCHOOL_TYPES = _schools["school_types"]
SCHOOL_LEGAL = _schools["school_legal"]
SCHOOL_SEND_SENTENCES = _schools["school_send_sentences"]
SPECIAL_SENTENCES = _schools["special_sentences"]
COLLEGE_SENTENCES = _schools["college_sentences"]
REPORT_SENTENCES = _schools["report_sentences"]

_organisations = _reader.read("organisations")
ORG_TYPES = _organisations["org_types"]
FOUNDED = _organisations["founded"]
# Most organisations run several services: the floor on how often a variant reuses one it already made.
MIN_REUSE = _organisations["min_reuse"]

_variant_text = _reader.read("variant_text")
GENERIC_PEOPLE = _variant_text["generic_people"]
VILLAGE_VENUES = _variant_text["village_venues"]
CLOSING_TEXT = _variant_text["closing_text"]
GENERIC_TOPICS = _variant_text["generic_topics"]

_conditions = _reader.read("conditions")
CONDITIONS = _conditions["conditions"]
CONDITION_POOL = _reader.add(
    "condition_pool", CONDITIONS[:1] * 6 + CONDITIONS[1:2] * 3 + CONDITIONS[-1:] * 4 + CONDITIONS
)

_support_groups = _reader.read("support_groups")
CHARITY_NAMES = _support_groups["charity_names"]
GROUP_BODY = _support_groups["group_body"]
PLAY_BODY = _support_groups["play_body"]
YOUTH_BODY = _support_groups["youth_body"]
SIBLING_BODY = _support_groups["sibling_body"]
DAD_BODY = _support_groups["dad_body"]
SUPPORT_GROUP_VARIANTS = _support_groups["support_group_variants"]

_early_years = _reader.read("early_years")
NURSERY_BODY = _early_years["nursery_body"]
PRESCHOOL_BODY = _early_years["preschool_body"]
CHILDMINDER_BODY = _early_years["childminder_body"]
EARLY_SEND_BODY = _early_years["early_send_body"]
TODDLER_BODY = _early_years["toddler_body"]
EARLY_YEARS_VARIANTS = _early_years["early_years_variants"]

_therapies = _reader.read("therapies")
CLINIC_VENUES = _therapies["clinic_venues"]
PRIVATE_THERAPY_COSTS = _therapies["private_therapy_costs"]
SALT_VARIANTS = _therapies["salt_variants"]
OT_VARIANTS = _therapies["ot_variants"]
PHYSIO_VARIANTS = _therapies["physio_variants"]

_wellbeing = _reader.read("wellbeing")
WELLBEING_VARIANTS = _wellbeing["wellbeing_variants"]

_short_breaks = _reader.read("short_breaks")
SHORT_BREAK_BODY = _short_breaks["short_break_body"]
SHORT_BREAK_VARIANTS = _short_breaks["short_break_variants"]

_activities = _reader.read("activities")
SPORTS = _activities["sports"]
ARTS = _activities["arts"]
LEISURE_COSTS = _activities["leisure_costs"]
SPORT_POOL = _reader.add("sport_pool", [{"sport": low, "sport_cap": title} for low, title in SPORTS])
ART_POOL = _reader.add("art_pool", [{"art": low, "art_cap": title} for low, title in ARTS])

_leisure = _reader.read("leisure")
LEISURE_VARIANTS = _leisure["leisure_variants"]

_advice = _reader.read("advice")
ADVICE_VARIANTS = _advice["advice_variants"]

_health = _reader.read("health")
HEALTH_VARIANTS = _health["health_variants"]

_education = _reader.read("education")
EMP_POOL = _education["emp_pool"]
EDUCATION_VARIANTS = _education["education_variants"]

_practical_support = _reader.read("practical_support")
TRANSPORT_VARIANTS = _practical_support["transport_variants"]
EQUIPMENT_VARIANTS = _practical_support["equipment_variants"]
CARERS_VARIANTS = _practical_support["carers_variants"]
FAMILY_VARIANTS = _practical_support["family_variants"]

_adulthood = _reader.read("adulthood")
PFA_VARIANTS = _adulthood["pfa_variants"]
EMPLOYMENT_VARIANTS = _adulthood["employment_variants"]
