"""The publisher: an upload that landed in `incoming/` is checked, then published or refused.

    publish_upload(key) -> PublishOutcome | None

Checks, in order: the key names a resource and its current upload; the file is at most 25 MB; its content
(magic bytes and structure, never its name) is one of the accepted types and the type it was declared as;
a census CSV loads (all or nothing). Then the file is copied to its published key (bucket versioning keeps
the earlier file), the record points at the new object version with its size and SHA-256, its version goes
up by one, and the incoming object is deleted. A refusal is recorded on the resource with its reason and
the incoming object is deleted: nothing of a refused file is published or kept.

The published file name is the catalogue's (the pending upload's `file_name`, checked when the upload link
was issued), never the object key's: the key is only the uploader's claim.

S3 delivers events at least once: an event whose object is already gone is a repeat and is ignored.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

from local_offer.domain.filetypes import CSV, DetectedType, FileRefused, describe, detect
from local_offer.models.errors import InvalidRequest
from local_offer.models.resources import (
    FILE_NAME_PATTERN,
    MAX_FILE_BYTES,
    PublishOutcome,
    ResourceRecord,
    StoredFile,
)
from local_offer.observability import logger
from local_offer.repositories.resources import INCOMING_PREFIX, ResourceFileStore, ResourceRepository, StoredObject
from local_offer.services.resources import utc_now

CENSUS_TOPIC = "census"


@dataclass(frozen=True)
class IncomingKey:
    """What an incoming object's key says. Its file name is the uploader's: the published name and the name
    in an outcome come from the catalogue record (the pending upload), never from here."""

    resource_id: UUID
    upload_id: str
    file_name: str


def parse_incoming_key(key: str) -> IncomingKey | None:
    """`incoming/<resource id>/<upload id>/<file name>`, or None for any other key."""
    if not key.startswith(INCOMING_PREFIX):
        return None
    parts = key[len(INCOMING_PREFIX) :].split("/")
    if len(parts) != 3 or not all(parts):
        return None
    try:
        resource_id = UUID(parts[0])
    except ValueError:
        return None
    return IncomingKey(resource_id, parts[1], parts[2])


def publish_upload(key: str) -> PublishOutcome | None:
    """Publish or refuse the object at `key`; None when there is nothing to do (a repeat or a stray key)."""
    store, repository = ResourceFileStore(), ResourceRepository()
    stored = store.head(key)
    if stored is None:
        logger.info("upload already processed", extra={"key": key})
        return None
    incoming = parse_incoming_key(key)
    record = repository.get(incoming.resource_id) if incoming else None
    if incoming is None or record is None:
        logger.warning("upload for no resource deleted", extra={"key": key})
        store.discard(stored)
        return None
    pending = record.pending_upload
    if pending is None or pending.upload_id != incoming.upload_id:
        refusal = FileRefused("a newer upload link was requested for this resource, so this upload was ignored")
        return _refuse(record, incoming, stored, refusal)
    if key != pending.key:
        # The presigned POST pins the key, so only a client that bypassed S3's policy check gets here; the
        # file is still judged by its content and published under the catalogue's name, never the key's.
        logger.warning("upload key differs from its link's", extra={"key": key, "expected": pending.key})
    try:
        detected, body = _checked(stored, store, pending.content_type)
        sha256 = hashlib.sha256(body).hexdigest()
        _load_census_figures(record, detected, body, source=f"resource {record.id} v{record.version + 1}")
    except FileRefused as refusal:
        return _refuse(record, incoming, stored, refusal)
    return _publish(record, incoming, stored, detected, sha256)


def _checked(stored: StoredObject, store: ResourceFileStore, declared: str) -> tuple[DetectedType, bytes]:
    if stored.size > MAX_FILE_BYTES:
        raise FileRefused(f"the file is {stored.size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes (25 MB)")
    body = store.read(stored)
    detected = detect(body, declared)
    if detected.content_type != declared:
        raise FileRefused(
            f"the file's content is {detected.label}, but it was declared as {describe(declared)}",
            detected=detected.content_type,
        )
    return detected, body


def _load_census_figures(record: ResourceRecord, detected: DetectedType, body: bytes, source: str) -> None:
    """A census resource's CSV must load into the census figures, whole, before it is published."""
    if CENSUS_TOPIC not in record.topics:
        return
    if detected.content_type != CSV:
        raise FileRefused("a census resource must be a CSV file", detected=detected.content_type)
    # Imported here: only census uploads need the census service. It stores the figures of a whole file or
    # raises InvalidRequest (or ValueError) naming the row and column that are wrong, and stores nothing.
    from local_offer.services.census import load_census_csv

    try:
        load_census_csv(body, source)
    except (InvalidRequest, ValueError) as exc:
        # A bad file (the loader names its row and column). Anything else, a conflict or an outage, fails
        # the invocation so that the event is retried.
        detail = exc.detail if isinstance(exc, InvalidRequest) else str(exc)
        raise FileRefused(f"the census CSV was rejected: {detail}", detected=CSV) from exc


def _publish(
    record: ResourceRecord, incoming: IncomingKey, stored: StoredObject, detected: DetectedType, sha256: str
) -> PublishOutcome:
    store, now = ResourceFileStore(), utc_now()
    assert record.pending_upload is not None  # checked by publish_upload
    file_name = record.pending_upload.file_name  # the catalogue's name, checked when the link was issued
    target = store.published_key(record.id, file_name)
    version_id = store.publish_copy(stored, target, detected.content_type, sha256)
    version = record.version + 1
    published_file = StoredFile(
        version=version,
        file_name=file_name,
        content_type=detected.content_type,
        size_bytes=stored.size,
        sha256=sha256,
        s3_key=target,
        s3_version_id=version_id,
        published_at=now,
    )
    outcome = PublishOutcome(
        status="published",
        upload_id=incoming.upload_id,
        file_name=file_name,
        detected_type=detected.content_type,
        at=now,
    )
    previous = [record.current_file, *record.previous_files] if record.current_file else record.previous_files
    changed = record.model_copy(
        update={
            "version": version,
            "published": True,
            "current_file": published_file,
            "previous_files": previous,
            "pending_upload": None,
            "last_outcome": outcome,
            "updated_at": now,
            "revision": record.revision + 1,
        }
    )
    # A concurrent change raises StaleWrite: the invocation fails and S3's event is retried, while the
    # catalogue still names the previous object version, so downloads are unaffected.
    ResourceRepository().replace(changed, expected_revision=record.revision)
    store.discard(stored)
    logger.info("resource published", extra={"resource_id": str(record.id), "version": version, "sha256": sha256})
    return outcome


def _catalogue_name(record: ResourceRecord, incoming: IncomingKey) -> str:
    """The name the catalogue gives this upload: its pending upload's when the upload is the pending one, else
    the current file's; the key's own name only when it is a plain, valid file name."""
    pending = record.pending_upload
    if pending is not None and pending.upload_id == incoming.upload_id:
        return pending.file_name
    if FILE_NAME_PATTERN.fullmatch(incoming.file_name):
        return incoming.file_name
    return record.current_file.file_name if record.current_file else "(unnamed upload)"


def _refuse(
    record: ResourceRecord, incoming: IncomingKey, stored: StoredObject, refusal: FileRefused
) -> PublishOutcome:
    now = utc_now()
    outcome = PublishOutcome(
        status="refused",
        upload_id=incoming.upload_id,
        file_name=_catalogue_name(record, incoming),
        reason=refusal.reason,
        detected_type=refusal.detected,
        at=now,
    )
    changed = record.model_copy(update={"last_outcome": outcome, "updated_at": now, "revision": record.revision + 1})
    ResourceRepository().replace(changed, expected_revision=record.revision)
    ResourceFileStore().discard(stored)
    logger.warning("upload refused", extra={"resource_id": str(record.id), "reason": refusal.reason})
    return outcome
