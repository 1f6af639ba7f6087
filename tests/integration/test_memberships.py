"""Provider ↔ organisation links: the access rule others use, and the officers' API that manages links."""

from __future__ import annotations

import uuid

import pytest

from local_offer.models.errors import Forbidden
from local_offer.models.identity import Principal
from local_offer.services.access import can_act_on_organization, require_organization_access
from tests.identities import World, world_fixture  # noqa: F401 (the `world` fixture)


def principal(world: World, caller: str) -> Principal:
    who = world.callers[caller]
    return Principal(subject=who.subject, email=who.email, groups=frozenset({who.group}))


def test_a_provider_acts_only_on_their_own_organisations_and_an_officer_on_all(world):
    provider, other, officer = (principal(world, name) for name in ("provider", "other_provider", "officer"))
    assert can_act_on_organization(provider, world.organization_id)
    assert not can_act_on_organization(provider, world.other_organization_id)
    assert not can_act_on_organization(other, world.organization_id)
    assert can_act_on_organization(officer, world.organization_id)
    assert can_act_on_organization(officer, str(uuid.uuid4()))


def test_a_record_without_an_organisation_or_a_caller_without_a_group_is_refused(world):
    provider = principal(world, "provider")
    assert not can_act_on_organization(provider, None)
    groupless = Principal(subject=provider.subject, groups=frozenset())
    assert not can_act_on_organization(groupless, world.organization_id), "a link alone is not a role"
    with pytest.raises(Forbidden):
        require_organization_access(principal(world, "other_provider"), world.organization_id)


def test_an_officer_links_and_unlinks_a_provider_and_access_follows_at_once(world):
    other = world.callers["other_provider"]
    path = f"/organizations/{world.organization_id}/members/{other.subject}"

    # When an officer links the other provider: created once, then unchanged
    status, link = world.call("PUT", path, "officer")
    assert status == 201
    assert link["added_by"] == world.callers["officer"].subject
    assert world.call("PUT", path, "officer") == (200, link)
    assert can_act_on_organization(principal(world, "other_provider"), world.organization_id)
    status, members = world.call("GET", f"/organizations/{world.organization_id}/members", "officer")
    assert status == 200
    assert sorted(m["subject"] for m in members["contents"]) == sorted(
        [world.callers["provider"].subject, other.subject]
    )
    status, theirs = world.call("GET", f"/users/{other.subject}/organizations", "officer")
    assert sorted(m["organization_id"] for m in theirs["contents"]) == sorted(
        [world.organization_id, world.other_organization_id]
    )

    # When the link is removed: access goes, and removing it again is 404
    assert world.call("DELETE", path, "officer") == (204, None)
    assert not can_act_on_organization(principal(world, "other_provider"), world.organization_id)
    status, body = world.call("DELETE", path, "officer")
    assert status == 404
    assert body["error"] == "not_found"


def test_me_shows_the_callers_groups_and_organisations(world):
    status, me = world.call("GET", "/me", "provider")
    assert status == 200
    assert me == {
        "subject": world.callers["provider"].subject,
        "email": "provider@example.org",
        "groups": ["providers"],
        "is_officer": False,
        "organization_ids": [world.organization_id],
    }
    assert world.call("GET", "/me", "officer")[1]["is_officer"] is True


def test_a_refused_provider_changes_nothing(world):
    path = f"/organizations/{world.organization_id}/members/{world.callers['other_provider'].subject}"
    status, body = world.call("PUT", path, "provider")
    assert status == 403
    assert body["error"] == "forbidden"
    assert not can_act_on_organization(principal(world, "other_provider"), world.organization_id)


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/organizations/not-a-uuid/members", "organization_id"),
        (f"/users/{'x' * 10}/organizations", "subject"),
    ],
)
def test_ids_that_are_not_uuids_are_400_naming_the_parameter(world, path, parameter):
    status, body = world.call("GET", path, "officer")
    assert status == 400
    assert body["errors"][0]["parameter"] == parameter
    assert "UUID" in body["detail"]
