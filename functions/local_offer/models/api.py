"""API envelopes and error bodies (ORUK page envelope, our error shape)."""

from __future__ import annotations

import math
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from local_offer.models.records import PublishedService

ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    """The ORUK paged list envelope; pages are numbered from 1 and `size` counts this page's items."""

    total_items: int = Field(ge=0)
    total_pages: int = Field(ge=0)
    page_number: int = Field(ge=1)
    size: int = Field(ge=0)
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[ItemT]


class ServicePage(Page[PublishedService]):
    """A page of services."""


def page_envelope(contents: list[Any], total_items: int, page_number: int, per_page: int) -> dict[str, Any]:
    """The envelope fields for one page of a result set, as a plain dict (the hot path skips pydantic)."""
    total_pages = math.ceil(total_items / per_page) if total_items else 0
    return {
        "total_items": total_items,
        "total_pages": total_pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


class ErrorBody(BaseModel):
    """Every 4xx/5xx answer: a short machine code and a sentence saying what is wrong."""

    error: str = Field(description="Machine-readable code, e.g. invalid_request, not_found")
    detail: str = Field(description="What is wrong, in words")
    errors: list[dict[str, str]] | None = Field(
        default=None, description="One entry per invalid parameter or field: where, which and why"
    )
