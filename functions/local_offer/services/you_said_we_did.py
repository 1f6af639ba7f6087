""" "You said, we did" use cases: officers draft, edit and publish entries; anyone reads the published ones.

An entry cites evidence by date range only: the counts (FAQ votes, public corrections, zero-result search
terms) are read by the server when the entry is saved, so a cited number is always one the data gave.

Each use case takes the stores it reaches (typed by the Protocols in `services.ports`; the real repositories
when None).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from uuid import UUID

from local_offer.models.errors import Conflict, NotFound
from local_offer.models.identity import Principal
from local_offer.models.insights import Entry, EntryContent, EntryEdit, EntryPage, Evidence, EvidenceRange
from local_offer.repositories.you_said_we_did import EntryRepository
from local_offer.services.ports import EntryStore, SearchCounts, SuggestionCounter

MAX_PAGE = 50


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def evidence(
    start: dt.date | None,
    end: dt.date | None,
    counts: SearchCounts | None = None,
    suggestions: SuggestionCounter | None = None,
) -> Evidence:
    """The counts of the range (default the last 30 days; 400 for a bad or over-long range)."""
    from local_offer.domain.insights import date_range, search_report, totals
    from local_offer.repositories.insights import InsightsRepository
    from local_offer.repositories.public_suggestions import count_public_suggestions

    start, end = date_range(start, end, _now().date())
    insights = counts or InsightsRepository()
    helpful, not_helpful = insights.feedback_between(start, end)
    report = search_report(totals(insights.searches_between(start, end)), start, end)
    return Evidence.model_validate(
        {
            "from": start,
            "to": end,
            "faq_feedback": {"helpful": helpful, "not_helpful": not_helpful},
            "public_corrections": (suggestions or count_public_suggestions)(start, end),
            "zero_result_terms": report.zero_result_terms,
        }
    )


def _cited(
    content: EntryContent, counts: SearchCounts | None, suggestions: SuggestionCounter | None
) -> Evidence | None:
    cited: EvidenceRange | None = content.evidence
    return evidence(cited.from_, cited.to, counts, suggestions) if cited else None


def _fields(
    content: EntryContent, counts: SearchCounts | None, suggestions: SuggestionCounter | None
) -> dict[str, Any]:
    return {
        "theme": content.theme,
        "families_said": content.families_said,
        "we_did": content.we_did,
        "date": content.date,
        "links": [str(link) for link in content.links],
        "evidence": _cited(content, counts, suggestions),
    }


def create_entry(
    content: EntryContent,
    officer: Principal,
    repository: EntryStore | None = None,
    counts: SearchCounts | None = None,
    suggestions: SuggestionCounter | None = None,
) -> Entry:
    """A new draft (version 1); the cited range's counts are read now."""
    now = _now()
    entry = Entry(
        id=uuid.uuid4(),
        status="draft",
        version=1,
        created_at=now,
        updated_at=now,
        updated_by=officer.subject,
        **_fields(content, counts, suggestions),
    )
    (repository or EntryRepository()).put(entry, expected_version=None)
    return entry


def _current(repository: EntryStore, entry_id: UUID) -> Entry:
    entry = repository.get(entry_id)
    if entry is None:
        raise NotFound(f"No 'you said, we did' entry with id {entry_id}")
    return entry


def _save(repository: EntryStore, current: Entry, changes: dict[str, Any], officer: Principal) -> Entry:
    entry = current.model_copy(
        update={**changes, "version": current.version + 1, "updated_at": _now(), "updated_by": officer.subject}
    )
    repository.put(entry, expected_version=current.version)  # StaleWrite (409) when it changed meanwhile
    return entry


def edit_entry(
    entry_id: UUID,
    edit: EntryEdit,
    officer: Principal,
    repository: EntryStore | None = None,
    counts: SearchCounts | None = None,
    suggestions: SuggestionCounter | None = None,
) -> Entry:
    """Replace the content; 409 when `edit.version` is no longer the current one. A published entry stays
    published (with its new content)."""
    repository = repository or EntryRepository()
    current = _current(repository, entry_id)
    if current.version != edit.version:
        raise Conflict(f"Entry {entry_id} is at version {current.version}, not {edit.version}: read it again")
    return _save(repository, current, _fields(edit, counts, suggestions), officer)


def publish_entry(entry_id: UUID, officer: Principal, repository: EntryStore | None = None) -> Entry:
    """Make a draft public; 409 when it already is."""
    repository = repository or EntryRepository()
    current = _current(repository, entry_id)
    if current.status == "published":
        raise Conflict(f"Entry {entry_id} is already published")
    changes = {"status": "published", "published_at": _now()}
    return _save(repository, current, changes, officer)


def list_published(per_page: int, cursor: str | None, repository: EntryStore | None = None) -> EntryPage:
    """Published entries, newest first (by date, then publication time)."""
    entries, next_cursor = (repository or EntryRepository()).published(per_page, cursor)
    return EntryPage(contents=[entry.public() for entry in entries], next_cursor=next_cursor or None)
