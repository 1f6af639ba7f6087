"""Who may call what: every signed-in route by {anonymous, provider, other provider, officer}.

Each case goes through the local API Gateway step (devstack.http_adapter) with a real ID token from the
template's user pool (moto), so it checks the route's `Auth` line, the token verification and the
function's own rules together. The routes come from template.yaml: a signed-in route without a row here
fails `test_every_signed_in_route_has_a_row`, and a row for a route that is gone fails too.

The callers (see `World`):
    anonymous       no Authorization header
    provider        in `providers`, linked to `world.organization_id` (the organisation the row acts on)
    other_provider  in `providers`, linked to `world.other_organization_id` only
    officer         in `officers`, linked to nothing (officers act on every organisation)

Public routes (tests/public_routes.py) that act on data have a `PublicRow` in PUBLIC_ROWS: every caller,
signed in or not, gets the same status, and a token never changes what the route does.

Adding a route: append one `Row` to ROWS.
    Row("POST", "/things/{id}/approve",                       # method and path exactly as in template.yaml
        provider=403, other_provider=403, officer=200,        # the status each caller gets (anonymous is 401)
        prepare=make_thing,                                   # optional: seeds data, returns path parameters
        body=lambda world: {"reason": "..."})                 # optional: JSON body
`prepare(world)` runs before the call and returns the path parameters (`{organization_id}` and `{subject}`
default to the provider's organisation and the provider's sub); `body` can read them as `world.prepared`.
Use `world.organization_id` for records the provider owns, so `other_provider` shows the 403 for someone
else's organisation. Each case runs against a fresh moto account, so a row may change data freely.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from devstack import template as cfn
from devstack.http_adapter import HttpRequest
from tests.identities import World, world_fixture  # noqa: F401 (the `world` fixture)
from tests.public_routes import PUBLIC_ROUTES

CALLERS = ("anonymous", "provider", "other_provider", "officer")


@dataclass(frozen=True)
class Row:
    method: str
    route: str
    provider: int
    other_provider: int
    officer: int
    anonymous: int = 401
    prepare: Callable[[World], Mapping[str, str]] | None = None
    body: Callable[[World], Any] | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    fixtures: tuple[str, ...] = ()  # pytest fixtures the route needs besides `world` (e.g. "services_index")

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"

    def expected(self, caller: str) -> int:
        return int(getattr(self, caller))


def _another_provider(world: World) -> Mapping[str, str]:
    """Path parameters naming a provider user who is not linked to the organisation yet."""
    return {"subject": str(uuid.uuid4())}


def _faq_content() -> dict[str, Any]:
    return {
        "question": "Where can I find holiday activities for disabled children?",
        "answer": "Search the Local Offer for short breaks and holiday activities near you.",
        "topic": "Using the Local Offer",
        "audience": ["parents"],
        "alternate_phrasings": [
            "summer holiday clubs for SEND",
            "holiday play schemes",
            "things to do in the holidays",
        ],
    }


def _an_faq(world: World) -> Mapping[str, str]:
    status, item = world.call("POST", "/faqs", "officer", _faq_content())
    assert status == 201, item
    return {"id": item["id"]}


def _an_faq_with_two_versions(world: World) -> Mapping[str, str]:
    parameters = _an_faq(world)
    edit = {**_faq_content(), "answer": "Ask the Family Information Service.", "version": 1}
    status, item = world.call("PUT", f"/faqs/{parameters['id']}", "officer", edit)
    assert status == 200, item
    return {**parameters, "version": "1"}


def _new_resource() -> dict[str, Any]:
    return {
        "title": "Understanding SEND",
        "summary": "What SEN and SEND mean and where families find support.",
        "audience": "parents",
        "topics": ["understanding-send"],
        "file_name": "understanding-send.pdf",
        "content_type": "application/pdf",
    }


def _a_resource(world: World) -> Mapping[str, str]:
    status, created = world.call("POST", "/resources", "officer", _new_resource())
    assert status == 201, created
    return {"id": created["resource"]["id"]}


def _a_service(world: World) -> Mapping[str, str]:
    """A service of the provider's organisation."""
    from local_offer.repositories.records import ServiceRecordRepository
    from tests.factories import service_record

    organization = {"id": world.organization_id, "name": "Kestrel Youth Trust", "description": "A youth charity."}
    record = service_record("Kestrel Youth Club", organization_id=world.organization_id, organization=organization)
    ServiceRecordRepository().put(record)
    return {"id": str(record.service.id)}


def _proposed_change(service_id: str) -> dict[str, Any]:
    return {"kind": "update", "service_id": service_id, "changes": {"name": "Kestrel Club"}, "reason": "Renamed"}


def _a_change_request(world: World) -> Mapping[str, str]:
    """A change request the provider submitted for a service of their organisation."""
    service_id = _a_service(world)["id"]
    headers = {"Idempotency-Key": "prepare-change-request"}
    status, request = world.call("POST", "/change-requests", "provider", _proposed_change(service_id), headers)
    assert status == 202, request
    return {"id": request["id"]}


def _entry_content() -> dict[str, Any]:
    return {
        "theme": "Finding short breaks",
        "families_said": "Short breaks were hard to find in the directory.",
        "we_did": "We tagged every short break service and added a short breaks topic.",
        "date": "2026-11-30",
        "links": ["https://www.durham.gov.uk/localoffer"],
    }


def _an_entry(world: World) -> Mapping[str, str]:
    status, entry = world.call("POST", "/you-said-we-did", "officer", _entry_content())
    assert status == 201, entry
    return {"id": entry["id"]}


ROWS: list[Row] = [
    # MembershipsFunction
    Row("GET", "/me", provider=200, other_provider=200, officer=200),
    Row("GET", "/me/notifications", provider=200, other_provider=200, officer=200),
    Row(
        "PUT",
        "/me/notifications",
        provider=200,
        other_provider=200,
        officer=200,
        body=lambda world: {"stale_reminders": False},
    ),
    Row("GET", "/organizations/{organization_id}/members", provider=403, other_provider=403, officer=200),
    Row(
        "PUT",
        "/organizations/{organization_id}/members/{subject}",
        provider=403,
        other_provider=403,
        officer=201,
        prepare=_another_provider,
    ),
    Row("DELETE", "/organizations/{organization_id}/members/{subject}", provider=403, other_provider=403, officer=204),
    Row("GET", "/users/{subject}/organizations", provider=403, other_provider=403, officer=200),
    # FaqFunction (officers edit the FAQ)
    Row("POST", "/faqs", provider=403, other_provider=403, officer=201, body=lambda world: _faq_content()),
    Row(
        "PUT",
        "/faqs/{id}",
        provider=403,
        other_provider=403,
        officer=200,
        prepare=_an_faq,
        body=lambda world: {**_faq_content(), "answer": "Ask the Family Information Service.", "version": 1},
    ),
    Row("DELETE", "/faqs/{id}", provider=403, other_provider=403, officer=200, prepare=_an_faq),
    Row("GET", "/faqs/{id}/versions", provider=403, other_provider=403, officer=200, prepare=_an_faq),
    Row(
        "POST",
        "/faqs/{id}/versions/{version}/restore",
        provider=403,
        other_provider=403,
        officer=200,
        prepare=_an_faq_with_two_versions,
    ),
    # ResourceFunction (officers manage downloadable resources)
    Row("POST", "/resources", provider=403, other_provider=403, officer=201, body=lambda world: _new_resource()),
    Row("GET", "/resources/{id}/status", provider=403, other_provider=403, officer=200, prepare=_a_resource),
    Row(
        "POST",
        "/resources/{id}/upload",
        provider=403,
        other_provider=403,
        officer=200,
        prepare=_a_resource,
        body=lambda world: {"file_name": "understanding-send-v2.pdf", "content_type": "application/pdf"},
    ),
    Row("DELETE", "/resources/{id}", provider=403, other_provider=403, officer=200, prepare=_a_resource),
    # ChangeRequestsFunction (providers propose for their organisations, officers decide)
    Row(
        "POST",
        "/change-requests",
        provider=202,
        other_provider=403,
        officer=202,
        prepare=_a_service,
        body=lambda world: _proposed_change(world.prepared["id"]),
        headers={"Idempotency-Key": "row-change-request"},
    ),
    Row("GET", "/change-requests", provider=200, other_provider=200, officer=200),
    Row("GET", "/change-requests/{id}", provider=200, other_provider=403, officer=200, prepare=_a_change_request),
    Row(
        "POST",
        "/change-requests/{id}/withdraw",
        provider=200,
        other_provider=403,
        officer=200,
        prepare=_a_change_request,
    ),
    Row(
        "POST",
        "/change-requests/{id}/decision",
        provider=403,
        other_provider=403,
        officer=200,
        prepare=_a_change_request,
        body=lambda world: {"decision": "approve"},
    ),
    Row("POST", "/services/{id}/verify", provider=200, other_provider=403, officer=200, prepare=_a_service),
    Row("GET", "/services/{id}/history", provider=200, other_provider=403, officer=200, prepare=_a_service),
    Row("GET", "/services/stale", provider=403, other_provider=403, officer=200),
    # InsightsFunction (officers read search insights and write "you said, we did"; providers get advice)
    Row("GET", "/insights/searches", provider=403, other_provider=403, officer=200),
    Row("GET", "/me/keyword-advice", provider=200, other_provider=200, officer=403, fixtures=("services_index",)),
    Row("GET", "/you-said-we-did/evidence", provider=403, other_provider=403, officer=200),
    Row("POST", "/you-said-we-did", provider=403, other_provider=403, officer=201, body=lambda world: _entry_content()),
    Row(
        "PUT",
        "/you-said-we-did/{id}",
        provider=403,
        other_provider=403,
        officer=200,
        prepare=_an_entry,
        body=lambda world: {**_entry_content(), "theme": "Short breaks", "version": 1},
    ),
    Row("POST", "/you-said-we-did/{id}/publish", provider=403, other_provider=403, officer=200, prepare=_an_entry),
]


@dataclass(frozen=True)
class PublicRow:
    """A public route and the status every caller gets (anonymous, provider, other provider, officer)."""

    method: str
    route: str
    status: int
    prepare: Callable[[World], Mapping[str, str]] | None = None
    body: Callable[[World], Any] | None = None

    @property
    def id(self) -> str:
        return f"{self.method} {self.route}"


def _a_shortlist(world: World) -> Mapping[str, str]:
    """A shortlist of a service of the provider's organisation."""
    service_id = _a_service(world)["id"]
    status, created = world.call("POST", "/shortlists", "anonymous", {"service_ids": [service_id]})
    assert status == 201, created
    return {"id": created["id"], "service_id": service_id}


PUBLIC_ROWS: list[PublicRow] = [
    # CorrectionsFunction (anyone suggests a correction; officers decide it through ChangeRequestsFunction)
    PublicRow(
        "POST",
        "/services/{id}/corrections",
        202,
        prepare=_a_service,
        body=lambda world: {"field": "name", "message": "The club is called Kestrel Club now"},
    ),
    # ShortlistFunction (anyone makes, reads and prints a shortlist)
    PublicRow(
        "POST", "/shortlists", 201, prepare=_a_service, body=lambda world: {"service_ids": [world.prepared["id"]]}
    ),
    PublicRow("GET", "/shortlists/{id}", 200, prepare=_a_shortlist),
    PublicRow("GET", "/shortlists/{id}/print", 200, prepare=_a_shortlist),
]


def test_public_rows_name_public_routes(template):
    rows = {(row.method, row.route) for row in PUBLIC_ROWS}
    assert len(rows) == len(PUBLIC_ROWS), "two rows for one route"
    routes = {(route.method, route.path) for route in cfn.api_routes(template) if route.authorizer is None}
    assert rows <= routes & PUBLIC_ROUTES, f"not public routes of template.yaml: {sorted(rows - routes)}"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("row", PUBLIC_ROWS, ids=lambda row: row.id)
def test_public_route_answers_every_caller_alike(world: World, row: PublicRow, caller: str):
    # Given the row's data
    world.prepared = dict(row.prepare(world)) if row.prepare is not None else {}
    path = row.route.format(**world.prepared)
    # When the caller calls the route (with their token, if any)
    headers = [("Host", "localhost"), ("Content-Type", "application/json")]
    if caller != "anonymous":
        headers += list(world.callers[caller].headers.items())
    raw = json.dumps(row.body(world)).encode() if row.body else b""
    response = world.server.respond(HttpRequest(row.method, path, headers, raw, "192.0.2.10", "localhost"))
    # Then everyone gets the same answer
    assert response.status == row.status, f"{row.id} as {caller}: {response.status} {response.body[:300]!r}"


def signed_in_routes(template: Mapping[str, Any]) -> set[tuple[str, str]]:
    return {(route.method, route.path) for route in cfn.api_routes(template) if route.authorizer is not None}


def test_every_signed_in_route_has_a_row(template):
    rows = {(row.method, row.route) for row in ROWS}
    assert len(rows) == len(ROWS), "two rows for one route"
    missing = sorted(signed_in_routes(template) - rows)
    assert not missing, f"signed-in routes without a row in ROWS: {missing}"
    stale = sorted(rows - signed_in_routes(template))
    assert not stale, f"rows for routes that are not signed-in routes of template.yaml: {stale}"


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.id)
def test_route_answers_each_caller_as_the_table_says(world: World, row: Row, caller: str, request):
    # Given the row's data, and path parameters naming the provider's organisation
    for fixture in row.fixtures:
        request.getfixturevalue(fixture)
    parameters = {"organization_id": world.organization_id, "subject": world.callers["provider"].subject}
    if row.prepare is not None:
        world.prepared = dict(row.prepare(world))
        parameters.update(world.prepared)
    path = row.route.format(**parameters)
    # When the caller calls the route
    status, body = world.call(row.method, path, caller, row.body(world) if row.body else None, row.headers)
    # Then the status is the table's
    assert status == row.expected(caller), f"{row.id} as {caller}: {status} {body}"
    if caller == "anonymous":
        assert body == {"message": "Unauthorized"}, "API Gateway's own 401 body (the function was not called)"
