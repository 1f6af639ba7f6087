"""SearchFunction: the public directory API (`GET /services`, `GET /services/{id}`).

No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler.openapi.params import Path, Query
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.domain.search import MAX_SEARCH_LENGTH, ServiceSearch
from local_offer.handlers.http import ERROR_RESPONSES, json_response, make_resolver
from local_offer.models.api import ServicePage
from local_offer.models.records import PublishedService
from local_offer.observability import logger, metrics, tracer
from local_offer.services import directory

app = make_resolver()


@app.get(
    "/services",
    summary="Search the directory",
    description="Services matching every given filter, best match first, in the ORUK page envelope.",
    responses={
        200: {"description": "A page of services", "content": {"application/json": {"model": ServicePage}}},
        **ERROR_RESPONSES,
    },
)
@tracer.capture_method
def list_services(
    search: Annotated[str | None, Query(max_length=MAX_SEARCH_LENGTH, description="Key words")] = None,
    page: Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1")] = 1,
    per_page: Annotated[int, Query(ge=1, le=100, description="Results per page, 1-100")] = 50,
):
    result = directory.search_services(ServiceSearch(search=search, page=page, per_page=per_page))
    return json_response(result)


@app.get(
    "/services/<id>",
    summary="One service, fully nested",
    responses={
        200: {"description": "The service", "content": {"application/json": {"model": PublishedService}}},
        **ERROR_RESPONSES,
    },
)
@tracer.capture_method
def get_service(id: Annotated[UUID, Path(description="Service id (UUID)")]):
    return json_response(directory.get_public_service(id))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
