"""Users' e-mail addresses, read from the Cognito user pool by `sub`.

Neither the memberships table nor the notifications table keeps addresses: Cognito holds the one a user
signs in with (the pool's username attribute), so a changed address is used at once and nothing else has to
be kept in step or erased.
"""

from __future__ import annotations

from uuid import UUID

from local_offer.repositories.clients import cognito_client
from local_offer.settings import get_settings


class UserDirectory:
    """Looks users up in the pool (`ListUsers` filtered by `sub`: the documented way to find one by id)."""

    def __init__(self, user_pool_id: str | None = None) -> None:
        self.user_pool_id = user_pool_id or get_settings().user_pool_id

    def email_of(self, subject: UUID | str) -> str | None:
        """The enabled user's address, or None (no such user, disabled, or no address)."""
        subject = str(UUID(str(subject)))  # only a UUID reaches the filter expression
        users = cognito_client().list_users(UserPoolId=self.user_pool_id, Filter=f'sub = "{subject}"', Limit=1)
        for user in users.get("Users", []):
            if not user.get("Enabled", True):
                return None
            attributes = {attribute["Name"]: attribute["Value"] for attribute in user.get("Attributes", [])}
            return attributes.get("email") or None
        return None
