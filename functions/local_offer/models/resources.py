"""Downloadable resources: the catalogue record, what the public sees, and what officers send and receive.

A resource is a document the Local Offer publishes (a parents' leaflet, a report template, funding guidance,
census figures). Its file goes through a presigned upload into `incoming/`, is checked by the publisher and
only then copied to its published key; the catalogue record says which S3 object version is current.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints, field_validator, model_validator

from local_offer.models.base import Model
from local_offer.models.pages import Page

Audience = Literal["parents", "practitioners", "providers"]
AUDIENCES: tuple[str, ...] = ("parents", "practitioners", "providers")

# The catalogue's topics: a closed list so that filters and links never point at a misspelt topic.
TOPICS: dict[str, str] = {
    "understanding-send": "Understanding SEND",
    "ehc-plans": "Education, health and care plans (My Plan)",
    "early-years": "Early years",
    "schools": "Schools and SEN support",
    "funding": "Funding",
    "health": "Health",
    "therapy": "Therapies",
    "short-breaks": "Short breaks",
    "preparing-for-adulthood": "Preparing for adulthood",
    "templates": "Forms and templates",
    "census": "SEND census figures",
}
Topic = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z-]{1,39}$")]

# What may be uploaded: content type -> the file name extensions that go with it.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": (".pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (".docx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (".xlsx",),
    "text/csv": (".csv",),
    "image/png": (".png",),
    "image/jpeg": (".jpg", ".jpeg"),
}
ContentType = Literal[
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv",
    "image/png",
    "image/jpeg",
]
MAX_FILE_BYTES = 25 * 1024 * 1024
# Letters, digits, spaces and a few punctuation marks: safe in an S3 key and a Content-Disposition header.
FILE_NAME_PATTERN = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9 ._()-]{0,118}[A-Za-z0-9)])?\.[A-Za-z]{3,4}$")

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=10, max_length=2000)]


def check_topics(topics: list[str]) -> list[str]:
    """Topics must be known and given once each."""
    unknown = [topic for topic in topics if topic not in TOPICS]
    if unknown:
        raise ValueError(f"unknown topic {unknown[0]!r}; one of {', '.join(TOPICS)}")
    if len(set(topics)) != len(topics):
        raise ValueError("a topic is listed twice")
    return topics


def check_file_name(file_name: str, content_type: str) -> str:
    """A plain file name whose extension matches its content type."""
    if not FILE_NAME_PATTERN.fullmatch(file_name):
        raise ValueError(
            "file_name must be at most 124 characters of letters, digits, spaces and . _ ( ) -, with an extension"
        )
    extensions = ALLOWED_TYPES[content_type]
    if not file_name.lower().endswith(extensions):
        raise ValueError(f"file_name must end with {' or '.join(extensions)} for {content_type}")
    return file_name


class FileDeclaration(Model):
    """The file an officer is about to upload, as they describe it; the publisher checks the real one."""

    model_config = ConfigDict(extra="forbid")

    file_name: str = Field(description="Name the file is downloaded as, e.g. understanding-send.pdf")
    content_type: ContentType = Field(description="One of PDF, DOCX, XLSX, CSV, PNG, JPEG")

    @model_validator(mode="after")
    def _extension_matches_type(self) -> FileDeclaration:
        check_file_name(self.file_name, self.content_type)
        return self


class NewResource(FileDeclaration):
    """`POST /resources`: the catalogue entry and the first file's name and type."""

    title: Title
    summary: Summary
    audience: Audience
    topics: Annotated[list[Topic], Field(min_length=1, max_length=5)]

    @field_validator("topics")
    @classmethod
    def _known_topics(cls, topics: list[str]) -> list[str]:
        return check_topics(topics)


class StoredFile(Model):
    """One published file: what was checked and where its bytes are (an S3 object version)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="Resource version this file was published as")
    file_name: str
    content_type: ContentType
    size_bytes: int = Field(ge=1, le=MAX_FILE_BYTES)
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    s3_key: str
    s3_version_id: str | None = Field(default=None, description="None only where the bucket is unversioned")
    published_at: dt.datetime


class PendingUpload(Model):
    """An upload URL that was handed out and not yet used."""

    model_config = ConfigDict(extra="forbid")

    upload_id: str
    file_name: str
    content_type: ContentType
    key: str
    requested_by: str
    requested_at: dt.datetime
    expires_at: dt.datetime


class PublishOutcome(Model):
    """What the publisher did with the latest upload: published it, or refused it and why."""

    model_config = ConfigDict(extra="forbid")

    status: Literal["published", "refused"]
    upload_id: str
    file_name: str
    reason: str | None = Field(default=None, description="Why the file was refused")
    detected_type: str | None = Field(default=None, description="What the file really is, by its content")
    at: dt.datetime


class ResourceRecord(Model):
    """The catalogue entry as stored (the source of truth) and as officers see it."""

    model_config = ConfigDict(extra="forbid")

    id: UUID
    title: Title
    summary: Summary
    audience: Audience
    topics: list[Topic]
    version: int = Field(ge=0, description="Increases by one each time a new file is published; 0 before the first")
    published: bool = Field(description="Listed and downloadable by the public")
    current_file: StoredFile | None = None
    previous_files: list[StoredFile] = Field(default_factory=list, description="Earlier versions, newest first")
    pending_upload: PendingUpload | None = None
    last_outcome: PublishOutcome | None = None
    revision: int = Field(default=1, ge=1, description="Increases with every change to the record")
    created_at: dt.datetime
    updated_at: dt.datetime
    created_by: str
    sample_data: bool = Field(default=False, description="True for the generated demonstration documents")

    def public(self, download_url: str) -> PublicResource:
        """The public view of a published resource."""
        current = self.current_file
        if current is None:
            raise ValueError("a resource without a published file has no public view")
        return PublicResource(
            id=self.id,
            title=self.title,
            summary=self.summary,
            audience=self.audience,
            topics=self.topics,
            file_name=current.file_name,
            content_type=current.content_type,
            size_bytes=current.size_bytes,
            sha256=current.sha256,
            version=self.version,
            published_at=current.published_at,
            updated_at=self.updated_at,
            download_url=download_url,
            sample_data=self.sample_data,
        )


class PublicResource(Model):
    """A published resource as `GET /resources` and `GET /resources/{id}` return it."""

    id: UUID
    title: str
    summary: str
    audience: Audience
    topics: list[str]
    file_name: str
    content_type: str
    size_bytes: int
    sha256: str = Field(description="SHA-256 of the file, hex")
    version: int
    published_at: dt.datetime = Field(description="When this version of the file was published")
    updated_at: dt.datetime
    download_url: str = Field(description="Redirects (302) to a short-lived link to the file")
    sample_data: bool = False


class ResourcePage(Page[PublicResource]):
    """A page of published resources (ORUK envelope)."""


class UploadTicket(Model):
    """A presigned POST: send `fields` and then the file (as form field `file`) to `url`, before `expires_at`."""

    url: str
    fields: dict[str, str]
    key: str
    upload_id: str
    content_type: str
    max_bytes: int
    expires_at: dt.datetime


class ResourceCreated(Model):
    """`POST /resources`: the new (unpublished) record and where to upload its file."""

    resource: ResourceRecord
    upload: UploadTicket
