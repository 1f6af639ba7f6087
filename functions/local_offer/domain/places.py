"""Postcodes of the areas the directory serves: parse, place, name the local area, and measure distances.

A well-formed postcode in a served postcode area (DH, DL, SR, TS, NE) is always placed, as precisely as the
packaged data allows, and the place says how (`precision`):

- `postcode`: a full postcode in `data/postcodes.csv.gz` (every County Durham postcode) at its own centroid;
- `sector`: any other full postcode (a new one, or one over the county border) at the centroid of its sector
  (`DH1 5ZZ` → `DH1 5`, `data/sectors.csv`);
- `district`: an outward code (`DH1`), or a full postcode whose sector we do not know, at the centroid of its
  district (`data/outcodes.csv`).

A postcode outside the served areas, or in a district that does not exist, is refused naming the areas. The
files are read on first use only, so routes that never see a postcode do not pay for them.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from local_offer.models.errors import InvalidRequest

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# The postcode areas the directory serves: County Durham and its neighbours, where families cross the border.
SERVED_AREAS = ("DH", "DL", "SR", "TS", "NE")
SERVED_AREAS_TEXT = "DH, DL, SR, TS and NE"

Precision = Literal["postcode", "sector", "district"]

# A UK postcode: outward code (area letters, district digit, optional letter/digit), then the inward code.
_FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
# The same shapes inside free text, for a postcode typed into the search box (any spacing, any case).
_IN_TEXT = re.compile(
    r"\b(?P<full>[A-Za-z]{1,2}[0-9][A-Za-z0-9]?\s*[0-9][A-Za-z]{2})\b|\b(?P<outward>[A-Za-z]{1,2}[0-9]{1,2})\b"
)


@dataclass(frozen=True)
class Place:
    """A point a family searched from: the postcode as written canonically, the centroid used, its local area
    and how precisely the postcode was placed."""

    postcode: str
    latitude: float
    longitude: float
    local_area: str | None
    precision: Precision = "postcode"

    def metres_to(self, latitude: float, longitude: float) -> float:
        """The great-circle distance from this place to a point (`distance_metres`)."""
        return distance_metres(self.latitude, self.longitude, latitude, longitude)

    @property
    def outward_only(self) -> bool:
        """True for an outward code (`DH1`) rather than a full postcode."""
        return " " not in self.postcode

    @property
    def sector(self) -> str | None:
        """`DH1 5` for `DH1 5ZZ`; None for an outward code."""
        return None if self.outward_only else self.postcode[:-2]

    @property
    def district(self) -> str:
        """`DH1` for `DH1 5ZZ` or `DH1`."""
        return self.postcode.split(" ")[0]


@dataclass(frozen=True)
class _Centroid:
    latitude: float
    longitude: float
    local_area: str | None


@cache
def _postcodes() -> dict[str, _Centroid]:
    with gzip.open(DATA_DIR / "postcodes.csv.gz", "rt", encoding="utf-8", newline="") as handle:
        return {
            row["postcode"]: _Centroid(float(row["lat"]), float(row["lon"]), row["aap_id"] or None)
            for row in csv.DictReader(handle)
        }


@cache
def _centroids(file_name: str, key: str) -> dict[str, _Centroid]:
    with (DATA_DIR / file_name).open(encoding="utf-8", newline="") as handle:
        return {
            row[key]: _Centroid(float(row["lat"]), float(row["lon"]), row["primary_aap_id"] or None)
            for row in csv.DictReader(handle)
        }


def _sectors() -> dict[str, _Centroid]:
    return _centroids("sectors.csv", "sector")


def _districts() -> dict[str, _Centroid]:
    return _centroids("outcodes.csv", "outcode")


def local_area_ids() -> frozenset[str]:
    """Every local area a County Durham postcode belongs to."""
    return frozenset(place.local_area for place in _postcodes().values() if place.local_area)


def normalise_postcode(text: str) -> str | None:
    """`dh1 1ab`, `dh11ab`, ` DH1   1AB ` → `DH1 1AB`; `dh1` → `DH1`; None when not shaped like a UK postcode."""
    compact = re.sub(r"\s+", "", text.upper())
    if _OUTWARD.match(compact):
        return compact
    full = _FULL.match(compact[:-3] + " " + compact[-3:]) if len(compact) > 4 else None
    return f"{full.group(1)} {full.group(2)}" if full else None


def postcode_area(canonical: str) -> str:
    """The area letters of a canonical postcode: `DH` for `DH1 1AB`, `NE` for `NE1`."""
    return re.match(r"[A-Z]+", canonical).group(0)  # type: ignore[union-attr]  # canonical always starts so


class PostcodeNotPlaced(InvalidRequest):
    """A well-formed postcode we cannot place: outside the served areas, or no such district."""


def place_postcode(canonical: str, parameter: str = "postcode") -> Place:
    """The place of a canonical postcode or outward code, as precise as the data allows (see the module doc);
    PostcodeNotPlaced (a 400 naming `parameter`) when it is outside the served areas or its district is unknown.
    """
    if postcode_area(canonical) not in SERVED_AREAS:
        raise PostcodeNotPlaced(
            f"{parameter} {canonical} is outside the areas this directory serves: postcodes starting "
            f"{SERVED_AREAS_TEXT}",
            parameter=parameter,
        )
    found: tuple[_Centroid | None, Precision]
    if " " in canonical:
        found = (_postcodes().get(canonical), "postcode")
        if found[0] is None:
            found = (_sectors().get(canonical[:-2]), "sector")
    else:
        found = (None, "district")
    if found[0] is None:
        found = (_districts().get(canonical.split(" ")[0]), "district")
    centroid, precision = found
    if centroid is None:
        raise PostcodeNotPlaced(
            f"{parameter} {canonical} is not in a known postcode district of the areas this directory serves "
            f"({SERVED_AREAS_TEXT})",
            parameter=parameter,
        )
    return Place(canonical, centroid.latitude, centroid.longitude, centroid.local_area, precision)


def lookup_postcode(text: str, parameter: str = "postcode") -> Place:
    """The place for a postcode or outward code typed by a user; 400 naming `parameter` when it is not shaped
    like a UK postcode or cannot be placed."""
    canonical = normalise_postcode(text)
    if canonical is None:
        raise InvalidRequest(f"{parameter} '{text.strip()[:20]}' is not a valid UK postcode", parameter=parameter)
    return place_postcode(canonical, parameter)


@dataclass(frozen=True)
class PostcodeInText:
    """A postcode found among search words: where it was placed (None when it could not be), why not, and
    the search words without it."""

    postcode: str
    place: Place | None
    reason: str | None
    rest: str


def find_postcode_in_text(text: str) -> PostcodeInText | None:
    """The first postcode typed among search words, placed if it can be.

    A full postcode (`SW1A 1AA`, `dh13hn`) is always taken as a postcode, placed or not, and taken out of the
    words. An outward code alone (`DH1`) counts only in a served area: elsewhere such tokens are more often
    other things ("KS2" is a key stage).
    """
    for match in _IN_TEXT.finditer(text):
        canonical = normalise_postcode(match.group(0))
        if canonical is None:
            continue
        if match.group("outward") and postcode_area(canonical) not in SERVED_AREAS:
            continue
        rest = re.sub(r"\s{2,}", " ", (text[: match.start()] + " " + text[match.end() :]).strip())
        try:
            return PostcodeInText(canonical, place_postcode(canonical), None, rest)
        except PostcodeNotPlaced as refused:
            return PostcodeInText(canonical, None, refused.detail, rest)
    return None


def distance_metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius), as OpenSearch's geo_distance uses."""
    radius = 6_371_008.8
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * radius * math.asin(math.sqrt(a))
