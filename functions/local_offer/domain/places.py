"""County Durham postcodes: parse, look up coordinates and local area, and measure distances.

Reads the packaged `data/postcodes.csv.gz` (every County Durham postcode with its centroid and Area Action
Partnership) and `data/outcodes.csv` (outward codes with a centroid) on first use only, so routes that
never see a postcode do not pay for them.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from local_offer.models.errors import InvalidRequest

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# A UK postcode: outward code (area letters, district digit, optional letter/digit), then the inward code.
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# The same shapes inside free text, for a postcode typed into the search box.
_IN_TEXT = re.compile(r"\b([A-Za-z]{1,2}[0-9][A-Za-z0-9]?) ?([0-9][A-Za-z]{2})\b|\b([A-Za-z]{1,2}[0-9]{1,2})\b")


@dataclass(frozen=True)
class Place:
    """A point a family searched from: the postcode as written canonically, its centroid and local area."""

    postcode: str
    latitude: float
    longitude: float
    local_area: str | None
    outward_only: bool = False


@cache
def _postcodes() -> dict[str, Place]:
    with gzip.open(DATA_DIR / "postcodes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: Place(row["postcode"], float(row["lat"]), float(row["lon"]), row["aap_id"] or None)
            for row in csv.DictReader(handle)
        }


@cache
def _outcodes() -> dict[str, Place]:
    with (DATA_DIR / "outcodes.csv").open(encoding="utf-8", newline="") as handle:
        return {
            row["outcode"]: Place(
                row["outcode"], float(row["lat"]), float(row["lon"]), row["primary_aap_id"] or None, True
            )
            for row in csv.DictReader(handle)
        }


def local_area_ids() -> frozenset[str]:
    """Every local area a County Durham postcode belongs to."""
    return frozenset(place.local_area for place in _postcodes().values() if place.local_area)


def normalise_postcode(text: str) -> str | None:
    """`dh1 1ab` → `DH1 1AB`, `dh1` → `DH1`; None when the text is not shaped like a UK postcode."""
    compact = re.sub(r"\s+", "", text.upper())
    if _OUTWARD.match(compact):
        return compact
    full = _FULL.match(compact[:-3] + " " + compact[-3:]) if len(compact) > 4 else None
    return f"{full.group(1)} {full.group(2)}" if full else None


def lookup_postcode(text: str, parameter: str = "postcode") -> Place:
    """The place for a County Durham postcode or outward code; 400 naming `parameter` otherwise."""
    canonical = normalise_postcode(text)
    if canonical is None:
        raise InvalidRequest(f"{parameter} '{text.strip()[:20]}' is not a valid UK postcode", parameter=parameter)
    place = _outcodes().get(canonical) if " " not in canonical else _postcodes().get(canonical)
    if place is None:
        raise InvalidRequest(f"{parameter} {canonical} is not a County Durham postcode", parameter=parameter)
    return place


def find_postcode_in_text(text: str) -> tuple[Place, str] | None:
    """A County Durham postcode typed among search words: the place and the text without it."""
    for match in _IN_TEXT.finditer(text):
        candidate = normalise_postcode(match.group(0))
        if candidate is None:
            continue
        place = _outcodes().get(candidate) if " " not in candidate else _postcodes().get(candidate)
        if place is not None:
            rest = (text[: match.start()] + " " + text[match.end() :]).strip()
            return place, re.sub(r"\s{2,}", " ", rest)
    return None


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius), as OpenSearch's geo_distance uses."""
    radius = 6_371_008.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
