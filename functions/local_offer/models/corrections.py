"""Public corrections: what anyone may send about a service without an account, and what they get back."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StringConstraints

from local_offer.models.base import Model

MAX_MESSAGE_LENGTH = 2_000
# RFC 5321 caps a path at 256 octets, so an address is at most 254 characters. The pattern asks for one `@`,
# a local part of the characters RFC 5322 allows unquoted, and a domain of dot-separated labels ending in a
# letters-only top-level label: enough to catch typos without a DNS lookup.
ContactEmail = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True,
        max_length=254,
        pattern=(
            r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
            r"@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$"
        ),
    ),
]


class CorrectionSubmission(Model):
    """`POST /services/{id}/corrections`: what looks wrong or out of date, in the sender's words."""

    model_config = ConfigDict(extra="forbid")

    field: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] | None = Field(
        default=None,
        description="The ORUK service field the correction is about (e.g. `email`, `phones`, `schedules`), if known",
    )
    message: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_MESSAGE_LENGTH)] = (
        Field(description=f"What is wrong and, if known, what is right (1-{MAX_MESSAGE_LENGTH} characters)")
    )
    contact_email: ContactEmail | None = Field(
        default=None,
        description=(
            "Optional: where the Family Information Service may reply. Kept only until the suggestion is "
            "decided, shown to officers only, never returned by a public route"
        ),
    )


class CorrectionReceipt(Model):
    """`POST /services/{id}/corrections` (202): the reference to quote to the Family Information Service."""

    reference: UUID = Field(description="The suggestion's reference (its id in the officers' queue)")
    service_id: UUID
    status: Literal["submitted"] = "submitted"
    message: str = Field(description="What happens next, in words")
