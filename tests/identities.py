"""Signed-in callers for tests: real users in the template's (moto) user pool with real ID tokens.

    users = PoolUsers.of(aws)                                   # inside the `aws` fixture
    provider = users.add("p@example.org", "providers", organizations=[org_id])
    requests.get(url, headers=provider.headers)                 # {"Authorization": "Bearer <id token>"}

or the `world` fixture (`from tests.identities import world_fixture` in the test module): the local API
Gateway step over the template's routes with four callers, `world.call("GET", "/me", "provider")`.

Tokens are signed by moto with the key generated for the pool (devstack.signing_keys), so they pass the
local authorizer exactly as a sign-in through the app client would.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import pytest

from devstack import template as cfn
from devstack.cognito import authorizers_from_template
from devstack.http_adapter import ApiGatewayServer, HttpRequest
from devstack.lambda_runtime import FunctionRuntime
from devstack.users import LocalUsers
from tests.conftest import TEST_REGION

TEST_PASSWORD = "Correct-Horse-9-Battery"


@dataclass(frozen=True)
class Caller:
    email: str
    group: str
    subject: str
    token: str
    organization_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


class PoolUsers:
    """Creates users in a local pool (admin-created, permanent password, group, organisation links)."""

    def __init__(self, local: LocalUsers) -> None:
        self.local = local

    @classmethod
    def of(cls, aws: Any) -> PoolUsers:
        """For the `aws` fixture's pool."""
        return cls(LocalUsers(aws.session.client("cognito-idp"), aws.name("UserPool"), aws.name("UserPoolClient")))

    def add(self, email: str, group: str, organizations: Iterable[str | uuid.UUID] = ()) -> Caller:
        organization_ids = [uuid.UUID(str(value)) for value in organizations]
        subject = self.local.add(email, group, TEST_PASSWORD)
        self.local.link(subject, organization_ids)
        token = self.local.id_token(email, TEST_PASSWORD)
        return Caller(email, group, subject, token, tuple(str(o) for o in organization_ids))


@dataclass
class World:
    """A fresh account with the four callers, and a way to call the API as each of them."""

    server: ApiGatewayServer
    callers: Mapping[str, Caller]
    organization_id: str
    other_organization_id: str
    prepared: dict[str, str] = field(default_factory=dict)  # what the current row's `prepare` returned

    def call(
        self, method: str, path: str, caller: str, body: Any = None, headers: Mapping[str, str] | None = None
    ) -> tuple[int, Any]:
        """(status, parsed JSON body or None) for `method path` as `caller`."""
        all_headers = [("Host", "localhost"), ("Content-Type", "application/json")]
        if caller != "anonymous":
            all_headers += list(self.callers[caller].headers.items())
        all_headers += list((headers or {}).items())
        raw = json.dumps(body).encode() if body is not None else b""
        response = self.server.respond(HttpRequest(method, path, all_headers, raw, "127.0.0.1", "localhost"))
        return response.status, json.loads(response.body) if response.body else None


@pytest.fixture(name="world")
def world_fixture(aws: Any, template: Mapping[str, Any]) -> Iterator[World]:
    """The template's routes behind the local authorizer, in a fresh account, with `provider` linked to
    `organization_id`, `other_provider` to `other_organization_id` and an `officer`."""
    resources = aws.resources
    server = ApiGatewayServer(
        ("127.0.0.1", 0),
        cfn.api_routes(template),
        FunctionRuntime(cfn.functions(template), region=TEST_REGION),
        stage="dev",
        authorizers=authorizers_from_template(template, resources, region=TEST_REGION, endpoint_url=None),
    )
    users = PoolUsers.of(aws)
    organization_id, other_organization_id = str(uuid.uuid4()), str(uuid.uuid4())
    callers = {
        "provider": users.add("provider@example.org", "providers", [organization_id]),
        "other_provider": users.add("other.provider@example.org", "providers", [other_organization_id]),
        "officer": users.add("officer@example.org", "officers"),
    }
    try:
        yield World(server, callers, organization_id, other_organization_id)
    finally:
        server.server_close()
