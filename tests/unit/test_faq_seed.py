"""The seeded FAQ holds every question and answer of the council's training Q&A, answers verbatim, with the
curation search needs (topic, audience, phrasings, links, contacts) and stable ids."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest

from local_offer.domain.faqs import CONTACT_POINTS
from local_offer.models.faqs import AUDIENCES, TOPICS

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "seed" / "faqs" / "source" / "local-offer-training-qa.txt"
SEED = ROOT / "seed" / "faqs" / "faqs.json"
LINK_LINE = re.compile(r"\s*(https?://|mailto:)\S+\s*")


def words(text: str) -> str:
    """Text with every run of white space made one space: the document's line wrapping is not its wording."""
    return " ".join(text.split())


def source_links() -> list[str]:
    return [line.strip() for line in SOURCE.read_text(encoding="utf-8").splitlines() if LINK_LINE.fullmatch(line)]


def source_questions_and_answers() -> list[tuple[str, str]]:
    """The Q&A document as (question, answer) pairs. The file is a PDF's text: lines wrapped, pages padded
    with blank lines, and each page's link targets on lines of their own (dropped here)."""
    lines = [line for line in SOURCE.read_text(encoding="utf-8").splitlines() if not LINK_LINE.fullmatch(line)]
    flat = words(" ".join(lines))
    pairs = []
    for block in re.split(r"(?:^|\s)Q:\s*", flat)[1:]:
        question, answer = re.split(r"\s(?:A|Answer):\s*", block, maxsplit=1)
        pairs.append((question.strip(), answer.strip()))
    return pairs


@pytest.fixture(scope="module")
def seed() -> dict[str, Any]:
    return json.loads(SEED.read_text(encoding="utf-8"))


def test_the_source_has_the_22_questions_of_the_training_qa() -> None:
    pairs = source_questions_and_answers()
    assert len(pairs) == 22
    assert pairs[0][0].startswith("Can you share the census information")
    assert pairs[-1][1].startswith("The D stands for disablilties.")


def test_every_question_is_an_item_with_its_answer_verbatim(seed: dict[str, Any]) -> None:
    items = {words(item["question"]): words(item["answer"]) for item in seed["items"]}
    for question, answer in source_questions_and_answers():
        assert question in items, f"missing question: {question}"
        assert items[question] == answer, f"answer differs from the source for: {question}"
    assert len(seed["items"]) == len(source_questions_and_answers())


def test_ids_are_uuid5_of_the_namespace_and_key(seed: dict[str, Any]) -> None:
    namespace = uuid.UUID(seed["namespace"])
    keys = [item["key"] for item in seed["items"]]
    assert len(keys) == len(set(keys))
    for item in seed["items"]:
        assert item["id"] == str(uuid.uuid5(namespace, "faq:" + item["key"]))


def test_each_item_has_a_topic_audience_and_at_least_three_distinct_phrasings(seed: dict[str, Any]) -> None:
    for item in seed["items"]:
        assert item["topic"] in TOPICS, item["key"]
        assert item["audience"], item["key"]
        assert set(item["audience"]) <= set(AUDIENCES), item["key"]
        phrasings = [words(p).casefold() for p in item["alternate_phrasings"]]
        assert len(phrasings) >= 3, item["key"]
        assert len(set(phrasings)) == len(phrasings), item["key"]
        assert words(item["question"]).casefold() not in phrasings, item["key"]
    assert {item["topic"] for item in seed["items"]} == set(TOPICS)


def test_every_link_of_the_source_is_a_structured_link_of_the_answer_that_names_it(seed: dict[str, Any]) -> None:
    linked = {link["url"] for item in seed["items"] for link in item["links"]}
    assert set(source_links()) <= linked
    for item in seed["items"]:
        for link in item["links"]:
            assert link["url"].startswith(("http://", "https://", "mailto:")), item["key"]
        if "fis@durham.gov.uk" in item["answer"]:
            assert "mailto:fis@durham.gov.uk" in {link["url"] for link in item["links"]}, item["key"]
        if "For Providers" in item["answer"]:
            assert any(link["url"].endswith("for_providers.page") for link in item["links"]), item["key"]


def test_named_contact_points_are_known_and_the_ones_the_answers_name_are_attached(seed: dict[str, Any]) -> None:
    by_key = {item["key"]: item for item in seed["items"]}
    for item in seed["items"]:
        assert set(item["contacts"]) <= set(CONTACT_POINTS), item["key"]
        answer = item["answer"]
        if "SENDIAS" in answer:
            assert "sendiass" in item["contacts"], item["key"]
        if "(DCO)" in answer:
            assert "dco" in item["contacts"], item["key"]
        if "(DMO)" in answer:
            assert "dmo" in item["contacts"], item["key"]
        if "fis@durham.gov.uk" in answer:
            assert "fis" in item["contacts"], item["key"]
    assert CONTACT_POINTS["fis"].email == "fis@durham.gov.uk"
    assert by_key["pre-school-funded-places"]["related"] == [by_key["pre-school-funding"]["id"]]


def test_the_loader_reads_every_item_as_a_valid_faq_item() -> None:
    from devstack.loader import read_faqs

    items = read_faqs(SEED)
    assert len(items) == 22
    assert all(item.version == 1 and item.status == "published" for item in items)
