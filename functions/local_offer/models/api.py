"""What the directory API answers: the search pages and their items, the search extensions, our error shape
(the generic ORUK page envelope is models/pages.py).

Every route's success body is one of these models (or another module's): services return them, the handler
dumps them the one way (`json_response`: fields that are None are left out), and the OpenAPI document is
generated from the same classes.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from local_offer.models.base import Model
from local_offer.models.oruk import Organization, ServiceAtLocation, ServiceStatus, Taxonomy, TaxonomyTerm
from local_offer.models.pages import Page
from local_offer.models.records import PublishedService, RecordMeta


class AsIndexed:
    """Marks a model-typed field whose value is passed through as the search index holds it: a JSON dict that
    the indexer dumped from this same model (validated, None fields left out) when it wrote the record.

    The search pages list up to 100 fully nested services; validating them again on every search would more
    than double the search handler's own time (20 results: ~1 ms of validation against a 2 ms target, see
    docs/benchmarks.md). So in Python such a field is checked only to be a dict and is serialised as the dict
    it is, while the JSON Schema (and the OpenAPI document) describe the model, and validating JSON against it
    (`model_validate_json`) checks every field. tests/unit/test_typed_results.py checks that, for the seed
    directory, the passed-through JSON is exactly what the validated model dumps; the contract tests check real
    answers against the schema.
    """

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.json_or_python_schema(
            json_schema=handler(source),  # the model's schema: what the JSON Schema describes
            python_schema=core_schema.is_instance_schema(dict),  # no copy, no field checks
            serialization=core_schema.simple_ser_schema("any"),
        )


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


class FacetCount(Model):
    value: str
    label: str | None = None
    count: int


class Facets(Model):
    """Counts for the same query, by service category (taxonomy term), SEN need, local area and age band."""

    taxonomy_term: list[FacetCount]
    need: list[FacetCount]
    local_area: list[FacetCount]
    age_band: list[FacetCount]


class Suggestion(Model):
    search: str = Field(description="A search to try instead")
    reason: str = Field(description="Why: a spelling correction, fewer words, or fewer filters")


class SearchedFrom(Model):
    """Where a postcode search measured from."""

    postcode: str = Field(description="The postcode or outward code used, written canonically (DH1 3HN, DH1)")
    precision: Literal["postcode", "sector", "district"] = Field(
        description=(
            "How the postcode was placed: `postcode` at its own centroid; `sector` at its postcode sector's "
            "centroid (a postcode we do not list, e.g. a new one or one over the county border); `district` at "
            "its district's centroid (an outward code such as DH1, or a postcode whose sector we do not know)"
        )
    )
    local_area: str | None = None
    proximity_metres: int | None = Field(
        default=None,
        description="The `proximity` radius applied, in metres; absent when none was given, so no distance filter",
    )
    from_search_text: bool = Field(description="True when the postcode was found among the search words")


class PostcodeNotPlaced(Model):
    """A postcode typed among the search words that could not be placed; the search ran without it."""

    postcode: str
    detail: str = Field(description="Why it could not be placed")


# A search result as the index holds it (see AsIndexed): documented as SearchResult, not validated again.
IndexedSearchResult = Annotated[SearchResult, AsIndexed()]


class SearchPage(Page[IndexedSearchResult]):
    """A page of search results with the Local Offer extensions."""

    facets: Facets | None = None
    did_you_mean: list[Suggestion] | None = Field(default=None, description="Only when nothing matched")
    searched_from: SearchedFrom | None = None
    postcode_not_placed: PostcodeNotPlaced | None = None


class ServiceAtLocationItem(ServiceAtLocation):
    """A `/service_at_locations` item: the place (its ids, location, schedules, contacts and phones) and its
    service, with the service's one-to-one fields (`full=true`: fully nested but for its other places)."""

    service: SearchResult = Field(description="The service delivered here")


IndexedServiceAtLocation = Annotated[ServiceAtLocationItem, AsIndexed()]


class ServiceAtLocationPage(Page[IndexedServiceAtLocation]):
    """A page of services at locations (ORUK service_at_location_list items)."""

    searched_from: SearchedFrom | None = None
    postcode_not_placed: PostcodeNotPlaced | None = None


class ServiceAtLocationDetail(ServiceAtLocation):
    """`GET /service_at_locations/{id}`: the service at one location, with its service fully nested.

    `name` and `status` repeat the service's: ORUK's OpenAPI document validates this answer against the service
    schema, which requires both, so the body is valid against that and the service_at_location schema.
    """

    name: str = Field(description="The service's name")
    status: ServiceStatus = Field(description="The service's status")
    service: PublishedService = Field(description="The service, fully nested but for its other locations")


class OrganizationPage(Page[Organization]):
    """A page of organisations (ORUK organization_list items)."""


class OrganizationWithServices(Organization):
    """`GET /organizations/{id}`: an organisation with its public services (one-to-one fields)."""

    services: list[PublishedService] = Field(description="Its public services (one-to-one fields), by name")


class TaxonomyPage(Page[Taxonomy]):
    """A page of taxonomies."""


class TaxonomyTermPage(Page[TaxonomyTerm]):
    """A page of taxonomy terms."""


class ApiDetails(Model):
    """`GET /`: which standard this API implements."""

    version: str
    profile: str
    openapi_url: str


class Completion(Model):
    text: str
    kind: Literal["glossary", "taxonomy_term", "service"]


class SuggestResponse(Model):
    query: str
    suggestions: list[Completion]


class ErrorBody(Model):
    """Every 4xx/5xx answer: a short machine code and a sentence saying what is wrong."""

    error: str = Field(description="Machine-readable code, e.g. invalid_request, not_found")
    detail: str = Field(description="What is wrong, in words")
    errors: list[dict[str, str]] | None = Field(
        default=None, description="One entry per invalid parameter or field: where, which and why"
    )


class GatewayError(Model):
    """What API Gateway itself answers, before any function runs: e.g. 401 `{"message": "Unauthorized"}`
    from the Cognito authorizer when the bearer token is missing, expired or not from the user pool."""

    message: str = Field(description="API Gateway's message, e.g. Unauthorized")
