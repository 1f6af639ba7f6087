"""FAQ items: what officers write, what is stored (every version), and what the FAQ API answers.

An item's `contacts` are keys of the named contact points (`domain/faqs.CONTACT_POINTS`); answers expand
them into the full contact point so a client can show who to ask.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, StrictBool, StringConstraints, field_validator

from local_offer.models.base import Model

TOPICS: tuple[str, ...] = (
    "Using the Local Offer",
    "For providers",
    "Funding",
    "Schools",
    "Health",
    "SEND explained",
)
Topic = Literal["Using the Local Offer", "For providers", "Funding", "Schools", "Health", "SEND explained"]
AUDIENCES: tuple[str, ...] = ("parents", "practitioners", "providers")
Audience = Literal["parents", "practitioners", "providers"]
FaqStatus = Literal["published", "retired"]

ContactKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]{1,39}$")]
Phrasing = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=200)]
MAX_ANSWER_LENGTH = 5000
MAX_FEEDBACK_COMMENT_LENGTH = 500


class FaqLink(Model):
    """A link named in an answer: the words it is on and where it goes (web page or e-mail address)."""

    model_config = ConfigDict(extra="forbid")

    label: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    url: Annotated[str, StringConstraints(pattern=r"^(https?://[^\s]+|mailto:[^@\s]+@[^@\s]+\.[^@\s]+)$")]


class ContactPoint(Model):
    """Someone families or practitioners can turn to; only details the council publishes are given."""

    model_config = ConfigDict(extra="forbid")

    key: ContactKey
    name: str
    role: str = Field(description="What they can help with")
    email: str | None = None
    url: str | None = None
    how_to_reach: str | None = Field(default=None, description="Where to find their details when not given here")


class FaqContent(Model):
    """The part of an FAQ item an officer writes (create and edit bodies)."""

    model_config = ConfigDict(extra="forbid")

    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=300)]
    answer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ANSWER_LENGTH)]
    topic: Topic
    audience: Annotated[list[Audience], Field(min_length=1, max_length=3)]
    alternate_phrasings: Annotated[
        list[Phrasing],
        Field(min_length=3, max_length=20, description="Other ways people ask this (at least three)"),
    ]
    links: Annotated[list[FaqLink], Field(max_length=20)] = []
    contacts: Annotated[list[ContactKey], Field(max_length=10, description="Keys of named contact points")] = []
    related: Annotated[list[UUID], Field(max_length=10, description="Ids of related FAQ items")] = []

    @field_validator("audience", "alternate_phrasings", "contacts", "related")
    @classmethod
    def _no_repeats(cls, values: list[Any]) -> list[Any]:
        seen = [str(value).casefold() for value in values]
        if len(seen) != len(set(seen)):
            raise ValueError("must not repeat an entry")
        return values


class FaqItem(FaqContent):
    """An FAQ item as stored: one of these per version, the newest also as the current item."""

    id: UUID
    status: FaqStatus = "published"
    version: Annotated[int, Field(ge=1, description="Increases by one on every change")] = 1
    updated_at: dt.datetime
    updated_by: str | None = Field(default=None, description="Subject of the officer who made this version")

    def to_json_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class PublicFaq(Model):
    """An FAQ item as the public API shows it, with its contact points spelled out."""

    id: UUID
    question: str
    answer: str
    topic: Topic
    audience: list[Audience]
    alternate_phrasings: list[str]
    links: list[FaqLink]
    contacts: list[ContactPoint]
    related: list[UUID]
    version: int
    updated_at: dt.datetime


class FaqHit(PublicFaq):
    """A list item: the item and, when the list answers a question (`search`), how sure we are it answers it
    (0..1, calibrated). Browsing without `search` ranks nothing, so its items carry no `confidence`."""

    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="Estimated probability that this item answers the question; only when `search` is given",
    )


class FaqSuggestion(Model):
    id: UUID
    question: str
    confidence: float


class GlossaryDefinition(Model):
    """What a term of the SEND glossary means."""

    term: str = Field(description="The glossary's name for the term")
    definition: str = Field(description="The glossary's plain-English definition")
    asked_as: str = Field(description="The words of the question that named the term (normalised)")


class FaqSearchPage(Model):
    """`GET /faqs`: the ORUK-style page envelope plus whether the best hit is confident enough to show as
    the answer; when it is not, `did_you_mean` (up to three) and `contacts` (who to ask instead), and for a
    "what is X" question about a glossary term, `definition`."""

    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[FaqHit]
    confident: bool = Field(description="True when the best hit's confidence is at least `threshold`")
    threshold: float
    message: str | None = None
    did_you_mean: list[FaqSuggestion] | None = None
    contacts: list[ContactPoint] | None = None
    definition: GlossaryDefinition | None = Field(
        default=None,
        description=(
            'Present when the question asks what a SEND glossary term is ("what is the local offer", "whats a '
            'senco", "what does SEMH mean") and no FAQ item answers it confidently: the glossary\'s definition '
            "of that term. Absent otherwise."
        ),
    )


class FaqTopic(Model):
    name: Topic
    slug: str
    count: int = Field(description="Published items under this topic")


class FaqTopics(Model):
    topics: list[FaqTopic]


class FeedbackRequest(Model):
    """`POST /faqs/{id}/feedback`. The comment is checked but not kept (it may hold personal data)."""

    model_config = ConfigDict(extra="forbid")

    helpful: StrictBool
    comment: Annotated[str, StringConstraints(max_length=MAX_FEEDBACK_COMMENT_LENGTH)] | None = None


class FeedbackCounts(Model):
    id: UUID
    helpful: int
    not_helpful: int


class FaqVersions(Model):
    id: UUID
    versions: list[FaqItem]
