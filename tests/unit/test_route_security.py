"""The routes' declared `security` (which the request guard enforces and the OpenAPI document shows) agrees
with template.yaml: a route behind the Cognito authorizer declares a signed-in caller, a public one does not."""

from __future__ import annotations

from devstack import template as cfn
from devstack.schemas import api_resolvers
from local_offer.handlers.http import USER_POOL


def declared_security() -> dict[tuple[str, str], list[str] | None]:
    """(method, path) -> the groups a route needs ([] any signed-in caller), None for a public route."""
    declared: dict[tuple[str, str], list[str] | None] = {}
    for resolver in api_resolvers():
        for route in resolver._static_routes + resolver._dynamic_routes:
            groups = [group for requirement in route.security or [] for group in requirement.get(USER_POOL, [])]
            declared[(route.method, route.openapi_path)] = groups if route.security else None
    return declared


def test_every_template_route_declares_security_exactly_when_it_has_the_authorizer(template):
    declared = declared_security()
    for route in cfn.api_routes(template):
        key = (route.method, route.path)
        assert key in declared, f"{key} is in template.yaml but no handler serves it"
        signed_in = declared[key] is not None
        assert signed_in == (route.authorizer is not None), f"{key}: security {declared[key]}, template {route}"


def test_officer_only_routes_name_the_officers_group():
    declared = declared_security()
    assert declared[("POST", "/change-requests/{id}/decision")] == ["officers"]
    assert declared[("POST", "/faqs")] == ["officers"]
    assert declared[("POST", "/change-requests")] == ["providers", "officers"]
    assert declared[("GET", "/me")] == []
    assert declared[("POST", "/faqs/{id}/feedback")] is None
