"""The weekly verification reminder a provider receives: one e-mail listing every record of their
organisations that is due re-verification, and what to do about each. Pure: no I/O."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from local_offer.models.notifications import DueRecord, Email

SUBJECT = "Local Offer: {count} of your services need checking"
SUBJECT_ONE = "Local Offer: 1 of your services needs checking"


def run_key(run_id: str | None, event_time: dt.datetime) -> str:
    """Which sweep an event belongs to: its run id, or (for events without one) the ISO week it was sent in."""
    if run_id:
        return run_id
    year, week, _ = event_time.isocalendar()
    return f"{year}-W{week:02d}"


def _confirmed(record: DueRecord) -> str:
    if record.last_confirmed is None:
        return "never confirmed"
    return f"last confirmed {record.last_confirmed:%d %B %Y}"


def stale_reminder(to: str, records: Sequence[DueRecord], months: int) -> Email:
    """The reminder to `to` for `records` (the longest unconfirmed first)."""
    ordered = sorted(records, key=lambda r: (r.last_confirmed is not None, r.last_confirmed or dt.datetime.min))
    lines = [
        "Hello,",
        "",
        f"Families rely on the Local Offer being up to date. These services have not been checked for "
        f"{months} months or more:",
        "",
        *(f"- {record.name} ({_confirmed(record)}), id {record.service_id}" for record in ordered),
        "",
        "For each one, please either:",
        "- confirm it is still right: sign in and choose 'Confirm details' (POST /services/{id}/verify), or",
        "- tell us what has changed: sign in and submit a change request (POST /change-requests).",
        "",
        "You receive this e-mail weekly while any of your services is due a check. To stop it, turn off",
        "stale-record reminders in your notification settings (PUT /me/notifications).",
    ]
    subject = SUBJECT_ONE if len(ordered) == 1 else SUBJECT.format(count=len(ordered))
    return Email(to=to, subject=subject, text="\n".join(lines) + "\n")
