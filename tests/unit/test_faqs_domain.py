"""FAQ rules without any engine: search parameters, the stream change -> FAQ index action, and confidence."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from local_offer.domain.faq_answers import (
    CONFIDENCE_THRESHOLD,
    Candidate,
    candidates,
    confidence,
    content_tokens,
    definition_subject,
    glossary_definition,
)
from local_offer.domain.faqs import FaqSearch, public_faq
from local_offer.models.errors import InvalidRequest
from local_offer.models.faqs import FaqItem, FeedbackRequest
from local_offer.repositories.faqs import current_item, version_item
from local_offer.services.indexing import action_for_change, latest_per_document


def faq_item(**overrides: Any) -> FaqItem:
    data: dict[str, Any] = {
        "id": uuid.uuid4(),
        "question": "What is a One Plan?",
        "answer": "An Education Health Care Plan (EHCP) is the plan which replaced SEN Statements.",
        "topic": "SEND explained",
        "audience": ["parents"],
        "alternate_phrasings": ["what is a My Plan", "EHCP in Durham", "what replaced statements"],
        "contacts": ["sendiass"],
        "updated_at": dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    }
    return FaqItem.model_validate({**data, **overrides})


def test_search_text_is_trimmed_and_topic_and_audience_become_canonical() -> None:
    params = FaqSearch.from_params("  what   is SEND ", "for-providers", "Parents")
    assert params.text == "what is SEND"
    assert params.topic == "For providers"
    assert params.audience == "parents"
    assert FaqSearch.from_params(None, "using the local offer", None).topic == "Using the Local Offer"


@pytest.mark.parametrize(
    ("search", "topic", "audience", "parameter"),
    [
        ("", None, None, "search"),
        (" a ", None, None, "search"),
        ("x" * 201, None, None, "search"),
        ("!!!", None, None, "search"),
        ("send", "Weather", None, "topic"),
        ("send", None, "teachers", "audience"),
    ],
)
def test_bad_search_parameters_name_the_parameter(search, topic, audience, parameter) -> None:
    with pytest.raises(InvalidRequest) as raised:
        FaqSearch.from_params(search, topic, audience)
    assert raised.value.parameter == parameter


def test_glossary_names_become_one_concept_and_stopwords_are_dropped() -> None:
    assert content_tokens("What is an EHCP?") == content_tokens("education health and care plan")
    assert content_tokens("how do I get the parents leaflets") == {"parent", "leaflet"}


def test_a_hit_covering_the_question_is_confident_and_one_covering_nothing_is_not() -> None:
    item = faq_item().to_json_dict()
    other = faq_item(question="How are support groups approved?", alternate_phrasings=["a b c", "d e f", "g h i"])
    covered, unrelated = candidates("is a My Plan the same as an EHCP", [item, other.to_json_dict()], [9.0, 1.0])
    assert confidence(covered) >= CONFIDENCE_THRESHOLD
    assert confidence(unrelated) < CONFIDENCE_THRESHOLD
    lone_fuzzy_match = candidates("noise complaint about neighbours", [item], [3.0])[0]
    assert confidence(lone_fuzzy_match) < CONFIDENCE_THRESHOLD
    word_deep_in_an_answer = candidates("bin collection days", [item | {"answer": "on working days"}], [3.0])[0]
    assert confidence(word_deep_in_an_answer) < CONFIDENCE_THRESHOLD
    assert 0 < confidence(Candidate(1.0, 1.0, 1.0, 1.0)) <= 1


def test_every_name_of_a_concept_is_one_token_and_family_words_are_dropped() -> None:
    assert content_tokens("why is it SEND and not SEN") == {"concept:special educational needs and disabilities"}
    assert content_tokens("my son in County Durham needs a SENCo") == {"concept:senco"}


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("what is the local offer", "local offer"),
        ("What are short breaks?", "short breaks"),
        ("wat is respite", "short breaks"),
        ("whats a senco", "SENCo"),
        ("what does SENDIASS stand for", "SENDIASS"),
        ("what does semh mean", "social emotional and mental health"),
        ("hi can you explain what a senco is", "SENCo"),
        ("preparing for adulthood what does that mean", "preparing for adulthood"),
        ("EHCP meaning", "education health and care plan"),
        ("what is ADD", "ADHD"),
    ],
)
def test_what_is_a_glossary_term_finds_its_entry(question: str, term: str) -> None:
    found = glossary_definition(question)
    assert found is not None
    assert found[0].term == term
    assert found[0].definition


@pytest.mark.parametrize(
    "question",
    [
        "what is the send code of practice",  # more than the term
        "what is being done about the 2 year SCAT wait",
        "what is pip and when does it replace dla",
        "autism support groups",  # not a "what is" question
        "what does the CYPN give families",
        "what is makaton club times",
        "what is a my plan",  # short, but no glossary term
        "what is add",  # in lower case, an everyday word
    ],
)
def test_other_questions_get_no_glossary_definition(question: str) -> None:
    assert glossary_definition(question) is None


def test_short_what_is_questions_have_a_subject_and_long_ones_do_not() -> None:
    assert definition_subject("what's a One Plan") == {"one", "plan"}
    assert definition_subject("what is a designated medical officer") == {"concept:designated clinical officer"}
    assert definition_subject("what is element 2 notional SEN budget") is None
    assert definition_subject("how do I apply for an EHCP") is None


def test_a_what_is_question_is_never_confidently_answered_by_an_item_that_does_not_say_what_it_is() -> None:
    mentions = faq_item(
        question="How does the Local Offer link with the Children and Young People's Network?",
        answer="Families sign up and get access to short breaks.",
        alternate_phrasings=["sign up for short breaks information", "what is the CYPN", "CYPN and the Local Offer"],
    ).to_json_dict()
    defines = faq_item(
        question="What are short breaks?",
        answer="Time away for disabled children.",
        alternate_phrasings=["what is respite", "short breaks explained", "respite care"],
    ).to_json_dict()
    mentioned, defined = candidates("what are short breaks", [mentions, defines], [5.0, 5.0])
    assert mentioned.unmet_definition == 1.0
    assert defined.unmet_definition == 0.0
    (alone,) = candidates("what are short breaks", [mentions], [5.0])
    assert alone.phrase_coverage == 1.0
    assert confidence(alone) < CONFIDENCE_THRESHOLD
    assert confidence(defined) >= CONFIDENCE_THRESHOLD


def test_concept_coverage_counts_the_glossary_concepts_of_the_question_the_item_names() -> None:
    item = faq_item(question="How long is the wait for a social communication assessment?").to_json_dict()
    (hit,) = candidates("speech therapy waiting list for an EHCP", [item], [4.0])
    assert hit.concept_coverage == 0.5  # EHCP is in the answer, speech therapy nowhere
    (no_concepts,) = candidates("waiting list", [item], [4.0])
    assert no_concepts.concept_coverage == 1.0


def test_the_current_version_of_an_faq_becomes_an_action_on_the_faq_index() -> None:
    item = faq_item(version=3)
    action = action_for_change("MODIFY", current_item(item), None)
    assert action is not None
    assert action.index == "faqs"
    assert action.version == 3
    assert action.document is not None
    assert action.document["status"] == "published"
    assert action.document["item"]["question"] == item.question
    removed = action_for_change("REMOVE", None, current_item(item))
    assert removed is not None
    assert (removed.index, removed.document, removed.version) == ("faqs", None, 4)


def test_version_items_and_feedback_counters_are_not_indexed() -> None:
    assert action_for_change("INSERT", version_item(faq_item()), None) is None
    assert action_for_change("MODIFY", {"pk": "FAQ#x", "sk": "FEEDBACK", "helpful": 2}, None) is None


def test_an_invalid_faq_image_fails_validation() -> None:
    image = current_item(faq_item()) | {"body": '{"question": "?"}'}
    with pytest.raises(ValidationError):
        action_for_change("INSERT", image, None)


def test_the_same_id_in_two_indexes_is_two_documents() -> None:
    from local_offer.models.indexing import IndexAction

    kept = latest_per_document([IndexAction("a", 1, {}, "faqs"), IndexAction("a", 2, {}), IndexAction("a", 3, {})])
    assert sorted((action.index or "", action.version) for action in kept) == [("", 3), ("faqs", 1)]


def test_public_form_spells_out_contacts_and_hides_officer_fields() -> None:
    public = public_faq(faq_item(updated_by="officer-sub"))
    assert public["contacts"][0]["key"] == "sendiass"
    assert "updated_by" not in public
    assert "status" not in public


def test_feedback_needs_a_real_boolean_and_a_short_comment() -> None:
    assert FeedbackRequest.model_validate({"helpful": False}).helpful is False
    for body in ({"helpful": "true"}, {"helpful": 1}, {"helpful": True, "comment": "x" * 501}, {}):
        with pytest.raises(ValidationError):
            FeedbackRequest.model_validate(body)
