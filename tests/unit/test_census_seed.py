"""The area set and the seed census: exactly what `seed/census.py` produces, with the DfE's real county figures
and a modelling base that covers every area."""

from __future__ import annotations

import csv
import importlib.util
import io
import sys
from pathlib import Path
from types import ModuleType

from local_offer.domain.areas import load_area_set

ROOT = Path(__file__).resolve().parents[2]


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_census", ROOT / "seed" / "census.py")
    assert spec
    assert spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_committed_area_set_and_census_are_what_the_generator_writes():
    generator = load_generator()
    rendered = generator.render()
    assert rendered, "the generator writes files"
    for path, data in rendered.items():
        assert path.read_bytes() == data, f"{path.relative_to(ROOT)} is stale: run seed/census.py"


def test_county_rows_are_the_dfe_published_figures():
    # Given the figures as the DfE's reference extracts state them (see seed/reference/SOURCES.md)
    generator = load_generator()
    figures = generator.county_figures(generator.REFERENCE)
    rows = list(csv.DictReader(io.StringIO(generator.CENSUS_OUT.read_text(encoding="utf-8"))))
    county = {
        (int(r["year"]), r["need"]): (int(r["ehc_plans"]), int(r["statements"]))
        for r in rows
        if r["area_id"] == "county"
    }
    # Then every county row is one of them, and the 2016 figure is the one the Local Offer FAQ quotes
    assert county == figures
    assert sum(county[(2016, "ALL")]) == 2574
    assert county[(2025, "ALL")] == (5390, 0)
    needs_2025 = [count for (year, need), (count, _) in county.items() if year == 2025 and need != "ALL"]
    assert sum(needs_2025) == 5390


def test_area_set_has_the_fourteen_partnerships_and_a_base_for_each():
    area_set = load_area_set("aap")
    ids = [area.id for area in area_set.areas]
    assert len(ids) == 14
    assert set(area_set.modelling.population) == set(ids)
    assert all(count > 0 for count in area_set.modelling.population.values())
    # Children aged 0-15 in County Durham at the 2011 Census were about 88,000 (ONS KS102EW).
    assert 80_000 < sum(area_set.modelling.population.values()) < 95_000
