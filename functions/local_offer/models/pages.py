"""The ORUK page envelope: the generic page model and the plain-dict envelope the services build.

Apart from the API models (models/api.py) so that functions whose pages hold no ORUK record (resources,
FAQs) do not import the ORUK models to get the envelope.
"""

from __future__ import annotations

import math
from typing import Any, Generic, Self, TypeVar

from pydantic import Field

from local_offer.models.base import Model

ItemT = TypeVar("ItemT")


class Page(Model, Generic[ItemT]):
    """The ORUK paged list envelope; pages are numbered from 1 and `size` counts this page's items."""

    total_items: int = Field(ge=0)
    total_pages: int = Field(ge=0)
    page_number: int = Field(ge=1)
    size: int = Field(ge=0)
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[ItemT]

    @classmethod
    def of(cls, contents: list[Any], total_items: int, page_number: int, per_page: int, **extensions: Any) -> Self:
        """This page of a result set (`contents` as models or their JSON), with any extension fields."""
        return cls.model_validate({**page_envelope(contents, total_items, page_number, per_page), **extensions})


def page_envelope(contents: list[Any], total_items: int, page_number: int, per_page: int) -> dict[str, Any]:
    """The envelope fields for one page of a result set, as a plain dict (`Page.of` makes the model)."""
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
