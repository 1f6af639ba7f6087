"""Shareable shortlists: create one (no sign-in), read it, print it.

A shortlist holds service ids; reads summarise the records as they are now (a withdrawn service is flagged,
not dropped). The id is the only key to a list, so logs never name it or the note.
"""

from __future__ import annotations

import datetime as dt

from local_offer.domain import shortlists as rules
from local_offer.models.errors import NotFound, StaleWrite
from local_offer.models.shortlists import Shortlist, ShortlistCreated, ShortlistSubmission, StoredShortlist
from local_offer.observability import logger
from local_offer.repositories.records import ServiceRecordRepository
from local_offer.repositories.shortlists import ShortlistRepository
from local_offer.services.rate_limits import enforce_rate_limit

# Shortlists per client (hashed source IP) per hour: a practitioner's day of families, not a script.
SHORTLIST_LIMIT = 30
SHORTLIST_WINDOW_SECONDS = 3600


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def shortlist_path(shortlist_id: str) -> str:
    return f"/shortlists/{shortlist_id}"


def create_shortlist(submission: ShortlistSubmission, client: str, base_url: str) -> ShortlistCreated:
    """Store a new shortlist of listed services; returns its id and links.

    Raises InvalidRequest naming repeated ids and ids that are unknown or not publicly listed, and
    TooManyRequests when this client made too many (checks first: a refused request neither counts nor writes).
    """
    records = ServiceRecordRepository().get_many(submission.service_ids)
    listed = [service_id for service_id in submission.service_ids if rules.is_listed(records.get(str(service_id)))]
    now = utcnow()
    shortlist = rules.new_shortlist(submission, listed, now, rules.new_id())
    enforce_rate_limit(
        "shortlist", client, SHORTLIST_LIMIT, SHORTLIST_WINDOW_SECONDS, "Too many shortlists from this client"
    )
    repository = ShortlistRepository()
    try:
        repository.add(shortlist)
    except StaleWrite:  # the id is taken: 2^-144 odds; draw again rather than fail the family
        shortlist = shortlist.model_copy(update={"id": rules.new_id()})
        repository.add(shortlist)
    logger.info("shortlist created", extra={"services": len(shortlist.service_ids), "note": shortlist.note is not None})
    path = shortlist_path(shortlist.id)
    return ShortlistCreated(
        id=shortlist.id,
        url=f"{base_url}{path}",
        print_url=f"{base_url}{path}/print",
        expires_at=shortlist.expires_at,
    )


def _stored(shortlist_id: str, now: dt.datetime) -> StoredShortlist:
    stored = ShortlistRepository().get(shortlist_id) if rules.is_well_formed(shortlist_id) else None
    if stored is None or rules.is_expired(stored, now):
        raise NotFound("No shortlist with this id: it may have expired (shortlists last 180 days)")
    return stored


def read_shortlist(shortlist_id: str, now: dt.datetime | None = None) -> Shortlist:
    """The shortlist with each service's current summary, in the order chosen; 404 when unknown or expired."""
    stored = _stored(shortlist_id, now or utcnow())
    records = ServiceRecordRepository().get_many(stored.service_ids)
    return Shortlist(
        id=stored.id,
        note=stored.note,
        created_at=stored.created_at,
        expires_at=stored.expires_at,
        services=[rules.entry(service_id, records.get(str(service_id))) for service_id in stored.service_ids],
    )


def print_page(shortlist_id: str) -> str:
    """The shortlist as a printable, accessible HTML page."""
    from local_offer.domain.shortlist_print import render

    now = utcnow()
    return render(read_shortlist(shortlist_id, now), now)
