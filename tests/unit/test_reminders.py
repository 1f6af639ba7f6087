"""The weekly reminder e-mail's content and which sweep an event belongs to (domain.reminders, pure)."""

from __future__ import annotations

import datetime as dt
import uuid

from local_offer.domain.reminders import run_key, stale_reminder
from local_offer.models.notifications import DueRecord


def due(name: str, confirmed: dt.datetime | None) -> DueRecord:
    return DueRecord(service_id=uuid.uuid4(), name=name, last_confirmed=confirmed)


def test_stale_reminder_lists_every_record_longest_unconfirmed_first_with_what_to_do():
    never = due("Heron Toy Library", None)
    older = due("Heron Stay and Play", dt.datetime(2021, 3, 1, tzinfo=dt.UTC))
    newer = due("Heron Youth Club", dt.datetime(2024, 7, 9, tzinfo=dt.UTC))

    email = stale_reminder("keen@heron.example", [newer, never, older], months=12)

    assert email.to == "keen@heron.example"
    assert email.subject == "Local Offer: 3 of your services need checking"
    positions = [email.text.index(str(record.service_id)) for record in (never, older, newer)]
    assert positions == sorted(positions)
    assert "Heron Toy Library (never confirmed)" in email.text
    assert "last confirmed 01 March 2021" in email.text
    assert "12 months" in email.text
    assert "POST /services/{id}/verify" in email.text
    assert "POST /change-requests" in email.text
    assert "PUT /me/notifications" in email.text


def test_stale_reminder_for_one_record_says_so_in_the_singular():
    email = stale_reminder("keen@heron.example", [due("Heron Toy Library", None)], months=24)
    assert email.subject == "Local Offer: 1 of your services needs checking"


def test_run_key_is_the_sweeps_run_id_or_else_the_iso_week_of_the_event():
    monday = dt.datetime(2026, 11, 30, 7, tzinfo=dt.UTC)
    assert run_key("3f2a", monday) == "3f2a"
    assert run_key(None, monday) == "2026-W49"
    assert run_key(None, monday + dt.timedelta(days=6)) == "2026-W49"
    assert run_key(None, monday + dt.timedelta(days=7)) == "2026-W50"
