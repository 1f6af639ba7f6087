"""Resource catalogue use cases: list, read and download (public); create, re-upload and unpublish (officers).

Files never pass through the API: officers get a presigned POST into `incoming/`, and the publisher
(`services/publishing.py`, run by the bucket's ObjectCreated event) checks the file and publishes it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from uuid import UUID, uuid4

from local_offer.domain.resources import ResourceFilter, select
from local_offer.models.errors import NotFound
from local_offer.models.identity import Principal
from local_offer.models.resources import (
    MAX_FILE_BYTES,
    FileDeclaration,
    NewResource,
    PendingUpload,
    PublicResource,
    ResourceCreated,
    ResourcePage,
    ResourceRecord,
    UploadTicket,
)
from local_offer.repositories.resources import ResourceFileStore, ResourceRepository
from local_offer.services.ports import ResourceStore

UPLOAD_LINK_SECONDS = 15 * 60
DOWNLOAD_LINK_SECONDS = 5 * 60  # the issue allows at most 15 minutes; a click follows the redirect at once


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def download_path(resource_id: UUID | str) -> str:
    return f"/resources/{resource_id}/download"


def list_resources(
    query: ResourceFilter, page: int, per_page: int, base_url: str, repository: ResourceStore | None = None
) -> ResourcePage:
    """A page of published resources matching every filter, in title order (ORUK envelope)."""
    matching = select((repository or ResourceRepository()).published(), query.validated())
    start = (page - 1) * per_page
    contents = [record.public(base_url + download_path(record.id)) for record in matching[start : start + per_page]]
    return ResourcePage.of(contents, len(matching), page, per_page)


def published_record(resource_id: UUID, repository: ResourceStore | None = None) -> ResourceRecord:
    """The resource when it is published; NotFound otherwise (unpublished ones are not public)."""
    record = (repository or ResourceRepository()).get(resource_id)
    if record is None or not record.published or record.current_file is None:
        raise NotFound(f"No published resource {resource_id}")
    return record


def get_public(resource_id: UUID, base_url: str) -> PublicResource:
    """A published resource as the public sees it, with its download link."""
    record = published_record(resource_id)
    return record.public(base_url + download_path(record.id))


def download_link(resource_id: UUID) -> str:
    """A short-lived presigned GET of exactly the file version the catalogue publishes."""
    record = published_record(resource_id)
    current = record.current_file
    assert current is not None  # published_record guarantees it
    return ResourceFileStore().presigned_download(
        current.s3_key, current.s3_version_id, current.file_name, current.content_type, DOWNLOAD_LINK_SECONDS
    )


def officer_record(resource_id: UUID, repository: ResourceStore | None = None) -> ResourceRecord:
    """The whole record, published or not, with its last publishing outcome (officers)."""
    record = (repository or ResourceRepository()).get(resource_id)
    if record is None:
        raise NotFound(f"No resource {resource_id}")
    return record


def create_resource(new: NewResource, principal: Principal, *, sample_data: bool = False) -> ResourceCreated:
    """A new, unpublished catalogue entry and a presigned POST for its first file."""
    now = utc_now()
    resource_id = uuid4()
    pending, ticket = _upload_for(resource_id, new, principal, now)
    record = ResourceRecord(
        id=resource_id,
        title=new.title,
        summary=new.summary,
        audience=new.audience,
        topics=new.topics,
        version=0,
        published=False,
        pending_upload=pending,
        created_at=now,
        updated_at=now,
        created_by=_who(principal),
        sample_data=sample_data,
    )
    ResourceRepository().create(record)
    return ResourceCreated(resource=record, upload=ticket)


def request_upload(
    resource_id: UUID, declaration: FileDeclaration, principal: Principal, repository: ResourceStore | None = None
) -> UploadTicket:
    """A presigned POST for a new file of an existing resource; it replaces any unused earlier one."""
    repository = repository or ResourceRepository()
    record = officer_record(resource_id, repository)
    now = utc_now()
    pending, ticket = _upload_for(resource_id, declaration, principal, now)
    changed = record.model_copy(update={"pending_upload": pending, "updated_at": now, "revision": record.revision + 1})
    repository.replace(changed, expected_revision=record.revision)
    return ticket


def unpublish(resource_id: UUID, principal: Principal, repository: ResourceStore | None = None) -> ResourceRecord:
    """Take the resource out of the public catalogue; its files and history stay (re-publish by uploading)."""
    repository = repository or ResourceRepository()
    record = officer_record(resource_id, repository)
    if not record.published:
        return record
    changed = record.model_copy(update={"published": False, "updated_at": utc_now(), "revision": record.revision + 1})
    repository.replace(changed, expected_revision=record.revision)
    return changed


def _upload_for(
    resource_id: UUID, declaration: FileDeclaration, principal: Principal, now: dt.datetime
) -> tuple[PendingUpload, UploadTicket]:
    store = ResourceFileStore()
    upload_id = secrets.token_hex(8)
    key = store.incoming_key(resource_id, upload_id, declaration.file_name)
    presigned = store.presigned_upload(key, declaration.content_type, UPLOAD_LINK_SECONDS)
    expires_at = now + dt.timedelta(seconds=UPLOAD_LINK_SECONDS)
    pending = PendingUpload(
        upload_id=upload_id,
        file_name=declaration.file_name,
        content_type=declaration.content_type,
        key=key,
        requested_by=_who(principal),
        requested_at=now,
        expires_at=expires_at,
    )
    ticket = UploadTicket(
        url=presigned["url"],
        fields={name: str(value) for name, value in presigned["fields"].items()},
        key=key,
        upload_id=upload_id,
        content_type=declaration.content_type,
        max_bytes=MAX_FILE_BYTES,
        expires_at=expires_at,
    )
    return pending, ticket


def _who(principal: Principal) -> str:
    return principal.email or principal.subject
