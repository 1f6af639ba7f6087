"""HTTP -> API Gateway (REST, Lambda proxy) -> the real handler, for every `Api` route of the template.

A request is matched against the routes as API Gateway does (literal segments before `{param}` before
`{proxy+}`), turned into a REST proxy event with a Lambda context, run through the function (one invocation
at a time per function) and the proxy response is written back. An unknown route answers 404
`{"error": "not_found", "detail": ...}`; `OPTIONS` on a known path answers the preflight with the API's CORS
settings; a handler that raises or answers malformed gives API Gateway's 502. A route whose event names an
authorizer (`Auth: {Authorizer: CognitoAuthorizer}`) is served only with a token that authorizer accepts
(see devstack.cognito): otherwise 401 `{"message": "Unauthorized"}` as API Gateway answers, and the function
is not called; with one, its claims are in `requestContext.authorizer.claims`.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import logging
import re
import sys
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Protocol
from urllib.parse import parse_qsl, unquote, urlsplit

from devstack.lambda_runtime import FunctionRuntime
from devstack.template import ACCOUNT_ID, ApiRoute

log = logging.getLogger(__name__)

API_ID = "local"
TEXT_CONTENT_TYPES = ("text/", "application/json", "application/xml", "application/x-www-form-urlencoded")


# ---------------------------------------------------------------------------------------------------------
# Routing
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompiledRoute:
    route: ApiRoute
    pattern: re.Pattern[str]
    parameters: tuple[str, ...]
    specificity: tuple[int, int, int]  # sorts the most specific route first

    @classmethod
    def compile(cls, route: ApiRoute) -> CompiledRoute:
        segments = [segment for segment in route.path.split("/") if segment]
        regex, literal, greedy = "", 0, 0
        parameters: list[str] = []
        for segment in segments:
            match = re.fullmatch(r"\{([^}+]+)(\+?)\}", segment)
            if match is None:
                regex += "/" + re.escape(segment)
                literal += 1
            elif match.group(2):
                regex += f"/(?P<p{len(parameters)}>.+)"
                parameters.append(match.group(1))
                greedy += 1
            else:
                regex += f"/(?P<p{len(parameters)}>[^/]+)"
                parameters.append(match.group(1))
        pattern = re.compile((regex or "/?") + "/?")
        return cls(route, pattern, tuple(parameters), (greedy, -literal, len(parameters) - greedy))

    def match(self, path: str) -> dict[str, str] | None:
        found = self.pattern.fullmatch(path)
        if found is None:
            return None
        return {name: unquote(found.group(f"p{index}")) for index, name in enumerate(self.parameters)}


class Router:
    """Finds the route for a method and path."""

    def __init__(self, routes: Sequence[ApiRoute]) -> None:
        self.routes = sorted((CompiledRoute.compile(route) for route in routes), key=lambda r: r.specificity)

    def match(self, method: str, path: str) -> tuple[ApiRoute, dict[str, str]] | None:
        for compiled in self.routes:
            if compiled.route.method in (method, "ANY"):
                parameters = compiled.match(path)
                if parameters is not None:
                    return compiled.route, parameters
        return None

    def methods_for(self, path: str) -> list[str]:
        """Methods with a route for this path (empty: the path is unknown)."""
        return sorted({compiled.route.method for compiled in self.routes if compiled.match(path) is not None})


# ---------------------------------------------------------------------------------------------------------
# The proxy event
# ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class HttpRequest:
    method: str
    raw_path: str  # path and query as received
    headers: Sequence[tuple[str, str]]
    body: bytes
    source_ip: str
    host: str


def _is_text(content_type: str, body: bytes) -> bool:
    if content_type and not content_type.lower().startswith(TEXT_CONTENT_TYPES):
        return False
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _single_and_multi(pairs: Sequence[tuple[str, str]]) -> tuple[dict[str, str] | None, dict[str, list[str]] | None]:
    """API Gateway's pair of maps: the last value of each name, and every value; both null when empty."""
    if not pairs:
        return None, None
    multi: dict[str, list[str]] = {}
    for name, value in pairs:
        multi.setdefault(name, []).append(value)
    return {name: values[-1] for name, values in multi.items()}, multi


def proxy_event(
    request: HttpRequest, route: ApiRoute, path_parameters: Mapping[str, str], stage: str
) -> dict[str, Any]:
    """The API Gateway REST (v1) Lambda proxy event for a request."""
    url = urlsplit(request.raw_path)
    path = unquote(url.path)
    query = parse_qsl(url.query, keep_blank_values=True)
    headers, multi_headers = _single_and_multi(list(request.headers))
    query_parameters, multi_query_parameters = _single_and_multi(query)
    content_type = next((value for name, value in request.headers if name.lower() == "content-type"), "")
    body: str | None = None
    is_base64 = False
    if request.body:
        if _is_text(content_type, request.body):
            body = request.body.decode("utf-8")
        else:
            body, is_base64 = base64.b64encode(request.body).decode("ascii"), True
    now = dt.datetime.now(dt.UTC)
    user_agent = next((value for name, value in request.headers if name.lower() == "user-agent"), None)
    return {
        "resource": route.path,
        "path": path,
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query_parameters,
        "multiValueQueryStringParameters": multi_query_parameters,
        "pathParameters": dict(path_parameters) or None,
        "stageVariables": None,
        "requestContext": {
            "resourceId": uuid.uuid5(uuid.NAMESPACE_URL, route.method + route.path).hex[:6],
            "resourcePath": route.path,
            "httpMethod": request.method,
            "extendedRequestId": uuid.uuid4().hex[:16],
            "requestTime": now.strftime("%d/%b/%Y:%H:%M:%S +0000"),
            "path": f"/{stage}{path}",
            "accountId": ACCOUNT_ID,
            "protocol": "HTTP/1.1",
            "stage": stage,
            "domainPrefix": request.host.split(":")[0].split(".")[0],
            "requestTimeEpoch": int(now.timestamp() * 1000),
            "requestId": str(uuid.uuid4()),
            "identity": {
                "cognitoIdentityPoolId": None,
                "accountId": None,
                "cognitoIdentityId": None,
                "caller": None,
                "sourceIp": request.source_ip,
                "principalOrgId": None,
                "accessKey": None,
                "cognitoAuthenticationType": None,
                "cognitoAuthenticationProvider": None,
                "userArn": None,
                "userAgent": user_agent,
                "user": None,
            },
            "domainName": request.host,
            "apiId": API_ID,
        },
        "body": body,
        "isBase64Encoded": is_base64,
    }


# ---------------------------------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------------------------------
class Authorizer(Protocol):
    """What the server needs of an authorizer (devstack.cognito.TokenVerifier)."""

    def verify(self, authorization: str | None) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class HttpResponse:
    status: int
    headers: Sequence[tuple[str, str]]
    body: bytes


def json_response(status: int, payload: Mapping[str, Any], headers: Sequence[tuple[str, str]] = ()) -> HttpResponse:
    return HttpResponse(status, [("Content-Type", "application/json"), *headers], json.dumps(payload).encode("utf-8"))


def response_from_proxy(result: Any) -> HttpResponse:
    """Lambda's proxy answer as HTTP; ValueError when it is not one API Gateway would accept."""
    if not isinstance(result, Mapping) or not isinstance(result.get("statusCode"), int):
        raise ValueError("the handler did not return a proxy response with an integer statusCode")
    headers: list[tuple[str, str]] = []
    multi = result.get("multiValueHeaders") or {}
    for name, values in multi.items():
        headers.extend((name, str(value)) for value in values)
    for name, value in (result.get("headers") or {}).items():
        if name not in multi:
            headers.append((name, str(value)))
    body = result.get("body") or ""
    raw = base64.b64decode(body) if result.get("isBase64Encoded") else str(body).encode("utf-8")
    return HttpResponse(int(result["statusCode"]), headers, raw)


class ApiGatewayServer(ThreadingHTTPServer):
    """Serves the template's API routes from the functions of `runtime`."""

    daemon_threads = True

    def __init__(
        self,
        address: tuple[str, int],
        routes: Sequence[ApiRoute],
        runtime: FunctionRuntime,
        *,
        stage: str = "Prod",
        cors: Mapping[str, str] | None = None,
        authorizers: Mapping[str, Authorizer] | None = None,
        listen: bool = True,
    ) -> None:
        """Binds `address`; accepts connections at once, or with `listen=False` only after `listen()`."""
        self.router = Router(routes)
        # Filled in once the user pools exist; until then signed-in routes answer 401 (fail closed).
        self.authorizers: dict[str, Authorizer] = dict(authorizers or {})
        self.runtime = runtime
        self.stage = stage
        self.cors = dict(cors or {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*"})
        super().__init__(address, _RequestHandler, bind_and_activate=False)
        try:
            self.server_bind()  # takes the port now: a taken one fails before anything starts
            if listen:
                self.server_activate()
        except OSError:
            self.server_close()
            raise

    def listen(self) -> None:
        """Start accepting connections. Until then, with `listen=False`, the port is held but a client's
        connection is refused at once rather than left waiting for a server that is still starting."""
        self.server_activate()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up before its answer was written is not a server error: no traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipeError, ConnectionResetError...
            log.debug("%s:%s closed the connection before the answer was written", *client_address[:2])
            return
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}"

    def respond(self, request: HttpRequest) -> HttpResponse:
        """The whole API Gateway step: route, build the event, invoke, translate the answer."""
        path = unquote(urlsplit(request.raw_path).path)
        matched = self.router.match(request.method, path)
        if matched is None:
            methods = self.router.methods_for(path)
            if request.method == "OPTIONS" and methods:
                allowed = self.cors.get("Access-Control-Allow-Methods", "*")
                if allowed == "*":
                    allowed = ",".join([*methods, "OPTIONS"])
                cors = {**self.cors, "Access-Control-Allow-Methods": allowed}
                return HttpResponse(HTTPStatus.NO_CONTENT, list(cors.items()), b"")
            detail = f"no route for {request.method} {path}"
            if methods:
                detail += f" (this path takes {', '.join(methods)})"
            return json_response(
                HTTPStatus.NOT_FOUND,
                {"error": "not_found", "detail": detail},
                [("Access-Control-Allow-Origin", self.cors.get("Access-Control-Allow-Origin", "*"))],
            )
        route, path_parameters = matched
        event = proxy_event(request, route, path_parameters, self.stage)
        if route.authorizer is not None:
            claims = self._authorize(route, request)
            if claims is None:
                return json_response(
                    HTTPStatus.UNAUTHORIZED,
                    {"message": "Unauthorized"},
                    [
                        ("x-amzn-ErrorType", "UnauthorizedException"),
                        ("Access-Control-Allow-Origin", self.cors.get("Access-Control-Allow-Origin", "*")),
                    ],
                )
            event["requestContext"]["authorizer"] = {"claims": claims}
        try:
            return response_from_proxy(self.runtime.invoke(route.function_id, event))
        except Exception:
            log.exception("%s failed on %s %s", route.function_id, request.method, path)
            return json_response(HTTPStatus.BAD_GATEWAY, {"message": "Internal server error"})

    def _authorize(self, route: ApiRoute, request: HttpRequest) -> dict[str, str] | None:
        """The claims as API Gateway passes them, or None when the authorizer refuses the request."""
        from devstack.cognito import api_gateway_claims

        authorizer = self.authorizers.get(str(route.authorizer))
        if authorizer is None:
            log.warning("%s %s: authorizer %s is not set up locally", route.method, route.path, route.authorizer)
            return None
        header = next((value for name, value in request.headers if name.lower() == "authorization"), None)
        claims = authorizer.verify(header)
        return api_gateway_claims(claims) if claims is not None else None


class _RequestHandler(BaseHTTPRequestHandler):
    server: ApiGatewayServer
    protocol_version = "HTTP/1.1"

    def _handle(self) -> None:
        started = time.monotonic()
        length = int(self.headers.get("Content-Length") or 0)
        headers = list(self.headers.items())
        # API Gateway adds X-Forwarded-Proto (https there); handlers build absolute links from it.
        if not any(name.lower() == "x-forwarded-proto" for name, _ in headers):
            headers.append(("X-Forwarded-Proto", "http"))
        request = HttpRequest(
            method=self.command,
            raw_path=self.path,
            headers=headers,
            body=self.rfile.read(length) if length else b"",
            source_ip=self.client_address[0],
            host=self.headers.get("Host") or "{}:{}".format(*self.server.server_address[:2]),
        )
        response = self.server.respond(request)
        self.send_response(response.status)
        for name, value in response.headers:
            if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)
        log.info("%s %s %d %.0f ms", self.command, self.path, response.status, (time.monotonic() - started) * 1000)

    # http.server dispatches on do_<METHOD>.
    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:
        """Silence http.server's own access log: `_handle` logs one line per request."""
