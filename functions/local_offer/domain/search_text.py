"""How the user's words become match clauses: content words, domain stop words, glossary concepts, typos.

A search is split into *units*: each glossary concept it names ("speech therapy", "ASD") and each remaining
content word. Words every service in a SEND directory could claim ("support", "help", "services", "near",
"my child", "disabled"...) are stop words: they still score, but do not decide what matches. A service matches
when it has every unit (one may be missing from four units on: `minimum_should_match`) in the fields that say
what it is; or has every unit somewhere with one fewer in those fields; or has the typed words close together
in its description. A concept is matched by any of its names, so "ASD" finds "autism". A content word is
matched exactly or, when long enough to be mistyped, within a small edit distance at a fifth of the weight.

`strong_query` is the strong tier: every unit matched exactly in what the service is (names, DfE categories,
places, times). `domain.search.build_query` keeps strong matches ahead of weak ones under `sort=distance`.
Everything here is plain multi_match/match_phrase/bool/dis_max/constant_score, so osmem-server and Amazon
OpenSearch Service answer the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from local_offer.domain.glossary import (
    GLOSSARY_BOOST,
    Glossary,
    GlossaryMatch,
    default_glossary,
    normalise,
    words_outside_concepts,
)

# Where units match, and how much each field counts: a word in a service's name matters most, then its
# organisation, its categories; then where and when it runs. A service matches on these fields, or on its
# description alone (see `units_query`).
TITLE_FIELDS = [
    "name^5",
    "alternate_name^4",
    "organization_name^3",
    "taxonomy_terms^2",
    "schedule_text",
    "place_names",
]
TEXT_FIELDS = ["description"]
# A strong match has every unit in what the service is: its names, its DfE categories, where and when it runs
# (not the needs it caters for, nor its description).
STRONG_FIELDS = [
    "name^5",
    "alternate_name^4",
    "organization_name^3",
    "category_names^2",
    "schedule_text",
    "place_names",
]
MATCH_FIELDS = [*TITLE_FIELDS, *TEXT_FIELDS]
PHRASE_FIELDS = ["name^5", "alternate_name^4", "organization_name^3", "taxonomy_terms^2", "description"]

# Words that say nothing about which service is wanted in a SEND Local Offer directory: English function words,
# and what every service here offers or is for (support, help, services; children; SEND, disabled).
STOP_WORDS = frozenset(
    """
    a an and are any as at be by can do does for from get got has have how i im in is it its me my near nearby
    need of on or our please some that the their them there to what where which who with would you your around
    close local area county durham uk
    support supports supporting help helps helping service services provision provider providers offer offers
    child childs children childrens kid kids son sons daughter daughters baby babies toddler toddlers boy boys
    girl girls young people person family families parent parents carer carers teen teens teenager teenagers
    disabled disability disabilities send sen special additional needs session sessions lesson lessons activity
    activities
    """.split()  # noqa: SIM905 (a word list reads best as words)
)
# Glossary concepts that every service in the directory is about: named, they score but are not required.
IMPLIED_CONCEPTS = frozenset({"special educational needs and disabilities"})
# Fuzzy matching only for words long enough to carry a typo, never changing their first two letters ("autism"
# must not become "artist"), and at a fraction of an exact match's weight.
FUZZY_MIN_LENGTH = 5
FUZZY_PREFIX_LENGTH = 2
FUZZY_BOOST = 0.2
# One edit from five letters, two from eight ("counsel" must not become "council").
FUZZINESS = "AUTO:5,8"
# From this many units on, a service may miss one of them.
UNITS_ALL_REQUIRED_UP_TO = 3
# A time typed in two words ("10 am"); schedules are indexed with "10am" (`domain.indexing.schedule_text`).
SPLIT_TIME = re.compile(r"\b(\d{1,2})\s+([ap]m)\b", re.IGNORECASE)
# How far apart the typed words may be in a description that matches on its own.
DESCRIPTION_SLOP = 3


@dataclass(frozen=True)
class SearchTerms:
    """The parts of a search text that decide what matches."""

    text: str
    concepts: tuple[GlossaryMatch, ...]
    content_words: tuple[str, ...]

    @property
    def unit_count(self) -> int:
        return len(self.concepts) + len(self.content_words)


def search_terms(text: str, glossary: Glossary | None = None) -> SearchTerms:
    """The glossary concepts named in `text` and its content words (stop words dropped, unless nothing else is
    left: "help" alone still searches for help)."""
    glossary = glossary or default_glossary()
    text = SPLIT_TIME.sub(r"\1\2", text)  # "10 am" as indexed: "10am"
    matches = glossary.matches(text)
    concepts = tuple(match for match in matches if match.entry.term not in IMPLIED_CONCEPTS)
    words = list(dict.fromkeys(words_outside_concepts(text, matches).split()))
    content = [word for word in words if word not in STOP_WORDS]
    if not content and not concepts:
        content = words or [normalise(match.matched) for match in matches]
    return SearchTerms(text=text, concepts=concepts, content_words=tuple(content))


def phrase_words(terms: SearchTerms) -> list[str]:
    """The typed words in order, without the stop words outside glossary concepts ("support group" keeps
    "support"; "help with DLA forms" becomes "dla forms")."""
    concept_words = {word for match in terms.concepts for word in match.matched.split()}
    return [word for word in normalise(terms.text).split() if word not in STOP_WORDS or word in concept_words]


def _specific(name: str, match: GlossaryMatch) -> bool:
    """The name typed, or another name of several words (or an acronym): specific enough to count anywhere."""
    return name == match.matched or " " in name.strip() or name.isupper()


def _concept_clause(match: GlossaryMatch, fields: list[str]) -> dict[str, Any]:
    """A concept named by any of its names (the one typed included), counted once. A name typed in several
    words also counts by its content words in the fields that say what a service is ("support group": "group"
    in its name), so "autism support group" finds a group about autism that never says "support group"."""
    names = dict.fromkeys([match.matched, *match.entry.variants])
    title_fields = [field for field in fields if field not in TEXT_FIELDS]
    queries: list[dict[str, Any]] = [
        # Another name of one word ("sleep" for "sleep clinic") is everyday English in a description: it counts
        # only where it says what a service is.
        {"multi_match": {"query": name, "fields": fields if _specific(name, match) else title_fields, "type": "phrase"}}
        for name in names
        if _specific(name, match) or title_fields
    ]
    typed = [word for word in match.matched.split() if word not in STOP_WORDS]
    if 0 < len(typed) < len(match.matched.split()) and title_fields:
        # The looser form only where it says what the service is: "group" in a name, not "small groups".
        queries.append(
            {
                "multi_match": {
                    "query": " ".join(typed),
                    "fields": title_fields,
                    "type": "cross_fields",
                    "operator": "and",
                }
            }
        )
    return {"dis_max": {"queries": queries, "boost": GLOSSARY_BOOST}}


def _word_clause(word: str, fields: list[str], fuzzy: bool) -> dict[str, Any]:
    exact = {"multi_match": {"query": word, "fields": fields, "type": "best_fields"}}
    if not fuzzy or len(word) < FUZZY_MIN_LENGTH or word.isdigit():
        return exact
    typo = {
        "multi_match": {
            "query": word,
            "fields": fields,
            "type": "best_fields",
            "fuzziness": FUZZINESS,
            "prefix_length": FUZZY_PREFIX_LENGTH,
            "boost": FUZZY_BOOST,
        }
    }
    return {"dis_max": {"queries": [exact, typo]}}


def _all_units(terms: SearchTerms, fields: list[str], fuzzy: bool) -> dict[str, Any]:
    units = [_concept_clause(match, fields) for match in terms.concepts]
    units += [_word_clause(word, fields, fuzzy) for word in terms.content_words]
    required = len(units) if len(units) <= UNITS_ALL_REQUIRED_UP_TO else len(units) - 1
    return {"bool": {"should": units, "minimum_should_match": required}}


def units_query(terms: SearchTerms, fuzzy: bool = True) -> dict[str, Any]:
    """What a service must match: every unit (all but one from four units on) in the fields that say what it
    is (name, organisation, categories, places, when it runs); or every unit somewhere, all but one of them in
    those fields; or the typed words close together in its description. A single unit may match anywhere."""
    if not terms.unit_count:
        return {"match_all": {}}
    anywhere = _all_units(terms, MATCH_FIELDS, fuzzy)
    if terms.unit_count == 1:
        return anywhere
    title_some = _all_units(terms, TITLE_FIELDS, fuzzy=False)  # typos count in the description, not here
    title_some["bool"]["minimum_should_match"] -= 1
    paths: list[dict[str, Any]] = [
        _all_units(terms, TITLE_FIELDS, fuzzy),
        {"bool": {"must": [anywhere, title_some]}},
        {"match_phrase": {"description": {"query": " ".join(phrase_words(terms)), "slop": DESCRIPTION_SLOP}}},
    ]
    return {"bool": {"should": paths, "minimum_should_match": 1}}


def text_query(text: str, glossary: Glossary | None = None) -> dict[str, Any]:
    """What the user's words match (`must`) and what ranks the matches (`should`): the whole text in any field,
    all its words in one field, and the exact phrase, so a name that says it all comes first."""
    terms = search_terms(text, glossary)
    ranking: list[dict[str, Any]] = [
        {"multi_match": {"query": text, "fields": PHRASE_FIELDS, "type": "best_fields"}},
        {"multi_match": {"query": text, "fields": PHRASE_FIELDS, "type": "best_fields", "operator": "and", "boost": 2}},
        {"multi_match": {"query": text, "fields": PHRASE_FIELDS, "type": "phrase", "boost": 2}},
    ]
    words = " ".join(phrase_words(terms))
    if words:
        # The typed words close together in a description count too ("riding ... for disabled children").
        ranking.append({"match_phrase": {"description": {"query": words, "slop": DESCRIPTION_SLOP, "boost": 2}}})
    return {"bool": {"must": [units_query(terms)], "should": ranking}}


def strong_query(text: str, glossary: Glossary | None = None) -> dict[str, Any]:
    """Strong matches: every unit matched exactly (no typo tolerance) in what the service is (`STRONG_FIELDS`):
    for "autism support", an autism group, not a nursery whose description mentions autism."""
    terms = search_terms(text, glossary)
    if not terms.unit_count:
        return {"match_all": {}}
    return _all_units(terms, STRONG_FIELDS, fuzzy=False)
