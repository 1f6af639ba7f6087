"""The SEND glossary: the packaged copy is the seed's, and variants are found as whole words."""

from __future__ import annotations

from pathlib import Path

from local_offer.domain.glossary import GLOSSARY_FILE, capitals_only_variants, default_glossary, matches_as_meant

ROOT = Path(__file__).resolve().parents[2]


def test_packaged_glossary_is_the_seed_glossary():
    assert GLOSSARY_FILE.read_bytes() == (ROOT / "seed" / "glossary.json").read_bytes(), (
        "functions/local_offer/data/glossary.json differs from seed/glossary.json: "
        "cp seed/glossary.json functions/local_offer/data/glossary.json"
    )


def test_acronyms_find_their_concept_and_its_other_names():
    (match,) = default_glossary().matches("SALT near Durham")
    assert match.entry.term == "speech and language therapy"
    assert "speech and language therapy" in match.alternatives
    assert "SALT" not in match.alternatives


def test_longest_variant_wins_and_each_concept_is_reported_once():
    matches = default_glossary().matches("Speech and language therapy for my autistic son with autism")
    assert [m.entry.term for m in matches] == ["speech and language therapy", "autism"]
    assert matches[0].matched == "speech and language therapy"


def test_variants_match_whole_words_only():
    assert default_glossary().matches("salty snacks and a potluck") == []
    assert [m.entry.term for m in default_glossary().matches("children's centre")] == ["family hub"]


def test_capitals_only_variants_name_their_concept_only_in_capitals():
    assert {"ADD", "HI"} <= capitals_only_variants()
    assert matches_as_meant("how do I add a template") == []
    assert [m.entry.term for m in matches_as_meant("ADD and dyslexia")] == ["ADHD", "dyslexia"]
    assert [m.entry.term for m in matches_as_meant("Hi, my son is deaf")] == ["hearing impairment"]
    assert [m.entry.term for m in matches_as_meant("HI unit places")] == ["hearing impairment"]
    # The existing matcher is unchanged.
    assert [m.entry.term for m in default_glossary().matches("how do I add a template")] == ["ADHD"]


def test_every_capitals_only_variant_is_a_variant_of_its_entry():
    import json

    for entry in json.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))["entries"]:
        assert set(entry.get("capitals_only", ())) <= set(entry["variants"]), entry["term"]
