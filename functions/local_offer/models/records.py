"""Our own record fields, kept beside the ORUK shape rather than inside it."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import ConfigDict, Field, StringConstraints

from local_offer.models.base import Model
from local_offer.models.oruk import Service, Url

LocalAreaId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{0,39}$")]


class RecordMeta(Model):
    """Directory bookkeeping that ORUK has no field for."""

    model_config = ConfigDict(extra="forbid")

    record_version: Annotated[int, Field(ge=1, description="Increases by one on every write")] = 1
    last_verified: dt.datetime | None = Field(
        default=None, description="When the provider last confirmed the record is correct"
    )
    local_area: LocalAreaId | None = Field(default=None, description="Local area (Area Action Partnership) id")
    sample_data: bool = Field(default=False, description="True for generated demonstration records")
    send_information_report_url: Url | None = Field(
        default=None, description="A school's published SEND information report"
    )


class PublishedService(Service):
    """A service as the API returns it: the ORUK service plus our `local_offer` extension object."""

    local_offer: RecordMeta | None = None

    def to_record(self) -> ServiceRecord:
        """The stored form: the ORUK part and our metadata apart."""
        data = self.model_dump(exclude={"local_offer"})
        return ServiceRecord(service=Service.model_validate(data), meta=self.local_offer or RecordMeta())


class ServiceRecord(Model):
    """A directory record as stored: the ORUK service and our metadata."""

    model_config = ConfigDict(extra="forbid")

    service: Service
    meta: RecordMeta = Field(default_factory=RecordMeta)

    def published(self) -> PublishedService:
        """The API form of this record."""
        return PublishedService.model_validate({**self.service.__dict__, "local_offer": self.meta})


# ---- verification keys: when a record was last confirmed, as a key that sorts in time order ----------


def last_confirmed(last_modified: dt.datetime | None, last_verified: dt.datetime | None) -> dt.datetime | None:
    """The later of a record's last change and last verification (None: never confirmed)."""
    moments = [moment for moment in (last_modified, last_verified) if moment is not None]
    return max(moments) if moments else None


NEVER_CONFIRMED = "0000-00-00T00:00:00.000000Z"  # sorts before every moment: never confirmed is the stalest


def confirmation_key(moment: dt.datetime | None) -> str:
    """A moment as a string that sorts in time order (UTC, fixed width); NEVER_CONFIRMED for none."""
    if moment is None:
        return NEVER_CONFIRMED
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
