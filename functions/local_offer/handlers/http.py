"""The REST resolver factory and the one exception → HTTP response map shared by every API function."""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from pathlib import Path
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, CORSConfig, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse

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
)
from local_offer.observability import logger

# The merged OpenAPI document (`make schemas` writes it), served at GET /openapi.json.
PACKAGED_OPENAPI = Path(__file__).resolve().parent.parent / "data" / "openapi.json"

_STATUS_BY_ERROR: dict[type[DomainError], HTTPStatus] = {
    InvalidRequest: HTTPStatus.BAD_REQUEST,
    Unauthorized: HTTPStatus.UNAUTHORIZED,
    Forbidden: HTTPStatus.FORBIDDEN,
    NotFound: HTTPStatus.NOT_FOUND,
    Conflict: HTTPStatus.CONFLICT,
    PayloadTooLarge: HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
    TooManyRequests: HTTPStatus.TOO_MANY_REQUESTS,
    SearchUnavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}

# Declared on routes so the OpenAPI document shows the error shape.
ERROR_RESPONSES: dict[int, OpenAPIResponse] = {
    400: {"description": "Invalid request: `detail` says which parameter is wrong and why"},
    404: {"description": "Not found"},
    503: {"description": "Search temporarily unavailable"},
}


def json_response(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """A JSON response from an already-serialisable body (dicts from the domain, not models)."""
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body=json.dumps(body, separators=(",", ":"), ensure_ascii=False),
        headers=headers,
    )


def base_url(app: APIGatewayRestResolver) -> str:
    """This API's public base URL as the caller reached it (on execute-api hosts the stage is in the path)."""
    event = app.current_event
    headers = {key.lower(): value for key, value in (event.headers or {}).items()}
    host = headers.get("host", "")
    scheme = headers.get("x-forwarded-proto", "https")
    stage = event.request_context.stage
    prefix = f"/{stage}" if stage and host.endswith("amazonaws.com") else ""
    return f"{scheme}://{host}{prefix}"


def error_response(status: HTTPStatus, code: str, detail: str, errors: list[dict[str, str]] | None = None) -> Response:
    body: dict[str, Any] = {"error": code, "detail": detail}
    if errors:
        body["errors"] = errors
    return json_response(body, status=int(status))


def _describe_validation_error(error: dict[str, Any]) -> dict[str, str]:
    """Turn one pydantic error into {in, parameter, message} in words a client developer can act on."""
    location = [str(part) for part in error.get("loc", ())]
    where = location[0] if location else "request"
    name = ".".join(location[1:]) or where
    kind = error.get("type", "")
    if kind.startswith("uuid"):
        message = "must be a UUID"
    elif kind == "missing":
        message = "is required"
    else:
        message = str(error.get("msg") or kind).rstrip(".")
        message = message[:1].lower() + message[1:]
    return {"in": where, "parameter": name, "message": message}


def make_resolver() -> APIGatewayRestResolver:
    """A REST resolver with validation, CORS `*`, and our error bodies for every failure."""
    app = APIGatewayRestResolver(enable_validation=True, cors=CORSConfig(allow_origin="*", max_age=600))

    @app.exception_handler(RequestValidationError)
    def _invalid(exc: RequestValidationError) -> Response:
        described = [_describe_validation_error(error) for error in exc.errors()]
        detail = "; ".join(f"{item['parameter']} {item['message']}" for item in described)
        return error_response(HTTPStatus.BAD_REQUEST, "invalid_request", detail, described)

    @app.exception_handler(DomainError)
    def _domain(exc: DomainError) -> Response:
        status = next(
            (code for kind, code in _STATUS_BY_ERROR.items() if isinstance(exc, kind)),
            HTTPStatus.BAD_REQUEST,
        )
        if status >= 500:
            logger.warning("domain error", extra={"error": exc.code, "detail": exc.detail})
        errors = None
        if isinstance(exc, InvalidRequest) and exc.errors:
            errors = exc.errors
        elif isinstance(exc, InvalidRequest) and exc.parameter:
            errors = [{"in": exc.location, "parameter": exc.parameter, "message": exc.detail}]
        return error_response(status, exc.code, exc.detail, errors)

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
