""" "You said, we did" entries in the insights table.

Item layout (keys `pk`/`sk`):
    pk = "ENTRY#<uuid>", sk = "ENTRY"   entity, status, version, body (the Entry as JSON)
        and, once published, listing = "published", listed_at = "<date>#<published_at>#<uuid>"
The `published` index (listing, listed_at) is sparse: drafts and counters carry neither attribute, so the
public list reads published entries only, newest first, a page at a time.
A write is conditional on the version it replaces, so two officers editing at once cannot lose an edit.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from local_offer.models.errors import StaleWrite
from local_offer.models.insights import Entry
from local_offer.repositories.dynamo import TableRepository, decode_cursor, encode_cursor, query_page

ENTITY = "you_said_we_did"
PUBLISHED_INDEX = "published"
PUBLISHED = "published"
CURSOR_ATTRIBUTES = ("listing", "listed_at", "pk", "sk")


def entry_key(entry_id: UUID | str) -> dict[str, str]:
    return {"pk": f"ENTRY#{entry_id}", "sk": "ENTRY"}


def entry_to_item(entry: Entry) -> dict[str, Any]:
    item: dict[str, Any] = {
        **entry_key(entry.id),
        "entity": ENTITY,
        "status": entry.status,
        "version": entry.version,
        "body": entry.model_dump_json(),
    }
    if entry.status == "published" and entry.published_at:
        item["listing"] = PUBLISHED
        item["listed_at"] = f"{entry.date.isoformat()}#{entry.published_at.isoformat()}#{entry.id}"
    return item


class EntryRepository(TableRepository):
    """Reads and writes entries; every write is conditional."""

    table_setting = "insights_table_name"

    def get(self, entry_id: UUID | str) -> Entry | None:
        item = self.table.get_item(Key=entry_key(entry_id), ConsistentRead=True).get("Item")
        return Entry.model_validate_json(item["body"]) if item else None

    def put(self, entry: Entry, expected_version: int | None) -> None:
        """Write the entry: a new one (`expected_version` None) or the next version of a stored one."""
        from boto3.dynamodb.conditions import Attr

        condition = Attr("pk").not_exists() if expected_version is None else Attr("version").eq(expected_version)
        try:
            self.table.put_item(Item=entry_to_item(entry), ConditionExpression=condition)
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite(f"Entry {entry.id} changed meanwhile: read it again and redo the change") from exc

    def published(self, limit: int, cursor: str | None) -> tuple[list[Entry], str | None]:
        """A page of published entries, newest first, and the cursor of the next page."""
        from boto3.dynamodb.conditions import Key

        start = decode_cursor(cursor, CURSOR_ATTRIBUTES, {"listing": PUBLISHED}) if cursor else None
        items, last = query_page(
            self.table.query,
            limit,
            CURSOR_ATTRIBUTES,
            start,
            IndexName=PUBLISHED_INDEX,
            KeyConditionExpression=Key("listing").eq(PUBLISHED),
            ScanIndexForward=False,
        )
        entries = [Entry.model_validate_json(item["body"]) for item in items]
        return entries, encode_cursor(last) if last else None
