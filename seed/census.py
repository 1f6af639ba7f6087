"""Generate the local-area set and the seed census CSV from the reference data in seed/reference/.

    .venv/bin/python seed/census.py            # writes the two files below
    .venv/bin/python seed/census.py --check    # exits 1 when the committed files differ from a fresh run

Writes
    functions/local_offer/data/area_set_aap.json   the 14 Area Action Partnerships, their postcode mapping and
                                                   the modelling base (children aged 0-15, 2011 Census)
    seed/census/ehcp_by_local_area.csv             County Durham's DfE EHC plan figures by year and primary
                                                   need (published) and each AAP's share (modelled)

Deterministic: no clock, no randomness; the same inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO / "seed" / "reference"
AREA_SET_OUT = REPO / "functions" / "local_offer" / "data" / "area_set_aap.json"
CENSUS_OUT = REPO / "seed" / "census" / "ehcp_by_local_area.csv"

FIRST_YEAR = 2016  # the Local Offer promised census figures "from the 2016 census" on
CHILD_AGE_BANDS = ("census2011_age_0_4", "census2011_age_5_15")
# DfE column -> our need code (see local_offer.models.census.PRIMARY_NEEDS).
NEED_COLUMNS = {
    "number_asd": "ASD",
    "number_hi": "HI",
    "number_mld": "MLD",
    "number_msi": "MSI",
    "number_oth": "OTH",
    "number_pd": "PD",
    "number_pmld": "PMLD",
    "number_semh": "SEMH",
    "number_slcn": "SLCN",
    "number_sld": "SLD",
    "number_spld": "SPLD",
    "number_vi": "VI",
    "number_need_unknown": "UNKNOWN",
}
ATTRIBUTION = [
    "Contains public sector information licensed under the Open Government Licence v3.0 (DfE, Education, "
    "health and care plans, reporting years 2022 and 2025; ONS, 2011 Census KS101EW/KS102EW by postcode sector).",
    "Contains OS data © Crown copyright and database right 2022. Contains Royal Mail data © Royal Mail copyright "
    "and database right 2022. Contains National Statistics data © Crown copyright and database right 2022. "
    "(Open Government Licence v3.0)",
    "Area Action Partnership areas compiled from durham.gov.uk and Durham Insight pages; the postcode to area "
    "mapping is approximate.",
]


def read_csv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:  # type: ignore[operator]
        return list(csv.DictReader(handle))


def academic_to_census_year(time_period: str) -> int:
    """DfE '202425' (academic year 2024/25) -> 2025: the plans counted as at January 2025."""
    return int(time_period[:4]) + 1


# ---------------------------------------------------------------------------------------------------------
# Published county figures
# ---------------------------------------------------------------------------------------------------------
def county_figures(reference: Path) -> dict[tuple[int, str], tuple[int, int]]:
    """(year, need) -> (EHC plans, statements) for County Durham, as the DfE published them."""
    figures: dict[tuple[int, str], tuple[int, int]] = {}
    for row in read_csv(reference / "dfe_ehcp_2022_caseload_totals_county_durham.csv"):
        year = int(row["time_period"])
        if row["establishment_type"] == "Total" and year >= FIRST_YEAR:
            statements = 0 if row["Total_st"] in ("z", "") else int(row["Total_st"])
            figures[(year, "ALL")] = (int(row["Total_ehc"]), statements)
    for row in read_csv(reference / "dfe_ehcp_2025_caseload_county_durham.csv"):
        if row["breakdown"] == "All EHC plans":
            # Statements had all been transferred to EHC plans by 2018; later years count plans only.
            figures[(academic_to_census_year(row["time_period"]), "ALL")] = (int(row["ehcplans"]), 0)
    for row in read_csv(reference / "dfe_ehcp_2025_sen_needs_all_plans_county_durham.csv"):
        if row["breakdown"] != "All EHC plans":
            continue
        year = academic_to_census_year(row["time_period"])
        by_need = {code: int(row[column]) for column, code in NEED_COLUMNS.items()}
        if sum(by_need.values()) != int(row["ehc_plans"]):
            raise SystemExit(f"{year}: the DfE needs add up to {sum(by_need.values())}, not {row['ehc_plans']}")
        if figures.get((year, "ALL"), (int(row["ehc_plans"]), 0))[0] != int(row["ehc_plans"]):
            raise SystemExit(f"{year}: caseload and needs files disagree on the total")
        for code, count in by_need.items():
            figures[(year, code)] = (count, 0)
    return figures


# ---------------------------------------------------------------------------------------------------------
# Modelling base: children aged 0-15 in 2011 by area
# ---------------------------------------------------------------------------------------------------------
def child_population_by_area(reference: Path, area_column: str = "aap_id") -> dict[str, int]:
    """Each area's children aged 0-15 (2011 Census), from postcode sectors split by their postcodes' areas.

    A sector's children are shared among the areas of its County Durham postcodes in proportion to the
    number of postcodes (of all its postcodes, so the part outside the county counts for no area).
    """
    sectors = {row["sector"]: row for row in read_csv(reference / "postcode_sectors_ne.csv")}
    postcodes_by_sector_area: Counter[tuple[str, str]] = Counter()
    for row in read_csv(reference / "county_durham_postcodes.csv.gz"):
        if row[area_column]:
            postcodes_by_sector_area[(row["postcode"][:-2], row[area_column])] += 1
    children: dict[str, float] = defaultdict(float)
    for (sector, area), count in sorted(postcodes_by_sector_area.items()):
        info = sectors.get(sector)
        # Sectors without census counts are non-residential (large users, new estates in 2011).
        if info is None or any(not info[band] for band in CHILD_AGE_BANDS):
            continue
        sector_children = sum(int(info[band]) for band in CHILD_AGE_BANDS)
        children[area] += sector_children * count / int(info["n_postcodes"])
    return {area: round(value) for area, value in sorted(children.items())}


def apportion(total: int, weights: Mapping[str, float]) -> dict[str, int]:
    from local_offer.domain.census import apportion as apportion_by_weight

    return apportion_by_weight(total, weights)


# ---------------------------------------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------------------------------------
def area_set(reference: Path, population: Mapping[str, int]) -> dict[str, Any]:
    areas = []
    for row in read_csv(reference / "county_durham_aaps.csv"):
        areas.append(
            {
                "id": row["aap_id"],
                "name": row["name"],
                "short_name": row["short_name"],
                "centre": {"lat": float(row["lat"]), "lon": float(row["lon"])},
                "population_approx": int(row["population_approx"]),
                "postcode_districts": [part.strip() for part in row["postcode_districts"].split(";") if part.strip()],
                "main_settlements": [part.strip() for part in row["main_settlements"].split(";") if part.strip()],
            }
        )
    return {
        "id": "aap",
        "name": "Area Action Partnerships",
        "status": "historic",
        "note": (
            "County Durham's 14 Area Action Partnerships, the council's local areas until April 2025, when 12 "
            "Local Networks replaced them. The census figures use them because the published population and "
            "postcode data map onto them; the postcode mapping is approximate."
        ),
        "areas": sorted(areas, key=lambda area: area["id"]),
        "postcode_lookup": {"file": "postcodes.csv.gz", "column": "aap_id"},
        "sector_lookup": {"file": "sectors.csv", "column": "primary_aap_id"},
        "outcode_lookup": {"file": "outcodes.csv", "column": "primary_aap_id"},
        "modelling": {
            "description": "children aged 0-15 resident in each area at the 2011 Census",
            "source": (
                "ONS 2011 Census KS101EW/KS102EW by postcode sector; sectors that straddle areas are split by "
                "their share of Code-Point Open postcodes in each area"
            ),
            "population": dict(sorted(population.items())),
        },
        "attribution": ATTRIBUTION,
    }


def census_rows(
    figures: Mapping[tuple[int, str], tuple[int, int]], population: Mapping[str, int]
) -> list[tuple[int, str, str, int, int, str]]:
    """County rows (published) and area rows (modelled) for every (year, need)."""
    rows: list[tuple[int, str, str, int, int, str]] = []
    years = sorted({year for year, _ in figures})
    for year in years:
        needs = sorted(need for figure_year, need in figures if figure_year == year and need != "ALL")
        modelled: dict[str, dict[str, tuple[int, int]]] = {}
        for need in needs:
            plans, statements = figures[(year, need)]
            modelled[need] = _split(plans, statements, population)
        if needs:
            # An area's ALL is the sum of its needs, so each area's needs add up to its total.
            modelled["ALL"] = {
                area: (
                    sum(modelled[need][area][0] for need in needs),
                    sum(modelled[need][area][1] for need in needs),
                )
                for area in population
            }
        else:
            plans, statements = figures[(year, "ALL")]
            modelled["ALL"] = _split(plans, statements, population)
        for need in ["ALL", *needs]:
            plans, statements = figures[(year, need)]
            rows.append((year, "county", need, plans, statements, "published"))
            rows.extend((year, area, need, *modelled[need][area], "modelled") for area in sorted(population))
    return rows


def _split(plans: int, statements: int, population: Mapping[str, int]) -> dict[str, tuple[int, int]]:
    plan_parts = apportion(plans, population)
    statement_parts = apportion(statements, population)
    return {area: (plan_parts[area], statement_parts[area]) for area in population}


def census_csv(rows: Sequence[tuple[int, str, str, int, int, str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["year", "area_id", "need", "ehc_plans", "statements", "basis"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def render(reference: Path = REFERENCE) -> dict[Path, bytes]:
    """Output path -> content."""
    population = child_population_by_area(reference)
    areas = area_set(reference, population)
    if {area["id"] for area in areas["areas"]} != set(population):
        raise SystemExit("the areas file and the postcode mapping name different areas")
    return {
        AREA_SET_OUT: (json.dumps(areas, indent=2, ensure_ascii=False) + "\n").encode("utf-8"),
        CENSUS_OUT: census_csv(census_rows(county_figures(reference), population)),
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="input directory (seed/reference)")
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    outputs = render(args.reference)
    if args.check:
        stale = [str(path.relative_to(REPO)) for path, data in outputs.items() if path.read_bytes() != data]
        for path in stale:
            print(f"stale: {path} (run seed/census.py)")
        return 1 if stale else 0
    for path, data in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        print(f"wrote {path.relative_to(REPO)} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
