"""The whole directory: drafts to validated records, the lookups, the manifest and the command line."""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.common import (
    ATTRIBUTION,
    DEFAULT_DATA_OUT,
    DEFAULT_OUT,
    DEFAULT_REFERENCE,
    GENERATOR_VERSION,
    RANDOM_SEED,
    REFERENCE_DATE,
    SAMPLE_DATA_STATEMENT,
    TOTAL_SERVICES,
    gzip_bytes,
    json_text,
    uid,
)
from generator.kinds import KIND_PLAN, PINNED, STATUS_COUNTS
from generator.landmarks import kind_landmarks
from generator.records import Builder
from generator.reference import Reference
from generator.schools import kind_schools
from generator.state import Gen
from generator.tables import TEMP_CLOSED_ALERTS
from generator.taxonomies import Taxonomies, build_taxonomies
from generator.variants import run_kind, run_variant


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
    parser = argparse.ArgumentParser(
        prog="seed/generate.py",
        description="Generate the County Durham sample directory and the reference lookups the functions ship with.",
    )
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, help="reference data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="seed directory output")
    parser.add_argument("--data-out", type=Path, default=DEFAULT_DATA_OUT, help="functions' lookup data output")
    args = parser.parse_args(argv)
    for output in generate(args.reference, args.out, args.data_out):
        records = f"{output.records:>6} records" if output.records is not None else " " * 14
        print(f"{output.label:<45} {records} {len(output.data):>10,} bytes")
    return 0
