"""AreaFunction: local areas and SEND census figures by area (public, read-only).

`GET /areas`, `/areas/lookup?postcode=`, `/areas/{id}`, `/areas/{id}/census?year=`, `/census?year=&need=`,
`/census/method`. Per-area census figures are modelled, and every census answer says so.
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.handlers.http import ERROR_RESPONSES, base_url, json_response, make_resolver, returns
from local_offer.models.census import AreaCensus, AreaList, AreaLookup, CensusByArea, CensusMethod, LocalArea
from local_offer.observability import logger, metrics, tracer
from local_offer.services import census

app = make_resolver()

AreaId = Annotated[str, Path(max_length=40, description="Local area id (see GET /areas)")]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="Census year (January count); default the latest")]
Need = Annotated[
    str | None, Query(max_length=20, description="DfE primary-need code (ASD, SEMH, SLCN, ...) or ALL (default)")
]


@app.get(
    "/areas",
    summary="Local areas",
    description="The local areas of the configured area set (the 14 Area Action Partnerships by default).",
    responses=returns(AreaList),
)
def list_areas():
    return json_response(census.list_areas(base_url(app)))


@app.get(
    "/areas/lookup",
    summary="Which local area a postcode is in",
    responses={**returns(AreaLookup), **ERROR_RESPONSES},
)
def lookup_area(
    postcode: Annotated[
        str,
        Query(min_length=1, max_length=12, description="A postcode or outward code in the DH, DL, SR, TS or NE areas"),
    ],
):
    return json_response(census.lookup_area(postcode, base_url(app)))


@app.get(
    "/areas/<id>",
    summary="One local area",
    responses={**returns(LocalArea), **ERROR_RESPONSES},
)
def get_area(id: AreaId):
    return json_response(census.get_area(id, base_url(app)))


@app.get(
    "/areas/<id>/census",
    summary="An area's census figures by primary need (modelled)",
    responses={**returns(AreaCensus), **ERROR_RESPONSES},
)
@tracer.capture_method
def get_area_census(id: AreaId, year: Year = None):
    return json_response(census.area_census(id, year, base_url(app)))


@app.get(
    "/census",
    summary="County total and each area's figure for a year and need",
    description="The county figure is the DfE's published one; each area's is modelled (see /census/method).",
    responses={**returns(CensusByArea), **ERROR_RESPONSES},
)
@tracer.capture_method
def get_census(year: Year = None, need: Need = None):
    return json_response(census.county_census(year, need, base_url(app)))


@app.get(
    "/census/method",
    summary="How the per-area census figures are modelled",
    responses=returns(CensusMethod),
)
def get_census_method():
    return json_response(census.census_method())


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
