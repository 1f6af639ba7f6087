"""Calling the API functions in-process the way the local API does, as a given user, for change-request tests.

`Caller` builds the claims API Gateway's Cognito authorizer passes (`requestContext.authorizer.claims`,
groups flattened to a string as API Gateway does); `call` routes a request through the template's routes to
the real handler and returns status, headers and JSON body.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from typing import Any

from devstack import template as cfn
from devstack.http_adapter import HttpRequest, Router, proxy_event
from devstack.lambda_runtime import FunctionRuntime


@dataclass(frozen=True)
class Caller:
    group: str | None
    email: str | None = None
    subject: str = field(default_factory=lambda: str(uuid.uuid4()))

    @property
    def claims(self) -> dict[str, str]:
        claims = {"sub": self.subject, "token_use": "id"}
        if self.email:
            claims["email"] = self.email
        if self.group:
            claims["cognito:groups"] = self.group
        return claims


ANONYMOUS: Caller | None = None


def provider(email: str = "provider@example.org") -> Caller:
    return Caller("providers", email)


def officer(email: str = "officer@durham.gov.uk") -> Caller:
    return Caller("officers", email)


def link(caller: Caller, organization_id: Any) -> None:
    """Link a provider user to an organisation (as an officer does through the memberships API)."""
    from local_offer.repositories.memberships import MembershipRepository

    MembershipRepository().link(uuid.UUID(caller.subject), uuid.UUID(str(organization_id)), added_by="tests")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: Any


def call(
    template: Any,
    method: str,
    path: str,
    body: Any = None,
    caller: Caller | None = None,
    headers: dict[str, str] | None = None,
    raw_body: bytes | None = None,
    source_ip: str = "127.0.0.1",
) -> Answer:
    """One request through the route table and the real function, as `caller` (None: anonymous), from
    `source_ip`. A JSON answer's body is parsed; any other (an HTML page) is the text."""
    router = Router(cfn.api_routes(template))
    matched = router.match(method, path.split("?")[0])
    assert matched is not None, f"no route for {method} {path}"
    route, parameters = matched
    payload = raw_body if raw_body is not None else (json.dumps(body).encode() if body is not None else b"")
    request_headers = [("Host", "localhost"), ("Content-Type", "application/json"), *(headers or {}).items()]
    request = HttpRequest(method, path, request_headers, payload, source_ip, "localhost")
    event = proxy_event(request, route, parameters, "dev")
    if caller is not None:
        event["requestContext"]["authorizer"] = {"claims": caller.claims}
    runtime = FunctionRuntime(cfn.functions(template))
    response = runtime.invoke(route.function_id, event)
    text = response.get("body") or ""
    headers = dict(response.get("headers") or {})
    headers.update({name: values[-1] for name, values in (response.get("multiValueHeaders") or {}).items()})
    is_json = "json" in headers.get("Content-Type", "application/json")
    return Answer(response["statusCode"], headers, (json.loads(text) if is_json else text) if text else None)


def submit(template: Any, caller: Caller, body: dict[str, Any], key: str | None = None) -> Answer:
    return call(
        template, "POST", "/change-requests", body, caller, headers={"Idempotency-Key": key or str(uuid.uuid4())}
    )


def table_items(session: Any, table_name: str) -> list[dict[str, Any]]:
    """Every item of a table (to check that refused input wrote nothing)."""
    table = session.resource("dynamodb").Table(table_name)
    items: list[dict[str, Any]] = []
    kwargs: dict[str, Any] = {}
    while True:
        page = table.scan(**kwargs)
        items.extend(page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            return items
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
