"""FAQ use cases: search with calibrated confidence, read, topics, feedback, and the officers' changes
(create, edit, retire, list versions, restore). DynamoDB is the source of truth; search reads the FAQ index.
Each public function returns the model its route documents (models/faqs.py)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from uuid import UUID

from local_offer.domain.faq_answers import CONFIDENCE_THRESHOLD, candidates, confidence, glossary_definition
from local_offer.domain.faqs import (
    CONTACT_POINTS,
    FALLBACK_CONTACTS,
    FaqSearch,
    build_faq_query,
    public_faq,
    topic_counts_query,
    topic_slug,
    unknown_contacts,
)
from local_offer.models.errors import Conflict, InvalidRequest, NotFound, TooManyRequests
from local_offer.models.faqs import (
    TOPICS,
    FaqContent,
    FaqItem,
    FaqSearchPage,
    FaqTopics,
    FaqVersions,
    FeedbackCounts,
    FeedbackRequest,
    PublicFaq,
)
from local_offer.models.identity import Principal
from local_offer.models.pages import page_envelope
from local_offer.repositories.faqs import FaqRepository
from local_offer.services.ports import FaqStore, RateLimiter, SearchIndex

SUGGESTIONS = 3
# Feedback per client (hashed source IP) per window: enough for a person rating what they read, not a script.
FEEDBACK_LIMIT = 10
FEEDBACK_WINDOW_SECONDS = 600
NOT_SURE_MESSAGE = (
    "We are not sure any of our answers fits this question. Did you mean one of these? "
    "If not, the contacts below can help."
)
DEFINITION_MESSAGE = (
    'None of our answers is about this exactly; the glossary\'s definition of "{term}" is below. Did you mean one '
    "of these? If not, the contacts below can help."
)


def _index() -> SearchIndex:
    from local_offer.repositories.search_index import faq_index

    return faq_index()


# ---- public reads ---------------------------------------------------------------------------------------


def search_faqs(params: FaqSearch, index: SearchIndex | None = None) -> FaqSearchPage:
    """A page of published FAQ items, best match first, each with its confidence; when the best is under the
    threshold, the page says so and offers up to three suggestions and who to contact."""
    response = (index or _index()).search(build_faq_query(params))
    hits = response["hits"]["hits"]
    total = int(response["hits"]["total"]["value"])
    items = [hit["_source"]["item"] for hit in hits]
    start = (params.page - 1) * params.per_page
    if not params.text:
        contents = [public_faq(item) for item in items[start : start + params.per_page]]
        return FaqSearchPage.model_validate(
            {**page_envelope(contents, total, params.page, params.per_page), "confident": True, "threshold": 0.0}
        )

    scores = [float(hit.get("_score") or 0.0) for hit in hits]
    confidences = [round(confidence(candidate), 3) for candidate in candidates(params.text, items, scores)]
    ranked = sorted(zip(items, confidences, strict=True), key=lambda pair: -pair[1])
    contents = [{**public_faq(item), "confidence": score} for item, score in ranked[start : start + params.per_page]]
    page: dict[str, Any] = page_envelope(contents, total, params.page, params.per_page)
    best = ranked[0][1] if ranked else 0.0
    page["confident"] = best >= CONFIDENCE_THRESHOLD
    page["threshold"] = CONFIDENCE_THRESHOLD
    if not page["confident"]:
        page["message"] = NOT_SURE_MESSAGE
        page["did_you_mean"] = [
            {"id": item["id"], "question": item["question"], "confidence": score}
            for item, score in ranked[:SUGGESTIONS]
        ]
        page["contacts"] = [CONTACT_POINTS[key].model_dump(exclude_none=True) for key in FALLBACK_CONTACTS]
        defined = glossary_definition(params.text)
        if defined and defined[0].definition:
            entry, asked_as = defined
            page["definition"] = {"term": entry.term, "definition": entry.definition, "asked_as": asked_as}
            page["message"] = DEFINITION_MESSAGE.format(term=entry.term)
    if params.page == 1:
        from local_offer.services.insights import record_search

        # For the FAQ, "no result" is no answer we are confident in: what the family saw was not an answer.
        record_search("faqs", params.text, total if page["confident"] else 0)
    return FaqSearchPage.model_validate(page)


def get_faq(faq_id: UUID, repository: FaqStore | None = None) -> PublicFaq:
    """A published item from the source of truth; retired or unknown ones are not found."""
    item = (repository or FaqRepository()).get(faq_id)
    if item is None or item.status != "published":
        raise NotFound(f"No FAQ item with id {faq_id}")
    return PublicFaq.model_validate(public_faq(item))


def list_topics(index: SearchIndex | None = None) -> FaqTopics:
    """Every topic with its number of published items (topics without items too)."""
    response = (index or _index()).search(topic_counts_query())
    counts = {bucket["key"]: bucket["doc_count"] for bucket in response["aggregations"]["topics"]["buckets"]}
    topics = [{"name": topic, "slug": topic_slug(topic), "count": counts.get(topic, 0)} for topic in TOPICS]
    return FaqTopics.model_validate({"topics": topics})


def record_feedback(
    faq_id: UUID,
    feedback: FeedbackRequest,
    client: str,
    repository: FaqStore | None = None,
    rate_limits: RateLimiter | None = None,
) -> FeedbackCounts:
    """Count one vote for a published item. The comment is not kept: free text about a child can hold
    personal and health data that we cannot reliably strip. Rate limited per client (429, nothing counted)."""
    from local_offer.repositories.rate_limits import RateLimitExceeded, RateLimitRepository

    repository = repository or FaqRepository()
    item = repository.get(faq_id)
    if item is None or item.status != "published":
        raise NotFound(f"No FAQ item with id {faq_id}")
    try:
        (rate_limits or RateLimitRepository()).hit("faq-feedback", client, FEEDBACK_LIMIT, FEEDBACK_WINDOW_SECONDS)
    except RateLimitExceeded as exc:
        raise TooManyRequests(
            f"Too much feedback from this client; try again in {exc.retry_after} seconds", exc.retry_after
        ) from exc
    helpful, not_helpful = repository.count_feedback(faq_id, feedback.helpful)
    from local_offer.services.insights import record_feedback as count_vote_by_day

    count_vote_by_day(feedback.helpful)
    return FeedbackCounts(id=faq_id, helpful=helpful, not_helpful=not_helpful)


# ---- officers -------------------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _check_content(content: FaqContent, repository: FaqStore, own_id: UUID | None = None) -> None:
    unknown = unknown_contacts(content.contacts)
    if unknown:
        raise InvalidRequest(
            f"contacts: unknown contact point {', '.join(unknown)}; known: {', '.join(CONTACT_POINTS)}",
            parameter="contacts",
        )
    for related in content.related:
        target = repository.get(related) if related != own_id else None
        if target is None:
            raise InvalidRequest(f"related: {related} is not another FAQ item", parameter="related")


def create_faq(content: FaqContent, officer: Principal, repository: FaqStore | None = None) -> FaqItem:
    """A new published item at version 1."""
    repository = repository or FaqRepository()
    _check_content(content, repository)
    item = FaqItem(
        **content.model_dump(),
        id=uuid.uuid4(),
        status="published",
        version=1,
        updated_at=_now(),
        updated_by=officer.subject,
    )
    repository.save(item, expected_version=0)
    return item


def _current(repository: FaqStore, faq_id: UUID) -> FaqItem:
    item = repository.get(faq_id)
    if item is None:
        raise NotFound(f"No FAQ item with id {faq_id}")
    return item


def _save_next(repository: FaqStore, current: FaqItem, changes: dict[str, Any], officer: Principal) -> FaqItem:
    """Write the next version of `current` with `changes`; StaleWrite (409) when someone else changed it
    meanwhile."""
    data = {**current.model_dump(), **changes}
    data.update(version=current.version + 1, updated_at=_now(), updated_by=officer.subject)
    item = FaqItem.model_validate(data)
    repository.save(item, expected_version=current.version)
    return item


def edit_faq(
    faq_id: UUID,
    content: FaqContent,
    based_on_version: int,
    officer: Principal,
    repository: FaqStore | None = None,
) -> FaqItem:
    """Replace an item's content; `based_on_version` is the version the officer edited (409 when stale)."""
    repository = repository or FaqRepository()
    current = _current(repository, faq_id)
    if current.version != based_on_version:
        raise Conflict(f"FAQ item {faq_id} is at version {current.version}, not {based_on_version}; reload it")
    _check_content(content, repository, own_id=faq_id)
    return _save_next(repository, current, content.model_dump(), officer)


def retire_faq(faq_id: UUID, officer: Principal, repository: FaqStore | None = None) -> FaqItem:
    """Take an item out of the public FAQ (a new version with status `retired`; nothing is deleted)."""
    repository = repository or FaqRepository()
    current = _current(repository, faq_id)
    if current.status == "retired":
        raise Conflict(f"FAQ item {faq_id} is already retired")
    return _save_next(repository, current, {"status": "retired"}, officer)


def list_versions(faq_id: UUID, repository: FaqStore | None = None) -> FaqVersions:
    """Every version of an item, oldest first."""
    versions = (repository or FaqRepository()).history(faq_id)
    if not versions:
        raise NotFound(f"No FAQ item with id {faq_id}")
    return FaqVersions(id=faq_id, versions=versions)


def restore_version(faq_id: UUID, version: int, officer: Principal, repository: FaqStore | None = None) -> FaqItem:
    """Make an earlier version current again, as a new version (its content and its status)."""
    repository = repository or FaqRepository()
    current = _current(repository, faq_id)
    earlier = repository.version(faq_id, version)
    if earlier is None:
        raise NotFound(f"FAQ item {faq_id} has no version {version}")
    if version == current.version:
        raise Conflict(f"Version {version} is already the current version")
    content = FaqContent.model_validate(earlier.model_dump(include=set(FaqContent.model_fields)))
    _check_content(content, repository, own_id=faq_id)
    restored = {**content.model_dump(), "status": earlier.status}
    return _save_next(repository, current, restored, officer)
