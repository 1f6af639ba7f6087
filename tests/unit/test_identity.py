"""The caller's identity from authorizer claims, and the 401/403 rules."""

from __future__ import annotations

import pytest

from local_offer.handlers.identity import principal_from_event, require_officer, require_provider_or_officer
from local_offer.models.errors import Forbidden, Unauthorized
from tests.factories import api_event


def event_with_claims(claims: dict[str, str] | None) -> dict:
    event = api_event("/anything")
    event["requestContext"]["authorizer"] = {"claims": claims} if claims is not None else None
    return event


@pytest.mark.parametrize(
    ("raw_groups", "expected"),
    [
        ("officers", {"officers"}),
        ("[providers officers]", {"providers", "officers"}),
        ("providers,officers", {"providers", "officers"}),
        (["providers"], {"providers"}),
    ],
)
def test_groups_claim_in_every_shape_api_gateway_or_a_jwt_uses(raw_groups, expected):
    principal = principal_from_event(event_with_claims({"sub": "u-1", "cognito:groups": raw_groups}))
    assert principal is not None
    assert principal.groups == expected


def test_anonymous_is_401_and_wrong_group_is_403():
    with pytest.raises(Unauthorized):
        require_officer(event_with_claims(None))
    with pytest.raises(Forbidden):
        require_officer(event_with_claims({"sub": "u-2", "cognito:groups": "providers"}))
    with pytest.raises(Forbidden):
        require_provider_or_officer(event_with_claims({"sub": "u-3"}))
    assert require_officer(event_with_claims({"sub": "u-4", "cognito:groups": "officers"})).is_officer
