"""devstack.cognito: the template's pool in moto, and the local Cognito authorizer in front of signed-in routes.

Tokens are either real (signed in through the app client) or forged with the pool's own signing key (which
the stack generates), so each rule of API Gateway's authorizer (signature, expiry, issuer, token use,
audience) is tested on its own; tokens signed with moto's bundled key are refused.
"""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest

from devstack import template as cfn
from devstack.cognito import USER_POOL, USER_POOL_CLIENT, api_gateway_claims, authorizers_from_template
from devstack.http_adapter import ApiGatewayServer, HttpRequest
from devstack.lambda_runtime import FunctionRuntime
from tests.conftest import TEST_REGION
from tests.identities import PoolUsers


def moto_bundled_key() -> Any:
    """The private key moto ships and would sign every pool's tokens with (kid "dummy")."""
    from moto.utilities.utils import load_resource

    return jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json"), algorithm="RS256").key


def pool_signing_key(pool: dict[str, Any]) -> Any:
    """The key the stack generated for the pool."""
    from devstack.signing_keys import pool_key

    key = pool_key(pool["pool_id"])
    assert key is not None
    return jwt.PyJWK(key.private_jwk(), algorithm="RS256").key


@pytest.fixture
def pool(aws: Any, template: Any) -> dict[str, Any]:
    verifier = authorizers_from_template(template, aws.resources, region=TEST_REGION, endpoint_url=None)[
        "CognitoAuthorizer"
    ]
    return {"verifier": verifier, "users": PoolUsers.of(aws), "pool_id": aws.name("UserPool")}


def forged(pool: dict[str, Any], key: Any = None, kid: str | None = None, **overrides: Any) -> str:
    """An ID token for the pool's client, changed by `overrides` (a None value drops the claim)."""
    now = int(time.time())
    claims = {
        "sub": "5b3d6a63-0000-4000-8000-000000000001",
        "iss": f"https://cognito-idp.{TEST_REGION}.amazonaws.com/{pool['pool_id']}",
        "aud": next(iter(pool["verifier"].client_ids)),
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "cognito:groups": ["providers"],
        "email": "someone@example.org",
    }
    claims.update(overrides)
    claims = {name: value for name, value in claims.items() if value is not None}
    from devstack.signing_keys import pool_key

    kid = kid or pool_key(pool["pool_id"]).kid  # type: ignore[union-attr]
    return jwt.encode(claims, key or pool_signing_key(pool), algorithm="RS256", headers={"kid": kid})


def test_the_template_pool_client_and_groups_exist_in_moto(aws, template):
    cognito = aws.session.client("cognito-idp")
    pool = cognito.describe_user_pool(UserPoolId=aws.name("UserPool"))["UserPool"]
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert pool["UsernameAttributes"] == ["email"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    groups = cognito.list_groups(UserPoolId=aws.name("UserPool"))["Groups"]
    assert sorted(group["GroupName"] for group in groups) == ["officers", "providers"]
    client = cognito.describe_user_pool_client(UserPoolId=aws.name("UserPool"), ClientId=aws.name("UserPoolClient"))
    assert "ALLOW_USER_PASSWORD_AUTH" in client["UserPoolClient"]["ExplicitAuthFlows"]
    assert {r.type for r in aws.resources.values()} >= {USER_POOL, USER_POOL_CLIENT}


def test_a_signed_in_users_id_token_is_accepted_with_or_without_bearer(pool):
    caller = pool["users"].add("officer@example.org", "officers")
    for header in (f"Bearer {caller.token}", caller.token):
        claims = pool["verifier"].verify(header)
        assert claims is not None
        assert claims["sub"] == caller.subject
        assert claims["email"] == "officer@example.org"
        assert claims["cognito:groups"] == ["officers"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"exp": int(time.time()) - 60}, id="expired"),
        pytest.param({"iss": f"https://cognito-idp.{TEST_REGION}.amazonaws.com/eu-west-2_other"}, id="other-pool"),
        pytest.param({"aud": "not-a-client-of-this-pool"}, id="other-client"),
        pytest.param({"token_use": "access"}, id="access-token"),
        pytest.param({"exp": None}, id="no-expiry"),
    ],
)
def test_tokens_api_gateway_would_refuse_are_refused(pool, change):
    assert pool["verifier"].verify(f"Bearer {forged(pool)}") is not None  # the unchanged token passes
    assert pool["verifier"].verify(f"Bearer {forged(pool, **change)}") is None


def test_a_token_signed_with_another_key_is_refused(pool):
    from cryptography.hazmat.primitives.asymmetric import rsa

    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    assert pool["verifier"].verify(f"Bearer {forged(pool, key=other_key)}") is None


@pytest.mark.parametrize("kid", ["dummy", None], ids=["moto-kid", "pool-kid"])
def test_a_token_signed_with_motos_bundled_key_is_refused(pool, kid):
    # moto's key is published with its source: anyone can sign with it, under its id or the pool's.
    token = forged(pool, key=moto_bundled_key(), kid=kid)
    assert pool["verifier"].verify(f"Bearer {token}") is None


def test_the_pool_signs_with_a_key_generated_here_and_publishes_it(pool):
    import requests

    from devstack.signing_keys import pool_key

    key = pool_key(pool["pool_id"])
    assert key is not None
    assert key.kid.startswith("local-")
    caller = pool["users"].add("signer@example.org", "providers")
    assert jwt.get_unverified_header(caller.token)["kid"] == key.kid
    assert pool["verifier"].verify(caller.token) is not None
    # moto's JWKS URL serves the generated key, not its bundled one
    url = f"https://cognito-idp.{TEST_REGION}.amazonaws.com/{pool['pool_id']}/.well-known/jwks.json"
    served = {jwk["kid"]: jwk for jwk in requests.get(url, timeout=10).json()["keys"]}
    assert "dummy" not in served
    assert served[key.kid]["n"] == key.public_jwk()["n"]
    assert "d" not in served[key.kid]


@pytest.mark.parametrize("header", [None, "", "Bearer ", "Bearer not.a.jwt", "Basic dXNlcjpwYXNz"])
def test_missing_or_malformed_authorization_is_refused(pool, header):
    assert pool["verifier"].verify(header) is None


def test_claims_are_rendered_as_api_gateway_passes_them():
    rendered = api_gateway_claims(
        {
            "sub": "s",
            "cognito:groups": ["providers", "officers"],
            "email_verified": True,
            "auth_time": 1795920886,
            "exp": 1795924486,
            "iat": 1795920886,
        }
    )
    assert rendered == {
        "sub": "s",
        "cognito:groups": "providers,officers",
        "email_verified": "true",
        "auth_time": "1795920886",
        "exp": "Sun Nov 29 03:54:46 UTC 2026",
        "iat": "Sun Nov 29 02:54:46 UTC 2026",
    }


class Recorder:
    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        return {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "{}"}


@pytest.fixture
def adapter(aws, template, pool):
    recorder = Recorder()
    runtime = FunctionRuntime(
        cfn.functions(template), handlers={"MembershipsFunction": recorder, "SearchFunction": recorder}
    )
    server = ApiGatewayServer(
        ("127.0.0.1", 0),
        cfn.api_routes(template),
        runtime,
        authorizers=authorizers_from_template(template, aws.resources, region=TEST_REGION, endpoint_url=None),
    )
    yield server, recorder
    server.server_close()


def request(path: str, token: str | None = None) -> HttpRequest:
    headers = [("Host", "localhost")] + ([("Authorization", f"Bearer {token}")] if token else [])
    return HttpRequest("GET", path, headers, b"", "127.0.0.1", "localhost")


def test_a_signed_in_route_without_a_valid_token_is_401_and_the_function_is_not_called(adapter, pool):
    server, recorder = adapter
    for token in (None, forged(pool, exp=int(time.time()) - 1)):
        response = server.respond(request("/me", token))
        assert response.status == 401
        assert json.loads(response.body) == {"message": "Unauthorized"}
    assert recorder.events == []


def test_the_function_gets_the_claims_as_api_gateway_passes_them(adapter, pool):
    server, recorder = adapter
    caller = pool["users"].add("provider@example.org", "providers")
    response = server.respond(request("/me", caller.token))
    assert response.status == 200
    claims = recorder.events[-1]["requestContext"]["authorizer"]["claims"]
    assert claims["sub"] == caller.subject
    assert claims["cognito:groups"] == "providers"
    assert claims["email"] == "provider@example.org"
    assert all(isinstance(value, str) for value in claims.values())


def test_a_public_route_needs_no_token_and_carries_no_claims(adapter):
    server, recorder = adapter
    assert server.respond(request("/services")).status == 200
    assert "authorizer" not in recorder.events[-1]["requestContext"]
