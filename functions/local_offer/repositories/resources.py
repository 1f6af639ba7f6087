"""The resource catalogue (DynamoDB) and the resource files (S3).

Catalogue item layout (table ResourcesTable, keys `pk`/`sk`):
    pk = "RESOURCE#<uuid>", sk = "CURRENT", revision, body (the ResourceRecord as JSON),
    catalogue = "published" and title_sort only while published: the sparse index `ByCatalogue`
    lists exactly the public catalogue, in title order.

Bucket layout: `incoming/<resource id>/<upload id>/<file name>` (presigned uploads land here and the
publisher deletes them) and `published/<resource id>/<file name>` (one key per resource and file name;
bucket versioning keeps every earlier file, and the catalogue names the object version it serves).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from local_offer.models.errors import StaleWrite
from local_offer.models.resources import MAX_FILE_BYTES, ResourceRecord
from local_offer.repositories.clients import s3_client
from local_offer.repositories.dynamo import TableRepository, all_items

CURRENT = "CURRENT"
CATALOGUE_INDEX = "ByCatalogue"
PUBLISHED = "published"
INCOMING_PREFIX = "incoming/"
PUBLISHED_PREFIX = "published/"


def resource_key(resource_id: UUID | str) -> dict[str, str]:
    return {"pk": f"RESOURCE#{resource_id}", "sk": CURRENT}


def record_to_item(record: ResourceRecord) -> dict[str, Any]:
    item: dict[str, Any] = {
        **resource_key(record.id),
        "entity": "resource",
        "revision": record.revision,
        "body": record.model_dump_json(),
    }
    if record.published:
        item["catalogue"] = PUBLISHED
        item["title_sort"] = f"{record.title.casefold()}#{record.id}"
    return item


def item_to_record(item: Mapping[str, Any]) -> ResourceRecord:
    return ResourceRecord.model_validate_json(item["body"])


class ResourceRepository(TableRepository):
    """Reads and writes catalogue records; every write is conditional on the revision it replaces."""

    table_setting = "resources_table_name"

    def get(self, resource_id: UUID | str) -> ResourceRecord | None:
        item = self.table.get_item(Key=resource_key(resource_id), ConsistentRead=True).get("Item")
        return item_to_record(item) if item else None

    def create(self, record: ResourceRecord) -> None:
        """Write a new record; StaleWrite when one with this id exists."""
        self._put(record, condition="new")

    def replace(self, record: ResourceRecord, expected_revision: int) -> None:
        """Write `record` only if the stored one still has `expected_revision`, else StaleWrite."""
        self._put(record, condition=expected_revision)

    def _put(self, record: ResourceRecord, condition: str | int) -> None:
        from boto3.dynamodb.conditions import Attr

        expression = Attr("pk").not_exists() if condition == "new" else Attr("revision").eq(condition)
        try:
            self.table.put_item(Item=record_to_item(record), ConditionExpression=expression)
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite(f"Resource {record.id} changed meanwhile; nothing was written: try again") from exc

    def published(self) -> Iterator[ResourceRecord]:
        """Every published resource, in title order (the sparse catalogue index)."""
        from boto3.dynamodb.conditions import Key

        items = all_items(
            self.table.query, IndexName=CATALOGUE_INDEX, KeyConditionExpression=Key("catalogue").eq(PUBLISHED)
        )
        yield from (item_to_record(item) for item in items)


@dataclass(frozen=True)
class StoredObject:
    """An S3 object version as the publisher sees it."""

    key: str
    version_id: str | None
    size: int
    content_type: str | None


class ResourceFileStore:
    """The resource bucket: presigned upload and download URLs, and the publisher's reads, copies, deletes."""

    def __init__(self, bucket_name: str | None = None) -> None:
        # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
        from local_offer.settings import get_settings

        self.bucket = bucket_name or get_settings().resources_bucket_name

    @staticmethod
    def incoming_key(resource_id: UUID | str, upload_id: str, file_name: str) -> str:
        return f"{INCOMING_PREFIX}{resource_id}/{upload_id}/{file_name}"

    @staticmethod
    def published_key(resource_id: UUID | str, file_name: str) -> str:
        return f"{PUBLISHED_PREFIX}{resource_id}/{file_name}"

    def presigned_upload(self, key: str, content_type: str, expires_in: int) -> dict[str, Any]:
        """A presigned POST for exactly this key, this content type and 1 byte to 25 MB."""
        return s3_client().generate_presigned_post(
            Bucket=self.bucket,
            Key=key,
            Fields={"Content-Type": content_type},
            Conditions=[
                {"bucket": self.bucket},
                {"key": key},
                {"Content-Type": content_type},
                ["content-length-range", 1, MAX_FILE_BYTES],
            ],
            ExpiresIn=expires_in,
        )

    def presigned_download(
        self, key: str, version_id: str | None, file_name: str, content_type: str, expires_in: int
    ) -> str:
        """A presigned GET of one object version that makes browsers save it under `file_name`."""
        params: dict[str, Any] = {
            "Bucket": self.bucket,
            "Key": key,
            "ResponseContentDisposition": content_disposition(file_name),
            "ResponseContentType": content_type,
        }
        if version_id:
            params["VersionId"] = version_id
        return s3_client().generate_presigned_url("get_object", Params=params, ExpiresIn=expires_in)

    def head(self, key: str) -> StoredObject | None:
        """The object's current version, or None when it is gone (already processed, say)."""
        client = s3_client()
        try:
            response = client.head_object(Bucket=self.bucket, Key=key)
        except client.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return None
            raise
        return StoredObject(key, response.get("VersionId"), int(response["ContentLength"]), response.get("ContentType"))

    def read(self, stored: StoredObject) -> bytes:
        params: dict[str, Any] = {"Bucket": self.bucket, "Key": stored.key}
        if stored.version_id:
            params["VersionId"] = stored.version_id
        return s3_client().get_object(**params)["Body"].read()

    def publish_copy(self, source: StoredObject, target_key: str, content_type: str, sha256: str) -> str | None:
        """Copy an incoming object version to its published key; returns the new object's version id."""
        copy_source: dict[str, str] = {"Bucket": self.bucket, "Key": source.key}
        if source.version_id:
            copy_source["VersionId"] = source.version_id
        response = s3_client().copy_object(
            Bucket=self.bucket,
            Key=target_key,
            CopySource=copy_source,
            MetadataDirective="REPLACE",
            ContentType=content_type,
            Metadata={"sha256": sha256},
        )
        return response.get("VersionId")

    def discard(self, stored: StoredObject) -> None:
        """Delete an object version for good (not a delete marker), so nothing of it stays behind."""
        params: dict[str, Any] = {"Bucket": self.bucket, "Key": stored.key}
        if stored.version_id:
            params["VersionId"] = stored.version_id
        s3_client().delete_object(**params)

    def versions(self, key: str) -> list[dict[str, Any]]:
        """Every stored version of a key, newest first (operators and tests)."""
        response = s3_client().list_object_versions(Bucket=self.bucket, Prefix=key)
        return [version for version in response.get("Versions", []) if version["Key"] == key]


def content_disposition(file_name: str) -> str:
    """`attachment` with the file name, plain and RFC 5987-encoded (the names are ASCII already)."""
    from urllib.parse import quote

    return f"attachment; filename=\"{file_name}\"; filename*=UTF-8''{quote(file_name)}"
