"""Shortlist rules: which services a new shortlist may hold, its id and lifetime, and each service's summary.

A shortlist stores service ids only; every read summarises the records as they are then, so a family never
sees details the directory has since corrected. Nothing here reads or writes storage.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections import Counter
from collections.abc import Iterable
from uuid import UUID

from local_offer.models.errors import InvalidRequest
from local_offer.models.oruk import PUBLIC_STATUSES, Service
from local_offer.models.records import ServiceRecord
from local_offer.models.shortlists import (
    ShortlistContact,
    ShortlistEntry,
    ShortlistOrganization,
    ShortlistSubmission,
    StoredShortlist,
)

LIFETIME = dt.timedelta(days=180)
# 18 random bytes = 144 bits, 24 URL-safe characters: beyond guessing, and no padding in the URL.
ID_BYTES = 18
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{24}")


def new_id() -> str:
    """An unguessable shortlist id (the link is the only key to the list)."""
    return secrets.token_urlsafe(ID_BYTES)


def is_well_formed(shortlist_id: str) -> bool:
    """True when `shortlist_id` could be one of ours (others are not found, without a read)."""
    return ID_PATTERN.fullmatch(shortlist_id) is not None


def new_shortlist(
    submission: ShortlistSubmission, listed: Iterable[UUID], now: dt.datetime, shortlist_id: str
) -> StoredShortlist:
    """The shortlist to store, from a submission and the ids among it that the public directory lists.

    Raises InvalidRequest naming each repeated id, and each id that is unknown or not publicly listed.
    """
    repeated = sorted(str(service_id) for service_id, n in Counter(submission.service_ids).items() if n > 1)
    if repeated:
        raise InvalidRequest.in_body([("service_ids", f"lists {', '.join(repeated)} more than once")])
    unknown = [str(service_id) for service_id in submission.service_ids if service_id not in set(listed)]
    if unknown:
        raise InvalidRequest.in_body(
            [("service_ids", f"no service listed in the directory has the id {', '.join(unknown)}")]
        )
    return StoredShortlist(
        id=shortlist_id,
        service_ids=list(submission.service_ids),
        note=submission.note,
        created_at=now,
        expires_at=now + LIFETIME,
    )


def is_listed(record: ServiceRecord | None) -> bool:
    """True for a record the public directory shows (active or temporarily closed)."""
    return record is not None and record.service.status in PUBLIC_STATUSES


def is_expired(shortlist: StoredShortlist, now: dt.datetime) -> bool:
    """Past its expiry (DynamoDB's TTL deletes it later, at some point within days)."""
    return shortlist.expires_at <= now


def contact(service: Service) -> ShortlistContact | None:
    """The service's own e-mail and first phone number, else its first contact's, else its organisation's
    e-mail; None when the record has no way to reach it."""
    people = service.contacts or []
    email = service.email or next((person.email for person in people if person.email), None)
    if email is None and service.organization is not None:
        email = service.organization.email
    phones = [*(service.phones or []), *(phone for person in people for phone in person.phones or [])]
    for place in service.service_at_locations or []:
        phones.extend(place.phones or [])
    phone = phones[0].number if phones else None
    return ShortlistContact(email=email, phone=phone) if email or phone else None


def entry(service_id: UUID, record: ServiceRecord | None) -> ShortlistEntry:
    """A service's current summary. A record no longer listed keeps its name and organisation but is flagged
    `withdrawn` and loses its contact details and website (they may no longer reach anyone)."""
    if record is None:
        return ShortlistEntry(id=service_id, withdrawn=True)
    service = record.service
    organization = (
        ShortlistOrganization(id=service.organization.id, name=service.organization.name)
        if service.organization is not None
        else None
    )
    summary = ShortlistEntry(
        id=service_id,
        withdrawn=not is_listed(record),
        name=service.name,
        status=service.status,
        organization=organization,
    )
    if not summary.withdrawn:
        summary.contact = contact(service)
        summary.url = service.url
    return summary
