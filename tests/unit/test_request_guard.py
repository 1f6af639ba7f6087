"""The request guard every API function's resolver runs before routing (`handlers/http.py`): who may call,
how large a body may be, and what form it must have. Each bad input class gets a 4xx naming what is wrong.

Sockets are disabled in unit tests: a refused request never reaches DynamoDB or OpenSearch, or it would fail.
"""

from __future__ import annotations

import base64
import gzip
import json
import re
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from local_offer.handlers import change_requests, faqs, http, memberships, resources
from tests.factories import LambdaContextStub, api_event

OFFICER = {"sub": "officer-1", "email": "officer@example.org", "cognito:groups": "officers"}
PROVIDER = {"sub": "provider-1", "email": "provider@example.org", "cognito:groups": "providers"}
FAQ_ID = str(uuid.uuid4())
FEEDBACK = f"/faqs/{FAQ_ID}/feedback"
HANDLERS: tuple[ModuleType, ...] = (change_requests, faqs, memberships, resources)


def _call(
    module: ModuleType,
    method: str,
    resource: str,
    body: str | bytes | None,
    headers: dict[str, str] | None = None,
    claims: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    """Invoke `module`'s handler for `method resource` (path parameters filled in), as API Gateway would."""
    names = re.findall(r"{(\w+)}", resource)
    values = {name: ("1" if name == "version" else str(uuid.uuid4())) for name in names}
    path = resource.format(**values)
    event = api_event(path, method=method, resource=resource, path_parameters=values or None, headers=headers)
    if isinstance(body, bytes):
        event.update({"body": base64.b64encode(body).decode("ascii"), "isBase64Encoded": True})
    else:
        event["body"] = body
    if claims is not None:
        event["requestContext"]["authorizer"] = {"claims": claims}
    response = module.lambda_handler(event, LambdaContextStub())
    return response["statusCode"], json.loads(response["body"])


def _feedback(body: str | bytes | None, content_type: str = "application/json", **headers: str) -> Any:
    return _call(faqs, "POST", "/faqs/{id}/feedback", body, {"Content-Type": content_type, **headers})


def body_routes() -> Iterator[tuple[ModuleType, str, str]]:
    """(handler module, method, resource) for every route that reads a JSON body."""
    for module in HANDLERS:
        for route in module.app._static_routes + module.app._dynamic_routes:
            if route.dependant.body_params:
                yield module, route.method, route.openapi_path


BODY_ROUTES = list(body_routes())


def test_the_body_routes_are_found():
    found = {(method, resource) for _, method, resource in BODY_ROUTES}
    assert {("POST", "/faqs/{id}/feedback"), ("POST", "/change-requests"), ("POST", "/resources")} <= found


# ---- 1. content types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain;charset=UTF-8",  # what a browser's fetch() sends with a string body
        "application/xml",
        "text/xml",
        "application/octet-stream",
        "multipart/form-data",  # without a boundary
        "multipart/form-data; boundary=xyz",
        "application/x-www-form-urlencoded",
        "application/json; charset=latin-1",
    ],
)
def test_anonymous_feedback_in_another_media_type_is_415(content_type):
    status, body = _feedback('{"helpful": true}', content_type)
    assert status == 415
    assert body["error"] == "unsupported_media_type"
    assert "application/json" in body["detail"] or "UTF-8" in body["detail"]


@pytest.mark.parametrize(("module", "method", "resource"), BODY_ROUTES, ids=lambda v: getattr(v, "__name__", v))
def test_every_body_route_answers_text_plain_with_415(module, method, resource):
    status, body = _call(module, method, resource, '{"a": 1}', {"Content-Type": "text/plain"}, claims=OFFICER)
    assert (status, body["error"]) == (415, "unsupported_media_type")


@pytest.mark.parametrize(("module", "method", "resource"), BODY_ROUTES, ids=lambda v: getattr(v, "__name__", v))
def test_every_body_route_answers_malformed_json_with_400(module, method, resource):
    status, body = _call(module, method, resource, '{"a": ', {"Content-Type": "application/json"}, claims=OFFICER)
    assert status == 400
    assert body["errors"] == [{"in": "body", "parameter": "body", "message": body["detail"]}]


def test_gzip_encoded_json_is_415_naming_the_encoding():
    status, body = _feedback(gzip.compress(b'{"helpful": true}'), **{"Content-Encoding": "gzip"})
    assert (status, body["error"]) == (415, "unsupported_media_type")
    assert "gzip" in body["detail"]


def test_gzip_bytes_without_the_encoding_header_are_400_not_utf8():
    status, body = _feedback(gzip.compress(b'{"helpful": true}'))
    assert status == 400
    assert "UTF-8" in body["detail"]


# ---- 2. malformed JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("[" * 5000 + "]" * 5000, "nested deeper than 32"),
        ('{"helpful": ' + "[" * 40 + "]" * 40 + "}", "nested deeper than 32"),
        ('{"helpful": ' + "9" * 5000 + "}", "number longer than"),
        ('{"helpful": 1.' + "5" * 5000 + "}", "number out of range"),
        ('{"helpful": 1e999}', "number out of range"),
        ('{"helpful": NaN}', "NaN"),
        ('{"helpful": -Infinity}', "Infinity"),
        ('{"comment": "\\ud800"}', "unpaired surrogate"),
        ('{"helpful": true', "not valid JSON"),
        ("\ufeff{}", "not valid JSON"),
    ],
)
def test_malformed_json_is_400_saying_what_is_wrong(raw, words):
    status, body = _feedback(raw)
    assert status == 400
    assert body["error"] == "invalid_request"
    assert words in body["detail"]


@pytest.mark.parametrize("raw", [b'{"comment": "caf\xe9"}', b"\xff\xfe{\x00}\x00", b"\x80"])
def test_a_body_that_is_not_utf8_is_400(raw):
    status, body = _feedback(raw)
    assert status == 400
    assert "not valid UTF-8" in body["detail"]


def test_a_base64_flagged_body_that_is_not_base64_is_400():
    event = api_event(FEEDBACK, method="POST", resource="/faqs/{id}/feedback", path_parameters={"id": FAQ_ID})
    event.update({"body": "not base64!", "isBase64Encoded": True})
    response = faqs.lambda_handler(event, LambdaContextStub())
    assert response["statusCode"] == 400
    assert "base64" in json.loads(response["body"])["detail"]


def test_plain_json_within_the_limits_passes_the_guard_unchanged():
    nested: Any = {"leaf": [1, 2.5, "é😀", None, True]}
    for _ in range(30):
        nested = {"child": nested}
    text = json.dumps(nested)
    event = {"httpMethod": "POST", "headers": {"content-type": "application/json; charset=utf-8"}, "body": text}
    assert http.read_json_body(event) == nested
    encoded = {**event, "body": base64.b64encode(text.encode()).decode(), "isBase64Encoded": True}
    assert http.read_json_body(encoded) == nested


def test_a_missing_content_type_is_read_as_json():
    assert http.read_json_body({"headers": {}, "body": '{"helpful": false}'}) == {"helpful": False}


# ---- 4. order of checks ----------------------------------------------------------------------------------


def test_a_provider_with_a_bad_body_on_an_officers_route_gets_403_not_400():
    for module, resource in ((faqs, "/faqs"), (resources, "/resources")):
        status, body = _call(module, "POST", resource, '{"oops', claims=PROVIDER)
        assert (status, body["error"]) == (403, "forbidden"), resource
    status, _ = _call(change_requests, "POST", "/change-requests/{id}/decision", "[" * 5000, claims=PROVIDER)
    assert status == 403


def test_anonymous_callers_of_signed_in_routes_get_401_whatever_the_body():
    for module, method, resource in BODY_ROUTES:
        if resource == "/faqs/{id}/feedback":
            continue
        status, body = _call(module, method, resource, "x" * 200_000, {"Content-Type": "text/plain"})
        assert (status, body["error"]) == (401, "unauthorized"), resource


def test_a_signed_in_caller_outside_every_group_gets_403():
    stranger = {"sub": "someone", "email": "someone@example.org"}
    status, body = _call(change_requests, "GET", "/change-requests", None, claims=stranger)
    assert status == 403
    assert "'providers' or 'officers'" in body["detail"]


@pytest.mark.parametrize(("module", "method", "resource"), BODY_ROUTES, ids=lambda v: getattr(v, "__name__", v))
def test_every_body_route_refuses_a_body_over_its_limit_with_413_before_reading_it(module, method, resource):
    limit = module.app.max_body_bytes
    # Not even JSON: the size is refused before the body is decoded or parsed.
    status, body = _call(module, method, resource, "\x00" * (limit + 1), claims=OFFICER)
    assert (status, body["error"]) == (413, "payload_too_large")
    assert f"{limit // 1024} KB" in body["detail"]


def test_the_resource_routes_have_a_limit_far_below_api_gateways_10_mb():
    assert resources.app.max_body_bytes <= 64 * 1024


def test_cors_preflight_is_answered_without_credentials():
    event = api_event("/faqs", method="OPTIONS", headers={"Origin": "https://example.org"})
    event["headers"]["Access-Control-Request-Method"] = "POST"
    response = faqs.lambda_handler(event, LambdaContextStub())
    assert response["statusCode"] == 204
