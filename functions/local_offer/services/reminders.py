"""Verification reminders that reach providers, and the notification preferences that can stop them.

`remind_providers` handles one `RecordVerificationDue` event: for each provider linked to the record's
organisation who has not opted out and has not had this sweep's e-mail yet, it sends one e-mail listing
every record of all their organisations that is due a check. The first event of a sweep that names one of a
provider's organisations sends their whole list; later events find the sweep's mark and send nothing.

Each use case takes the stores it reaches (typed by the Protocols in `services.ports`; the real repositories
when None).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from local_offer.domain import change_requests as rules
from local_offer.domain import reminders
from local_offer.models.identity import Principal
from local_offer.models.notifications import DueRecord, NotificationPreferences, ReminderOutcome, VerificationDue
from local_offer.observability import logger
from local_offer.repositories.mail import Mailer, mailer
from local_offer.repositories.memberships import MembershipRepository
from local_offer.repositories.notifications import NotificationRepository
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.repositories.user_directory import UserDirectory
from local_offer.services.ports import AddressBook, MembershipStore, NotificationStore, RecordStore

DUE_PAGE_SIZE = 500


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def preferences_of(principal: Principal, repository: NotificationStore | None = None) -> NotificationPreferences:
    """The caller's notification settings (every e-mail on until turned off)."""
    return (repository or NotificationRepository()).preferences(principal.subject)


def save_preferences(
    principal: Principal, preferences: NotificationPreferences, repository: NotificationStore | None = None
) -> NotificationPreferences:
    """Store the caller's notification settings; returns what was stored."""
    (repository or NotificationRepository()).save_preferences(principal.subject, preferences, utcnow())
    return preferences


def due_records(
    organization_ids: Iterable[str], months: int, now: dt.datetime, records: RecordStore | None = None
) -> list[DueRecord]:
    """The public records of these organisations not confirmed within `months`, from the verification index
    (its due part is read once per provider per run: a few pages of summaries for a whole directory)."""
    wanted = set(organization_ids)
    repository = records or ServiceRecordRepository()
    cutoff = rules.months_before(now, months)
    found: list[DueRecord] = []
    start = None
    while True:
        summaries, start = repository.due_verification(cutoff, DUE_PAGE_SIZE, start)
        for summary in summaries:
            if str(summary.get("organization_id")) not in wanted:
                continue
            modified, verified = (
                dt.datetime.fromisoformat(value) if value else None
                for value in (summary.get("last_modified"), summary.get("last_verified"))
            )
            found.append(
                DueRecord(
                    service_id=summary["id"],
                    name=summary["name"],
                    last_confirmed=rules.last_confirmed(modified, verified),
                )
            )
        if start is None:
            return found


def remind_providers(
    due: VerificationDue,
    event_time: dt.datetime,
    send_with: Mailer | None = None,
    *,
    memberships: MembershipStore | None = None,
    notifications: NotificationStore | None = None,
    addresses: AddressBook | None = None,
    records: RecordStore | None = None,
) -> ReminderOutcome:
    """E-mail this record's providers (see the module docstring); raises when an e-mail could not be sent,
    after releasing its mark, so a retry of the event sends it."""
    outcome = ReminderOutcome()
    if due.organization_id is None:
        return outcome
    run = reminders.run_key(due.run_id, event_time)
    memberships = memberships or MembershipRepository()
    notifications = notifications or NotificationRepository()
    directory, send = addresses or UserDirectory(), send_with or mailer()
    now = utcnow()
    for member in memberships.members_of(due.organization_id):
        subject = str(member.subject)
        if not notifications.preferences(subject).stale_reminders:
            outcome.opted_out += 1
            continue
        if not notifications.claim_reminder(subject, run, now):
            outcome.already_sent += 1
            continue
        try:
            address = directory.email_of(subject)
            if address is None:
                outcome.no_address += 1
                logger.warning("provider has no address", extra={"subject": subject})
                continue
            organizations = [str(link.organization_id) for link in memberships.organizations_of(subject)]
            listed = due_records(organizations, due.months, now, records)
            if not any(record.service_id == due.service_id for record in listed):
                listed.append(DueRecord(service_id=due.service_id, name=due.name, last_confirmed=due.last_confirmed))
            message_id = send.send(reminders.stale_reminder(address, listed, due.months))
        except Exception:
            notifications.release_reminder(subject, run)
            raise
        outcome.sent += 1
        logger.info("reminder sent", extra={"subject": subject, "records": len(listed), "message_id": message_id})
    return outcome
