"""FAQ rules: named contact points, the FAQ index and its documents, search parameters and the query.

Matching runs over an item's question, its alternate phrasings and its answer, with the SEND glossary applied
at query time as directory search does (a question naming "EHCP" also matches "education health and care
plan"), except that a capitals-only variant counts only in capitals ("add" is not "ADD"). The engine ranks;
which hit answers the question ("what is X" questions, the calibrated confidence) is decided in
`local_offer.domain.faq_answers`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from local_offer.domain.glossary import (
    Glossary,
    matches_as_meant,
    normalise,
    synonym_clauses,
    words_outside_concepts,
)
from local_offer.models.errors import InvalidRequest
from local_offer.models.faqs import AUDIENCES, TOPICS, ContactPoint, FaqItem

LOCAL_OFFER_URL = "http://www.countydurhamfamilies.info/kb5/durham/fsd/localoffer.page?localofferchannel=0"

# Who to ask. Only details the council publishes are given; where it publishes none, `how_to_reach` says where
# to look.
CONTACT_POINTS: dict[str, ContactPoint] = {
    contact.key: contact
    for contact in (
        ContactPoint(
            key="fis",
            name="Family Information Service (Local Offer administrator)",
            role="Questions about the Local Offer, its records and pages; adding or changing information on it",
            email="fis@durham.gov.uk",
            url="mailto:fis@durham.gov.uk",
        ),
        ContactPoint(
            key="sendiass",
            name="SENDIASS (SEND Information, Advice and Support Service)",
            role="Parents, carers and young people can contact them to discuss a child's SEN at any time",
            url=LOCAL_OFFER_URL,
            how_to_reach="Search the Local Offer for SENDIASS",
        ),
        ContactPoint(
            key="dco",
            name="Designated Clinical Officer (DCO)",
            role="Health and SEND: training needs and closer working between health, education and social care",
            how_to_reach="Contact details are on the Understanding SEND training presentation slides",
        ),
        ContactPoint(
            key="dmo",
            name="Designated Medical Officer (DMO)",
            role="Oversight of health providers' compliance with the SEND reforms (North Durham)",
            how_to_reach="Contact details are on the Understanding SEND training presentation slides",
        ),
        ContactPoint(
            key="senco",
            name="The school's SENCo",
            role="Decides which resources and services a pupil needs in school",
            how_to_reach="On the school's SEND Information Report (school websites are listed on the Local Offer)",
        ),
        ContactPoint(
            key="education-health-needs-team",
            name="Education Health Needs Team",
            role="Education and re-integration into school for a child too ill to attend",
            how_to_reach="A referral can be made for a child who is still on a school roll",
        ),
        ContactPoint(
            key="cypn",
            name="Children and Young People's Network",
            role="Regular information and access to short breaks for families of children with SEND who sign up",
            url="http://www.durham.gov.uk/cypn",
        ),
    )
}
# Who to ask when no FAQ answers the question.
FALLBACK_CONTACTS = ("fis", "sendiass")


def faq_document(item: FaqItem) -> dict[str, Any]:
    """The search document of an FAQ item."""
    return {
        "id": str(item.id),
        "record_version": item.version,
        "question": item.question,
        "alternate_phrasings": list(item.alternate_phrasings),
        "answer": item.answer,
        "topic": item.topic,
        "audience": list(item.audience),
        "status": item.status,
        "item": item.to_json_dict(),
    }


def public_faq(item: FaqItem | dict[str, Any]) -> dict[str, Any]:
    """The public form of an item (a model or its stored JSON): contact keys spelled out, officer fields left out."""
    data = item.to_json_dict() if isinstance(item, FaqItem) else item
    return {
        "id": data["id"],
        "question": data["question"],
        "answer": data["answer"],
        "topic": data["topic"],
        "audience": data["audience"],
        "alternate_phrasings": data["alternate_phrasings"],
        "links": data.get("links", []),
        "contacts": [CONTACT_POINTS[key].model_dump(exclude_none=True) for key in data.get("contacts", ())],
        "related": data.get("related", []),
        "version": data["version"],
        "updated_at": data["updated_at"],
    }


def unknown_contacts(keys: list[str]) -> list[str]:
    return [key for key in keys if key not in CONTACT_POINTS]


# ---- search parameters ----------------------------------------------------------------------------------

MIN_SEARCH_LENGTH = 2
MAX_SEARCH_LENGTH = 200
MAX_RESULTS = 1000


def topic_slug(topic: str) -> str:
    return normalise(topic).replace(" ", "-")


def canonical_topic(value: str) -> str:
    """A topic from its name or slug, any case; 400 naming the known topics when it is neither."""
    wanted = topic_slug(value)
    for topic in TOPICS:
        if topic_slug(topic) == wanted:
            return topic
    raise InvalidRequest(f"topic must be one of: {', '.join(TOPICS)} (or its slug)", parameter="topic")


def canonical_audience(value: str) -> str:
    wanted = value.strip().lower()
    if wanted not in AUDIENCES:
        raise InvalidRequest(f"audience must be one of: {', '.join(AUDIENCES)}", parameter="audience")
    return wanted


@dataclass(frozen=True)
class FaqSearch:
    """`GET /faqs` parameters after validation: stripped text, canonical topic and audience."""

    text: str | None = None
    topic: str | None = None
    audience: str | None = None
    page: int = 1
    per_page: int = 10

    @classmethod
    def from_params(
        cls, search: str | None, topic: str | None, audience: str | None, page: int = 1, per_page: int = 10
    ) -> FaqSearch:
        text = None
        if search is not None:
            text = " ".join(search.split())
            if len(text) < MIN_SEARCH_LENGTH:
                raise InvalidRequest(
                    f"search must have at least {MIN_SEARCH_LENGTH} characters besides spaces", parameter="search"
                )
            if len(text) > MAX_SEARCH_LENGTH:
                raise InvalidRequest(f"search must be at most {MAX_SEARCH_LENGTH} characters", parameter="search")
            if not normalise(text):
                raise InvalidRequest("search must contain letters or digits", parameter="search")
        return cls(
            text=text,
            topic=canonical_topic(topic) if topic is not None else None,
            audience=canonical_audience(audience) if audience is not None else None,
            page=page,
            per_page=per_page,
        )


# ---- the query ------------------------------------------------------------------------------------------

# The question and its phrasings say what an item is about; the answer is long and mentions much else.
FAQ_FIELDS = ["question^3", "alternate_phrasings^3", "answer"]


def faq_filters(params: FaqSearch) -> list[dict[str, Any]]:
    clauses: list[dict[str, Any]] = [{"term": {"status": "published"}}]
    if params.topic:
        clauses.append({"term": {"topic": params.topic}})
    if params.audience:
        clauses.append({"term": {"audience": params.audience}})
    return clauses


def faq_text_query(text: str, glossary: Glossary | None = None) -> dict[str, Any]:
    """The words (also typo-tolerant, except those naming a glossary concept), the phrase, and every other
    name of each glossary concept named."""
    matches = matches_as_meant(text, glossary)
    unmatched = words_outside_concepts(text, matches)
    should: list[dict[str, Any]] = [
        {"multi_match": {"query": text, "fields": FAQ_FIELDS, "type": "best_fields"}},
        {"multi_match": {"query": text, "fields": FAQ_FIELDS, "type": "phrase", "boost": 2}},
    ]
    if unmatched:
        should.append(
            {
                "multi_match": {
                    "query": unmatched,
                    "fields": FAQ_FIELDS,
                    "type": "best_fields",
                    "fuzziness": "AUTO",
                    "prefix_length": 1,
                    "boost": 0.5,
                }
            }
        )
    should.extend(synonym_clauses(matches, FAQ_FIELDS))
    return {"bool": {"should": should, "minimum_should_match": 1}}


def topic_counts_query() -> dict[str, Any]:
    """Published items per topic (a `topics` terms aggregation, every topic)."""
    return {
        "size": 0,
        "query": {"bool": {"filter": faq_filters(FaqSearch())}},
        "aggs": {"topics": {"terms": {"field": "topic", "size": len(TOPICS)}}},
    }


def build_faq_query(params: FaqSearch) -> dict[str, Any]:
    """The search body. With text, every match (up to MAX_RESULTS; the FAQ is a few hundred items at most):
    results are ordered by confidence over the whole set, so pages stay consistent with each other."""
    size = MAX_RESULTS if params.text else min(params.page * params.per_page, MAX_RESULTS)
    body: dict[str, Any] = {"size": size, "track_total_hits": True, "_source": ["item"]}
    if params.text:
        body["query"] = {"bool": {"must": [faq_text_query(params.text)], "filter": faq_filters(params)}}
    else:
        body["query"] = {"bool": {"filter": faq_filters(params)}}
        body["sort"] = [{"topic": "asc"}, {"id": "asc"}]
    return body
