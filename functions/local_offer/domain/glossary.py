"""The SEND glossary: acronyms and synonyms families and practitioners use, applied to search text.

The data is `seed/glossary.json` (packaged as `local_offer/data/glossary.json`). Expansion happens at query
time, in our code, so it behaves the same on any engine and a glossary change needs no reindex.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

GLOSSARY_FILE = Path(__file__).resolve().parent.parent / "data" / "glossary.json"
_NON_WORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Lower case, apostrophes dropped, everything else that is not a letter or digit made a single space."""
    text = text.lower().replace("'", "").replace("\u2019", "")
    return _NON_WORD.sub(" ", text).strip()


@dataclass(frozen=True)
class GlossaryEntry:
    """One concept: its preferred term, every way of saying it, and a plain-English definition."""

    term: str
    variants: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class GlossaryMatch:
    """A glossary entry found in a text, and the words of the text that named it."""

    entry: GlossaryEntry
    matched: str

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Every other way of saying what the text said."""
        matched = normalise(self.matched)
        return tuple(variant for variant in self.entry.variants if normalise(variant) != matched)


class Glossary:
    """Finds glossary variants in text, longest first and without overlaps."""

    def __init__(self, entries: list[GlossaryEntry]) -> None:
        self.entries = entries
        by_variant: dict[str, GlossaryEntry] = {}
        for entry in entries:
            for variant in entry.variants:
                by_variant.setdefault(normalise(variant), entry)
        self._by_variant = by_variant
        # Longest variants first, so "speech and language therapy" wins over "speech and language".
        ordered = sorted(by_variant, key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(re.escape(variant) for variant in ordered) + r")\b")

    def matches(self, text: str) -> list[GlossaryMatch]:
        """The entries named in `text`, in order of appearance, each at most once."""
        found: list[GlossaryMatch] = []
        seen: set[str] = set()
        for hit in self._pattern.finditer(normalise(text)):
            entry = self._by_variant[hit.group(1)]
            if entry.term not in seen:
                seen.add(entry.term)
                found.append(GlossaryMatch(entry, hit.group(1)))
        return found

    def terms(self) -> list[str]:
        """Every variant, as written in the glossary (for type-ahead)."""
        return [variant for entry in self.entries for variant in entry.variants]


@cache
def default_glossary() -> Glossary:
    """The packaged glossary, read once per process on first use."""
    raw = json.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return Glossary(
        [GlossaryEntry(item["term"], tuple(item["variants"]), item.get("definition", "")) for item in raw["entries"]]
    )


@cache
def capitals_only_variants() -> frozenset[str]:
    """The packaged glossary's variants that name their concept only when written in capitals: in lower case
    they are everyday words ("add", "hi")."""
    raw = json.loads(GLOSSARY_FILE.read_text(encoding="utf-8"))
    return frozenset(variant for item in raw["entries"] for variant in item.get("capitals_only", ()))


def matches_as_meant(text: str, glossary: Glossary | None = None) -> list[GlossaryMatch]:
    """`glossary.matches(text)`, except that a capitals-only variant written in lower case names nothing ("how
    do I add a template" names no ADHD; "ADD" does)."""
    glossary = glossary or default_glossary()
    for variant in capitals_only_variants():
        text = re.sub(
            rf"\b{re.escape(variant)}\b", lambda word: word.group() if word.group().isupper() else " ", text, flags=re.I
        )
    return glossary.matches(text)


# How much a glossary concept named in the search text weighs against the words themselves.
GLOSSARY_BOOST = 1.5


def words_outside_concepts(text: str, matches: Sequence[GlossaryMatch]) -> str:
    """The normalised text without the words that name a glossary concept (those must not match fuzzily:
    "plan" in "EHC plan" must not find "plain")."""
    unmatched = normalise(text)
    for match in matches:
        unmatched = re.sub(rf"\b{re.escape(match.matched)}\b", " ", unmatched)
    return " ".join(unmatched.split())


def synonym_clauses(matches: Sequence[GlossaryMatch], fields: list[str]) -> list[dict[str, Any]]:
    """One clause per concept named: each of its names as a phrase, under dis_max so a concept counts once
    however many of its names a document uses."""
    return [
        {
            "dis_max": {
                "queries": [
                    {"multi_match": {"query": alternative, "fields": fields, "type": "phrase"}}
                    for alternative in match.alternatives
                ],
                "boost": GLOSSARY_BOOST,
            }
        }
        for match in matches
    ]
