"""FAQ rules without any engine: search parameters, the stream change -> FAQ index action, and confidence."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from local_offer.domain.faqs import (
    CONFIDENCE_THRESHOLD,
    Candidate,
    FaqSearch,
    candidates,
    confidence,
    content_tokens,
    public_faq,
)
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
    from local_offer.repositories.search_index import IndexAction

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
