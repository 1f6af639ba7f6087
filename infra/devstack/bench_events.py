"""The events the benchmark sends the handlers: API Gateway requests and DynamoDB stream batches."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

STREAM_BATCH_SIZE = 100  # the template's BatchSize for the indexer's DynamoDB event source


def api_event(resource: str, query: Mapping[str, str]) -> dict[str, Any]:
    """A REST proxy event as API Gateway sends it for `GET resource?query`."""
    headers = {"Accept": "application/json", "Host": "api.example.org", "X-Forwarded-Proto": "https"}
    return {
        "resource": resource,
        "path": resource,
        "httpMethod": "GET",
        "headers": headers,
        "multiValueHeaders": {key: [value] for key, value in headers.items()},
        "queryStringParameters": dict(query) or None,
        "multiValueQueryStringParameters": {key: [value] for key, value in query.items()} or None,
        "pathParameters": None,
        "stageVariables": None,
        "requestContext": {
            "accountId": "123456789012",
            "apiId": "bench",
            "httpMethod": "GET",
            "path": f"/Prod{resource}",
            "resourcePath": resource,
            "stage": "Prod",
            "requestId": "bench-request",
            "identity": {"sourceIp": "203.0.113.10"},
        },
        "body": None,
        "isBase64Encoded": False,
    }


def stream_events(items: Sequence[Mapping[str, Any]], batch_size: int = STREAM_BATCH_SIZE) -> list[dict[str, Any]]:
    """DynamoDB stream INSERT records for `items`, in Lambda's event shape, `batch_size` to an event."""
    from boto3.dynamodb.types import TypeSerializer

    serializer = TypeSerializer()
    arn = "arn:aws:dynamodb:eu-west-2:123456789012:table/local-offer-records/stream/2026-01-01T00:00:00.000"
    records = []
    for sequence, item in enumerate(items, start=1):
        image = {key: serializer.serialize(value) for key, value in item.items()}
        records.append(
            {
                "eventID": f"bench-{sequence}",
                "eventName": "INSERT",
                "eventVersion": "1.1",
                "eventSource": "aws:dynamodb",
                "awsRegion": "eu-west-2",
                "dynamodb": {
                    "Keys": {"pk": image["pk"], "sk": image["sk"]},
                    "NewImage": image,
                    "SequenceNumber": f"{sequence:021d}",
                    "SizeBytes": 1024,
                    "StreamViewType": "NEW_AND_OLD_IMAGES",
                },
                "eventSourceARN": arn,
            }
        )
    return [{"Records": records[start : start + batch_size]} for start in range(0, len(records), batch_size)]
