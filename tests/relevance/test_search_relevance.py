"""Search relevance over the full seed directory: judged queries, precision@3 and MRR.

Each judged query (judgments.json) names the services that must be in the first three results (`top3`,
landmark records of the seed), a rule for which results count as relevant, and services that must never
appear. Precision@3 counts relevant results among the first three, out of min(3, relevant services that
exist in the directory for that rule), so a query with one right answer is not capped at 1/3. MRR uses
the rank of the first `top3` service. The thresholds were set from measurement (see docs/api.md); the suite
prints the per-query table so a regression shows which query moved.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
JUDGMENTS = Path(__file__).with_name("judgments.json")
# Measured 0.944 / 0.965 (60 queries, 2026-11-28); 0.933 / 0.961 since multi-word searches match on their
# content words (2026-12-06: a name search such as "Burnhope Primary School" now returns that school alone, which
# this precision counts as 1/3). Thresholds unchanged.
PRECISION_AT_3_THRESHOLD = 0.93
MRR_THRESHOLD = 0.95
PUBLIC = {"active", "temporarily closed"}


@dataclass
class Judged:
    query: str
    relevant: str
    top3: list[str] = field(default_factory=list)
    must_not: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)


def judged_text(service: dict[str, Any]) -> str:
    """What relevance rules look at: names, organisation and the categories a service is filed under."""
    terms = [a["taxonomy_term"]["name"] for a in service.get("attributes", []) if a.get("taxonomy_term")]
    organization = (service.get("organization") or {}).get("name", "")
    return " | ".join([service["name"], service.get("alternate_name", ""), organization, *terms])


@cache
def seed_services() -> list[dict[str, Any]]:
    with gzip.open(ROOT / "seed" / "directory" / "services.ndjson.gz", "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@cache
def landmark_ids() -> dict[str, str]:
    landmarks = json.loads((ROOT / "seed" / "directory" / "landmarks.json").read_text(encoding="utf-8"))
    return {landmark["key"]: landmark["id"] for landmark in landmarks["landmarks"]}


def judgments() -> list[Judged]:
    return [Judged(**item) for item in json.loads(JUDGMENTS.read_text(encoding="utf-8"))["queries"]]


def test_there_are_at_least_forty_judged_queries_and_every_landmark_exists() -> None:
    queries = judgments()
    assert len(queries) >= 40
    known = {service["id"] for service in seed_services()}
    for judged in queries:
        assert all(landmark_ids()[key] in known for key in judged.top3), judged.query
        assert all(service_id in known for service_id in judged.must_not), judged.query


def evaluate(api: str, judged: Judged) -> dict[str, Any]:
    response = requests.get(
        f"{api}/services", params={"search": judged.query, "per_page": 100, **judged.params}, timeout=30
    )
    assert response.status_code == 200, response.text
    results = response.json()["contents"]
    rule = re.compile(judged.relevant, re.IGNORECASE)
    exists = sum(1 for s in seed_services() if s["status"] in PUBLIC and rule.search(judged_text(s)))
    top = results[:3]
    hits = sum(1 for service in top if rule.search(judged_text(service)))
    precision = hits / min(3, exists) if exists else 1.0
    ids = [service["id"] for service in results]
    wanted = [landmark_ids()[key] for key in judged.top3]
    ranks = [ids.index(service_id) + 1 for service_id in wanted if service_id in ids]
    return {
        "query": judged.query + (f" {judged.params}" if judged.params else ""),
        "precision": min(precision, 1.0),
        "reciprocal_rank": (1 / min(ranks) if ranks else 0.0) if wanted else None,
        "missing_top3": [key for key in judged.top3 if landmark_ids()[key] not in ids[:3]],
        "forbidden": [service_id for service_id in judged.must_not if service_id in ids],
        "top": [service["name"] for service in top],
    }


def test_judged_queries_precision_at_3_and_mrr(seeded_api: str, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [evaluate(seeded_api, judged) for judged in judgments()]
    precision = sum(row["precision"] for row in rows) / len(rows)
    ranked = [row["reciprocal_rank"] for row in rows if row["reciprocal_rank"] is not None]
    mrr = sum(ranked) / len(ranked)
    with capsys.disabled():
        print(f"\nrelevance: {len(rows)} judged queries, precision@3 {precision:.3f}, MRR {mrr:.3f} ({len(ranked)})")
        for row in rows:
            if row["precision"] < 1 or row["missing_top3"] or row["forbidden"]:
                print(f"  {row['query']!r}: p@3 {row['precision']:.2f}, missing {row['missing_top3']}, {row['top']}")
    assert not [row for row in rows if row["forbidden"]], "inactive or defunct services appeared in results"
    assert precision >= PRECISION_AT_3_THRESHOLD
    assert mrr >= MRR_THRESHOLD


def test_postcode_results_within_proximity_are_near_or_serve_the_whole_county(seeded_api: str) -> None:
    page = requests.get(
        f"{seeded_api}/services",
        params={"search": "autism", "postcode": "DL14 6AA", "proximity": 10_000, "per_page": 100},
        timeout=30,
    ).json()
    assert page["total_items"] > 0
    assert page["searched_from"]["proximity_metres"] == 10_000
    for service in page["contents"]:
        extension = service["local_offer"]
        if extension["reach"] == "local":
            assert extension["distance_metres"] <= page["searched_from"]["proximity_metres"]
        else:
            assert extension["reach"] in {"county-wide", "online"}


def _nearest_metres(service: dict[str, Any], latitude: float, longitude: float) -> float | None:
    from local_offer.domain.places import distance_metres

    points = [
        sal["location"]
        for sal in service.get("service_at_locations", [])
        if sal.get("location", {}).get("latitude") is not None
    ]
    distances = [distance_metres(latitude, longitude, p["latitude"], p["longitude"]) for p in points]
    return min(distances) if distances else None


def _marked_county_wide(service: dict[str, Any]) -> bool:
    terms = [a["taxonomy_term"] for a in service.get("attributes", []) if a.get("taxonomy_term")]
    return any("county-wide" in (term.get("term"), term.get("name")) for term in terms)


def test_a_postcode_alone_filters_nothing_so_the_dales_find_their_nearest_short_breaks(seeded_api: str) -> None:
    # ORUK 3.0 filters by distance only when `proximity` is given. Upper Weardale (DL13 2YL) has no short-break
    # service within 10 km; the nearest ones further away must still come back, nearest first.
    from local_offer.domain.places import lookup_postcode

    place = lookup_postcode("DL13 2YL")
    rule = re.compile("short break", re.IGNORECASE)
    local = sorted(
        (distance, service["id"])
        for service in seed_services()
        if service["status"] in PUBLIC and rule.search(judged_text(service))
        for distance in [_nearest_metres(service, place.latitude, place.longitude)]
        if distance is not None and not _marked_county_wide(service)
    )
    assert local
    assert local[0][0] > 10_000, "precondition: no short-break place within 10 km of DL13 2YL"

    params: dict[str, Any] = {"search": "short breaks", "postcode": "DL13 2YL", "sort": "distance", "per_page": 100}
    page = requests.get(f"{seeded_api}/services", params=params, timeout=30).json()
    assert "proximity_metres" not in page["searched_from"]  # no radius applied: absent
    contents = list(page["contents"])
    for number in range(2, page["total_pages"] + 1):
        contents += requests.get(f"{seeded_api}/services", params={**params, "page": number}, timeout=30).json()[
            "contents"
        ]
    returned = [
        (service["local_offer"]["distance_metres"], service["id"], service["name"])
        for service in contents
        if service["local_offer"]["reach"] == "local"
    ]
    # With a 10 km default, none of these would come back.
    assert [distance for distance, _, _ in returned if distance > 10_000]
    assert local[0][1] in {service_id for _, service_id, _ in returned}
    # Strong matches (the words in the name) come first, nearest first.
    strong = [distance for distance, _, name in returned if rule.search(name)]
    assert strong == sorted(strong)
