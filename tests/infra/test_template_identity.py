"""Sign-in in the template: the user pool, its client and groups, and which routes need a signed-in caller.

The rule that protects every new route: an `Api` event is either on the public allow-list
(tests/public_routes.py) or names the Cognito authorizer. There is no DefaultAuthorizer, so forgetting the
`Auth` line would make a route public; this module fails instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tests.infra.test_template_structure import events, props, resources
from tests.public_routes import PUBLIC_ROUTES

AUTHORIZER = "CognitoAuthorizer"


def api_routes(template: Mapping[str, Any]) -> list[tuple[str, str, str, Mapping[str, Any]]]:
    """(METHOD, path, "Function.Event", event properties) for every Api event."""
    return [
        (str(p["Method"]).upper(), str(p["Path"]), f"{function_id}.{name}", p)
        for function_id, name, p in events(template, "Api")
    ]


def test_every_route_off_the_public_list_requires_the_cognito_authorizer(sam_template: Mapping[str, Any]) -> None:
    # Given every Api event of every function
    routes = api_routes(sam_template)
    assert routes
    # When the routes that are not on the public allow-list are checked for the authorizer
    unprotected = [
        f"{method} {path} ({where})"
        for method, path, where, p in routes
        if (method, path) not in PUBLIC_ROUTES and (p.get("Auth") or {}).get("Authorizer") != AUTHORIZER
    ]
    # Then none is missing it
    assert not unprotected, (
        f"routes neither public (tests/public_routes.py) nor signed-in (Auth.Authorizer {AUTHORIZER}): {unprotected}"
    )


def test_public_routes_exist_and_carry_no_authorizer(sam_template: Mapping[str, Any]) -> None:
    routes = {(method, path): (where, p) for method, path, where, p in api_routes(sam_template)}
    stale = sorted(f"{method} {path}" for method, path in PUBLIC_ROUTES if (method, path) not in routes)
    assert not stale, f"public allow-list names routes the template does not have: {stale}"
    for key in PUBLIC_ROUTES:
        where, p = routes[key]
        assert (p.get("Auth") or {}).get("Authorizer") in (None, "NONE"), f"public route {where} has an authorizer"


def test_api_defines_the_cognito_authorizer_without_a_default(sam_template: Mapping[str, Any]) -> None:
    auth = props(sam_template, "Api")["Auth"]
    assert "DefaultAuthorizer" not in auth, "a DefaultAuthorizer would also lock the public directory routes"
    authorizer = auth["Authorizers"][AUTHORIZER]
    assert authorizer["UserPoolArn"] == {"Fn::GetAtt": ["UserPool", "Arn"]}
    assert "DefaultAuthorizer" not in sam_template["Globals"].get("Api", {}).get("Auth", {})


def test_user_pool_is_admin_created_with_email_names_and_a_strong_password_policy(
    sam_template: Mapping[str, Any],
) -> None:
    pool = sam_template["Resources"]["UserPool"]
    assert pool["Type"] == "AWS::Cognito::UserPool"
    assert pool.get("DeletionPolicy") == "Retain", "the pool holds real people's accounts"
    properties = pool["Properties"]
    assert properties["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert properties["UsernameAttributes"] == ["email"]
    policy = properties["Policies"]["PasswordPolicy"]
    assert policy["MinimumLength"] >= 12
    assert all(policy[name] for name in ("RequireLowercase", "RequireUppercase", "RequireNumbers", "RequireSymbols"))


def test_app_client_is_public_and_allows_password_and_srp_sign_in(sam_template: Mapping[str, Any]) -> None:
    client = props(sam_template, "UserPoolClient")
    assert client["UserPoolId"] == {"Ref": "UserPool"}
    assert client.get("GenerateSecret") is False
    assert {"ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"} <= set(
        client["ExplicitAuthFlows"]
    )


def test_pool_has_the_providers_and_officers_groups(sam_template: Mapping[str, Any]) -> None:
    groups = {
        p["Properties"]["GroupName"]: p["Properties"]["UserPoolId"]
        for p in resources(sam_template, "AWS::Cognito::UserPoolGroup").values()
    }
    assert groups == {"providers": {"Ref": "UserPool"}, "officers": {"Ref": "UserPool"}}


def test_outputs_name_the_pool_and_client(sam_template: Mapping[str, Any]) -> None:
    outputs = sam_template["Outputs"]
    assert outputs["UserPoolId"]["Value"] == {"Ref": "UserPool"}
    assert outputs["UserPoolClientId"]["Value"] == {"Ref": "UserPoolClient"}
