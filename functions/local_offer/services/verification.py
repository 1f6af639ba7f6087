"""Record verification use cases: a provider confirms a record is still correct, officers list the records
nobody has confirmed for a while, and the weekly sweep publishes a RecordVerificationDue event per such record.

Each takes the stores it reaches (typed by the Protocols in `services.ports`; the real repositories when None).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from uuid import UUID

from local_offer.domain import change_requests as rules
from local_offer.models.change_requests import StaleRecord, StaleRecordList, VerifiedRecord
from local_offer.models.errors import InvalidRequest, NotFound
from local_offer.models.identity import Principal
from local_offer.models.notifications import VerificationDue
from local_offer.observability import logger
from local_offer.repositories.events import EventPublisher
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.services.access import require_organization_access
from local_offer.services.ports import EventSink, MembershipStore, RecordStore

VERIFICATION_DUE = "RecordVerificationDue"


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def verify(
    principal: Principal,
    service_id: UUID,
    *,
    records: RecordStore | None = None,
    memberships: MembershipStore | None = None,
) -> VerifiedRecord:
    """The provider confirms the record is still correct: `last_verified` = now (`last_modified` unchanged)."""
    records = records or ServiceRecordRepository()
    record = records.get(service_id)
    if record is None:
        raise NotFound(f"No service with id {service_id}")
    require_organization_access(principal, record.service.organization_id, memberships)
    confirmed = rules.verified(record, utcnow())
    records.put(confirmed, expected_version=record.meta.record_version)
    logger.info("record verified", extra={"service_id": str(service_id)})
    assert confirmed.meta.last_verified is not None
    return VerifiedRecord(
        id=service_id,
        last_verified=confirmed.meta.last_verified,
        last_modified=confirmed.service.last_modified,
        record_version=confirmed.meta.record_version,
    )


def _parse_time(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


SWEEP_PAGE_SIZE = 500  # records per index query in the weekly sweep


def stale_records(
    months: int,
    now: dt.datetime | None = None,
    *,
    limit: int = 50,
    cursor: str | None = None,
    records: RecordStore | None = None,
) -> StaleRecordList:
    """A page of public records (active or temporarily closed) neither verified nor changed within `months`,
    the longest unconfirmed first, from the sparse verification index: the cost grows with the page, not
    the table (a count of every stale record would read them all; the weekly sweep's StaleRecords metric
    gives it)."""
    from local_offer.repositories.dynamo import decode_cursor, encode_cursor
    from local_offer.repositories.records import PUBLIC_SCOPE, VERIFICATION_KEY_ATTRIBUTES

    now = now or utcnow()
    cutoff = rules.months_before(now, months)
    start = decode_cursor(cursor, VERIFICATION_KEY_ATTRIBUTES, {"verification_scope": PUBLIC_SCOPE}) if cursor else None
    if start is not None and start["last_confirmed"] >= rules.confirmation_key(cutoff):
        raise InvalidRequest("cursor belongs to a list with another period (months)", "cursor")
    summaries, last_key = (records or ServiceRecordRepository()).due_verification(cutoff, limit, start)
    stale = []
    for summary in summaries:
        modified, verified = _parse_time(summary["last_modified"]), _parse_time(summary["last_verified"])
        stale.append(
            StaleRecord(
                **summary | {"last_modified": modified, "last_verified": verified},
                last_confirmed=rules.last_confirmed(modified, verified),
            )
        )
    return StaleRecordList(
        months=months,
        cutoff=cutoff,
        size=len(stale),
        contents=stale,
        next_cursor=encode_cursor(last_key) if last_key else None,
    )


def remind_stale(
    months: int, *, records: RecordStore | None = None, events: EventSink | None = None
) -> tuple[int, int]:
    """Publish a RecordVerificationDue event per stale record; returns (stale, published)."""
    cutoff = rules.months_before(utcnow(), months)
    repository = records or ServiceRecordRepository()
    details: list[VerificationDue] = []
    start: dict[str, Any] | None = None
    # One id per sweep: the notifier sends each provider one e-mail per run, whatever the number of events.
    run_id = uuid.uuid4().hex
    while True:
        summaries, start = repository.due_verification(cutoff, SWEEP_PAGE_SIZE, start)
        for summary in summaries:
            confirmed = rules.last_confirmed(
                _parse_time(summary["last_modified"]), _parse_time(summary["last_verified"])
            )
            details.append(
                VerificationDue(
                    service_id=summary["id"],
                    organization_id=summary["organization_id"] or None,
                    name=summary["name"],
                    last_confirmed=confirmed,
                    months=months,
                    run_id=run_id,
                )
            )
        if start is None:
            break
    published = (events or EventPublisher()).publish_many(VERIFICATION_DUE, details)
    return len(details), published
