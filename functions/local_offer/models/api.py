"""API envelopes and error bodies (ORUK page envelope, our error shape)."""

from __future__ import annotations

import math
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from local_offer.models.oruk import Taxonomy, TaxonomyTerm
from local_offer.models.records import PublishedService, RecordMeta

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


class SearchResultMeta(RecordMeta):
    """`local_offer` on a search result: the record's metadata and, for postcode searches, its reach."""

    reach: Literal["local", "county-wide", "online"] | None = Field(
        default=None, description="How the service reaches the postcode searched from"
    )
    distance_metres: int | None = Field(default=None, description="To the service's nearest place (local ones)")


class SearchResult(PublishedService):
    """A service in search results."""

    local_offer: SearchResultMeta | None = None


class FacetCount(BaseModel):
    value: str
    label: str | None = None
    count: int


class Facets(BaseModel):
    """Counts for the same query, by service category (taxonomy term), SEN need, local area and age band."""

    taxonomy_term: list[FacetCount]
    need: list[FacetCount]
    local_area: list[FacetCount]
    age_band: list[FacetCount]


class Suggestion(BaseModel):
    search: str = Field(description="A search to try instead")
    reason: str = Field(description="Why: a spelling correction, fewer words, or fewer filters")


class SearchedFrom(BaseModel):
    postcode: str
    local_area: str | None = None
    proximity_metres: int
    from_search_text: bool = Field(description="True when the postcode was found among the search words")


class SearchPage(Page[SearchResult]):
    """A page of search results with the Local Offer extensions."""

    facets: Facets | None = None
    did_you_mean: list[Suggestion] | None = Field(default=None, description="Only when nothing matched")
    searched_from: SearchedFrom | None = None


class ServiceAtLocationPage(Page[dict[str, Any]]):
    """A page of services at locations (ORUK service_at_location_list items)."""


class TaxonomyPage(Page[Taxonomy]):
    """A page of taxonomies."""


class TaxonomyTermPage(Page[TaxonomyTerm]):
    """A page of taxonomy terms."""


class ApiDetails(BaseModel):
    """`GET /`: which standard this API implements."""

    version: str
    profile: str
    openapi_url: str


class Completion(BaseModel):
    text: str
    kind: Literal["glossary", "taxonomy_term", "service"]


class SuggestResponse(BaseModel):
    query: str
    suggestions: list[Completion]


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


class GatewayError(BaseModel):
    """What API Gateway itself answers, before any function runs: e.g. 401 `{"message": "Unauthorized"}`
    from the Cognito authorizer when the bearer token is missing, expired or not from the user pool."""

    message: str = Field(description="API Gateway's message, e.g. Unauthorized")
