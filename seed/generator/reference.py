"""The open reference data (`seed/reference/`): postcodes, places and Area Action Partnerships, loaded and
indexed for nearest-neighbour look-ups.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from generator.common import clean_place_name, distance_km, read_csv
from generator.tables import MAJOR_TOWNS


@dataclass(frozen=True)
class Postcode:
    code: str
    lat: float
    lon: float
    aap_id: str


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
