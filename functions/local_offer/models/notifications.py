"""E-mail notifications: a user's preferences, the verification-due event the notifier reads, an e-mail."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import ConfigDict, Field, StrictBool

from local_offer.models.base import Model


class NotificationPreferences(Model):
    """`GET|PUT /me/notifications`: which e-mails the signed-in user receives (every one is on until turned off)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stale_reminders: StrictBool = Field(
        description="The weekly e-mail listing your organisations' records due re-verification"
    )


class VerificationDue(Model):
    """The detail of a `RecordVerificationDue` event, as the weekly sweep publishes it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    service_id: UUID
    organization_id: UUID | None = None
    name: str = ""
    last_confirmed: dt.datetime | None = None
    months: int = Field(ge=1, le=120)
    run_id: str | None = Field(default=None, description="One id per sweep: a provider gets one e-mail per run")


class DueRecord(Model):
    """One line of a reminder: a record of the provider's organisations that needs re-verifying."""

    model_config = ConfigDict(frozen=True)

    service_id: UUID
    name: str
    last_confirmed: dt.datetime | None = None


class Email(Model):
    """A plain-text e-mail to one recipient."""

    model_config = ConfigDict(frozen=True)

    to: str
    subject: str
    text: str


class ReminderOutcome(Model):
    """What the notifier did for one event's providers (counts only: no addresses)."""

    sent: int = 0
    opted_out: int = 0
    already_sent: int = 0
    no_address: int = 0
