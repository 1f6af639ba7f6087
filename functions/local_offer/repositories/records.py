"""The directory records table: one item per service, the ORUK body kept as JSON beside our metadata.

Item layout (single table, keys `pk`/`sk`):
    pk = "SERVICE#<uuid>", sk = "CURRENT"
    entity, id, name, organization_id, status, record_version, last_modified, last_verified, local_area,
    body (the ORUK service as a JSON string: exact, compact, and free of DynamoDB's number and
    empty-value rules)
    public records only: verification_scope = "public", last_confirmed (the later of last_modified and
    last_verified, UTC, fixed width; "0000-..." when never confirmed)

Index `verification` (verification_scope, last_confirmed) is sparse: only public records carry its keys, so the
officers' list of records due a check and the weekly sweep read exactly the records older than the cutoff,
longest unconfirmed first, whatever the size of the table. A record that stops being public loses the keys
and leaves the index. One partition is enough: a directory's writes are a few a second at most.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any
from uuid import UUID

from local_offer.models.errors import StaleWrite
from local_offer.models.oruk import PUBLIC_STATUSES, Service
from local_offer.models.records import RecordMeta, ServiceRecord, confirmation_key, last_confirmed
from local_offer.repositories.dynamo import TableRepository, all_items, projection, query_page

SERVICE_ENTITY = "service"
CURRENT = "CURRENT"
VERIFICATION_INDEX = "verification"
PUBLIC_SCOPE = "public"
# What the verification index's keys and projection hold (its keys, then the table's).
VERIFICATION_KEY_ATTRIBUTES = ("verification_scope", "last_confirmed", "pk", "sk")


def service_key(service_id: UUID | str) -> dict[str, str]:
    """The table key of a service's current record."""
    return {"pk": f"SERVICE#{service_id}", "sk": CURRENT}


def record_to_item(record: ServiceRecord) -> dict[str, Any]:
    """The DynamoDB item for a record (only non-empty attributes)."""
    service, meta = record.service, record.meta
    item: dict[str, Any] = {
        **service_key(service.id),
        "entity": SERVICE_ENTITY,
        "id": str(service.id),
        "status": service.status,
        "record_version": meta.record_version,
        "sample_data": meta.sample_data,
        "body": json.dumps(service.to_json_dict(), separators=(",", ":"), ensure_ascii=False),
    }
    optional = {
        "organization_id": service.organization_id and str(service.organization_id),
        "last_modified": service.last_modified and service.last_modified.isoformat(),
        "last_verified": meta.last_verified and meta.last_verified.isoformat(),
        "local_area": meta.local_area,
        "send_information_report_url": meta.send_information_report_url,
    }
    item.update({key: value for key, value in optional.items() if value})
    if service.name:
        item["name"] = service.name
    if service.status in PUBLIC_STATUSES:
        confirmed = last_confirmed(service.last_modified, meta.last_verified)
        item.update(verification_scope=PUBLIC_SCOPE, last_confirmed=confirmation_key(confirmed))
    return item


def item_to_record(item: Mapping[str, Any]) -> ServiceRecord:
    """Rebuild a record from a table item or a stream image already converted to plain values."""
    meta = RecordMeta(
        record_version=int(item["record_version"]),
        last_verified=item.get("last_verified"),
        local_area=item.get("local_area"),
        sample_data=bool(item.get("sample_data", False)),
        send_information_report_url=item.get("send_information_report_url"),
    )
    return ServiceRecord(service=Service.model_validate_json(item["body"]), meta=meta)


class ServiceRecordRepository(TableRepository):
    """Reads and writes service records; every write bumps nothing by itself: callers set the version."""

    table_setting = "records_table_name"

    def get(self, service_id: UUID | str) -> ServiceRecord | None:
        """The current record, or None when there is none."""
        response = self.table.get_item(Key=service_key(service_id), ConsistentRead=True)
        item = response.get("Item")
        return item_to_record(item) if item else None

    def get_many(self, service_ids: Iterable[UUID | str]) -> dict[str, ServiceRecord]:
        """The current records of up to 100 services, by id string; ids without a record are left out."""
        import time

        keys = [service_key(service_id) for service_id in dict.fromkeys(str(s) for s in service_ids)]
        found: dict[str, ServiceRecord] = {}
        pending = {self.table_name: {"Keys": keys, "ConsistentRead": True}} if keys else {}
        for attempt in range(8):
            if not pending:
                break
            if attempt:
                time.sleep(min(0.05 * 2**attempt, 1.0))  # unprocessed keys: back off as DynamoDB advises
            response = self.dynamodb.batch_get_item(RequestItems=pending)
            for item in response.get("Responses", {}).get(self.table_name, []):
                found[str(item["id"])] = item_to_record(item)
            pending = response.get("UnprocessedKeys") or {}
        if pending:
            raise RuntimeError("DynamoDB left keys unprocessed after retries")
        return found

    def put(self, record: ServiceRecord, expected_version: int | None = None) -> None:
        """Write a record; with `expected_version`, only if the stored one still has that version
        (0 means "must not exist yet"), else raise StaleWrite."""
        from boto3.dynamodb.conditions import Attr

        kwargs: dict[str, Any] = {"Item": record_to_item(record)}
        if expected_version == 0:
            kwargs["ConditionExpression"] = Attr("pk").not_exists()
        elif expected_version is not None:
            kwargs["ConditionExpression"] = Attr("record_version").eq(expected_version)
        try:
            self.table.put_item(**kwargs)
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite(
                f"Service {record.service.id} changed meanwhile (or already exists); nothing was written: "
                "read it again and retry"
            ) from exc

    def put_many(self, records: Iterable[ServiceRecord]) -> int:
        """Write many records with a batch writer (used by the seed loader); returns the count."""
        count = 0
        with self.table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            for record in records:
                batch.put_item(Item=record_to_item(record))
                count += 1
        return count

    def delete(self, service_id: UUID | str) -> None:
        """Remove a record (no error when it does not exist)."""
        self.table.delete_item(Key=service_key(service_id))

    def scan(self) -> Iterator[ServiceRecord]:
        """Every current service record, page by page."""
        for item in self.scan_items():
            yield item_to_record(item)

    def scan_items(self, attributes: Sequence[str] | None = None) -> Iterator[dict[str, Any]]:
        """Every current service item as stored (only `attributes` when given), page by page."""
        from boto3.dynamodb.conditions import Attr

        condition = Attr("entity").eq(SERVICE_ENTITY) & Attr("sk").eq(CURRENT)
        yield from all_items(self.table.scan, FilterExpression=condition, **projection(attributes))

    def versions(self) -> Iterator[tuple[str, int]]:
        """(service id, record version) of every current record: a cheap scan of two attributes."""
        for item in self.scan_items(attributes=("id", "record_version")):
            yield str(item["id"]), int(item["record_version"])

    def get_item(self, service_id: UUID | str) -> dict[str, Any] | None:
        """The stored item of a service's current record (not validated), or None."""
        item: dict[str, Any] | None = self.table.get_item(Key=service_key(service_id), ConsistentRead=True).get("Item")
        return item

    def approximate_count(self) -> int:
        """The table's item count as DynamoDB last computed it (refreshed about every six hours)."""
        return int(self.table.item_count or 0)

    def due_verification(
        self, cutoff: dt.datetime, limit: int, start: Mapping[str, Any] | None = None
    ) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
        """Public records last confirmed before `cutoff` (never confirmed first, then the oldest), read from the
        sparse `verification` index: up to `limit` summaries (id, name, organization_id, status,
        last_modified, last_verified) and the key to continue from (None at the end)."""
        items, last_key = query_page(
            self.table.query,
            limit,
            VERIFICATION_KEY_ATTRIBUTES,
            start,
            IndexName=VERIFICATION_INDEX,
            KeyConditionExpression=self._due_condition(cutoff),
        )
        summaries = [
            {
                "id": item["id"],
                "name": item.get("name", ""),
                "organization_id": item.get("organization_id"),
                "status": item.get("status"),
                "last_modified": item.get("last_modified"),
                "last_verified": item.get("last_verified"),
            }
            for item in items
        ]
        return summaries, last_key

    def backfill_verification_keys(self) -> int:
        """Give every public record written before the `verification` index existed its keys (a one-off after
        deploying the index); returns how many items were updated. Each update is conditional on the item's
        version, so a record written meanwhile (which already has its keys) is left alone."""
        updated = 0
        attributes = ("pk", "sk", "status", "record_version", "last_modified", "last_verified", "body")
        for item in self.scan_items(attributes=(*attributes, "verification_scope")):
            if item.get("verification_scope") or item.get("status") not in PUBLIC_STATUSES:
                continue
            modified, verified = (
                dt.datetime.fromisoformat(value) if value else None
                for value in (item.get("last_modified"), item.get("last_verified"))
            )
            confirmed = confirmation_key(last_confirmed(modified, verified))
            try:
                self.table.update_item(
                    Key={"pk": item["pk"], "sk": item["sk"]},
                    UpdateExpression="SET verification_scope = :scope, last_confirmed = :confirmed, #name = :name",
                    ConditionExpression="record_version = :version",
                    ExpressionAttributeNames={"#name": "name"},
                    ExpressionAttributeValues={
                        ":scope": PUBLIC_SCOPE,
                        ":confirmed": confirmed,
                        ":name": json.loads(item["body"]).get("name", ""),
                        ":version": item["record_version"],
                    },
                )
            except self.table.meta.client.exceptions.ConditionalCheckFailedException:
                continue  # rewritten meanwhile: the new item carries its keys
            updated += 1
        return updated

    @staticmethod
    def _due_condition(cutoff: dt.datetime) -> Any:
        from boto3.dynamodb.conditions import Key

        return Key("verification_scope").eq(PUBLIC_SCOPE) & Key("last_confirmed").lt(confirmation_key(cutoff))
