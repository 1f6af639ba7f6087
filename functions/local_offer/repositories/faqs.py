"""FAQ items in the records table, with every version kept, and their feedback counts.

Item layout (single table, keys `pk`/`sk`, all under the item's own partition):
    pk = "FAQ#<uuid>", sk = "CURRENT"            the current version (the stream indexes this one)
        entity "faq", id, record_version, status, topic, body (the FaqItem as JSON)
    pk = "FAQ#<uuid>", sk = "VERSION#0000000003" every version ever written, the current one included
        entity "faq_version", id, record_version, body
    pk = "FAQ#<uuid>", sk = "FEEDBACK"            helpful / not_helpful counters (no personal data)

A change writes the new current item and its version item in one transaction, conditional on the current
version, so two officers editing at once cannot lose an edit and no version is ever missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from uuid import UUID

from local_offer.models.errors import StaleWrite
from local_offer.models.faqs import FaqItem
from local_offer.repositories.dynamo import TableRepository, all_items, projection

FAQ_ENTITY = "faq"
FAQ_VERSION_ENTITY = "faq_version"
CURRENT = "CURRENT"
FEEDBACK = "FEEDBACK"
VERSION_PREFIX = "VERSION#"


def faq_partition(faq_id: UUID | str) -> str:
    return f"FAQ#{faq_id}"


def version_sort_key(version: int) -> str:
    return f"{VERSION_PREFIX}{version:010d}"


def current_item(item: FaqItem) -> dict[str, Any]:
    return {
        "pk": faq_partition(item.id),
        "sk": CURRENT,
        "entity": FAQ_ENTITY,
        "id": str(item.id),
        "record_version": item.version,
        "status": item.status,
        "topic": item.topic,
        "body": item.model_dump_json(),
    }


def version_item(item: FaqItem) -> dict[str, Any]:
    return {
        "pk": faq_partition(item.id),
        "sk": version_sort_key(item.version),
        "entity": FAQ_VERSION_ENTITY,
        "id": str(item.id),
        "record_version": item.version,
        "body": item.model_dump_json(),
    }


def is_current_faq(image: Mapping[str, Any] | None) -> bool:
    """True for the current version of an FAQ item (a stream image or table item)."""
    return bool(image) and image.get("entity") == FAQ_ENTITY and image.get("sk") == CURRENT  # type: ignore[union-attr]


def faq_from_item(item: Mapping[str, Any]) -> FaqItem:
    """The FaqItem of a table item or stream image (raises pydantic.ValidationError when invalid)."""
    return FaqItem.model_validate_json(item["body"])


class FaqRepository(TableRepository):
    """Reads and writes FAQ items, their versions and their feedback counts."""

    table_setting = "records_table_name"

    def get(self, faq_id: UUID | str) -> FaqItem | None:
        response = self.table.get_item(Key={"pk": faq_partition(faq_id), "sk": CURRENT}, ConsistentRead=True)
        item = response.get("Item")
        return faq_from_item(item) if item else None

    def save(self, item: FaqItem, expected_version: int) -> None:
        """Write `item` as the new current version and keep it as a version; `expected_version` is the current
        version it replaces (0: the item must not exist yet). Raises StaleWrite otherwise."""
        # The resource's client takes plain values (it applies the same type serialisation as the resource).
        client = self.table.meta.client
        if expected_version == 0:
            condition: dict[str, Any] = {"ConditionExpression": "attribute_not_exists(pk)"}
        else:
            condition = {
                "ConditionExpression": "record_version = :expected",
                "ExpressionAttributeValues": {":expected": expected_version},
            }
        try:
            client.transact_write_items(
                TransactItems=[
                    {"Put": {"TableName": self.table_name, "Item": current_item(item), **condition}},
                    {
                        "Put": {
                            "TableName": self.table_name,
                            "Item": version_item(item),
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    },
                ]
            )
        except client.exceptions.TransactionCanceledException as exc:
            raise StaleWrite(f"FAQ item {item.id} changed meanwhile; read it again and reapply the change") from exc

    def put_many(self, items: Iterable[FaqItem]) -> int:
        """Write items with their version entries (the seed loader); returns how many items."""
        count = 0
        with self.table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            for item in items:
                batch.put_item(Item=current_item(item))
                batch.put_item(Item=version_item(item))
                count += 1
        return count

    def history(self, faq_id: UUID | str) -> list[FaqItem]:
        """Every version of an item, oldest first (empty when there is no such item)."""
        from boto3.dynamodb.conditions import Key

        kwargs: dict[str, Any] = {
            "KeyConditionExpression": Key("pk").eq(faq_partition(faq_id)) & Key("sk").begins_with(VERSION_PREFIX),
            "ConsistentRead": True,
        }
        return [faq_from_item(item) for item in all_items(self.table.query, **kwargs)]

    def version(self, faq_id: UUID | str, version: int) -> FaqItem | None:
        response = self.table.get_item(
            Key={"pk": faq_partition(faq_id), "sk": version_sort_key(version)}, ConsistentRead=True
        )
        item = response.get("Item")
        return faq_from_item(item) if item else None

    # ---- what a rebuild of the FAQ index reads (the same calls as ServiceRecordRepository's) ----

    def scan_items(self, attributes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every current FAQ item as stored (only `attributes` when given), page by page."""
        from boto3.dynamodb.conditions import Attr

        condition = Attr("entity").eq(FAQ_ENTITY) & Attr("sk").eq(CURRENT)
        yield from all_items(self.table.scan, FilterExpression=condition, **projection(attributes))

    def versions(self) -> Iterator[tuple[str, int]]:
        """(FAQ id, current version) of every item."""
        for item in self.scan_items(attributes=("id", "record_version")):
            yield str(item["id"]), int(item["record_version"])

    def get_item(self, faq_id: UUID | str) -> dict[str, Any] | None:
        """The stored current item (not validated), or None."""
        item: dict[str, Any] | None = self.table.get_item(
            Key={"pk": faq_partition(faq_id), "sk": CURRENT}, ConsistentRead=True
        ).get("Item")
        return item

    def approximate_count(self) -> int:
        """The table's item count as DynamoDB last computed it (every kind of item: an upper bound)."""
        return int(self.table.item_count or 0)

    def count_feedback(self, faq_id: UUID | str, helpful: bool) -> tuple[int, int]:
        """Add one helpful or not-helpful vote; returns the new (helpful, not_helpful) counts."""
        counter = "helpful" if helpful else "not_helpful"
        response = self.table.update_item(
            Key={"pk": faq_partition(faq_id), "sk": FEEDBACK},
            UpdateExpression="ADD #counter :one SET entity = :entity",
            ExpressionAttributeNames={"#counter": counter},
            ExpressionAttributeValues={":one": 1, ":entity": "faq_feedback"},
            ReturnValues="ALL_NEW",
        )
        attributes = response["Attributes"]
        return int(attributes.get("helpful", 0)), int(attributes.get("not_helpful", 0))

    def feedback(self, faq_id: UUID | str) -> tuple[int, int]:
        response = self.table.get_item(Key={"pk": faq_partition(faq_id), "sk": FEEDBACK})
        attributes = response.get("Item") or {}
        return int(attributes.get("helpful", 0)), int(attributes.get("not_helpful", 0))
