"""Throttling in the template: stage limits for every method, tighter limits for each public route that
writes without sign-in, Retry-After on API Gateway's own 429, and the optional per-IP WAF rule."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tests.public_routes import PUBLIC_ROUTES

ANONYMOUS_WRITE_LIMITS = {
    "ThrottlingRateLimit": {"Ref": "AnonymousWriteThrottlingRateLimit"},
    "ThrottlingBurstLimit": {"Ref": "AnonymousWriteThrottlingBurstLimit"},
}


def method_settings(template: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    api = template["Resources"]["Api"].get("Properties", {})
    return [*template["Globals"]["Api"].get("MethodSettings", []), *api.get("MethodSettings", [])]


def resource_path(path: str) -> str:
    """A route's path as MethodSettings names it: `/` inside the path written `~1`."""
    return "/" + path.replace("/", "~1")


def test_every_public_write_route_has_the_anonymous_write_limits(sam_template: Mapping[str, Any]) -> None:
    # Given the routes anyone may call without signing in that change something
    anonymous_writes = sorted((method, path) for method, path in PUBLIC_ROUTES if method not in ("GET", "HEAD"))
    assert anonymous_writes, "no public write route: FAQ feedback at least"
    settings = {(s.get("HttpMethod"), s.get("ResourcePath")): s for s in method_settings(sam_template)}
    # Then each has its own MethodSettings line with the AnonymousWrite parameters
    missing = [
        f'{method} {path}: add `- {{ResourcePath: "{resource_path(path)}", HttpMethod: {method}, ...}}`'
        for method, path in anonymous_writes
        if {k: settings.get((method, resource_path(path)), {}).get(k) for k in ANONYMOUS_WRITE_LIMITS}
        != ANONYMOUS_WRITE_LIMITS
    ]
    assert not missing, "public write routes without the anonymous write throttling:\n" + "\n".join(missing)


def test_anonymous_write_limits_are_parameters_below_the_stage_defaults(sam_template: Mapping[str, Any]) -> None:
    parameters = sam_template["Parameters"]
    for kind in ("RateLimit", "BurstLimit"):
        anonymous, stage = parameters[f"AnonymousWriteThrottling{kind}"], parameters[f"ApiThrottling{kind}"]
        assert anonymous["Type"] == "Number"
        assert anonymous["MinValue"] >= 1
        assert anonymous["Default"] < stage["Default"]


def test_api_gateways_own_429_says_when_to_retry_and_lets_browsers_read_it(sam_template: Mapping[str, Any]) -> None:
    throttled = sam_template["Resources"]["Api"]["Properties"]["GatewayResponses"]["THROTTLED"]
    headers = throttled["ResponseParameters"]["Headers"]
    assert headers["Retry-After"].strip("'").isdigit()
    assert headers["Access-Control-Allow-Origin"] == "'*'"
    assert "Retry-After" in headers["Access-Control-Expose-Headers"]


def test_the_waf_rate_rule_is_optional_and_off_by_default(sam_template: Mapping[str, Any]) -> None:
    parameter = sam_template["Parameters"]["WafRateLimitPerFiveMinutes"]
    assert parameter["Default"] == 0
    assert parameter["MinValue"] == 0
    assert sam_template["Conditions"]["HasWafRateLimit"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "WafRateLimitPerFiveMinutes"}, 0]}]
    }
    waf = {
        logical_id: resource
        for logical_id, resource in sam_template["Resources"].items()
        if resource["Type"].startswith("AWS::WAFv2::")
    }
    assert set(waf) == {"ApiWebAcl", "ApiWebAclAssociation"}
    assert all(resource.get("Condition") == "HasWafRateLimit" for resource in waf.values())


def test_the_waf_rule_limits_each_ip_and_answers_429_with_retry_after(sam_template: Mapping[str, Any]) -> None:
    acl = sam_template["Resources"]["ApiWebAcl"]["Properties"]
    assert acl["Scope"] == "REGIONAL"
    assert acl["DefaultAction"] == {"Allow": {}}
    [rule] = acl["Rules"]
    rate = rule["Statement"]["RateBasedStatement"]
    assert rate == {
        "Limit": {"Ref": "WafRateLimitPerFiveMinutes"},
        "EvaluationWindowSec": 300,
        "AggregateKeyType": "IP",
    }
    response = rule["Action"]["Block"]["CustomResponse"]
    assert response["ResponseCode"] == 429
    headers = {header["Name"]: header["Value"] for header in response["ResponseHeaders"]}
    assert int(headers["Retry-After"]) == rate["EvaluationWindowSec"]
    assert headers["Access-Control-Expose-Headers"] == "Retry-After"
    assert response["CustomResponseBodyKey"] in acl["CustomResponseBodies"]


def test_the_waf_acl_is_associated_with_the_api_stage(sam_template: Mapping[str, Any]) -> None:
    association = sam_template["Resources"]["ApiWebAclAssociation"]["Properties"]
    assert association["WebACLArn"] == {"Fn::GetAtt": ["ApiWebAcl", "Arn"]}
    # ${Api.Stage} (SAM's stage resource) rather than the Stage parameter: the association waits for the stage.
    assert association["ResourceArn"] == {
        "Fn::Sub": "arn:${AWS::Partition}:apigateway:${AWS::Region}::/restapis/${Api}/stages/${Api.Stage}"
    }
