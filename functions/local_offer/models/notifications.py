"""E-mail notifications: a user's preferences, the verification-due event the notifier reads, an e-mail."""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool


class NotificationPreferences(BaseModel):
    """`GET|PUT /me/notifications`: which e-mails the signed-in user receives (every one is on until turned off)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    stale_reminders: StrictBool = Field(
        description="The weekly e-mail listing your organisations' records due re-verification"
    )


class VerificationDue(BaseModel):
    """The detail of a `RecordVerificationDue` event, as the weekly sweep publishes it."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    service_id: UUID
    organization_id: UUID | None = None
    name: str = ""
    last_confirmed: dt.datetime | None = None
    months: int = Field(ge=1, le=120)
    run_id: str | None = Field(default=None, description="One id per sweep: a provider gets one e-mail per run")


class DueRecord(BaseModel):
    """One line of a reminder: a record of the provider's organisations that needs re-verifying."""

    model_config = ConfigDict(frozen=True)

    service_id: UUID
    name: str
    last_confirmed: dt.datetime | None = None


class Email(BaseModel):
    """A plain-text e-mail to one recipient."""

    model_config = ConfigDict(frozen=True)

    to: str
    subject: str
    text: str


class ReminderOutcome(BaseModel):
    """What the notifier did for one event's providers (counts only: no addresses)."""

    sent: int = 0
    opted_out: int = 0
    already_sent: int = 0
    no_address: int = 0
