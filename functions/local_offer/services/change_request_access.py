"""Who may act on which organisation's records: officers on all, providers on the organisations they are
linked to. The same rule and signatures as the identity work's `services.access`; this stand-in reads
provider links from the records table until the memberships table is in place, then gives way to it.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from local_offer.models.errors import Forbidden
from local_offer.models.identity import Principal


def _links_table() -> Any:
    """The memberships table once the settings name one (same key layout), else the records table."""
    from local_offer.repositories.clients import dynamodb_resource
    from local_offer.settings import get_settings

    settings = get_settings()
    return dynamodb_resource().Table(getattr(settings, "memberships_table_name", None) or settings.records_table_name)


def link_key(subject: str, organization_id: UUID | str) -> dict[str, str]:
    return {"pk": f"USER#{subject}", "sk": f"ORG#{organization_id}"}


def link(subject: str, organization_id: UUID | str) -> None:
    """Link a provider user to an organisation."""
    _links_table().put_item(Item={**link_key(subject, organization_id), "entity": "membership"})


def can_act_on_organization(principal: Principal, organization_id: UUID | str | None) -> bool:
    """True for an officer, or for a provider linked to the organisation."""
    if principal.is_officer:
        return True
    if not principal.is_provider or organization_id is None:
        return False
    response = _links_table().get_item(Key=link_key(principal.subject, organization_id), ConsistentRead=True)
    return "Item" in response


def require_organization_access(principal: Principal, organization_id: UUID | str | None) -> None:
    """Raise Forbidden unless `can_act_on_organization`."""
    if not can_act_on_organization(principal, organization_id):
        raise Forbidden("You are not linked to the organisation this concerns; ask the Family Information Service")
