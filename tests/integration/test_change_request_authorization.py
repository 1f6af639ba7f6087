"""Every change-request route x {anonymous, provider, other provider, officer}: the status each gets, and that
a refused call changes nothing in either table.

The provider is linked to the service's organisation and submitted the request; the other provider is
linked to a different organisation.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.change_request_support import Caller, call, link, officer, provider, submit, table_items
from tests.factories import service_record

ROLES = ("anonymous", "provider", "other provider", "officer")

# route -> expected status per role, in ROLES order
EXPECTED: dict[str, tuple[int, int, int, int]] = {
    "POST /change-requests": (401, 202, 403, 202),
    "GET /change-requests": (401, 200, 200, 200),
    "GET /change-requests/{request}": (401, 200, 403, 200),
    "POST /change-requests/{request}/withdraw": (401, 200, 403, 200),
    "POST /change-requests/{request}/decision": (401, 403, 403, 200),
    "POST /services/{service}/verify": (401, 200, 403, 200),
    "GET /services/{service}/history": (401, 200, 403, 200),
    "GET /services/stale": (401, 403, 403, 200),
}


def test_the_table_covers_every_route_of_the_function(template):
    from devstack.template import api_routes

    served = {f"{r.method} {r.path}" for r in api_routes(template) if r.function_id == "ChangeRequestsFunction"}
    covered = {route.replace("{request}", "{id}").replace("{service}", "{id}") for route in EXPECTED}
    assert covered == served


@pytest.fixture
def world(aws: Any) -> dict[str, Any]:
    from local_offer.repositories.records import ServiceRecordRepository

    record = service_record("Kestrel Youth Club")
    ServiceRecordRepository().put(record)
    elsewhere = service_record("Heron Arts Club")
    member, outsider = provider("member@kestrel.example"), provider("member@heron.example")
    link(member, record.service.organization_id)
    link(outsider, elsewhere.service.organization_id)
    return {"record": record, "member": member, "outsider": outsider, "officer": officer()}


def body_for(route: str, record: Any) -> Any:
    if route == "POST /change-requests":
        return {"kind": "update", "service_id": str(record.service.id), "changes": {"alert": "Closed"}, "reason": "r"}
    if route.endswith("/decision"):
        return {"decision": "approve"}
    return None


@pytest.mark.parametrize("route", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_route_by_role(aws, template, world, route, role):
    record, member = world["record"], world["member"]
    request = submit(template, member, {**body_for("POST /change-requests", record), "changes": {"name": "Kestrel"}})
    assert request.status == 202
    caller: Caller | None = {
        "anonymous": None,
        "provider": member,
        "other provider": world["outsider"],
        "officer": world["officer"],
    }[role]
    method, path = route.split(" ", 1)
    path = path.replace("{request}", request.body["id"]).replace("{service}", str(record.service.id))
    headers = {"Idempotency-Key": f"{role}-{route}"} if route == "POST /change-requests" else None
    before = {name: table_items(aws.session, aws.name(name)) for name in ("RecordsTable", "ChangeRequestsTable")}

    answer = call(template, method, path, body_for(route, record), caller, headers=headers)

    expected = EXPECTED[route][ROLES.index(role)]
    assert answer.status == expected, answer.body
    if expected >= 400:
        assert answer.body["error"] in ("unauthorized", "forbidden")
        after = {name: table_items(aws.session, aws.name(name)) for name in ("RecordsTable", "ChangeRequestsTable")}
        assert after == before


def test_another_provider_sees_none_of_the_requests_in_the_list(aws, template, world):
    submit(template, world["member"], body_for("POST /change-requests", world["record"]))

    answer = call(template, "GET", "/change-requests", caller=world["outsider"])

    assert answer.body == {"total_items": 0, "contents": []}


def test_a_signed_in_user_in_neither_group_is_forbidden(aws, template, world):
    nobody = Caller(group=None, email="someone@example.org")

    answer = call(template, "GET", "/change-requests", caller=nobody)

    assert answer.status == 403
