"""SearchFunction: the public ORUK directory API.

`GET /`, `/services`, `/services/suggest`, `/services/{id}`, `/service_at_locations`,
`/service_at_locations/{id}`, `/taxonomies`, `/taxonomies/{id}`, `/taxonomy_terms`, `/taxonomy_terms/{id}`,
`/organizations`, `/organizations/{id}`.
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from datetime import UTC, datetime
from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import BaseModel, ConfigDict, Field

from local_offer.domain.search import (
    MAX_PROXIMITY_METRES,
    MAX_RESULT_WINDOW,
    MAX_SEARCH_LENGTH,
    ServiceSearch,
    Sort,
)
from local_offer.handlers.http import (
    ERROR_RESPONSES,
    base_url,
    json_response,
    make_resolver,
    refuse_repeated,
    returns,
)
from local_offer.models.api import (
    ApiDetails,
    OrganizationPage,
    OrganizationWithServices,
    SearchPage,
    ServiceAtLocationDetail,
    ServiceAtLocationPage,
    SuggestResponse,
    TaxonomyPage,
    TaxonomyTermPage,
)
from local_offer.models.oruk import TaxonomyTerm, TaxonomyWithTerms
from local_offer.models.records import PublishedService
from local_offer.observability import logger, metrics, tracer
from local_offer.services import directory

app = make_resolver(warm_modules=directory.FIRST_USE_MODULES)

HSDS_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://openreferraluk.org/"
TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"

PageNumber = Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Results per page, 1-100")]
OptionalUuid = Annotated[UUID | None, Query(description="A UUID")]


class SearchQuery(BaseModel):
    """The search parameters `/services` and `/service_at_locations` both take, validated by powertools.

    A model-typed query parameter is flattened into one OpenAPI parameter per field; `make schemas` gives each
    the field's own JSON schema (powertools 3.37 keeps only its base type and description).
    """

    model_config = ConfigDict(frozen=True)

    search: str | None = Field(None, max_length=MAX_SEARCH_LENGTH, description="Key words (at most 200 characters)")
    # Search results come from the engine, which reaches at most MAX_RESULT_WINDOW results deep.
    page: int = Field(
        1,
        ge=1,
        le=MAX_RESULT_WINDOW,
        description=f"Page number, from 1. page * per_page may be at most {MAX_RESULT_WINDOW:,} (400 beyond it)",
    )
    per_page: int = Field(
        50, ge=1, le=100, description=f"Results per page, 1-100; page * per_page at most {MAX_RESULT_WINDOW:,}"
    )
    taxonomy_term_id: UUID | None = Field(None, description="A UUID")
    taxonomy_id: UUID | None = Field(None, description="A UUID")
    organization_id: UUID | None = Field(None, description="A UUID")
    minimum_age: float | None = Field(None, ge=0, le=120, description="Age in years")
    maximum_age: float | None = Field(None, ge=0, le=120, description="Age in years")
    start_time: str | None = Field(None, pattern=TIME_PATTERN, description="Time of day, HH:MM (24-hour)")
    end_time: str | None = Field(None, pattern=TIME_PATTERN, description="Time of day, HH:MM (24-hour)")
    day: str | None = Field(None, max_length=9, description="MO..SU or the day's name")
    postcode: str | None = Field(
        None, max_length=12, description="A postcode or outward code in the DH, DL, SR, TS or NE areas"
    )
    proximity: int | None = Field(
        None,
        ge=1,
        le=MAX_PROXIMITY_METRES,
        description="Only services within this many metres of the postcode (needs postcode; no limit when absent)",
    )
    age: float | None = Field(None, ge=0, le=120, description="A child's age: services whose range has it")
    local_area: str | None = Field(None, max_length=40, description="Local area id (see GET /areas)")
    need: str | None = Field(None, max_length=8, description="SEN primary need code, e.g. ASD, SLCN")
    free: bool | None = Field(None, description="true: only free services")
    sort: Sort = Field(
        "relevance",
        description=(
            "relevance (default), distance (needs postcode), name. With search words, distance keeps relevance: "
            "strong matches (every word in a service's names, categories, places or times) first, then weak ones "
            "(matched only in its description, needs served or through a typo); in each, local services nearest "
            "first, then county-wide, then online ones. A weak match never outranks a strong one"
        ),
    )
    modified_after: datetime | None = Field(
        None, description="ORUK: only records modified on or after this date-time (ISO 8601; UTC when no offset)"
    )
    full: bool | None = Field(
        None,
        description=(
            "ORUK: true (the default) lists fully nested services; false only their one-to-one fields. On "
            "/service_at_locations, true nests each item's service fully"
        ),
    )
    minimal: bool | None = Field(
        None, description="ORUK `minimal`: not supported; true is refused with a 400, false is the default"
    )


def _search_params(query: SearchQuery, facets: bool = True) -> ServiceSearch:
    """The query as a validated ServiceSearch (postcode looked up, ids as strings, the moment in UTC)."""
    from local_offer.domain.places import local_area_ids, lookup_postcode

    refuse_repeated(app, SearchQuery)
    values: dict[str, Any] = dict(query)
    postcode = values.pop("postcode")
    modified_after = values.pop("modified_after")
    if modified_after is not None:
        moment = modified_after if modified_after.tzinfo else modified_after.replace(tzinfo=UTC)
        values["modified_after"] = moment.astimezone(UTC).isoformat()
    for key in ("taxonomy_term_id", "taxonomy_id", "organization_id"):
        if values.get(key) is not None:
            values[key] = str(values[key])
    place = lookup_postcode(postcode) if postcode is not None else None
    areas = local_area_ids() if values.get("local_area") is not None else None
    return ServiceSearch(**values, facets=facets, place=place).validated(areas)


def _base_url() -> str:
    return base_url(app)


@app.get("/", summary="API details", responses=returns(ApiDetails))
def api_details():
    return json_response(
        ApiDetails(version=HSDS_VERSION, profile=PROFILE_URL, openapi_url=f"{_base_url()}/openapi.json")
    )


@app.get("/openapi.json", summary="This API's OpenAPI document", include_in_schema=False)
def openapi_document():
    from local_offer.handlers.http import PACKAGED_OPENAPI

    return Response(status_code=200, content_type="application/json", body=PACKAGED_OPENAPI.read_text("utf-8"))


@app.get(
    "/services",
    summary="Search the directory",
    description=(
        "Public services matching every given filter (AND), best match first, in the ORUK page envelope, with "
        "facet counts in `facets` and, when nothing matched, `did_you_mean`. With a postcode: every match (ORUK 3.0: "
        "no distance filter unless `proximity` is given), or with `proximity` the services within that many "
        "metres plus county-wide and online ones, each marked in `local_offer.reach`, local ones with "
        "`local_offer.distance_metres`."
    ),
    responses={**returns(SearchPage), **ERROR_RESPONSES},
)
@tracer.capture_method
def search_directory(query: Annotated[SearchQuery, Query()]):
    return json_response(directory.search_services(_search_params(query)))


@app.get(
    "/service_at_locations",
    summary="Search services at their locations",
    description=(
        "The same parameters as `/services`; one entry per place a service is delivered, and with a postcode "
        "each carries its own distance. No facets."
    ),
    responses={**returns(ServiceAtLocationPage), **ERROR_RESPONSES},
    # The id it had when /services and /service_at_locations shared one route function.
    operation_id="search_directory_service_at_locations_get",
)
@tracer.capture_method
def search_service_at_locations(query: Annotated[SearchQuery, Query()]):
    return json_response(directory.search_service_at_locations(_search_params(query, facets=False)))


@app.get(
    "/services/suggest",
    summary="Type-ahead completions",
    responses={**returns(SuggestResponse), **ERROR_RESPONSES},
)
@tracer.capture_method
def suggest_services(
    q: Annotated[str, Query(min_length=1, max_length=100, description="What the user has typed so far")],
    size: Annotated[int, Query(ge=1, le=20, description="How many completions")] = 10,
):
    return json_response(directory.suggest(q, size))


@app.get(
    "/services/<id>",
    summary="One service, fully nested",
    responses={**returns(PublishedService), **ERROR_RESPONSES},
)
@tracer.capture_method
def get_service(id: Annotated[UUID, Path(description="Service id (UUID)")]):
    return json_response(directory.get_public_service(id))


@app.get(
    "/service_at_locations/<id>",
    summary="One service at a location",
    description=(
        "The service at one location, with the service fully nested; `name` and `status` repeat the service's "
        "so the answer is valid against both ORUK's service_at_location schema and the service schema ORUK's "
        "OpenAPI document names for this endpoint."
    ),
    responses={**returns(ServiceAtLocationDetail), **ERROR_RESPONSES},
)
@tracer.capture_method
def get_service_at_location(id: Annotated[UUID, Path(description="Service at location id (UUID)")]):
    return json_response(directory.get_service_at_location(id))


@app.get(
    "/taxonomies",
    summary="Taxonomies",
    responses={**returns(TaxonomyPage), **ERROR_RESPONSES},
)
def list_taxonomies(
    page: PageNumber = 1,
    per_page: PerPage = 50,
    search: Annotated[
        str | None, Query(max_length=100, description="Text the taxonomy's name or description contains")
    ] = None,
):
    return json_response(directory.list_taxonomies(page, per_page, search))


@app.get(
    "/taxonomies/<id>",
    summary="One taxonomy with its terms",
    responses={**returns(TaxonomyWithTerms), **ERROR_RESPONSES},
)
def get_taxonomy(id: Annotated[UUID, Path(description="Taxonomy id (UUID)")]):
    return json_response(directory.get_taxonomy(id))


@app.get(
    "/taxonomy_terms",
    summary="Taxonomy terms",
    responses={**returns(TaxonomyTermPage), **ERROR_RESPONSES},
)
def list_taxonomy_terms(
    page: PageNumber = 1,
    per_page: PerPage = 50,
    taxonomy_id: OptionalUuid = None,
    parent_id: OptionalUuid = None,
    search: Annotated[str | None, Query(max_length=100, description="Text the term's name contains")] = None,
):
    return json_response(directory.list_taxonomy_terms(page, per_page, taxonomy_id, parent_id, search))


@app.get(
    "/taxonomy_terms/<id>",
    summary="One taxonomy term",
    responses={**returns(TaxonomyTerm), **ERROR_RESPONSES},
)
def get_taxonomy_term(id: Annotated[UUID, Path(description="Taxonomy term id (UUID)")]):
    return json_response(directory.get_taxonomy_term(id))


@app.get(
    "/organizations",
    summary="Organisations",
    description="The organisations that deliver at least one public service (HSDS 3.0; optional in ORUK).",
    responses={**returns(OrganizationPage), **ERROR_RESPONSES},
)
@tracer.capture_method
def list_organizations(page: PageNumber = 1, per_page: PerPage = 50):
    return json_response(directory.list_organizations(page, per_page))


@app.get(
    "/organizations/<organization_id>",
    summary="One organisation with its public services",
    responses={**returns(OrganizationWithServices), **ERROR_RESPONSES},
)
@tracer.capture_method
def get_organization(organization_id: Annotated[UUID, Path(description="Organization id (UUID)")]):
    # Named organization_id, not id: API Gateway allows one variable name per path level, and the membership
    # routes below it already use {organization_id}.
    return json_response(directory.get_organization(organization_id))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
