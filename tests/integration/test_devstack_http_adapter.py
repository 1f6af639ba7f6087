"""devstack.http_adapter: HTTP in, an API Gateway REST proxy event to the function, its answer back out."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from devstack import template as cfn
from devstack.http_adapter import ApiGatewayServer, Router
from devstack.lambda_runtime import FunctionRuntime

PROXY_ROUTE = cfn.ApiRoute("ANY", "/files/{proxy+}", "fake.handler", "SearchFunction")


class RecordingHandler:
    """Answers with a fixed proxy response and keeps the events and contexts it was given."""

    def __init__(self, response: dict[str, Any] | None = None, error: Exception | None = None) -> None:
        self.events: list[dict[str, Any]] = []
        self.contexts: list[Any] = []
        self.response = response or {"statusCode": 200, "headers": {"Content-Type": "application/json"}, "body": "{}"}
        self.error = error

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.events.append(event)
        self.contexts.append(context)
        if self.error:
            raise self.error
        return self.response


@pytest.fixture
def serve(template) -> Iterator[Any]:
    """Start an adapter on a free port with the template's routes (plus a proxy route) and a given handler."""
    servers: list[ApiGatewayServer] = []

    def start(handler: RecordingHandler) -> str:
        runtime = FunctionRuntime(cfn.functions(template), handlers={"SearchFunction": handler})
        routes = [*cfn.api_routes(template), PROXY_ROUTE]
        server = ApiGatewayServer(
            ("127.0.0.1", 0), routes, runtime, stage=cfn.api_stage_name(template), cors=cfn.api_cors(template)
        )
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        servers.append(server)
        return server.url

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


def test_a_request_becomes_an_api_gateway_rest_proxy_event(serve, template):
    handler = RecordingHandler()
    url = serve(handler)

    requests.get(
        f"{url}/services/abc%20def?search=speech&day=MO&day=TU",
        headers={"X-Trace": "one", "User-Agent": "tests"},
        timeout=5,
    )

    (event,) = handler.events
    assert event["resource"] == "/services/{id}"
    assert event["path"] == "/services/abc def"
    assert event["httpMethod"] == "GET"
    assert event["pathParameters"] == {"id": "abc def"}
    assert event["queryStringParameters"] == {"search": "speech", "day": "TU"}
    assert event["multiValueQueryStringParameters"] == {"search": ["speech"], "day": ["MO", "TU"]}
    assert event["headers"]["X-Trace"] == "one"
    assert event["multiValueHeaders"]["X-Trace"] == ["one"]
    assert event["stageVariables"] is None
    assert event["body"] is None
    assert event["isBase64Encoded"] is False
    context = event["requestContext"]
    stage = cfn.api_stage_name(template)
    assert context["resourcePath"] == "/services/{id}"
    assert context["httpMethod"] == "GET"
    assert context["path"] == f"/{stage}/services/abc def"
    assert context["stage"] == stage
    assert context["identity"]["sourceIp"] == "127.0.0.1"
    assert context["identity"]["userAgent"] == "tests"
    assert context["accountId"] == cfn.ACCOUNT_ID
    assert context["apiId"]
    assert context["requestId"]
    assert context["domainName"] == url.removeprefix("http://")
    assert context["protocol"] == "HTTP/1.1"
    assert isinstance(context["requestTimeEpoch"], int)


def test_the_handler_gets_a_lambda_context(serve):
    handler = RecordingHandler()
    url = serve(handler)

    requests.get(f"{url}/services", timeout=5)

    (context,) = handler.contexts
    assert context.function_name == "local-offer-SearchFunction"
    assert context.invoked_function_arn.endswith(":function:local-offer-SearchFunction")
    assert context.memory_limit_in_mb > 0
    assert context.aws_request_id
    assert 0 < context.get_remaining_time_in_millis() <= 1000 * context.timeout_seconds
    assert handler.events[0]["queryStringParameters"] is None


def test_text_bodies_pass_as_text_and_binary_bodies_as_base64(serve):
    handler = RecordingHandler()
    url = serve(handler)

    requests.post(f"{url}/files/a/b.json", json={"name": "x"}, timeout=5)
    requests.put(f"{url}/files/photo.png", data=b"\x89PNG\x00\xff", headers={"Content-Type": "image/png"}, timeout=5)

    text, binary = handler.events
    assert text["resource"] == "/files/{proxy+}"
    assert text["pathParameters"] == {"proxy": "a/b.json"}
    assert (text["body"], text["isBase64Encoded"]) == ('{"name": "x"}', False)
    assert binary["isBase64Encoded"] is True
    assert base64.b64decode(binary["body"]) == b"\x89PNG\x00\xff"


def test_the_proxy_response_is_written_back_with_multi_value_headers_and_base64_bodies(serve):
    handler = RecordingHandler(
        {
            "statusCode": 201,
            "headers": {"Content-Type": "application/octet-stream"},
            "multiValueHeaders": {"Set-Cookie": ["a=1", "b=2"]},
            "body": base64.b64encode(b"\x00\x01binary").decode(),
            "isBase64Encoded": True,
        }
    )
    url = serve(handler)

    response = requests.get(f"{url}/services", timeout=5)

    assert response.status_code == 201
    assert response.content == b"\x00\x01binary"
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.raw.headers.getlist("Set-Cookie") == ["a=1", "b=2"]


MISSING_TOKEN = {"message": "Missing Authentication Token"}


def test_an_unknown_route_gets_api_gateways_missing_authentication_token(serve):
    handler = RecordingHandler()
    url = serve(handler)

    unknown_path = requests.get(f"{url}/nothing/here", timeout=5)
    wrong_method = requests.delete(f"{url}/services", timeout=5)

    for answer in (unknown_path, wrong_method):
        assert answer.status_code == 403
        assert answer.json() == MISSING_TOKEN
        assert answer.headers["x-amzn-ErrorType"] == "MissingAuthenticationTokenException"
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
    assert handler.events == []


@pytest.mark.parametrize("method", ["TRACE", "QUERY", "PROPFIND", "CONNECT", "M-SEARCH"])
def test_an_unknown_method_gets_api_gateways_answer_not_a_501_page(serve, method):
    handler = RecordingHandler()
    url = serve(handler)

    answer = requests.request(method, f"{url}/services", timeout=5)

    assert answer.status_code == 403
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == MISSING_TOKEN
    assert handler.events == []


def test_a_preflight_request_is_answered_with_cors_headers(serve):
    handler = RecordingHandler()
    url = serve(handler)

    response = requests.options(
        f"{url}/services",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
        timeout=5,
    )

    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "GET" in response.headers["Access-Control-Allow-Methods"]
    assert response.headers["Access-Control-Allow-Headers"]
    assert handler.events == []


def test_a_handler_that_raises_gives_api_gateways_502(serve):
    url = serve(RecordingHandler(error=RuntimeError("bug")))

    response = requests.get(f"{url}/services", timeout=5)

    assert response.status_code == 502
    assert response.json() == {"message": "Internal server error"}


def test_the_most_specific_route_wins():
    router = Router(
        [
            cfn.ApiRoute("ANY", "/{proxy+}", "h", "Catchall"),
            cfn.ApiRoute("GET", "/services/{id}", "h", "ById"),
            cfn.ApiRoute("GET", "/services/search", "h", "Literal"),
        ]
    )

    assert router.match("GET", "/services/search")[0].function_id == "Literal"
    assert router.match("GET", "/services/42") == (router.routes[1].route, {"id": "42"})
    assert router.match("POST", "/services/42")[0].function_id == "Catchall"
    assert router.match("GET", "/services/42/extra")[1] == {"proxy": "services/42/extra"}
