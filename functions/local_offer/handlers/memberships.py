"""MembershipsFunction: the caller's profile and the officers' management of provider ↔ organisation links.

`GET /me` (any signed-in user); `GET|PUT /me/notifications` (providers and officers); officers only:
`GET /organizations/{organization_id}/members`,
`PUT|DELETE /organizations/{organization_id}/members/{subject}`, `GET /users/{subject}/organizations`.
Every route sits behind the API's Cognito authorizer. No `from __future__ import annotations` here:
powertools reads the route signatures at runtime.
"""

from typing import Annotated, Any
from uuid import UUID

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body, Path
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from local_offer.handlers.http import ERROR_RESPONSES, json_response, make_resolver, returns, signed_in
from local_offer.handlers.identity import (
    AUTH_RESPONSES,
    require_officer,
    require_principal,
    require_provider_or_officer,
)
from local_offer.models.identity import OFFICERS, PROVIDERS
from local_offer.models.memberships import CallerProfile, Membership, MembershipList
from local_offer.models.notifications import NotificationPreferences
from local_offer.observability import logger, metrics, tracer
from local_offer.services import access

app = make_resolver()

OrganizationId = Annotated[UUID, Path(description="Organisation id (UUID)")]
Subject = Annotated[UUID, Path(description="The user's Cognito `sub` (UUID)")]
RESPONSES = {**ERROR_RESPONSES, **AUTH_RESPONSES}
OFFICERS_ONLY = signed_in(OFFICERS)


@app.get(
    "/me",
    summary="Who I am and which organisations I act for",
    security=signed_in(),
    responses={**returns(CallerProfile), **RESPONSES},
)
@tracer.capture_method
def get_me():
    principal = require_principal(app.current_event)
    return json_response(access.caller_profile(principal))


@app.get(
    "/me/notifications",
    summary="My e-mail notification settings (providers and officers)",
    security=signed_in(PROVIDERS, OFFICERS),
    responses={**returns(NotificationPreferences), **RESPONSES},
)
@tracer.capture_method
def get_my_notifications():
    # Imported here: the reminder service (mail, user directory, the change-request rules) serves only these
    # two routes, so the function's other routes do not load it at a cold start.
    from local_offer.services import reminders

    principal = require_provider_or_officer(app.current_event)
    return json_response(reminders.preferences_of(principal))


@app.put(
    "/me/notifications",
    summary="Turn my e-mail notifications on or off (providers and officers)",
    description="`stale_reminders: false` stops the weekly e-mail of records due re-verification.",
    security=signed_in(PROVIDERS, OFFICERS),
    responses={**returns(NotificationPreferences), **RESPONSES},
)
@tracer.capture_method
def put_my_notifications(preferences: Annotated[NotificationPreferences, Body()]):
    from local_offer.services import reminders

    principal = require_provider_or_officer(app.current_event)
    saved = reminders.save_preferences(principal, preferences)
    logger.info("notification preferences saved", extra={"stale_reminders": saved.stale_reminders})
    return json_response(saved)


@app.get(
    "/organizations/<organization_id>/members",
    summary="Provider users linked to an organisation (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(MembershipList), **RESPONSES},
)
@tracer.capture_method
def list_members(organization_id: OrganizationId):
    require_officer(app.current_event)
    return json_response(access.members_of(organization_id))


@app.put(
    "/organizations/<organization_id>/members/<subject>",
    summary="Link a provider user to an organisation (officers; idempotent)",
    security=OFFICERS_ONLY,
    description="201 when the link is new, 200 when it already existed (unchanged).",
    responses={**returns(Membership), **returns(Membership, status=201, description="Created"), **RESPONSES},
)
@tracer.capture_method
def add_member(organization_id: OrganizationId, subject: Subject):
    officer = require_officer(app.current_event)
    membership, created = access.link_member(officer, organization_id, subject)
    logger.info("membership linked", extra={"organization_id": str(organization_id), "new_link": created})
    return json_response(membership, status=201 if created else 200)


@app.delete(
    "/organizations/<organization_id>/members/<subject>",
    summary="Unlink a provider user from an organisation (officers)",
    security=OFFICERS_ONLY,
    responses={204: {"description": "Unlinked"}, **RESPONSES},
)
@tracer.capture_method
def remove_member(organization_id: OrganizationId, subject: Subject):
    require_officer(app.current_event)
    access.unlink_member(organization_id, subject)
    logger.info("membership removed", extra={"organization_id": str(organization_id)})
    return Response(status_code=204)


@app.get(
    "/users/<subject>/organizations",
    summary="Organisations a user is linked to (officers)",
    security=OFFICERS_ONLY,
    responses={**returns(MembershipList), **RESPONSES},
)
@tracer.capture_method
def list_user_organizations(subject: Subject):
    require_officer(app.current_event)
    return json_response(access.organizations_of(subject))


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
