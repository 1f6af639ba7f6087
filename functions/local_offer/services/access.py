"""Who may act on what: officers on everything, providers on the organisations they are linked to.

The one place the rule lives. Use `require_organization_access` before any change a provider makes to
an organisation's services or requests; it raises Forbidden (403) and nothing else happens.
"""

from __future__ import annotations

from uuid import UUID

from local_offer.models.errors import Forbidden, NotFound
from local_offer.models.identity import Principal
from local_offer.models.memberships import CallerProfile, Membership, MembershipList
from local_offer.repositories.memberships import MembershipRepository
from local_offer.services.ports import MembershipStore


def can_act_on_organization(
    principal: Principal, organization_id: UUID | str | None, repository: MembershipStore | None = None
) -> bool:
    """True for an officer, or for a provider linked to the organisation. A record without an
    organisation can be changed by officers only."""
    if principal.is_officer:
        return True
    if not principal.is_provider or organization_id is None:
        return False
    return (repository or MembershipRepository()).is_member(principal.subject, organization_id)


def require_organization_access(
    principal: Principal, organization_id: UUID | str | None, repository: MembershipStore | None = None
) -> None:
    """Raise Forbidden unless `can_act_on_organization`."""
    if not can_act_on_organization(principal, organization_id, repository):
        raise Forbidden("You are not linked to the organisation this concerns; ask the Family Information Service")


def organization_ids_of(principal: Principal, repository: MembershipStore | None = None) -> list[UUID]:
    """The organisations a provider is linked to (officers act on all, and this lists only their own links)."""
    return [link.organization_id for link in (repository or MembershipRepository()).organizations_of(principal.subject)]


def caller_profile(principal: Principal, repository: MembershipStore | None = None) -> CallerProfile:
    """`GET /me`: who the token names, their groups and the organisations they are linked to."""
    return CallerProfile(
        subject=principal.subject,
        email=principal.email,
        groups=sorted(principal.groups),
        is_officer=principal.is_officer,
        organization_ids=organization_ids_of(principal, repository),
    )


def link_member(
    officer: Principal, organization_id: UUID, subject: UUID, repository: MembershipStore | None = None
) -> tuple[Membership, bool]:
    """Link a provider user to an organisation (idempotent); returns the link and whether it is new."""
    return (repository or MembershipRepository()).link(subject, organization_id, added_by=officer.subject)


def unlink_member(organization_id: UUID, subject: UUID, repository: MembershipStore | None = None) -> None:
    """Remove a link; NotFound when there was none."""
    if not (repository or MembershipRepository()).unlink(subject, organization_id):
        raise NotFound(f"User {subject} is not linked to organisation {organization_id}")


def members_of(organization_id: UUID, repository: MembershipStore | None = None) -> MembershipList:
    """The provider users linked to an organisation."""
    return MembershipList(contents=(repository or MembershipRepository()).members_of(organization_id))


def organizations_of(subject: UUID, repository: MembershipStore | None = None) -> MembershipList:
    """The organisations a user is linked to."""
    return MembershipList(contents=(repository or MembershipRepository()).organizations_of(subject))
