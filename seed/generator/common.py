"""The generator's fixed settings (seed, reference date, id namespace, attribution) and small helpers."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import json
import math
import re
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
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
    text = text.lower().replace("&", " and ").replace("'", "").replace("’", "")  # noqa: RUF001  (the typographic apostrophe)
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
