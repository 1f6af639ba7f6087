"""ResourceFunction: the resource catalogue API.

Public: `GET /resources`, `GET /resources/{id}`, `GET /resources/{id}/download` (302 to a short-lived link).
Officers: `POST /resources`, `GET /resources/{id}/status`, `POST /resources/{id}/upload`,
`DELETE /resources/{id}`.
No `from __future__ import annotations` here: powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any, Literal
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path, Query
from aws_lambda_powertools.event_handler.openapi.types import OpenAPIResponse
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.domain.resources import MAX_SEARCH_LENGTH, ResourceFilter
from local_offer.handlers.http import ERROR_RESPONSES, base_url, json_response, make_resolver, returns, signed_in
from local_offer.handlers.identity import require_officer
from local_offer.models.identity import OFFICERS
from local_offer.models.resources import (
    FileDeclaration,
    NewResource,
    PublicResource,
    ResourceCreated,
    ResourcePage,
    ResourceRecord,
    UploadTicket,
)
from local_offer.observability import logger, metrics, tracer
from local_offer.services import resources

# A catalogue entry is a few hundred bytes of metadata (the file goes straight to S3): 16 KB is ample.
MAX_BODY_BYTES = 16 * 1024
app = make_resolver(MAX_BODY_BYTES)
OFFICERS_ONLY = signed_in(OFFICERS)

ResourceId = Annotated[UUID, Path(description="Resource id (UUID)")]
# The shared 400/404 descriptions (not the search engine's 503).
PUBLIC_RESPONSES: dict[int, OpenAPIResponse] = {code: ERROR_RESPONSES[code] for code in (400, 404)}
OFFICER_RESPONSES: dict[int, OpenAPIResponse] = {
    **PUBLIC_RESPONSES,
    401: {"description": "Not signed in"},
    403: {"description": "Not a Family Information Service officer"},
}


@app.get(
    "/resources",
    summary="Downloadable resources",
    description=(
        "Published leaflets, templates, guidance and figures, in title order, in the ORUK page envelope. "
        "Filters are AND-ed; `search` matches every word in the title, summary, topics or file name."
    ),
    responses={**returns(ResourcePage), **PUBLIC_RESPONSES},
)
@tracer.capture_method
def list_resources(
    audience: Annotated[
        Literal["parents", "practitioners", "providers"] | None, Query(description="Who the resource is for")
    ] = None,
    topic: Annotated[str | None, Query(max_length=40, description="A topic id, e.g. funding")] = None,
    search: Annotated[str | None, Query(max_length=MAX_SEARCH_LENGTH, description="Key words")] = None,
    page: Annotated[int, Query(ge=1, le=10_000, description="Page number, from 1")] = 1,
    per_page: Annotated[int, Query(ge=1, le=100, description="Results per page, 1-100")] = 50,
):
    query = ResourceFilter(audience=audience, topic=topic, search=search)
    return json_response(resources.list_resources(query, page, per_page, base_url(app)))


@app.get(
    "/resources/<id>",
    summary="One published resource",
    responses={**returns(PublicResource), **PUBLIC_RESPONSES},
)
@tracer.capture_method
def get_resource(id: ResourceId):
    return json_response(resources.get_public(id, base_url(app)))


@app.get(
    "/resources/<id>/download",
    summary="Download a published resource",
    description="Redirects (302) to a link to the file that works for 5 minutes and names the file.",
    responses={302: {"description": "Location: the file's short-lived link"}, **PUBLIC_RESPONSES},
)
@tracer.capture_method
def download_resource(id: ResourceId):
    location = resources.download_link(id)
    # The link expires: never let a browser or proxy cache the redirect.
    return Response(status_code=302, headers={"Location": location, "Cache-Control": "no-store"}, body="")


@app.post(
    "/resources",
    summary="Add a resource (officers)",
    security=OFFICERS_ONLY,
    description=(
        "Creates an unpublished catalogue entry and answers with a presigned POST: send its `fields` and the "
        "file (form field `file`) to its `url` within 15 minutes. The publisher checks the file's real type "
        "and publishes it; `GET /resources/{id}/status` shows the outcome."
    ),
    responses={**returns(ResourceCreated, 201, "Created"), **OFFICER_RESPONSES},
)
@tracer.capture_method
def create_resource(new: Annotated[NewResource, Body(description="The resource and its first file")]):
    officer = require_officer(app.current_event)
    created = resources.create_resource(new, officer)
    logger.info("resource created", extra={"resource_id": str(created.resource.id)})
    return json_response(created, status=201)


@app.get(
    "/resources/<id>/status",
    summary="A resource's whole record and last publishing outcome (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(ResourceRecord), **OFFICER_RESPONSES},
)
@tracer.capture_method
def resource_status(id: ResourceId):
    require_officer(app.current_event)
    return json_response(resources.officer_record(id))


@app.post(
    "/resources/<id>/upload",
    summary="Upload a new file for a resource (officers)",
    security=OFFICERS_ONLY,
    description="A presigned POST for the new file; once published it replaces the current one (kept as history).",
    responses={**returns(UploadTicket), **OFFICER_RESPONSES},
)
@tracer.capture_method
def replace_file(id: ResourceId, declaration: Annotated[FileDeclaration, Body(description="The new file")]):
    officer = require_officer(app.current_event)
    return json_response(resources.request_upload(id, declaration, officer))


@app.delete(
    "/resources/<id>",
    summary="Unpublish a resource (officers)",
    security=OFFICERS_ONLY,
    description="Takes it out of the public catalogue; its files and history are kept.",
    responses={**returns(ResourceRecord), **OFFICER_RESPONSES},
)
@tracer.capture_method
def unpublish_resource(id: ResourceId):
    officer = require_officer(app.current_event)
    return json_response(resources.unpublish(id, officer))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
