"""The REST resolver every API function uses: the one exception → HTTP response map, and the one guard
that every request passes before routing.

The guard (`LocalOfferResolver.resolve` → `check_request`) runs in this order, so a request is refused on the
cheapest ground first and nothing is parsed for a caller who may not use the route:

1. who: a route declared with `security=signed_in(...)` needs a caller (401) of one of its groups (403);
2. how much: a body over the function's `max_body_bytes` is 413, measured before it is decoded;
3. what, on routes that take a body: a `Content-Encoding` (gzip...) or a media type other than
   `application/json` is 415; bytes that are not UTF-8, JSON that does not parse, nests deeper than
   `MAX_JSON_DEPTH`, holds a number literal longer than `MAX_NUMBER_LENGTH`, `NaN`/`Infinity`, or an unpaired
   surrogate escape are 400, each naming what is wrong.

Only then does powertools route and validate the parameters and body against the route's models.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from pydantic import BaseModel

from local_offer import snapshot
from local_offer.models.errors import (
    Conflict,
    DomainError,
    Forbidden,
    InvalidRequest,
    NotFound,
    PayloadTooLarge,
    SearchUnavailable,
    TooManyRequests,
    Unauthorized,
    UnsupportedMediaType,
)
from local_offer.observability import logger

if TYPE_CHECKING:
    from aws_lambda_powertools.event_handler.api_gateway import Route
    from aws_lambda_powertools.utilities.typing import LambdaContext

# The merged OpenAPI document (`make schemas` writes it), served at GET /openapi.json.
PACKAGED_OPENAPI = Path(__file__).resolve().parent.parent / "data" / "openapi.json"

_STATUS_BY_ERROR: dict[type[DomainError], HTTPStatus] = {
    InvalidRequest: HTTPStatus.BAD_REQUEST,
    Unauthorized: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    PayloadTooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    UnsupportedMediaType: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    TooManyRequests: HTTPStatus.TOO_MANY_REQUESTS,
    SearchUnavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}

# A function's request bodies are at most this large unless it says otherwise (a service record is ~10 KB).
DEFAULT_MAX_BODY_BYTES = 64 * 1024
# No request body we accept nests deeper than ~8 levels; this bounds the parser's and validator's recursion.
MAX_JSON_DEPTH = 32
# Characters in one JSON number literal: beyond any id, count or coordinate, far below int()'s 4,300 digits.
MAX_NUMBER_LENGTH = 40
# The header a 429 carries: whole seconds until the client may try again.
RETRY_AFTER = "Retry-After"
# The security scheme signed-in routes name: a bearer ID token from the Local Offer Cognito user pool.
USER_POOL = "LocalOfferUserPool"

# Declared on routes so the OpenAPI document shows the error shape.
ERROR_RESPONSES: dict[int, OpenAPIResponse] = {
    400: {"description": "Invalid request: `detail` says which parameter is wrong and why"},
    404: {"description": "Not found"},
    503: {"description": "Search temporarily unavailable"},
}


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response. A model (what services return) is dumped the one way every route uses: fields that are
    None are left out. Anything else must already be JSON-serialisable."""
    if isinstance(body, BaseModel):
        text = body.model_dump_json(exclude_none=True)
    else:
        text = json.dumps(body, separators=(",", ":"), ensure_ascii=False)
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=text, headers=headers)


def returns(model: type[BaseModel], status: int = 200, description: str = "OK") -> dict[int, OpenAPIResponse]:
    """A route's documented success response: the model its service returns, so the OpenAPI document is built
    from the same class the code serialises."""
    return {status: {"description": description, "content": {"application/json": {"model": model}}}}


def base_url(app: APIGatewayRestResolver) -> str:
    """This API's public base URL as the caller reached it (on execute-api hosts the stage is in the path)."""
    event = app.current_event
    headers = {key.lower(): value for key, value in (event.headers or {}).items()}
    host = headers.get("host", "")
    scheme = headers.get("x-forwarded-proto", "https")
    stage = event.request_context.stage
    prefix = f"/{stage}" if stage and host.endswith("amazonaws.com") else ""
    return f"{scheme}://{host}{prefix}"


def refuse_repeated(app: APIGatewayRestResolver, model: type[BaseModel]) -> None:
    """A 400 for a field of a model-typed query parameter given more than once: powertools would quietly keep
    the first value of a model's field, where a parameter declared on its own is refused (each takes one value).
    Fields are named as on the wire (their alias, if any)."""
    names = {field.alias or name for name, field in model.model_fields.items()}
    for name, values in app.current_event.multi_value_query_string_parameters.items():
        if name in names and len(values) > 1:
            raise InvalidRequest(f"{name} is given {len(values)} times; give it once", parameter=name)


def error_response(
    status: HTTPStatus,
    code: str,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"error": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return json_response(body, status=int(status), headers=headers)


_FLAT_LOCATIONS = frozenset({"query", "header", "cookie"})


def _describe_validation_error(error: dict[str, Any]) -> dict[str, str]:
    """Turn one pydantic error into {in, parameter, message} in words a client developer can act on."""
    location = [str(part) for part in error.get("loc", ())]
    where = location[0] if location else "request"
    name = ".".join(location[1:]) or where
    if where in _FLAT_LOCATIONS and len(location) > 2:
        # A query parameter or header is one flat name on the wire, but a field of a model-typed parameter
        # arrives as (query, <model parameter>, <field>) and an item of a list as (query, <name>, <index>):
        # name what the client sent, the last name in the location.
        name = next(part for part in reversed(error["loc"]) if isinstance(part, str))
    kind = error.get("type", "")
    if kind.startswith("uuid"):
        message = "must be a UUID"
    elif kind == "missing":
        message = "is required"
    else:
        message = str(error.get("msg") or kind).rstrip(".")
        message = message[:1].lower() + message[1:]
    return {"in": where, "parameter": name, "message": message}


def signed_in(*groups: str) -> list[dict[str, list[str]]]:
    """A route's `security`: a caller signed in with the user pool and, when `groups` are named, a member of
    one of them. The guard enforces it before the body is read; the OpenAPI document (3.1) lists the groups
    as the requirement's roles."""
    return [{USER_POOL: list(groups)}]


def security_schemes() -> dict[str, Any]:
    """The OpenAPI security scheme `signed_in` routes name (only the document generator needs it)."""
    from aws_lambda_powertools.event_handler.openapi.models import HTTPBearer

    return {
        USER_POOL: HTTPBearer(
            bearerFormat="JWT",
            description=(
                "An ID token from the Local Offer Cognito user pool (sign in with the app client), sent as "
                "`Authorization: Bearer <token>` and checked by API Gateway's Cognito authorizer. An "
                "operation's roles are the Cognito groups (`cognito:groups`) it needs; none: any user."
            ),
        )
    }


def document_guard(document: dict[str, Any], max_body_bytes: int) -> dict[str, Any]:
    """Add what the guard answers to one function's OpenAPI document (a dict): 401/403 on signed-in
    operations, 400/413/415 on operations that read a body."""
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if operation.get("security"):
                responses.setdefault("401", {"description": "Not signed in (no valid bearer token)"})
                responses.setdefault("403", {"description": "Signed in, but not in a group this needs"})
            if "requestBody" in operation:
                responses.setdefault("400", {"description": "Invalid request: `errors` names each wrong field"})
                responses["413"] = {
                    "description": f"Request body larger than {max_body_bytes // 1024} KB (checked before it is read)"
                }
                responses["415"] = {"description": "Body not `application/json` (UTF-8), or with a Content-Encoding"}
    return document


def status_of(exc: DomainError) -> HTTPStatus:
    return next((code for kind, code in _STATUS_BY_ERROR.items() if isinstance(exc, kind)), HTTPStatus.BAD_REQUEST)


def _error_fields(exc: DomainError) -> list[dict[str, str]] | None:
    if isinstance(exc, InvalidRequest) and exc.errors:
        return exc.errors
    if isinstance(exc, InvalidRequest) and exc.parameter:
        return [{"in": exc.location, "parameter": exc.parameter, "message": exc.detail}]
    return None


class LocalOfferResolver(APIGatewayRestResolver):
    """powertools' REST resolver, with `check_request` run on every request before routing."""

    def __init__(self, max_body_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        # Browsers show a cross-origin script only the headers it is told it may read: Retry-After on a 429.
        cors = CORSConfig(allow_origin="*", expose_headers=[RETRY_AFTER], max_age=600)
        super().__init__(enable_validation=True, cors=cors)
        self.max_body_bytes = max_body_bytes
        self._declared: dict[tuple[str, str], Route] | None = None

    def resolve(self, event: Mapping[str, Any], context: LambdaContext) -> dict[str, Any]:
        if event.get("httpMethod") != "OPTIONS":  # CORS pre-flight carries no credentials and no body
            try:
                check_request(event, self.declared_route(event), self.max_body_bytes)
            except DomainError as exc:
                return refusal_response(int(status_of(exc)), exc.code, exc.detail, _error_fields(exc))
        return super().resolve(event, context)

    def declared_route(self, event: Mapping[str, Any]) -> Route | None:
        """The route serving this request: by API Gateway's `resource` (`/faqs/{id}`), else by its path."""
        if self._declared is None:
            routes = self._static_routes + self._dynamic_routes
            self._declared = {(route.method, route.openapi_path): route for route in routes}
        method = str(event.get("httpMethod") or "").upper()
        route = self._declared.get((method, str(event.get("resource") or "")))
        if route is None:
            path = str(event.get("path") or "")
            route = next((r for (m, _), r in self._declared.items() if m == method and r.rule.fullmatch(path)), None)
        return route


def check_request(event: Mapping[str, Any], route: Route | None, max_body_bytes: int) -> None:
    """Refuse (raise) what the route must not process: the caller, the body's size, then the body's form."""
    if route is not None and route.security:
        _check_caller(event, route.security)
    if request_body_size(event) > max_body_bytes:
        raise PayloadTooLarge(f"The request body is larger than {max_body_bytes // 1024} KB ({max_body_bytes} bytes)")
    if route is not None and route.dependant.body_params and event.get("body"):
        read_json_body(event)


def _check_caller(event: Mapping[str, Any], security: list[dict[str, list[str]]]) -> None:
    from local_offer.handlers.identity import require_principal

    principal = require_principal(event)
    groups = {group for requirement in security for group in requirement.get(USER_POOL, [])}
    if groups and not principal.groups & groups:
        names = " or ".join(f"'{group}'" for group in sorted(groups, reverse=True))
        raise Forbidden(f"Only members of the {names} group{'s' if len(groups) > 1 else ''} may do this")


def _header(event: Mapping[str, Any], name: str) -> str:
    headers = event.get("headers") or {}
    return next((str(value) for key, value in headers.items() if key.lower() == name), "")


def read_json_body(event: Mapping[str, Any]) -> Any:
    """The body as JSON, or a 415/400 naming what is wrong with its encoding, media type, bytes or syntax."""
    import base64
    import binascii

    encoding = _header(event, "content-encoding").strip().lower()
    if encoding and encoding != "identity":
        raise UnsupportedMediaType(f"Content-Encoding {encoding} is not accepted: send the JSON body uncompressed")
    content_type = _header(event, "content-type")
    media_type, _, parameters = content_type.partition(";")
    media_type = media_type.strip().lower()
    if media_type not in ("", "application/json"):
        raise UnsupportedMediaType(f"The body must be application/json, not {media_type}")
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        charset = value.strip().strip('"').lower()
        if key.strip().lower() == "charset" and charset not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"The body must be UTF-8, not {charset}")
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        try:
            text = base64.b64decode(body, validate=True).decode("utf-8")
        except binascii.Error as exc:
            raise _body_error("is not valid base64") from exc
        except UnicodeDecodeError as exc:
            raise _body_error(f"is not valid UTF-8 (byte {exc.start})") from exc
    else:
        text = body
    return parse_json(text)


class _NotPlainJson(ValueError):
    """A number or constant the parser hooks refuse."""


def _parse_int(literal: str) -> int:
    if len(literal) > MAX_NUMBER_LENGTH:
        raise _NotPlainJson(f"holds a number longer than {MAX_NUMBER_LENGTH} characters")
    return int(literal)


def _parse_float(literal: str) -> float:
    import math

    value = float(literal)
    if len(literal) > MAX_NUMBER_LENGTH or not math.isfinite(value):
        raise _NotPlainJson(f"holds a number out of range ({literal[:20]}...)")
    return value


def _parse_constant(name: str) -> Any:
    raise _NotPlainJson(f"holds {name}, which is not JSON")


def parse_json(text: str) -> Any:
    """Strict JSON: also refuses NaN/Infinity, over-long numbers, deep nesting and unpaired surrogates."""
    try:
        value = json.loads(text, parse_int=_parse_int, parse_float=_parse_float, parse_constant=_parse_constant)
    except _NotPlainJson as exc:
        raise _body_error(str(exc)) from exc
    except json.JSONDecodeError as exc:
        raise _body_error(f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError as exc:
        raise _body_error(f"is nested deeper than {MAX_JSON_DEPTH} levels") from exc
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict | list) and depth > MAX_JSON_DEPTH:
            raise _body_error(f"is nested deeper than {MAX_JSON_DEPTH} levels")
        if isinstance(item, dict):
            pending.extend((key, depth) for key in item)
            pending.extend((child, depth + 1) for child in item.values())
        elif isinstance(item, list):
            pending.extend((child, depth + 1) for child in item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise _body_error("holds an unpaired surrogate (\\ud800-\\udfff) in a string") from exc
    return value


def _body_error(message: str) -> InvalidRequest:
    return InvalidRequest(f"body {message}", "body", location="body")


def make_resolver(max_body_bytes: int = DEFAULT_MAX_BODY_BYTES, warm_modules: Iterable[str] = ()) -> LocalOfferResolver:
    """A REST resolver with validation, CORS `*`, the request guard, and our error bodies for every failure.
    Making it registers the function's SnapStart hooks (local_offer/snapshot.py); `warm_modules` are the
    modules its routes import on first use, which the before-snapshot hook imports into the snapshot."""
    snapshot.register(warm_modules)
    app = LocalOfferResolver(max_body_bytes)

    @app.exception_handler(RequestUnsupportedContentType)
    def _unsupported(exc: RequestUnsupportedContentType) -> Response:
        # The guard refuses these first; this keeps a media type it let through from becoming a 500.
        return error_response(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, UnsupportedMediaType.code, "The body must be JSON")

    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response:
        described = [_describe_validation_error(error) for error in exc.errors()]
        detail = "; ".join(f"{item['parameter']} {item['message']}" for item in described)
        return error_response(HTTPStatus.BAD_REQUEST, "invalid_request", detail, described)

    @app.exception_handler(DomainError)
    def _domain(exc: DomainError) -> Response:
        status = status_of(exc)
        if status >= 500:
            logger.warning("domain error", extra={"error": exc.code, "detail": exc.detail})
        # A 429 says when to come back (seconds), so clients need not guess.
        headers = None
        if isinstance(exc, TooManyRequests) and exc.retry_after:
            headers = {RETRY_AFTER: str(exc.retry_after)}
        return error_response(status, exc.code, exc.detail, _error_fields(exc), headers)

    @app.not_found
    def _route_not_found(exc: Exception) -> Response:
        return error_response(HTTPStatus.NOT_FOUND, "not_found", "No such route")

    @app.exception_handler(Exception)
    def _unexpected(exc: Exception) -> Response:
        # Never leak internals in a 5xx body: log the exception, answer with a generic message.
        logger.exception("unhandled error")
        return error_response(HTTPStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side")

    return app


def request_body_size(event: Mapping[str, Any]) -> int:
    """The body's size in bytes, as sent (a base64 body counts as its decoded length)."""
    body = event.get("body") or ""
    if event.get("isBase64Encoded"):
        return len(body) * 3 // 4
    return len(body.encode("utf-8"))


def refusal_response(status: int, code: str, detail: str, errors: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """A proxy response for a request refused before routing, with the resolver's error body and CORS."""
    body: dict[str, Any] = {"error": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json", "Access-Control-Allow-Origin": "*"},
        "body": json.dumps(body, separators=(",", ":"), ensure_ascii=False),
        "isBase64Encoded": False,
    }
