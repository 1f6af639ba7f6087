"""Taxonomies: written by the loader, served by the ORUK taxonomy endpoints."""

from __future__ import annotations

from pathlib import Path

from tests.integration.test_devstack_fixtures import get

SEED_TAXONOMIES = Path(__file__).resolve().parents[2] / "seed" / "directory" / "taxonomies.json"


def test_seeded_taxonomies_and_terms_are_listed_filtered_and_found_by_id(aws, template):
    from devstack.loader import load_taxonomies

    assert load_taxonomies(SEED_TAXONOMIES) == 3

    taxonomies = get(template, "/taxonomies")["body"]
    assert taxonomies["total_items"] == 3
    assert all("taxonomy_terms" not in taxonomy for taxonomy in taxonomies["contents"])
    needs = next(t for t in taxonomies["contents"] if t["name"] == "sen-primary-need")
    one = get(template, f"/taxonomies/{needs['id']}")["body"]
    assert {term["term"] for term in one["taxonomy_terms"]} >= {"ASD", "SLCN", "SEMH"}

    terms = get(template, f"/taxonomy_terms?taxonomy_id={needs['id']}&per_page=100")["body"]
    assert terms["total_items"] == len(one["taxonomy_terms"])
    autism = get(template, "/taxonomy_terms?search=autistic")["body"]["contents"]
    assert autism
    assert get(template, f"/taxonomy_terms/{autism[0]['id']}")["body"]["name"] == autism[0]["name"]


def test_taxonomies_are_searched_by_name_or_description(aws, template):
    from devstack.loader import load_taxonomies

    load_taxonomies(SEED_TAXONOMIES)

    found = get(template, "/taxonomies?search=PRIMARY%20need")["body"]
    assert [taxonomy["name"] for taxonomy in found["contents"]] == ["sen-primary-need"]
    assert get(template, "/taxonomies?search=zzqqxx")["body"]["total_items"] == 0


def test_unknown_taxonomy_ids_are_404(aws, template):
    missing = "00000000-0000-4000-8000-000000000000"
    assert get(template, f"/taxonomies/{missing}")["status"] == 404
    assert get(template, f"/taxonomy_terms/{missing}")["status"] == 404
