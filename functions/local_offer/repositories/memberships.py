"""Provider ↔ organisation links in the memberships table.

Item layout (keys `pk`/`sk`; the `by_organization` index swaps them):
    pk = "USER#<sub>", sk = "ORG#<organization id>"
    subject, organization_id, added_by, added_at
One get_item answers "may this user act for this organisation?"; a query on pk lists a user's
organisations, a query on the index lists an organisation's members.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from local_offer.models.memberships import Membership
from local_offer.repositories.dynamo import TableRepository, all_items

BY_ORGANIZATION_INDEX = "by_organization"


def membership_key(subject: UUID | str, organization_id: UUID | str) -> dict[str, str]:
    return {"pk": f"USER#{subject}", "sk": f"ORG#{organization_id}"}


def _to_item(membership: Membership) -> dict[str, Any]:
    return {
        **membership_key(membership.subject, membership.organization_id),
        "subject": str(membership.subject),
        "organization_id": str(membership.organization_id),
        "added_by": membership.added_by,
        "added_at": membership.added_at.isoformat(),
    }


def _from_item(item: Mapping[str, Any]) -> Membership:
    # The keys are the truth; links written by older tools carry nothing else.
    return Membership(
        subject=item["pk"].removeprefix("USER#"),
        organization_id=item["sk"].removeprefix("ORG#"),
        added_by=item.get("added_by", "unknown"),
        added_at=item.get("added_at", "1970-01-01T00:00:00+00:00"),
    )


class MembershipRepository(TableRepository):
    """Links, unlinks and looks up provider ↔ organisation memberships."""

    table_setting = "memberships_table_name"

    def link(self, subject: UUID, organization_id: UUID, added_by: str) -> tuple[Membership, bool]:
        """Make the link unless it exists; returns the stored link and whether it was created now."""
        from boto3.dynamodb.conditions import Attr

        membership = Membership(
            subject=subject, organization_id=organization_id, added_by=added_by, added_at=datetime.now(UTC)
        )
        try:
            self.table.put_item(Item=_to_item(membership), ConditionExpression=Attr("pk").not_exists())
        except self.table.meta.client.exceptions.ConditionalCheckFailedException:
            existing = self.get(subject, organization_id)
            if existing is not None:
                return existing, False
            raise  # removed between the two calls: let the caller retry
        return membership, True

    def unlink(self, subject: UUID, organization_id: UUID) -> bool:
        """Remove the link; False when there was none."""
        response = self.table.delete_item(Key=membership_key(subject, organization_id), ReturnValues="ALL_OLD")
        return "Attributes" in response

    def get(self, subject: UUID | str, organization_id: UUID | str) -> Membership | None:
        item = self.table.get_item(Key=membership_key(subject, organization_id), ConsistentRead=True).get("Item")
        return _from_item(item) if item else None

    def is_member(self, subject: UUID | str, organization_id: UUID | str) -> bool:
        """One strongly consistent read: a link removed a moment ago no longer counts."""
        response = self.table.get_item(
            Key=membership_key(subject, organization_id), ConsistentRead=True, ProjectionExpression="pk"
        )
        return "Item" in response

    def organizations_of(self, subject: UUID | str) -> list[Membership]:
        """The user's links, by organisation id."""
        from boto3.dynamodb.conditions import Key

        condition = Key("pk").eq(f"USER#{subject}") & Key("sk").begins_with("ORG#")
        return list(self._query(KeyConditionExpression=condition, ConsistentRead=True))

    def members_of(self, organization_id: UUID | str) -> list[Membership]:
        """The organisation's links, by user (the index is eventually consistent)."""
        from boto3.dynamodb.conditions import Key

        condition = Key("sk").eq(f"ORG#{organization_id}") & Key("pk").begins_with("USER#")
        return list(self._query(IndexName=BY_ORGANIZATION_INDEX, KeyConditionExpression=condition))

    def _query(self, **kwargs: Any) -> Iterator[Membership]:
        yield from (_from_item(item) for item in all_items(self.table.query, **kwargs))
