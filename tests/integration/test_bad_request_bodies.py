"""Hand-written bad request bodies through the local API Gateway step (authorizer, proxy event, function):
every body route, anonymously and as an officer, each bad input class. None may get a 5xx; each gets the 4xx
its class calls for, and nothing is written.
"""

from __future__ import annotations

import gzip
import json
import re
import uuid
from collections.abc import Mapping
from typing import Any

from devstack import template as cfn
from devstack.http_adapter import HttpRequest
from devstack.schemas import api_resolvers
from tests.identities import World, world_fixture  # noqa: F401 (the `world` fixture)
from tests.public_routes import PUBLIC_ROUTES

TABLES = (
    "RecordsTable",
    "ChangeRequestsTable",
    "ResourcesTable",
    "MembershipsTable",
    "RateLimitTable",
    "IdempotencyTable",
    "InsightsTable",
    "NotificationsTable",
    "ShortlistsTable",
)


def body_routes() -> list[tuple[str, str, int]]:
    """(method, path template, body limit) of every route that reads a JSON body."""
    return [
        (route.method, route.openapi_path, resolver.max_body_bytes)
        for resolver in api_resolvers()
        for route in resolver._static_routes + resolver._dynamic_routes
        if route.dependant.body_params
    ]


def bad_inputs(limit: int) -> list[tuple[str, dict[str, str], bytes, set[int]]]:
    """(name, headers, body, the statuses it may get) for each bad input class."""
    json_type = {"Content-Type": "application/json"}
    return [
        *[
            (f"content type {media_type}", {"Content-Type": media_type}, b'{"helpful": true}', {415})
            for media_type in (
                "text/plain;charset=UTF-8",
                "application/xml",
                "text/xml",
                "application/octet-stream",
                "multipart/form-data",
                "multipart/form-data; boundary=----x",
                "application/x-www-form-urlencoded",
                "application/json; charset=utf-16",
                "application/jsonp",
                "Application/JSON",
            )
        ],
        ("xml body", {"Content-Type": "application/xml"}, b"<faq><helpful>true</helpful></faq>", {415}),
        ("gzip encoded", {**json_type, "Content-Encoding": "gzip"}, gzip.compress(b'{"helpful": true}'), {415}),
        ("gzip bytes, no encoding", json_type, gzip.compress(b'{"helpful": true}'), {400}),
        ("deflate encoded", {**json_type, "Content-Encoding": "deflate"}, b'{"helpful": true}', {415}),
        ("not utf-8", json_type, b'{"comment": "caf\xe9"}', {400}),
        ("utf-16", json_type, '{"helpful": true}'.encode("utf-16"), {400}),
        ("nested 5,000 deep", json_type, b"[" * 5000 + b"]" * 5000, {400}),
        ("nested 5,000 deep objects", json_type, b'{"a":' * 5000 + b"1" + b"}" * 5000, {400, 413}),  # 30 KB
        ("nested 33 deep", json_type, b'{"a": ' + b"[" * 33 + b"]" * 33 + b"}", {400}),
        ("integer of 5,000 digits", json_type, b'{"version": ' + b"9" * 5000 + b"}", {400}),
        ("negative integer of 5,000 digits", json_type, b'{"version": -' + b"9" * 5000 + b"}", {400}),
        ("float of 5,000 digits", json_type, b'{"version": 0.' + b"1" * 5000 + b"}", {400}),
        ("float overflow", json_type, b'{"version": 1e400}', {400}),
        ("NaN", json_type, b'{"version": NaN}', {400}),
        ("Infinity", json_type, b'{"version": Infinity}', {400}),
        ("unpaired surrogate", json_type, b'{"comment": "\\udc00"}', {400}),
        ("unpaired surrogate key", json_type, b'{"\\ud800": 1}', {400}),
        ("truncated", json_type, b'{"helpful": tr', {400}),
        ("byte order mark", json_type, b"\xef\xbb\xbf{}", {400}),
        ("trailing garbage", json_type, b"{} {}", {400}),
        ("single quotes", json_type, b"{'helpful': true}", {400}),
        ("empty", json_type, b"", {400}),
        ("null", json_type, b"null", {400}),
        ("array", json_type, b"[]", {400}),
        ("string", json_type, b'"helpful"', {400}),
        ("number", json_type, b"1", {400}),
        ("empty object", json_type, b"{}", {400, 404}),
        ("nul characters", json_type, b'{"comment": "\\u0000\\u0000"}', {400, 404}),
        ("over the size limit", json_type, b'{"comment": "' + b"x" * limit + b'"}', {413}),
        ("over the size limit, not JSON", {"Content-Type": "text/plain"}, b"\x00" * (limit + 1), {413}),
    ]


def table_items(aws: Any) -> dict[str, list[str]]:
    """Every item of the tables a body route could write, to check that nothing was."""
    dynamodb = aws.session.resource("dynamodb")
    dump = {name: dynamodb.Table(aws.name(name)).scan()["Items"] for name in TABLES}
    return {
        name: sorted(json.dumps(item, sort_keys=True, default=str) for item in items) for name, items in dump.items()
    }


def send(world: World, method: str, path: str, caller: str, headers: Mapping[str, str], body: bytes) -> Any:
    pairs = [("Host", "localhost"), *headers.items()]
    if caller != "anonymous":
        pairs += list(world.callers[caller].headers.items())
    return world.server.respond(HttpRequest(method, path, pairs, body, "198.51.100.9", "localhost"))


def test_no_bad_body_gets_a_server_error_and_each_gets_its_4xx(aws, world: World, template):
    assert {route.path for route in cfn.api_routes(template)} >= {path for _, path, _ in body_routes()}
    before = table_items(aws)
    tried, unexpected = 0, []
    for method, template_path, limit in body_routes():
        path = re.sub(r"{version}", "1", template_path)
        path = re.sub(r"{\w+}", lambda _: str(uuid.uuid4()), path)
        public = (method, template_path) in PUBLIC_ROUTES
        for caller in ("anonymous", "officer"):
            for name, headers, body, statuses in bad_inputs(limit):
                response = send(world, method, path, caller, headers, body)
                tried += 1
                expected = statuses if public or caller == "officer" else {401}
                if response.status >= 500 or response.status not in expected:
                    unexpected.append((method, template_path, caller, name, response.status, response.body[:200]))
    assert not unexpected, "\n".join(map(str, unexpected))
    assert tried >= 500
    assert table_items(aws) == before
