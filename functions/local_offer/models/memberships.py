"""Which organisations a provider user acts for, and the caller's own profile."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import ConfigDict, Field

from local_offer.models.base import Model


class Membership(Model):
    """A provider user linked to an organisation by an officer: they may act on its services."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    subject: UUID = Field(description="The user's Cognito `sub`")
    organization_id: UUID = Field(description="The ORUK organisation id")
    added_by: str = Field(description="The `sub` of the officer who made the link")
    added_at: datetime = Field(description="When the link was made (UTC)")


class MembershipList(Model):
    """Links of one organisation (its members) or of one user (their organisations)."""

    contents: list[Membership]


class CallerProfile(Model):
    """`GET /me`: who the token names, their groups, and the organisations they may act for."""

    subject: str
    email: str | None = None
    groups: list[str]
    is_officer: bool = Field(description="Officers may act on every organisation")
    organization_ids: list[UUID] = Field(description="Organisations this user is linked to")
