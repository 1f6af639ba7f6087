"""The change requests table: requests and the history of applied changes, apart from the live records.

Item layout (keys `pk`/`sk`; the request or entry itself is the JSON `body`):
    pk = "REQUEST#<uuid>",    sk = "REQUEST"        a change request; `status`, `submitted_at`, `submitter`,
                                                     `organization_id`, `service_id` feed the indexes
    pk = "SERVICE#<uuid>",    sk = "HISTORY#<applied_at>#<request uuid>"   one applied change to a record
Indexes: `queue` (status, submitted_at) for the officers' queue, `submitter` (submitter, submitted_at) for a
provider's own requests, `suggestions` (suggestion_for, submitted_at) for the public suggestions about an
organisation's services (only those carry `suggestion_for`, the organisation id). All are sparse: history
entries carry none of these attributes. Lists are read a page at a time with an opaque cursor (the last
item's index and table keys), pinned to the query's partition.

A public suggestion's item may carry `contact_email`, the sender's address for a reply. It is an item
attribute, never part of `body`, so no read of a request (`get`, the lists) returns it; `contact_email()`
reads it for officers. Every later write of a request puts the whole item without it, so the write that
decides a suggestion is the write that deletes the address.

An officer's decision is written in one transaction across both tables: the record (conditional on its
version), the history entry and the request (conditional on still being `submitted`); either all or none.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from local_offer.models.change_requests import PUBLIC_ORIGIN, ChangeRequest, HistoryEntry, Origin, RequestStatus
from local_offer.models.errors import StaleWrite
from local_offer.models.records import ServiceRecord
from local_offer.repositories.dynamo import TableRepository, all_items, decode_cursor, encode_cursor, query_page
from local_offer.repositories.records import record_to_item, service_key

REQUEST_ENTITY = "change_request"
HISTORY_ENTITY = "history"
QUEUE_INDEX = "queue"
SUBMITTER_INDEX = "submitter"
SUGGESTIONS_INDEX = "suggestions"
# What a cursor of each index holds: the index's keys, then the table's.
QUEUE_KEY_ATTRIBUTES = ("status", "submitted_at", "pk", "sk")
SUBMITTER_KEY_ATTRIBUTES = ("submitter", "submitted_at", "pk", "sk")
SUGGESTIONS_KEY_ATTRIBUTES = ("suggestion_for", "submitted_at", "pk", "sk")
CONTACT_EMAIL = "contact_email"


def request_key(request_id: UUID | str) -> dict[str, str]:
    return {"pk": f"REQUEST#{request_id}", "sk": "REQUEST"}


def _json(model: Any) -> str:
    return model.model_dump_json(exclude_none=True)


def request_to_item(request: ChangeRequest) -> dict[str, Any]:
    item: dict[str, Any] = {
        **request_key(request.id),
        "entity": REQUEST_ENTITY,
        "status": request.status,
        "submitted_at": request.submitted_at.isoformat(),
        "submitter": request.submitted_by.subject,
        "service_id": str(request.service_id),
        "body": _json(request),
    }
    if request.organization_id:
        item["organization_id"] = str(request.organization_id)
    if request.origin:
        item["origin"] = request.origin
    if request.origin == PUBLIC_ORIGIN and request.organization_id:
        item["suggestion_for"] = str(request.organization_id)
    return item


def history_to_item(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "pk": f"SERVICE#{entry.service_id}",
        "sk": f"HISTORY#{entry.applied_at.isoformat()}#{entry.request_id}",
        "entity": HISTORY_ENTITY,
        "body": _json(entry),
    }


def _condition(expression: str, names: dict[str, str], values: dict[str, Any]) -> dict[str, Any]:
    """A condition for a transaction item (the resource's condition builder does not reach inside one)."""
    condition: dict[str, Any] = {"ConditionExpression": expression, "ExpressionAttributeNames": names}
    if values:
        condition["ExpressionAttributeValues"] = values
    return condition


class ChangeRequestRepository(TableRepository):
    """Reads and writes change requests and record history."""

    table_setting = "change_requests_table_name"

    def __init__(self, table_name: str | None = None, records_table_name: str | None = None) -> None:
        # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
        from local_offer.settings import get_settings

        super().__init__(table_name)
        self._records_table_name = records_table_name or get_settings().records_table_name

    # --- requests ---------------------------------------------------------------------------------------
    def get(self, request_id: UUID | str) -> ChangeRequest | None:
        item = self.table.get_item(Key=request_key(request_id), ConsistentRead=True).get("Item")
        return ChangeRequest.model_validate_json(item["body"]) if item else None

    def add(self, request: ChangeRequest) -> None:
        """Store a new request (never overwrites one with the same id)."""
        from boto3.dynamodb.conditions import Attr

        self.table.put_item(Item=request_to_item(request), ConditionExpression=Attr("pk").not_exists())

    def add_suggestion(self, request: ChangeRequest, contact_email: str | None) -> None:
        """Store a new public suggestion with the sender's reply address (kept beside `body`, not in it)."""
        from boto3.dynamodb.conditions import Attr

        item = request_to_item(request)
        if contact_email:
            item[CONTACT_EMAIL] = contact_email
        self.table.put_item(Item=item, ConditionExpression=Attr("pk").not_exists())

    def contact_email(self, request_id: UUID | str) -> str | None:
        """The reply address a public suggestion still holds (None once decided, or when none was given)."""
        item = self.table.get_item(
            Key=request_key(request_id),
            ProjectionExpression="#e",
            ExpressionAttributeNames={"#e": CONTACT_EMAIL},
            ConsistentRead=True,
        ).get("Item")
        return str(item[CONTACT_EMAIL]) if item and item.get(CONTACT_EMAIL) else None

    def replace(self, request: ChangeRequest, expected_status: RequestStatus) -> None:
        """Store a request's new state, only if it is still in `expected_status` (else StaleWrite)."""
        from boto3.dynamodb.conditions import Attr

        try:
            self.table.put_item(Item=request_to_item(request), ConditionExpression=Attr("status").eq(expected_status))
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite(f"Change request {request.id} was decided or withdrawn meanwhile") from exc

    def queue(
        self,
        status: RequestStatus,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        origin: Origin | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> tuple[list[ChangeRequest], str | None]:
        """A page of requests in `status`, oldest first, optionally only older ones, one organisation's or one
        origin's (`provider` includes requests stored before origins were recorded); and the cursor of the
        next page (None on the last)."""
        from boto3.dynamodb.conditions import Attr, Key

        condition = Key("status").eq(status)
        if submitted_before is not None:
            condition &= Key("submitted_at").lt(submitted_before.isoformat())
        kwargs: dict[str, Any] = {"IndexName": QUEUE_INDEX, "KeyConditionExpression": condition}
        filters = []
        if organization_id is not None:
            filters.append(Attr("organization_id").eq(str(organization_id)))
        if origin == PUBLIC_ORIGIN:
            filters.append(Attr("origin").eq(PUBLIC_ORIGIN))
        elif origin is not None:
            filters.append(Attr("origin").not_exists() | Attr("origin").ne(PUBLIC_ORIGIN))
        if filters:
            kwargs["FilterExpression"] = functools.reduce(operator.and_, filters)
        return self._page(kwargs, QUEUE_KEY_ATTRIBUTES, {"status": status}, limit, cursor)

    def suggestions_about(
        self,
        organization_id: UUID,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> tuple[list[ChangeRequest], str | None]:
        """A page of the public suggestions about one organisation's services, oldest first, optionally only
        some statuses or older ones; and the cursor of the next page (None on the last)."""
        from boto3.dynamodb.conditions import Attr, Key

        condition = Key("suggestion_for").eq(str(organization_id))
        if submitted_before is not None:
            condition &= Key("submitted_at").lt(submitted_before.isoformat())
        kwargs: dict[str, Any] = {"IndexName": SUGGESTIONS_INDEX, "KeyConditionExpression": condition}
        if statuses is not None:
            kwargs["FilterExpression"] = Attr("status").is_in(list(statuses))
        partition = {"suggestion_for": str(organization_id)}
        return self._page(kwargs, SUGGESTIONS_KEY_ATTRIBUTES, partition, limit, cursor)

    def submitted_by(
        self,
        subject: str,
        statuses: Iterable[RequestStatus] | None = None,
        *,
        submitted_before: dt.datetime | None = None,
        organization_id: UUID | None = None,
        limit: int = 100,
        cursor: str | None = None,
    ) -> tuple[list[ChangeRequest], str | None]:
        """A page of a submitter's requests, oldest first, optionally only some statuses, older ones or one
        organisation's; and the cursor of the next page (None on the last)."""
        from boto3.dynamodb.conditions import Attr, Key

        condition = Key("submitter").eq(subject)
        if submitted_before is not None:
            condition &= Key("submitted_at").lt(submitted_before.isoformat())
        kwargs: dict[str, Any] = {"IndexName": SUBMITTER_INDEX, "KeyConditionExpression": condition}
        filters = []
        if statuses is not None:
            filters.append(Attr("status").is_in(list(statuses)))
        if organization_id is not None:
            filters.append(Attr("organization_id").eq(str(organization_id)))
        if filters:
            kwargs["FilterExpression"] = functools.reduce(operator.and_, filters)
        return self._page(kwargs, SUBMITTER_KEY_ATTRIBUTES, {"submitter": subject}, limit, cursor)

    def _page(
        self,
        kwargs: dict[str, Any],
        key_attributes: tuple[str, ...],
        partition: dict[str, str],
        limit: int,
        cursor: str | None,
    ) -> tuple[list[ChangeRequest], str | None]:
        start = decode_cursor(cursor, key_attributes, partition) if cursor else None
        items, last_key = query_page(self.table.query, limit, key_attributes, start, **kwargs)
        requests = [ChangeRequest.model_validate_json(item["body"]) for item in items]
        return requests, encode_cursor(last_key) if last_key else None

    # --- history ----------------------------------------------------------------------------------------
    def history(self, service_id: UUID | str) -> list[HistoryEntry]:
        """Every applied change to a record, oldest first."""
        from boto3.dynamodb.conditions import Key

        condition = Key("pk").eq(f"SERVICE#{service_id}") & Key("sk").begins_with("HISTORY#")
        items = all_items(self.table.query, KeyConditionExpression=condition, ConsistentRead=True)
        return [HistoryEntry.model_validate_json(item["body"]) for item in items]

    # --- decisions --------------------------------------------------------------------------------------
    def apply(
        self,
        request: ChangeRequest,
        record: ServiceRecord | None,
        history: HistoryEntry | None,
        expected_record_version: int,
    ) -> None:
        """Write a decided request and, when something was accepted, the new record and its history entry,
        in one transaction. `expected_record_version` 0 means the record must not exist yet.

        Raises StaleWrite, saying whether the record or the request changed (then nothing at all was written).
        """
        items: list[dict[str, Any]] = []
        if record is not None:
            if expected_record_version == 0:
                record_condition = _condition("attribute_not_exists(#pk)", {"#pk": "pk"}, {})
            else:
                record_condition = _condition("#v = :v", {"#v": "record_version"}, {":v": expected_record_version})
            items.append(
                {"Put": {"TableName": self._records_table_name, "Item": record_to_item(record), **record_condition}}
            )
        if history is not None:
            items.append({"Put": {"TableName": self.table_name, "Item": history_to_item(history)}})
        request_condition = _condition("#s = :s", {"#s": "status"}, {":s": "submitted"})
        items.append({"Put": {"TableName": self.table_name, "Item": request_to_item(request), **request_condition}})
        client = self.table.meta.client
        try:
            client.transact_write_items(TransactItems=items)
        except client.exceptions.TransactionCanceledException as exc:
            reasons = [reason.get("Code") for reason in exc.response.get("CancellationReasons", [])]
            if record is not None and reasons and reasons[0] == "ConditionalCheckFailed":
                version = self._record_version(record.service.id)
                raise StaleWrite(
                    f"Service {record.service.id} changed while the decision was applied (version "
                    f"{expected_record_version} -> {version}); nothing was applied: review the request again"
                ) from exc
            raise StaleWrite(
                f"Change request {request.id} was withdrawn or decided meanwhile; nothing was applied"
            ) from exc

    def _record_version(self, service_id: UUID | str) -> int:
        """The stored record's version now (0 when there is none)."""
        records = self.dynamodb.Table(self._records_table_name)
        item = records.get_item(
            Key=service_key(service_id), ConsistentRead=True, ProjectionExpression="record_version"
        ).get("Item")
        return int(item["record_version"]) if item else 0
