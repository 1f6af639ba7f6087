"""Domain exceptions; `handlers/http.py` maps each to one HTTP status."""

from __future__ import annotations


class DomainError(Exception):
    """Base for errors the API reports to the caller."""

    code = "error"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class InvalidRequest(DomainError):
    """The request is well-formed HTTP but its content is wrong (400)."""

    code = "invalid_request"

    def __init__(
        self,
        detail: str,
        parameter: str | None = None,
        *,
        location: str = "query",
        errors: list[dict[str, str]] | None = None,
    ) -> None:
        super().__init__(detail)
        self.parameter = parameter
        self.location = location
        # One {in, parameter, message} per invalid field when there are several (request bodies).
        self.errors = errors

    @classmethod
    def in_body(cls, problems: list[tuple[str, str]]) -> InvalidRequest:
        """One error naming every invalid body field: `problems` is [(field path, what is wrong)]."""
        detail = "; ".join(f"{field} {message}" for field, message in problems)
        errors = [{"in": "body", "parameter": field, "message": message} for field, message in problems]
        return cls(detail, problems[0][0] if problems else None, location="body", errors=errors)


class Unauthorized(DomainError):
    """No valid identity on a route that needs one (401)."""

    code = "unauthorized"


class Forbidden(DomainError):
    """The caller is known but may not do this (403)."""

    code = "forbidden"


class NotFound(DomainError):
    """The thing asked for does not exist or is not public (404)."""

    code = "not_found"


class Conflict(DomainError):
    """The change conflicts with the current state (409)."""

    code = "conflict"


class StaleWrite(Conflict):
    """A conditional write found the item changed since it was read (or already there): nothing was written
    (409). Every repository raises this one; the detail says what changed and what to do."""


class TooManyRequests(DomainError):
    """The caller has sent too many requests of this kind recently (429, with Retry-After when known)."""

    code = "too_many_requests"

    def __init__(self, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class PayloadTooLarge(DomainError):
    """The request body is larger than the route accepts (413)."""

    code = "payload_too_large"


class UnsupportedMediaType(DomainError):
    """The body is not in a form the route reads: not JSON, or compressed (415)."""

    code = "unsupported_media_type"


class SearchUnavailable(DomainError):
    """The search engine could not answer (503); the caller may retry."""

    code = "search_unavailable"
