"""The caller's identity as the domain sees it: a subject, an e-mail and Cognito groups."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import ConfigDict

from local_offer.models.base import Model

PROVIDERS = "providers"
OFFICERS = "officers"


class Principal(Model):
    """An authenticated user. Organisation links live in DynamoDB, not in the token."""

    model_config = ConfigDict(frozen=True)

    subject: str
    email: str | None = None
    groups: frozenset[str] = frozenset()

    @property
    def is_officer(self) -> bool:
        return OFFICERS in self.groups

    @property
    def is_provider(self) -> bool:
        return PROVIDERS in self.groups

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        """From Cognito ID/access token claims as API Gateway passes them.

        API Gateway's REST Cognito authorizer flattens list claims to strings ("officers" or "[a b]" or
        "a,b"), while a decoded JWT has a list; accept all of them.
        """
        raw_groups = claims.get("cognito:groups") or []
        if isinstance(raw_groups, str):
            raw_groups = raw_groups.strip("[]").replace(",", " ").split()
        return cls(subject=str(claims["sub"]), email=claims.get("email"), groups=frozenset(raw_groups))
