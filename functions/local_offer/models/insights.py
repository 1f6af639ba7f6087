"""API shapes of search insights, keyword advice and "you said, we did" entries."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal
from uuid import UUID

from pydantic import ConfigDict, Field, HttpUrl, StringConstraints

from local_offer.models.base import Model

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Theme = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Link = Annotated[HttpUrl, Field(description="An http(s) address with a host, at most 2,000 characters")]


class TermCount(Model):
    """One term's searches over the range (`zero_results`: how many of them found nothing)."""

    term: str
    kind: Literal["services", "faqs"] = Field(description="services: directory search; faqs: FAQ search")
    searches: int
    zero_results: int


class SearchInsights(Model):
    """`GET /insights/searches`."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: dt.date = Field(alias="from")
    to: dt.date
    min_count: int = Field(description="Terms seen fewer times than this in the range are left out")
    searches: int = Field(description="Every counted search in the range, left-out terms included")
    suppressed_terms: int = Field(description="How many distinct terms were left out as too rare")
    top_terms: list[TermCount]
    zero_result_terms: list[TermCount] = Field(
        description="Frequent terms that found nothing at least once (FAQ: no confident answer), most first"
    )


class KeywordSuggestion(Model):
    term: str
    searches: int
    categories: list[str] = Field(description="The service's categories that this term's top results shared")


class ServiceKeywordAdvice(Model):
    service_id: UUID
    name: str
    keywords: list[KeywordSuggestion]


class KeywordAdvice(Model):
    """`GET /me/keyword-advice`: per service of the caller's organisations."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: dt.date = Field(alias="from")
    to: dt.date
    services: list[ServiceKeywordAdvice]


# ---- you said, we did ---------------------------------------------------------------------------------


class EvidenceRange(Model):
    """The dates whose counts an entry cites; the server reads the counts itself."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    from_: dt.date = Field(alias="from")
    to: dt.date


class FeedbackVotes(Model):
    helpful: int
    not_helpful: int


class Evidence(Model):
    """Counts an entry may cite, as read for the range."""

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    from_: dt.date = Field(alias="from")
    to: dt.date
    faq_feedback: FeedbackVotes = Field(description="FAQ 'was this helpful?' votes in the range")
    public_corrections: int = Field(description="Corrections suggested by the public in the range")
    zero_result_terms: list[TermCount] = Field(description="Frequent search terms that found nothing")


class EntryContent(Model):
    """What an officer writes: the theme, what families said, what was done, the date, links and, optionally,
    the date range whose counts the entry cites."""

    model_config = ConfigDict(extra="forbid")

    theme: Theme
    families_said: Text
    we_did: Text
    date: dt.date = Field(description="When it was done")
    links: list[Link] = Field(default_factory=list, max_length=10)
    evidence: EvidenceRange | None = Field(
        default=None, description="Cite the counts of this range (read by the server when the entry is saved)"
    )


class EntryEdit(EntryContent):
    """`PUT /you-said-we-did/{id}`: the new content and the version it was based on."""

    version: int = Field(ge=1, description="The version this edit was made from (409 when no longer current)")


class PublicEntry(Model):
    """A published entry as anyone sees it."""

    id: UUID
    theme: str
    families_said: str
    we_did: str
    date: dt.date
    links: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None
    published_at: dt.datetime | None = None


class Entry(PublicEntry):
    """An entry as officers see it (drafts too)."""

    status: Literal["draft", "published"]
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str

    def public(self) -> PublicEntry:
        return PublicEntry.model_validate(self.model_dump(include=set(PublicEntry.model_fields)))


class EntryPage(Model):
    """Published entries, newest first."""

    contents: list[PublicEntry]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")
