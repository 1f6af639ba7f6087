"""Cognito locally: the template's user pool, app client and groups in moto, and API Gateway's Cognito
authorizer in front of the routes that name it.

`TokenVerifier` does what the REST API's COGNITO_USER_POOLS authorizer does before it calls a function:
read the `Authorization` header (a bare ID token, or `Bearer <token>`), check the RS256 signature against
the pool's key (generated when the pool is created here, see devstack.signing_keys), the expiry, the issuer (the pool),
that it is an ID token and that its audience is one of the pool's app clients. `api_gateway_claims` then
renders the claims as API Gateway passes them in `requestContext.authorizer.claims`: every value a string,
lists comma-joined (`cognito:groups` = "providers,officers"), `exp`/`iat` as "Sun Nov 29 03:00:00 UTC 2026".
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

from devstack.resolver import STACK_NAME, PhysicalResource, Resolver, resources_of_type
from devstack.signing_keys import public_jwks, sign_pool_tokens

log = logging.getLogger(__name__)

USER_POOL = "AWS::Cognito::UserPool"
USER_POOL_CLIENT = "AWS::Cognito::UserPoolClient"
USER_POOL_GROUP = "AWS::Cognito::UserPoolGroup"
IDENTITY_TYPES = (USER_POOL, USER_POOL_CLIENT, USER_POOL_GROUP)

# CloudFormation properties that the CreateUserPool / CreateUserPoolClient APIs take under the same name.
POOL_PROPERTIES = (
    "Policies",
    "AutoVerifiedAttributes",
    "UsernameAttributes",
    "UsernameConfiguration",
    "AdminCreateUserConfig",
    "AccountRecoverySetting",
    "MfaConfiguration",
    "Schema",
    "UserPoolTags",
)
CLIENT_PROPERTIES = (
    "GenerateSecret",
    "ExplicitAuthFlows",
    "PreventUserExistenceErrors",
    "EnableTokenRevocation",
    "IdTokenValidity",
    "AccessTokenValidity",
    "RefreshTokenValidity",
    "TokenValidityUnits",
    "ReadAttributes",
    "WriteAttributes",
)


# ---------------------------------------------------------------------------------------------------------
# Creating the pool, its clients and groups from the template
# ---------------------------------------------------------------------------------------------------------
def issuer(region: str, pool_id: str) -> str:
    return f"https://cognito-idp.{region}.amazonaws.com/{pool_id}"


def create_user_pool(session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver) -> PhysicalResource:
    client = session.client("cognito-idp")
    name = str(props.get("UserPoolName") or f"{STACK_NAME}-{logical_id}")
    existing = [pool for pool in client.list_user_pools(MaxResults=60)["UserPools"] if pool["Name"] == name]
    if existing:
        pool = client.describe_user_pool(UserPoolId=existing[0]["Id"])["UserPool"]
    else:
        request = {key: props[key] for key in POOL_PROPERTIES if key in props}
        pool = client.create_user_pool(PoolName=name, **request)["UserPool"]
    region = session.region_name
    sign_pool_tokens(pool["Id"], account_id=pool["Arn"].split(":")[4], region=region)
    return PhysicalResource(
        logical_id,
        USER_POOL,
        pool["Id"],
        pool["Arn"],
        attributes={
            "UserPoolId": pool["Id"],
            "ProviderName": issuer(region, pool["Id"]).removeprefix("https://"),
            "ProviderURL": issuer(region, pool["Id"]),
        },
    )


def create_user_pool_client(
    session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver
) -> PhysicalResource:
    client = session.client("cognito-idp")
    pool_id = str(props["UserPoolId"])
    name = str(props.get("ClientName") or f"{STACK_NAME}-{logical_id}")
    existing = [
        c for c in client.list_user_pool_clients(UserPoolId=pool_id)["UserPoolClients"] if c["ClientName"] == name
    ]
    if existing:
        client_id = existing[0]["ClientId"]
    else:
        request = {key: props[key] for key in CLIENT_PROPERTIES if key in props}
        client_id = client.create_user_pool_client(UserPoolId=pool_id, ClientName=name, **request)["UserPoolClient"][
            "ClientId"
        ]
    arn = f"{resolver.get_att(_pool_logical_id(resolver, pool_id), 'Arn')}/client/{client_id}"
    return PhysicalResource(logical_id, USER_POOL_CLIENT, client_id, arn, attributes={"UserPoolId": pool_id})


def create_user_pool_group(
    session: Any, logical_id: str, props: Mapping[str, Any], resolver: Resolver
) -> PhysicalResource:
    client = session.client("cognito-idp")
    pool_id, name = str(props["UserPoolId"]), str(props["GroupName"])
    request = {key: props[key] for key in ("Description", "Precedence") if key in props}
    with contextlib.suppress(client.exceptions.GroupExistsException):
        client.create_group(UserPoolId=pool_id, GroupName=name, **request)
    arn = f"{resolver.get_att(_pool_logical_id(resolver, pool_id), 'Arn')}/group/{name}"
    return PhysicalResource(logical_id, USER_POOL_GROUP, name, arn, attributes={"UserPoolId": pool_id})


def _pool_logical_id(resolver: Resolver, pool_id: str) -> str:
    return next(r.logical_id for r in resolver.resources.values() if r.type == USER_POOL and r.name == pool_id)


CREATORS = {
    USER_POOL: create_user_pool,
    USER_POOL_CLIENT: create_user_pool_client,
    USER_POOL_GROUP: create_user_pool_group,
}


# ---------------------------------------------------------------------------------------------------------
# The authorizer
# ---------------------------------------------------------------------------------------------------------
class TokenVerifier:
    """Verifies ID tokens of one user pool as API Gateway's Cognito authorizer does.

    `jwks`: the pool's keys (devstack.signing_keys); without it they are fetched once from `jwks_url` with
    requests (which an in-process `mock_aws` intercepts, unlike urllib).
    """

    def __init__(
        self,
        pool_id: str,
        client_ids: Iterable[str],
        *,
        region: str,
        jwks_url: str | None = None,
        jwks: Mapping[str, Any] | None = None,
    ) -> None:
        self.pool_id = pool_id
        self.client_ids = frozenset(client_ids)
        self.issuer = issuer(region, pool_id)
        self.jwks_url = jwks_url or f"{self.issuer}/.well-known/jwks.json"
        self._jwks = dict(jwks) if jwks is not None else None
        self._lock = threading.Lock()

    def _keys(self) -> dict[str, Any]:
        import jwt
        import requests

        with self._lock:
            if self._jwks is None:
                response = requests.get(self.jwks_url, timeout=10)
                response.raise_for_status()
                self._jwks = response.json()
            return {key["kid"]: jwt.PyJWK(key, algorithm="RS256") for key in self._jwks["keys"]}

    def verify(self, authorization: str | None) -> dict[str, Any] | None:
        """The token's claims, or None when API Gateway would answer 401."""
        import jwt

        token = (authorization or "").strip()
        if token[:7].lower() == "bearer ":
            token = token[7:].strip()
        if not token:
            return None
        try:
            kid = jwt.get_unverified_header(token).get("kid")
            key = self._keys().get(kid)
            if key is None:
                log.info("token refused: unknown key id %r", kid)
                return None
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=["RS256"],
                issuer=self.issuer,
                options={"require": ["exp", "iat", "iss", "sub", "aud", "token_use"], "verify_aud": False},
            )
        except jwt.PyJWTError as exc:
            log.info("token refused: %s", exc)
            return None
        if claims.get("token_use") != "id":
            log.info("token refused: a %s token where an ID token is needed", claims.get("token_use"))
            return None
        if claims.get("aud") not in self.client_ids:
            log.info("token refused: audience %r is not a client of pool %s", claims.get("aud"), self.pool_id)
            return None
        return claims


def api_gateway_claims(claims: Mapping[str, Any]) -> dict[str, str]:
    """Claims as the REST API's Cognito authorizer renders them for the function (all strings)."""

    def render(name: str, value: Any) -> str:
        if name in ("exp", "iat") and isinstance(value, int | float):
            return time.strftime("%a %b %d %H:%M:%S UTC %Y", time.gmtime(value))
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, list | tuple):
            return ",".join(str(item) for item in value)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return {name: render(name, value) for name, value in claims.items()}


def authorizers_from_template(
    template: Mapping[str, Any], resources: Mapping[str, PhysicalResource], *, region: str, endpoint_url: str | None
) -> dict[str, TokenVerifier]:
    """Authorizer name -> verifier for every Cognito authorizer of the template's APIs whose pool exists
    locally. `endpoint_url` is moto's server (None: the AWS host, which an in-process mock_aws serves)."""
    verifiers: dict[str, TokenVerifier] = {}
    resolver = Resolver(template, resources, region=region)
    for api in resources_of_type(template, "AWS::Serverless::Api").values():
        authorizers = ((api.get("Properties") or {}).get("Auth") or {}).get("Authorizers") or {}
        for name, spec in authorizers.items():
            arns = spec.get("UserPoolArn")
            if arns is None:
                continue  # a Lambda authorizer: not modelled locally
            arns = arns if isinstance(arns, list) else [arns]
            for arn in arns:
                pool = next(
                    (r for r in resources.values() if r.type == USER_POOL and r.arn == resolver.resolve(arn)), None
                )
                if pool is None:
                    log.warning("authorizer %s: its user pool is not created locally", name)
                    continue
                client_ids = [
                    r.name
                    for r in resources.values()
                    if r.type == USER_POOL_CLIENT and r.attributes.get("UserPoolId") == pool.name
                ]
                jwks_url = f"{endpoint_url}/{pool.name}/.well-known/jwks.json" if endpoint_url else None
                verifiers[name] = TokenVerifier(
                    pool.name, client_ids, region=region, jwks_url=jwks_url, jwks=public_jwks(pool.name)
                )
    return verifiers
