"""Who may act on which organisation's records, for the change-request use cases: the one rule in
`services.access` (officers on all, providers on the organisations they are linked to in the memberships
table), under the names the change-request code imports.
"""

from __future__ import annotations

from uuid import UUID

from local_offer.services.access import can_act_on_organization, require_organization_access

__all__ = ["can_act_on_organization", "link", "require_organization_access"]


def link(subject: str, organization_id: UUID | str, added_by: str = "local-offer-tests") -> None:
    """Link a provider user to an organisation (idempotent)."""
    from local_offer.repositories.memberships import MembershipRepository

    MembershipRepository().link(UUID(str(subject)), UUID(str(organization_id)), added_by=added_by)
