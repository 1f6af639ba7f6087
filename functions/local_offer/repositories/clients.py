"""Cached client factories, created on first use (never at import) so moto and tests can intercept them."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from opensearchpy import OpenSearch


@cache
def boto3_session() -> Any:
    """One boto3 session per process; boto3 honours AWS_ENDPOINT_URL for local stacks."""
    import boto3

    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    return boto3.session.Session(region_name=get_settings().aws_region)


@cache
def dynamodb_resource() -> Any:
    """The DynamoDB service resource."""
    return boto3_session().resource("dynamodb")


@cache
def insights_dynamodb_client() -> Any:
    """A DynamoDB client for counting searches: short timeouts and one attempt, because a count is never
    worth slowing or failing the search it describes."""
    from botocore.config import Config

    config = Config(connect_timeout=0.5, read_timeout=0.5, retries={"max_attempts": 1, "mode": "standard"})
    return boto3_session().client("dynamodb", config=config)


@cache
def s3_client() -> Any:
    """The S3 client: SigV4 (presigned URLs need it) and regional virtual-host URLs, which browsers can
    reach directly; with a local endpoint (an IP address) boto3 falls back to path-style URLs."""
    from botocore.config import Config

    config = Config(signature_version="s3v4", s3={"addressing_style": "virtual"})
    return boto3_session().client("s3", config=config)


@cache
def streams_client() -> Any:
    """The DynamoDB Streams client (the redrive re-reads a failed batch's range)."""
    return boto3_session().client("dynamodbstreams")


@cache
def sqs_client() -> Any:
    """The SQS client (the redrive sets a failed message's next attempt)."""
    return boto3_session().client("sqs")


@cache
def events_client() -> Any:
    """The EventBridge client."""
    return boto3_session().client("events")


@cache
def sesv2_client() -> Any:
    """The SES (v2) client: the notifier sends e-mail with it."""
    return boto3_session().client("sesv2")


@cache
def cognito_client() -> Any:
    """The Cognito user pools client: the notifier looks up a user's address by `sub`."""
    return boto3_session().client("cognito-idp")


@cache
def idempotency_store() -> Any:
    """powertools' DynamoDB persistence layer for idempotent intake (it creates its client at once)."""
    from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer

    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    return DynamoDBPersistenceLayer(table_name=get_settings().idempotency_table_name, boto3_session=boto3_session())


@cache
def opensearch_client() -> OpenSearch:
    """An opensearch-py client: SigV4-signed for Amazon OpenSearch Service, plain HTTP for a local engine."""
    from opensearchpy import OpenSearch, Urllib3HttpConnection

    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    settings = get_settings()
    options: dict[str, Any] = {
        "hosts": [settings.opensearch_endpoint],
        "timeout": settings.opensearch_timeout_seconds,
        "connection_class": Urllib3HttpConnection,
        "max_retries": 2,
        "retry_on_timeout": True,
        "http_compress": False,
    }
    if settings.opensearch_auth == "sigv4":
        from opensearchpy import Urllib3AWSV4SignerAuth

        credentials = boto3_session().get_credentials()
        options["http_auth"] = Urllib3AWSV4SignerAuth(credentials, settings.aws_region, "es")
        options["use_ssl"] = True
        options["verify_certs"] = True
    return OpenSearch(**options)


def clear_caches() -> None:
    """Forget every cached client and the settings (tests call this after changing the environment)."""
    # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
    from local_offer.settings import get_settings

    factories = (
        boto3_session,
        dynamodb_resource,
        insights_dynamodb_client,
        s3_client,
        streams_client,
        sqs_client,
        events_client,
        sesv2_client,
        cognito_client,
        idempotency_store,
        opensearch_client,
    )
    for factory in factories:
        factory.cache_clear()
    get_settings.cache_clear()
