"""Local areas: the configured area set (`LOCAL_AREA_SET` names `data/area_set_<id>.json`) and which area a
postcode is in.

The set is data, not code, because the council's local geography changes: the 14 Area Action Partnerships
(`aap`) were replaced by Local Networks in 2025. Switching is a new area-set file with its postcode
mapping and a setting (see docs/api.md "Local areas").
"""

from __future__ import annotations

import csv
import gzip
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from local_offer.domain.places import DATA_DIR, Precision, lookup_postcode
from local_offer.models.census import AreaDefinition, AreaSetFile, AreaSetSummary, PostcodeColumn
from local_offer.models.errors import InvalidRequest, NotFound


class AreaSetMissing(Exception):
    """The configured area set has no data file (a deployment error, not a caller's)."""


def area_set_path(area_set_id: str) -> Path:
    return DATA_DIR / f"area_set_{area_set_id}.json"


@cache
def load_area_set(area_set_id: str) -> AreaSetFile:
    """The area set `area_set_id`, validated; cached per process."""
    path = area_set_path(area_set_id)
    if not path.exists():
        raise AreaSetMissing(f"no area set file {path.name} for LOCAL_AREA_SET={area_set_id}")
    return AreaSetFile.model_validate_json(path.read_bytes())


def current_area_set() -> AreaSetFile:
    """The area set the settings name."""
    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    return load_area_set(get_settings().local_area_set)


def summary(area_set: AreaSetFile) -> AreaSetSummary:
    return AreaSetSummary(id=area_set.id, name=area_set.name, status=area_set.status, note=area_set.note)


def find_area(area_set: AreaSetFile, area_id: str) -> AreaDefinition:
    """The area with this id; 404 naming the valid ids otherwise."""
    for area in area_set.areas:
        if area.id == area_id:
            return area
    valid = ", ".join(area.id for area in area_set.areas)
    raise NotFound(f"no local area '{area_id[:40]}' in {area_set.name}; the areas are {valid}")


@cache
def _postcode_column(lookup: PostcodeColumn) -> dict[str, str]:
    path = DATA_DIR / lookup.file
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        index = header.index(lookup.column)
        return {row[0]: row[index] for row in reader if row[index]}


@dataclass(frozen=True)
class AreaForPostcode:
    postcode: str
    precision: Precision  # how precisely the area was found: by the postcode, its sector or its district
    area: AreaDefinition


def area_for_postcode(area_set: AreaSetFile, text: str) -> AreaForPostcode:
    """The area a postcode (or outward code) is in, by the most precise mapping the set has for it: a listed
    postcode by its own; any other by its sector's (when the set maps sectors), else its district's. 400 naming
    `postcode` when the text is not a postcode, cannot be placed, or is in no area of the set."""
    place = lookup_postcode(text, "postcode")
    tries: list[tuple[PostcodeColumn | None, str | None, Precision]]
    if place.precision == "postcode":
        # A listed postcode the set does not map is in none of its areas: its district's area would be a guess.
        tries = [(area_set.postcode_lookup, place.postcode, "postcode")]
    else:
        tries = [
            (area_set.sector_lookup, place.sector, "sector"),
            (area_set.outcode_lookup, place.district, "district"),
        ]
    for lookup, key, precision in tries:
        area_id = _postcode_column(lookup).get(key) if lookup is not None and key is not None else None
        if area_id is not None:
            return AreaForPostcode(place.postcode, precision, find_area(area_set, area_id))
    raise InvalidRequest(f"postcode {place.postcode} is in no local area of {area_set.name}", parameter="postcode")


def forget_area_sets() -> None:
    """Forget cached area sets and postcode mappings (tests that switch LOCAL_AREA_SET call this)."""
    load_area_set.cache_clear()
    _postcode_column.cache_clear()
