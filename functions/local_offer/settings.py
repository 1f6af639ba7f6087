"""Configuration from the environment, read once and cached.

Defaults are loopback-safe: with nothing set, clients point at a local stack, never at a real account.
"""

from __future__ import annotations

from functools import cache
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything a function reads from its environment."""

    model_config = SettingsConfigDict(extra="ignore", frozen=True)

    records_table_name: str = Field(default="local-offer-records", description="DynamoDB table of directory records")
    memberships_table_name: str = Field(
        default="local-offer-memberships", description="DynamoDB table of provider-organisation links"
    )
    opensearch_endpoint: str = Field(default="http://127.0.0.1:9200", description="OpenSearch base URL")
    opensearch_auth: Literal["sigv4", "none"] = Field(
        default="none", description="sigv4 for Amazon OpenSearch Service, none for a local engine"
    )
    opensearch_timeout_seconds: float = 10.0
    services_index_alias: str = "services"
    census_table_name: str = Field(default="local-offer-census", description="DynamoDB table of census figures")
    local_area_set: str = Field(
        default="aap",
        pattern=r"^[a-z0-9_]{1,40}$",
        description="Which set of local areas the census uses: names data/area_set_<id>.json",
    )
    faqs_index_alias: str = "faqs"
    rate_limit_table_name: str = Field(
        default="local-offer-rate-limits", description="DynamoDB table of short-lived per-client request counters"
    )
    resources_table_name: str = Field(default="local-offer-resources", description="DynamoDB resource catalogue")
    resources_bucket_name: str = Field(default="local-offer-resources", description="S3 bucket of resource files")
    change_requests_table_name: str = Field(
        default="local-offer-change-requests", description="DynamoDB table of change requests and record history"
    )
    idempotency_table_name: str = Field(
        default="local-offer-idempotency", description="DynamoDB table of idempotency records (powertools)"
    )
    insights_table_name: str = Field(
        default="local-offer-insights",
        description="DynamoDB table of daily search counts (no user, no address) and 'you said, we did' entries",
    )
    insights_flush_searches: int = Field(
        default=20, ge=1, le=1000, description="Search counts buffered per environment before they are written"
    )
    insights_flush_seconds: float = Field(
        default=30.0, ge=0, le=3600, description="Write buffered search counts once the oldest is this old"
    )
    shortlists_table_name: str = Field(
        default="local-offer-shortlists", description="DynamoDB table of shareable shortlists (expire by TTL)"
    )
    event_bus_name: str = Field(default="local-offer", description="EventBridge bus for directory events")
    stale_after_months: int = Field(default=12, ge=1, le=120, description="When a record needs re-verifying")
    indexer_failure_queue_url: str = Field(
        default="", description="SQS queue of stream batches the indexer gave up (the redrive reads it)"
    )
    redrive_backoff_seconds: int = Field(
        default=5, ge=1, le=900, description="First wait before a failed redrive is tried again (then doubled)"
    )
    redrive_max_backoff_seconds: int = Field(
        default=900, ge=1, le=43200, description="Longest wait between redrive attempts (SQS allows 12 hours)"
    )
    notifications_table_name: str = Field(
        default="local-offer-notifications",
        description="DynamoDB table of users' notification preferences and the reminders already sent",
    )
    user_pool_id: str = Field(default="", description="Cognito user pool (the notifier reads addresses from it)")
    notification_channel: Literal["outbox", "ses"] = Field(
        default="outbox", description="ses sends e-mail through Amazon SES; outbox appends it to a local file"
    )
    notification_outbox_path: str = Field(
        default=".local-offer/outbox.jsonl", description="The outbox file (JSON lines) when the channel is outbox"
    )
    notification_sender_identity: str = Field(
        default="", description="The SES-verified address e-mails are sent from (channel ses)"
    )
    aws_region: str = Field(default="eu-west-2", validation_alias="AWS_REGION")


@cache
def get_settings() -> Settings:
    """The process-wide settings; tests call ``get_settings.cache_clear()`` after changing the environment."""
    return Settings()
