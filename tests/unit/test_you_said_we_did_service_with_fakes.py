""" "You said, we did" use cases driven through their ports (services/ports.py) with in-memory fakes: no table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest

from local_offer.handlers.http import json_response  # imported at collection: the tracer opens a socket on import
from local_offer.models.errors import Conflict, StaleWrite
from local_offer.models.identity import OFFICERS, Principal
from local_offer.models.insights import Entry, EntryContent, EntryEdit, EntryPage
from local_offer.services import you_said_we_did

OFFICER = Principal(subject="officer-1", groups=frozenset({OFFICERS}))
TODAY = dt.datetime.now(dt.UTC).date()


class InMemoryEntries:
    """An EntryStore in a dict; `put` is conditional on the stored version like the table's."""

    def __init__(self) -> None:
        self.entries: dict[UUID, Entry] = {}

    def get(self, entry_id: UUID | str) -> Entry | None:
        return self.entries.get(UUID(str(entry_id)))

    def put(self, entry: Entry, expected_version: int | None) -> None:
        current = self.entries.get(entry.id)
        if (current.version if current else None) != expected_version:
            raise StaleWrite(f"Entry {entry.id} changed meanwhile")
        self.entries[entry.id] = entry

    def published(self, limit: int, cursor: str | None) -> tuple[list[Entry], str | None]:
        shown = sorted(
            (entry for entry in self.entries.values() if entry.status == "published"),
            key=lambda entry: (entry.date, entry.published_at),
            reverse=True,
        )
        return shown[:limit], None


class FixedCounts:
    """SearchCounts with a day's worth of fixed numbers: one frequent term that found nothing, three votes."""

    def count_feedback(self, day: dt.date, helpful: bool) -> None:
        raise AssertionError("saving an entry counts no vote")

    def searches_between(self, start: dt.date, end: dt.date) -> Iterator[dict[str, Any]]:
        yield {"kind": "services", "term": "sensory room", "searches": 4, "zero_results": 4}

    def feedback_between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        return 2, 1


def content(**overrides: Any) -> EntryContent:
    fields = {
        "theme": "Sensory spaces",
        "families_said": "We could not find a sensory room near us.",
        "we_did": "We listed the three sensory rooms in the county.",
        "date": TODAY.isoformat(),
        **overrides,
    }
    return EntryContent.model_validate(fields)


@pytest.fixture
def entries() -> InMemoryEntries:
    return InMemoryEntries()


def test_a_draft_cites_the_counts_of_its_range_as_read_when_it_is_saved(entries):
    cited = {"from": (TODAY - dt.timedelta(days=6)).isoformat(), "to": TODAY.isoformat()}

    draft = you_said_we_did.create_entry(
        content(evidence=cited), OFFICER, entries, FixedCounts(), suggestions=lambda start, end: 5
    )

    assert entries.get(draft.id) == draft
    assert (draft.status, draft.version) == ("draft", 1)
    assert draft.evidence is not None
    assert (draft.evidence.faq_feedback.helpful, draft.evidence.faq_feedback.not_helpful) == (2, 1)
    assert draft.evidence.public_corrections == 5
    assert [term.term for term in draft.evidence.zero_result_terms] == ["sensory room"]
    # The route's one dump gives the range under its API name, `from`
    assert '"evidence":{"from":' in json_response(draft).body


def test_an_edit_from_an_old_version_is_a_conflict_and_changes_nothing(entries):
    draft = you_said_we_did.create_entry(content(), OFFICER, entries)
    edited = you_said_we_did.edit_entry(
        draft.id, EntryEdit(**content(theme="Sensory rooms").model_dump(), version=1), OFFICER, entries
    )

    with pytest.raises(Conflict):
        you_said_we_did.edit_entry(draft.id, EntryEdit(**content().model_dump(), version=1), OFFICER, entries)

    assert entries.get(draft.id) == edited
    assert (edited.theme, edited.version) == ("Sensory rooms", 2)


def test_only_published_entries_are_listed_and_without_the_officers_fields(entries):
    draft = you_said_we_did.create_entry(content(theme="Still a draft"), OFFICER, entries)
    shown = you_said_we_did.create_entry(content(), OFFICER, entries)
    you_said_we_did.publish_entry(shown.id, OFFICER, entries)

    page = you_said_we_did.list_published(20, None, entries)

    assert isinstance(page, EntryPage)
    assert [entry.id for entry in page.contents] == [shown.id]
    assert draft.id not in {entry.id for entry in page.contents}
    body = json_response(page).body
    assert '"updated_by"' not in body
    assert '"next_cursor"' not in body  # the last page has none: absent, not null
