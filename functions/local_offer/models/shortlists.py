"""Shareable shortlists: a few services a practitioner or family picked, behind an unguessable link."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints

from local_offer.models.base import Model
from local_offer.models.oruk import ServiceStatus

MAX_SERVICES = 30
MAX_NOTE_LENGTH = 1_000


class ShortlistSubmission(Model):
    """`POST /shortlists`: the services to share and an optional note for the family."""

    model_config = ConfigDict(extra="forbid")

    service_ids: list[UUID] = Field(
        min_length=1,
        max_length=MAX_SERVICES,
        description=f"1-{MAX_SERVICES} different ids of services listed in the directory, in the order to show",
    )
    note: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_NOTE_LENGTH)] | None = (
        Field(
            default=None,
            description=f"Optional note shown with the list (up to {MAX_NOTE_LENGTH} characters); no personal details",
        )
    )


class StoredShortlist(Model):
    """A shortlist as stored: service ids only, so every read shows the services as they are now."""

    model_config = ConfigDict(extra="forbid")

    id: str
    service_ids: list[UUID]
    note: str | None = None
    created_at: dt.datetime
    expires_at: dt.datetime


class ShortlistCreated(Model):
    """`POST /shortlists` (201): where the shortlist can be read and printed, and until when."""

    id: str = Field(description="Unguessable id (at least 128 random bits); anyone with it can read the list")
    url: str = Field(description="`GET` this to read the shortlist")
    print_url: str = Field(description="A printable HTML page of the shortlist")
    expires_at: dt.datetime = Field(description="After this moment the shortlist is gone (404)")


class ShortlistOrganization(Model):
    id: UUID
    name: str


class ShortlistContact(Model):
    """How to reach the service: its own e-mail and phone, else its contacts', else its organisation's."""

    email: str | None = None
    phone: str | None = None


class ShortlistEntry(Model):
    """One service as it is now. A service no longer listed is flagged `withdrawn` (and keeps its place)."""

    id: UUID
    withdrawn: bool = Field(description="True when the service is no longer in the public directory")
    name: str | None = Field(default=None, description="Absent only when the record is gone altogether")
    status: ServiceStatus | None = None
    organization: ShortlistOrganization | None = None
    contact: ShortlistContact | None = Field(default=None, description="Only for services still listed")
    url: str | None = Field(default=None, description="The service's website, when it has one and is still listed")


class Shortlist(Model):
    """`GET /shortlists/{id}`: the note and each service's current summary, in the order chosen."""

    id: str
    note: str | None = None
    created_at: dt.datetime
    expires_at: dt.datetime
    services: list[ShortlistEntry]
