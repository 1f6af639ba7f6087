"""Shortlist rules and the printable page, without storage: ids, lifetime, which services a list may hold,
each service's summary, and an accessible, escaped page."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from html.parser import HTMLParser

import pytest

from local_offer.domain import shortlists as rules
from local_offer.domain.shortlist_print import render
from local_offer.models.errors import InvalidRequest
from local_offer.models.shortlists import Shortlist, ShortlistEntry, ShortlistSubmission
from tests.factories import service_record

NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def test_new_ids_hold_at_least_128_random_bits_and_differ():
    made = {rules.new_id() for _ in range(1000)}
    assert len(made) == 1000
    assert all(rules.is_well_formed(shortlist_id) for shortlist_id in made)
    assert rules.ID_BYTES * 8 >= 128


def test_a_new_shortlist_keeps_the_order_and_expires_after_180_days():
    chosen = [uuid.uuid4() for _ in range(3)]
    shortlist = rules.new_shortlist(ShortlistSubmission(service_ids=chosen, note="Hi"), chosen, NOW, "x" * 24)
    assert shortlist.service_ids == chosen
    assert shortlist.expires_at == NOW + dt.timedelta(days=180)
    assert not rules.is_expired(shortlist, NOW + dt.timedelta(days=179))
    assert rules.is_expired(shortlist, NOW + dt.timedelta(days=180))


def test_ids_not_listed_are_named_in_the_error():
    listed, missing = uuid.uuid4(), uuid.uuid4()
    with pytest.raises(InvalidRequest) as refused:
        rules.new_shortlist(ShortlistSubmission(service_ids=[listed, missing]), [listed], NOW, "x" * 24)
    assert str(missing) in refused.value.detail
    assert str(listed) not in refused.value.detail


def test_repeated_ids_are_named_in_the_error():
    once, twice = uuid.uuid4(), uuid.uuid4()
    with pytest.raises(InvalidRequest) as refused:
        rules.new_shortlist(ShortlistSubmission(service_ids=[twice, once, twice]), [once, twice], NOW, "x" * 24)
    assert str(twice) in refused.value.detail
    assert str(once) not in refused.value.detail


@pytest.mark.parametrize(
    ("status", "withdrawn"), [("active", False), ("temporarily closed", False), ("inactive", True), ("defunct", True)]
)
def test_a_service_not_publicly_listed_is_flagged_withdrawn_without_contact(status, withdrawn):
    record = service_record("Heron Club", status=status, email="heron@example.org", url="https://heron.example")
    entry = rules.entry(record.service.id, record)
    assert entry.withdrawn is withdrawn
    assert entry.name == "Heron Club"
    assert (entry.contact is None) is withdrawn
    assert (entry.url is None) is withdrawn


def test_a_missing_record_keeps_its_place_as_withdrawn():
    service_id = uuid.uuid4()
    assert rules.entry(service_id, None) == ShortlistEntry(id=service_id, withdrawn=True)


def test_contact_falls_back_to_contacts_then_the_organisation():
    person = {
        "id": str(uuid.uuid4()),
        "email": "lead@example.org",
        "phones": [{"id": str(uuid.uuid4()), "number": "0191 000"}],
    }
    record = service_record("Kite Club", contacts=[person])
    assert rules.contact(record.service).model_dump() == {"email": "lead@example.org", "phone": "0191 000"}
    organization = {
        "id": str(uuid.uuid4()),
        "name": "Kite Trust",
        "description": "A trust.",
        "email": "hi@kite.example",
    }
    plain = service_record("Kite Club", organization=organization)
    assert rules.contact(plain.service).model_dump() == {"email": "hi@kite.example", "phone": None}


# ---------------------------------------------------------------------------------------------------------
# The printable page
# ---------------------------------------------------------------------------------------------------------
class Outline(HTMLParser):
    """The tags, their attributes and the text of a page, to check its structure."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def named(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def page_of(*entries: ShortlistEntry, note: str | None = None) -> tuple[str, Outline]:
    shortlist = Shortlist(
        id="x" * 24, note=note, created_at=NOW, expires_at=NOW + rules.LIFETIME, services=list(entries)
    )
    html = render(shortlist, NOW)
    outline = Outline()
    outline.feed(html)
    return html, outline


def test_the_page_has_a_language_headings_a_captioned_table_and_print_styles():
    listed = rules.entry(uuid.uuid4(), service_record("Heron Club", email="heron@example.org"))
    gone = rules.entry(uuid.uuid4(), None)
    html, outline = page_of(listed, gone, note="Bring the letter")
    assert html.startswith("<!DOCTYPE html>")
    assert outline.named("html") == [{"lang": "en-GB"}]
    assert len(outline.named("h1")) == 1
    assert len(outline.named("h2")) == 2
    assert outline.named("caption")
    assert [attrs["scope"] for attrs in outline.named("th")] == ["col"] * 4 + ["row"] * 2
    assert "@media print" in html
    assert len(outline.named("main")) == 1
    assert not outline.named("script")
    text = " ".join(outline.text)
    assert "(withdrawn)" in text, "withdrawn is said in words, not by colour alone"
    assert "Bring the letter" in text
    assert "4 June 2027" in text, "the expiry date is given"


def test_every_value_on_the_page_is_escaped():
    record = service_record(
        "<script>alert(1)</script> & Sons", email="x'y@example.org", url='https://e.org/?a="b"&c=<d>'
    )
    html, outline = page_of(rules.entry(record.service.id, record), note="</p><iframe src=//evil></iframe>")
    assert not outline.named("script")
    assert not outline.named("iframe")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Sons" in html
    assert "&lt;/p&gt;&lt;iframe src=//evil&gt;&lt;/iframe&gt;" in html
    assert "x&#x27;y@example.org" in html
    [link] = [attrs for attrs in outline.named("a") if (attrs["href"] or "").startswith("https")]
    assert link["href"] == 'https://e.org/?a="b"&c=<d>', "the address survives escaping intact"
    assert not re.search(r'href="[^"]*"[^>]*"b"', html)
