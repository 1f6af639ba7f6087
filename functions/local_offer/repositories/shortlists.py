"""The shortlists table: one item per shortlist, expiring by TTL.

Item layout: `id` (the unguessable shortlist id, the key), `body` (the StoredShortlist as JSON: service ids,
note, created_at, expires_at) and `expires_at` (epoch seconds, the table's TTL attribute). DynamoDB deletes
an expired item within days, so readers also compare `expires_at` with the clock.
"""

from __future__ import annotations

from local_offer.models.errors import StaleWrite
from local_offer.models.shortlists import StoredShortlist
from local_offer.repositories.dynamo import TableRepository


class ShortlistRepository(TableRepository):
    """Stores and reads shortlists."""

    table_setting = "shortlists_table_name"

    def add(self, shortlist: StoredShortlist) -> None:
        """Store a new shortlist; never overwrites one with the same id (raises StaleWrite)."""
        from boto3.dynamodb.conditions import Attr

        item = {
            "id": shortlist.id,
            "body": shortlist.model_dump_json(exclude_none=True),
            "expires_at": int(shortlist.expires_at.timestamp()),
        }
        try:
            self.table.put_item(Item=item, ConditionExpression=Attr("id").not_exists())
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite(f"A shortlist with id {shortlist.id} exists already") from exc

    def get(self, shortlist_id: str) -> StoredShortlist | None:
        """The shortlist, or None (expired ones too, until the TTL removes them: check `expires_at`)."""
        item = self.table.get_item(Key={"id": shortlist_id}).get("Item")
        return StoredShortlist.model_validate_json(item["body"]) if item else None
