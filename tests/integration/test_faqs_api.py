"""The FAQ API through FaqFunction, with the table from the template (moto), the stream into the indexer and
the FAQ index in osmem-server: reads, topics, feedback, officers' changes with versions, and bad input."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.relevance.faq_harness import ask, call, load_seed, seed_items

OFFICER = {"sub": "officer-1", "email": "officer@example.org", "cognito:groups": "officers"}
PROVIDER = {"sub": "provider-1", "email": "provider@example.org", "cognito:groups": "providers"}
MISSING = "00000000-0000-4000-8000-000000000000"


@pytest.fixture
def faq_ids(aws: Any, opensearch: str, stream: Any) -> dict[str, str]:
    load_seed(stream)
    return {item["key"]: item["id"] for item in seed_items()}


def table_items(aws: Any) -> list[dict[str, Any]]:
    table = aws.session.resource("dynamodb").Table(aws.name("RecordsTable"))
    return table.scan()["Items"]


def new_content(**overrides: Any) -> dict[str, Any]:
    content = {
        "question": "Where can I find holiday activities for disabled children?",
        "answer": "Search the Local Offer for short breaks and holiday activities near you.",
        "topic": "Using the Local Offer",
        "audience": ["parents"],
        "alternate_phrasings": [
            "summer holiday clubs for SEND",
            "holiday play schemes",
            "things to do in the holidays",
        ],
        "links": [{"label": "the Local Offer", "url": "https://www.example.org/local-offer"}],
        "contacts": ["fis"],
    }
    return {**content, **overrides}


# ---- public reads ---------------------------------------------------------------------------------------


def test_a_question_finds_its_answer_with_confidence_links_and_contacts(faq_ids, template):
    page = ask(template, "how do I get our OT report template onto the local offer")
    assert page["confident"] is True
    best = page["contents"][0]
    assert best["id"] == faq_ids["ot-report-template"]
    assert 0 <= best["confidence"] <= 1
    assert best["confidence"] >= page["threshold"]
    assert {"label": "fis@durham.gov.uk", "url": "mailto:fis@durham.gov.uk"} in best["links"]
    assert best["contacts"][0]["email"] == "fis@durham.gov.uk"
    assert "did_you_mean" not in page


def test_the_glossary_applies_an_acronym_finds_the_item_that_spells_it_out(faq_ids, template):
    page = ask(template, "is an EHCP the same as a one plan")
    assert page["contents"][0]["id"] == faq_ids["one-plan"]


def test_an_off_topic_question_says_so_offers_alternatives_and_who_to_contact(faq_ids, template):
    page = ask(template, "when is my bin collected")
    assert page["confident"] is False
    assert page["message"]
    assert len(page["did_you_mean"]) <= 3
    assert {contact["key"] for contact in page["contacts"]} == {"fis", "sendiass"}


def test_topic_and_audience_filter_and_browse_without_search(faq_ids, template):
    page = call(template, "GET", "/faqs?topic=health&per_page=50")["body"]
    assert page["total_items"] == sum(item["topic"] == "Health" for item in seed_items())
    assert {hit["topic"] for hit in page["contents"]} == {"Health"}
    providers = call(template, "GET", "/faqs?audience=providers&per_page=50")["body"]
    assert all("providers" in hit["audience"] for hit in providers["contents"])
    searched = ask(template, "funding", topic="Funding")
    assert searched["contents"]
    assert {hit["topic"] for hit in searched["contents"]} == {"Funding"}


def test_pages_of_a_search_follow_on_from_each_other(faq_ids, template):
    everything = ask(template, "school SEND funding", per_page=50)
    assert everything["total_items"] > 6
    paged = []
    for page_number in (1, 2, 3):
        page = ask(template, "school SEND funding", per_page=3, page=page_number)
        assert page["page_number"] == page_number
        assert page["total_items"] == everything["total_items"]
        paged += [(hit["id"], hit["confidence"]) for hit in page["contents"]]
    assert paged == [(hit["id"], hit["confidence"]) for hit in everything["contents"][:9]]
    confidences = [confidence for _, confidence in paged]
    assert confidences == sorted(confidences, reverse=True)


def test_one_item_and_the_topics(faq_ids, template):
    one = call(template, "GET", f"/faqs/{faq_ids['sen-or-send']}")
    assert one["status"] == 200
    assert one["body"]["answer"].startswith("The D stands for disablilties.")
    topics = call(template, "GET", "/faqs/topics")["body"]["topics"]
    assert sum(topic["count"] for topic in topics) == len(seed_items())
    assert {"name": "For providers", "slug": "for-providers", "count": 2} in topics


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("search=", "search"),
        ("search=%20%20%20", "search"),
        ("search=" + "a" * 201, "search"),
        ("search=%3F%3F", "search"),
        ("topic=weather", "topic"),
        ("audience=teachers", "audience"),
        ("per_page=0", "per_page"),
    ],
)
def test_bad_search_parameters_are_400_naming_the_parameter(faq_ids, template, query, parameter):
    answer = call(template, "GET", f"/faqs?{query}")
    assert answer["status"] == 400
    assert parameter in answer["body"]["detail"]
    assert answer["body"]["error"] == "invalid_request"


def test_unknown_or_malformed_ids_are_404_and_400(faq_ids, template):
    assert call(template, "GET", f"/faqs/{MISSING}")["status"] == 404
    assert call(template, "GET", "/faqs/not-a-uuid")["status"] == 400


# ---- feedback -------------------------------------------------------------------------------------------


def test_feedback_counts_votes_and_keeps_no_comment_or_address(aws, faq_ids, template):
    faq = faq_ids["pupil-premium"]
    first = call(template, "POST", f"/faqs/{faq}/feedback", {"helpful": True, "comment": "Ring me on 07700 900123"})
    second = call(template, "POST", f"/faqs/{faq}/feedback", {"helpful": False})
    assert first["status"] == 200
    assert first["body"] == {"id": faq, "helpful": 1, "not_helpful": 0}
    assert second["body"] == {"id": faq, "helpful": 1, "not_helpful": 1}
    stored = repr(table_items(aws)) + repr(
        aws.session.resource("dynamodb").Table(aws.name("RateLimitTable")).scan()["Items"]
    )
    assert "07700" not in stored
    assert "198.51.100.7" not in stored


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"helpful": "yes"},
        {"helpful": 1},
        {"helpful": True, "comment": "x" * 501},
        {"helpful": True, "rating": 5},
        b"{not json",
        [True],
    ],
)
def test_malformed_feedback_is_400_and_writes_nothing(aws, faq_ids, template, body):
    before = table_items(aws)
    answer = call(template, "POST", f"/faqs/{faq_ids['pupil-premium']}/feedback", body)
    assert answer["status"] == 400
    assert answer["body"]["detail"]
    assert table_items(aws) == before


def test_feedback_on_an_unknown_item_is_404_and_writes_nothing(aws, faq_ids, template):
    before = table_items(aws)
    assert call(template, "POST", f"/faqs/{MISSING}/feedback", {"helpful": True})["status"] == 404
    assert table_items(aws) == before
    rate_table = aws.session.resource("dynamodb").Table(aws.name("RateLimitTable"))
    assert rate_table.scan()["Items"] == []


def test_feedback_is_rate_limited_per_client(faq_ids, template):
    from local_offer.services.faqs import FEEDBACK_LIMIT, FEEDBACK_WINDOW_SECONDS

    faq = faq_ids["one-plan"]
    for _ in range(FEEDBACK_LIMIT):
        assert call(template, "POST", f"/faqs/{faq}/feedback", {"helpful": True})["status"] == 200
    browser = (("Origin", "https://localoffer.example.org"),)
    refused = call(template, "POST", f"/faqs/{faq}/feedback", {"helpful": True}, headers=browser)
    assert refused["status"] == 429
    # Retry-After: whole seconds until this client's window ends, readable by a cross-origin script.
    retry_after = int(refused["headers"]["Retry-After"])
    assert 1 <= retry_after <= FEEDBACK_WINDOW_SECONDS
    assert f"{retry_after} seconds" in refused["body"]["detail"]
    assert "Retry-After" in refused["headers"]["Access-Control-Expose-Headers"].split(",")
    other_client = call(template, "POST", f"/faqs/{faq}/feedback", {"helpful": True}, source_ip="203.0.113.9")
    assert other_client["status"] == 200
    assert other_client["body"]["helpful"] == FEEDBACK_LIMIT + 1  # the refused vote was not counted


# ---- officers -------------------------------------------------------------------------------------------


def test_officers_create_edit_retire_and_restore_with_every_version_kept(faq_ids, stream, template):
    created = call(template, "POST", "/faqs", new_content(), claims=OFFICER)
    assert created["status"] == 201
    faq = created["body"]["id"]
    assert created["body"]["version"] == 1
    stream.drain()
    assert ask(template, "holiday play schemes for disabled children")["contents"][0]["id"] == faq

    edited = call(
        template,
        "PUT",
        f"/faqs/{faq}",
        {**new_content(question="Where are summer holiday clubs?"), "version": 1},
        claims=OFFICER,
    )
    assert edited["status"] == 200
    assert edited["body"]["version"] == 2
    stale = call(template, "PUT", f"/faqs/{faq}", {**new_content(), "version": 1}, claims=OFFICER)
    assert stale["status"] == 409
    stream.drain()
    assert call(template, "GET", f"/faqs/{faq}")["body"]["question"] == "Where are summer holiday clubs?"

    assert call(template, "DELETE", f"/faqs/{faq}", claims=OFFICER)["body"]["status"] == "retired"
    stream.drain()
    assert call(template, "GET", f"/faqs/{faq}")["status"] == 404
    assert faq not in [hit["id"] for hit in ask(template, "holiday play schemes")["contents"]]

    versions = call(template, "GET", f"/faqs/{faq}/versions", claims=OFFICER)["body"]["versions"]
    assert [v["version"] for v in versions] == [1, 2, 3]
    assert versions[0]["question"] == new_content()["question"]
    assert [v["status"] for v in versions] == ["published", "published", "retired"]

    restored = call(template, "POST", f"/faqs/{faq}/versions/1/restore", claims=OFFICER)
    assert restored["status"] == 200
    assert restored["body"]["version"] == 4
    assert restored["body"]["status"] == "published"
    stream.drain()
    assert call(template, "GET", f"/faqs/{faq}")["body"]["question"] == new_content()["question"]
    assert len(call(template, "GET", f"/faqs/{faq}/versions", claims=OFFICER)["body"]["versions"]) == 4


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/faqs", new_content()),
        ("PUT", "/faqs/{id}", {**new_content(), "version": 1}),
        ("DELETE", "/faqs/{id}", None),
        ("GET", "/faqs/{id}/versions", None),
        ("POST", "/faqs/{id}/versions/1/restore", None),
    ],
)
def test_officer_routes_need_an_officer(aws, faq_ids, template, method, path, body):
    path = path.format(id=faq_ids["one-plan"])
    before = table_items(aws)
    assert call(template, method, path, body)["status"] == 401
    assert call(template, method, path, body, claims=PROVIDER)["status"] == 403
    assert table_items(aws) == before


def test_officer_routes_refuse_strangers_before_looking_at_the_body(aws, faq_ids, template):
    before = table_items(aws)
    anonymous = call(template, "POST", "/faqs", b"{not json")
    assert (anonymous["status"], anonymous["body"]["error"]) == (401, "unauthorized")
    provider = call(template, "PUT", f"/faqs/{faq_ids['one-plan']}", {"question": 1}, claims=PROVIDER)
    assert (provider["status"], provider["body"]["error"]) == (403, "forbidden")
    assert table_items(aws) == before


def test_an_oversized_body_is_413_and_writes_nothing(aws, faq_ids, template):
    before = table_items(aws)
    huge = {"helpful": True, "comment": "x" * 40_000}
    answer = call(template, "POST", f"/faqs/{faq_ids['one-plan']}/feedback", huge)
    assert answer["status"] == 413
    assert answer["body"]["error"] == "payload_too_large"
    assert table_items(aws) == before


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"alternate_phrasings": ["only one", "two"]}, "alternate_phrasings"),
        ({"topic": "Weather"}, "topic"),
        ({"audience": ["teachers"]}, "audience"),
        ({"contacts": ["ghostbusters"]}, "contacts"),
        ({"related": [MISSING]}, "related"),
        ({"links": [{"label": "x", "url": "javascript:alert(1)"}]}, "links"),
        ({"answer": ""}, "answer"),
    ],
)
def test_invalid_faq_content_is_400_naming_the_field_and_writes_nothing(aws, faq_ids, template, change, field):
    before = table_items(aws)
    answer = call(template, "POST", "/faqs", new_content(**change), claims=OFFICER)
    assert answer["status"] == 400
    assert field in answer["body"]["detail"]
    assert table_items(aws) == before


def test_officer_changes_to_unknown_items_are_404(faq_ids, template):
    assert call(template, "DELETE", f"/faqs/{MISSING}", claims=OFFICER)["status"] == 404
    assert call(template, "GET", f"/faqs/{MISSING}/versions", claims=OFFICER)["status"] == 404
    restore = call(template, "POST", f"/faqs/{faq_ids['one-plan']}/versions/9/restore", claims=OFFICER)
    assert restore["status"] == 404
    assert uuid.UUID(faq_ids["one-plan"])
