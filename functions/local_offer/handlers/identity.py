"""Who is calling: the Cognito claims API Gateway's authorizer put on the event, as a `Principal`.

In AWS the API's Cognito authorizer verifies the bearer token and passes its claims in
`requestContext.authorizer.claims`; the local stack's HTTP adapter does the same after verifying the token
against the local user pool. Handlers never parse tokens themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from local_offer.models.errors import Forbidden, Unauthorized
from local_offer.models.identity import OFFICERS, PROVIDERS, Principal

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse


def principal_from_event(event: Any) -> Principal | None:
    """The caller named by the authorizer's claims, or None when the request carries no identity.

    `event` is powertools' APIGatewayProxyEvent (`app.current_event`) or the raw event dict.
    """
    raw = event.raw_event if hasattr(event, "raw_event") else event
    authorizer = (raw.get("requestContext") or {}).get("authorizer") or {}
    claims = authorizer.get("claims") or {}
    subject = claims.get("sub")
    if not subject:
        return None
    return Principal.from_claims(claims)


def require_principal(event: Any) -> Principal:
    """The caller, or 401 when the request is anonymous."""
    principal = principal_from_event(event)
    if principal is None:
        raise Unauthorized("Sign in: this route needs a bearer token from the Local Offer user pool")
    return principal


def require_officer(event: Any) -> Principal:
    """The caller when they are a Family Information Service officer; 401 anonymous, 403 otherwise."""
    principal = require_principal(event)
    if not principal.is_officer:
        raise Forbidden(f"Only members of the '{OFFICERS}' group may do this")
    return principal


def require_provider_or_officer(event: Any) -> Principal:
    """The caller when they are a provider or an officer; 401 anonymous, 403 otherwise."""
    principal = require_principal(event)
    if not (principal.is_officer or principal.is_provider):
        raise Forbidden(f"Only members of the '{PROVIDERS}' or '{OFFICERS}' groups may do this")
    return principal


# Declared on signed-in routes so the OpenAPI document shows when a token is missing or not enough.
AUTH_RESPONSES: dict[int, OpenAPIResponse] = {
    401: {"description": 'No valid token: sign in (API Gateway answers `{"message": "Unauthorized"}`)'},
    403: {"description": "Signed in, but this caller may not do this"},
}
