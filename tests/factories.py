"""Test data factories: valid ORUK services and records with only what a test cares about overridden."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from local_offer.models.records import PublishedService, RecordMeta, ServiceRecord

DURHAM_POSTCODE = ("DH1 1AB", 54.786659, -1.530113)


def service_json(name: str = "Riverside Autism Parent Support Group", **overrides: Any) -> dict[str, Any]:
    """A fully nested ORUK service as the API returns it (with the `local_offer` extension)."""
    service_id = overrides.pop("id", str(uuid.uuid4()))
    organization_id = str(uuid.uuid4())
    location_id = str(uuid.uuid4())
    postcode, lat, lon = DURHAM_POSTCODE
    data: dict[str, Any] = {
        "id": service_id,
        "organization_id": organization_id,
        "name": name,
        "description": "A friendly monthly group for parents and carers of autistic children.",
        "status": "active",
        "minimum_age": 0,
        "maximum_age": 18,
        "last_modified": "2026-10-01T09:30:00.000Z",
        "organization": {
            "id": organization_id,
            "name": "Riverside Family Charity",
            "description": "A local charity supporting families.",
        },
        "service_at_locations": [
            {
                "id": str(uuid.uuid4()),
                "service_id": service_id,
                "location_id": location_id,
                "location": {
                    "id": location_id,
                    "location_type": "physical",
                    "name": "Riverside Community Centre",
                    "latitude": lat,
                    "longitude": lon,
                    "addresses": [
                        {
                            "id": str(uuid.uuid4()),
                            "location_id": location_id,
                            "address_1": "Riverside Community Centre",
                            "city": "Durham",
                            "state_province": "County Durham",
                            "postal_code": postcode,
                            "country": "GB",
                            "address_type": "physical",
                        }
                    ],
                },
            }
        ],
        "local_offer": {"record_version": 1, "local_area": "durham", "sample_data": True},
    }
    data.update(overrides)
    return data


def service_record(
    name: str = "Riverside Autism Parent Support Group", version: int = 1, **overrides: Any
) -> ServiceRecord:
    """A stored record built from `service_json`."""
    record = PublishedService.model_validate(service_json(name, **overrides)).to_record()
    return record.model_copy(update={"meta": record.meta.model_copy(update={"record_version": version})})


def meta(**overrides: Any) -> RecordMeta:
    return RecordMeta(**{"record_version": 1, "last_verified": dt.datetime(2026, 1, 1, tzinfo=dt.UTC), **overrides})


class LambdaContextStub:
    """The attributes powertools reads from a Lambda context."""

    function_name = "local-offer-test"
    memory_limit_in_mb = 512
    invoked_function_arn = "arn:aws:lambda:eu-west-2:123456789012:function:local-offer-test"
    aws_request_id = "00000000-0000-4000-8000-000000000000"

    def get_remaining_time_in_millis(self) -> int:
        return 30_000


def api_event(
    path: str,
    query: dict[str, str] | None = None,
    method: str = "GET",
    resource: str | None = None,
    path_parameters: dict[str, str] | None = None,
    body: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """An API Gateway REST proxy event, shaped like tests/events/apigw_rest_get_services.json."""
    import copy
    import json
    from pathlib import Path

    template = json.loads((Path(__file__).parent / "events" / "apigw_rest_get_services.json").read_text())
    event = copy.deepcopy(template)
    event.update(
        {
            "resource": resource or path,
            "path": path,
            "httpMethod": method,
            "queryStringParameters": query or None,
            "multiValueQueryStringParameters": {key: [value] for key, value in query.items()} if query else None,
            "pathParameters": path_parameters,
            "body": body,
        }
    )
    if headers:
        event["headers"].update(headers)
        event["multiValueHeaders"].update({key: [value] for key, value in headers.items()})
    event["requestContext"].update({"resourcePath": resource or path, "httpMethod": method, "path": f"/Prod{path}"})
    return event
