"""Which hit answers a FAQ question: "what is X" questions, and the calibrated confidence that a hit answers.

A "what is X" question is answered only by an item that says what X is; when none does and X is a glossary
term, the search gives the glossary's definition instead (`glossary_definition`). Every other candidate is
scored by how much of the question it covers (`confidence`), which is what the API reports and what decides
whether we are sure enough to answer. `local_offer.domain.faqs` re-exports all of it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from local_offer.domain.glossary import (
    Glossary,
    GlossaryEntry,
    default_glossary,
    matches_as_meant,
    normalise,
    words_outside_concepts,
)

# ---- "what is X" questions ----------------------------------------------------------------------------

# The ways people ask what something is (normalised text: lower case, "what's" is "whats"). The subject is the
# words between the question words and an optional tail.
_ARTICLE = r"(?:(?:a|an|the) )?"
DEFINITION_PATTERNS = tuple(
    re.compile(pattern)
    for pattern in (
        r"^(?:what|whats|wat|wats|wot)(?: (?:is|are|r|s))? (?!(?:does|do|did) )"
        + _ARTICLE
        + r"(?:(?:meant by|the meaning of|the definition of) )?"
        + _ARTICLE
        + r"(?P<subject>.+?)(?: (?:mean|means|meaning|stand for|stands for|short for|exactly|is|are))?$",
        r"^(?:what|wat|wot) (?:does|do) " + _ARTICLE + r"(?P<subject>.+?) (?:mean|stand for|do)$",
        r"^(?:meaning of|define|definition of|explain|explanation of) " + _ARTICLE + r"(?P<subject>.+)$",
        r"^" + _ARTICLE + r"(?P<subject>.+?) (?:meaning|definition|explained|stands for|stand for)$",
        r"^" + _ARTICLE + r"(?P<subject>.+?) what (?:does|do|is) (?:that|this|it|they) (?:mean|stand for)$",
    )
)
# Leading words that do not change what is asked ("hi, whats a SENCo", "can you explain ...").
_LEADING_FILLER = re.compile(
    r"^(?:(?:hi|hello|hiya|please|pls|plz|sorry|quick question|can|could|you|someone|anyone|tell|me|just|so|ok|um)"
    r" )+"
)
# First words of a subject that show the question is not about what something is ("what is being done").
NOT_A_SUBJECT = frozenset(
    "being going happening done available there it this that happens happen wrong best out difference".split()  # noqa: SIM905
)
# A longer subject asks more than what one thing is ("what is element 2 notional SEN budget").
MAX_DEFINITION_SUBJECT_WORDS = 3


@lru_cache(maxsize=4096)
def _subject(text: str) -> str | None:
    """The subject of a "what is X" question (normalised, any length); None when the text is not one."""
    asked = _LEADING_FILLER.sub("", normalise(text))
    for pattern in DEFINITION_PATTERNS:
        found = pattern.match(asked)
        if found and found.group("subject").split()[0] not in NOT_A_SUBJECT:
            return found.group("subject")
    return None


def definition_subject(text: str, glossary: Glossary | None = None) -> set[str] | None:
    """The content tokens of what a short "what is X" question asks about (X one glossary concept, or at most
    three words); None when the text is not such a question."""
    subject = _subject(text)
    if subject is None:
        return None
    matches = matches_as_meant(subject, glossary)
    only_a_concept = len(matches) == 1 and not content_tokens(words_outside_concepts(subject, matches), glossary)
    if len(subject.split()) > MAX_DEFINITION_SUBJECT_WORDS and not only_a_concept:
        return None
    return content_tokens(subject, glossary) or None


def defines(phrasings: list[str], asked: set[str]) -> bool:
    """Whether one of an item's question and phrasings asks what something is, about at least half of what
    `asked` (a definition subject) names: only such an item answers a "what is X" question."""
    for phrasing in phrasings:
        subject = _subject(phrasing)
        if subject and len(asked & item_tokens(subject)) * 2 >= len(asked):
            return True
    return False


def glossary_definition(text: str, glossary: Glossary | None = None) -> tuple[GlossaryEntry, str] | None:
    """The glossary entry a "what is X" question asks about, with the words that named it, when X is one
    glossary concept and nothing else ("whats a senco", "what does SEMH mean"); otherwise None."""
    subject = _subject(text)
    if subject is None:
        return None
    # Matched in the text as written, so a capitals-only variant keeps its capitals ("what is ADD"); the
    # question words around the subject name no concept.
    matches = matches_as_meant(text, glossary)
    if len(matches) != 1 or content_tokens(words_outside_concepts(subject, matches), glossary):
        return None
    return matches[0].entry, matches[0].matched


# ---- confidence -----------------------------------------------------------------------------------------

# Words that say nothing about what is asked. Family words and the county's name are among them: they are in
# nearly every question parents type and say nothing about which answer fits (every item is about Durham).
STOPWORDS = frozenset(
    """a about above after again all am an and any are as at be been being both but by can could did do does doing
    done for from get got had has have having he her here him his how i if in into is it its me more most my no
    nor not of off on once only or other our out over own please same she should so some such than that the their
    them then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours going want wants need needs know tell give find there's
    im ive whats hows whos dont doesnt cant isnt arent also just really much many hes shes theyre thats wont
    son sons daughter daughters kid kids boy girl hi hello thanks thank pls plz ok durham county""".split()  # noqa: SIM905
)


def _stem(word: str) -> str:
    for suffix in ("ing", "ies", "es", "ed", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_tokens(text: str, glossary: Glossary | None = None) -> set[str]:
    """The words that carry meaning: glossary concepts as one token each, the rest stemmed, stopwords dropped."""
    remaining = normalise(text)
    tokens: set[str] = set()
    for match in matches_as_meant(text, glossary):
        tokens.add("concept:" + normalise(match.entry.term))
        # Every name of the concept, not only the first one found: "SEND and not SEN" names one concept.
        for variant in sorted({normalise(variant) for variant in match.entry.variants}, key=len, reverse=True):
            remaining = re.sub(rf"\b{re.escape(variant)}\b", " ", remaining)
    tokens.update(_stem(word) for word in remaining.split() if word not in STOPWORDS and len(word) > 1)
    return tokens


@lru_cache(maxsize=4096)
def item_tokens(text: str) -> frozenset[str]:
    """`content_tokens` with the packaged glossary, remembered: items' questions, phrasings and answers come
    back on every search, and tokenising them is most of the cost of scoring a page."""
    return frozenset(content_tokens(text))


@dataclass(frozen=True)
class Candidate:
    """What confidence is computed from, for one hit."""

    phrase_coverage: float  # share of the question's words found in the item's question or best phrasing
    text_coverage: float  # share found anywhere in the item (question, phrasings, answer)
    # How far this hit stands out from the runners-up (its engine score over the sum of the first two),
    # counted only as far as its question or a phrasing covers the question: a lone match on a word deep in
    # some answer ("days" for "bin collection days") stands out too, but says little.
    standout: float
    # `standout` times the share of the question's words found in any matching item (the query matches every
    # item holding any of its words, so that is how much of the question the whole FAQ knows): "home insurance
    # quotes" stands out on "home", but nothing in the FAQ knows "insurance" or "quotes".
    grounded: float
    # Share of the glossary concepts the question names that the item names anywhere (1 when it names none):
    # "speech therapy waiting list" is not answered by an item about the wait for a social communication
    # assessment, however well it matches "waiting list".
    concept_coverage: float = 1.0
    # 1 when the question asks what something is and none of the item's question and phrasings asks that
    # ("what are short breaks" is not answered by an item that only mentions short breaks).
    unmet_definition: float = 0.0


# Logistic calibration by `python -m tests.relevance.calibrate_faqs`, fitted on one half of the evaluation set
# (tests/relevance/faq_evaluation.json: paraphrased questions with the item that answers them, off-topic
# questions, and parents' questions that no item answers; the halves are dealt from a shuffle with a fixed
# seed, see tests/relevance/faq_harness.py). Every (question, hit among the first five) pair that the "what is
# X" rule leaves to the model is a sample labelled 1 when the hit is the expected item; Newton steps maximise
# the (lightly L2-penalised) likelihood with every weight at least zero (more fit must never lower the
# confidence: phrase coverage came out negative, so it was dropped and the rest refitted). The result
# estimates the probability that a hit answers the question. Fitted 2026-12-05 on 332 samples (32 positive)
# against osmem-server; re-run the script after changing the query, the features, the evaluation set or the
# seed, and paste its constants here.
CALIBRATION = {
    "bias": -10.354,
    "phrase_coverage": 0.000,
    "text_coverage": 7.728,
    "standout": 9.210,
    "grounded": 1.883,
    "concept_coverage": 1.587,
}
# Under this confidence the best hit is not offered as the answer (suggestions and contacts instead). Chosen by
# the same script on the fit half only: the lowest threshold at which at least 98% of its confident answers are
# right (the target is 95%; the margin is for questions nobody has written yet). On the held-out half, 26 of 26
# confident answers were right, and 26 of its 33 answerable questions were answered (docs/api.md, "Accuracy").
CONFIDENCE_THRESHOLD = 0.55


# A rule, not fitted: an item that does not say what a "what is X" question asks about keeps a tenth of its
# probability, so it still ranks among the suggestions but is never confident (the glossary's definition of X,
# when it has one, is given instead).
UNMET_DEFINITION_FACTOR = 0.1


def confidence(candidate: Candidate, weights: dict[str, float] | None = None) -> float:
    """The calibrated probability that the hit answers the question."""
    weights = weights or CALIBRATION
    z = (
        weights["bias"]
        + weights["phrase_coverage"] * candidate.phrase_coverage
        + weights["text_coverage"] * candidate.text_coverage
        + weights["standout"] * candidate.standout
        + weights["grounded"] * candidate.grounded
        + weights["concept_coverage"] * candidate.concept_coverage
    )
    probability = 1.0 / (1.0 + math.exp(-max(min(z, 500.0), -500.0)))
    return probability * UNMET_DEFINITION_FACTOR if candidate.unmet_definition else probability


def candidates(text: str, items: list[dict[str, Any]], scores: list[float]) -> list[Candidate]:
    """The confidence features of each hit (items as stored JSON, in the engine's order, with its scores)."""
    glossary = default_glossary()
    asked = content_tokens(text, glossary)
    if not asked:
        return [Candidate(0.0, 0.0, 0.0, 0.0) for _ in items]
    definition = definition_subject(text, glossary)
    top_two = sum(scores[:2]) or 1.0
    tokenised = []
    for item in items:
        phrasings = [item["question"], *item["alternate_phrasings"]]
        phrase_tokens = [item_tokens(phrasing) for phrasing in phrasings]
        tokenised.append((phrase_tokens, frozenset().union(*phrase_tokens, item_tokens(item["answer"]))))
    known = len(asked & set().union(*(everything for _, everything in tokenised))) / len(asked)
    concepts = {token for token in asked if token.startswith("concept:")}
    found = []
    for item, (phrase_tokens, everything), score in zip(items, tokenised, scores, strict=True):
        phrasings = [item["question"], *item["alternate_phrasings"]]
        phrase_coverage = max(len(asked & tokens) for tokens in phrase_tokens) / len(asked)
        found.append(
            Candidate(
                phrase_coverage=phrase_coverage,
                text_coverage=len(asked & everything) / len(asked),
                standout=phrase_coverage * score / top_two,
                grounded=phrase_coverage * score / top_two * known,
                concept_coverage=len(concepts & everything) / len(concepts) if concepts else 1.0,
                unmet_definition=float(definition is not None and not defines(phrasings, definition)),
            )
        )
    return found
