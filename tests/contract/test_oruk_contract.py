"""ORUK 3.0 contract: every endpoint's answers validate against the ORUK UK profile schemas.

Runs against the local stack with the full seed, over HTTP, the way the ORUK validator does: each list
endpoint's first, a middle and the last page, then records picked at random from those pages, fetched by id.
The schemas are the uk-profile's own (tests/contract/oruk, copied with their source and licence).
"""

from __future__ import annotations

import json
import random
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "oruk"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
OPENAPI_URI = UPSTREAM + "openapi.json"
API_DETAILS_URI = "urn:oruk:api_details.json"
LISTS = ["/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms"]
# Each list endpoint and the endpoint that returns one of its items.
ITEM_OF = {
    "/services": "/services/{id}",
    "/service_at_locations": "/service_at_locations/{id}",
    "/taxonomies": "/taxonomies/{id}",
    "/taxonomy_terms": "/taxonomy_terms/{id}",
}
RANDOM_IDS_PER_ENDPOINT = 5


@cache
def registry() -> Registry:
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        relative = path.relative_to(SCHEMAS).as_posix()
        uri = API_DETAILS_URI if relative == "api_details.json" else UPSTREAM + relative
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def response_schema(path: str) -> dict[str, Any]:
    """The ORUK schema for a 200 answer of `path` (an ORUK openapi.json path)."""
    if path == "/":
        return {"$ref": API_DETAILS_URI}
    pointer = path.replace("~", "~0").replace("/", "~1")
    reference = {"$ref": f"{OPENAPI_URI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"}
    if path == "/service_at_locations/{id}":
        # The profile's openapi.json points this at compiled/service.json (which needs `name` and `status`); the
        # validator's own template at the service_at_location schema. The answer must satisfy both.
        return {"allOf": [reference, {"$ref": UPSTREAM + "compiled/service_at_location.json"}]}
    return reference


def assert_valid(path: str, body: Any) -> None:
    validator = Draft202012Validator(response_schema(path), registry=registry(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    assert not errors, f"{path}: " + "; ".join(
        f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in errors[:5]
    )


def get(api: str, path: str, **params: Any) -> Any:
    response = requests.get(api + path, params=params, timeout=30)
    assert response.status_code == 200, f"{path} {params}: {response.status_code} {response.text[:300]}"
    return response.json()


def test_api_details(seeded_api: str) -> None:
    body = get(seeded_api, "/")
    assert_valid("/", body)
    assert body["version"] == "HSDS-UK-3.0"
    document = requests.get(body["openapi_url"].replace("https://", "http://", 1), timeout=10)
    assert document.status_code == 200
    assert "/services" in document.json()["paths"]


@pytest.mark.parametrize("path", LISTS)
def test_first_middle_and_last_pages_and_random_items_validate(seeded_api: str, path: str) -> None:
    per_page = 7
    first = get(seeded_api, path, per_page=per_page)
    assert_valid(path, first)
    assert first["total_items"] > 0
    pages = [first]
    last_page = first["total_pages"]
    for number in sorted({max(1, last_page // 2), last_page} - {1}):
        page = get(seeded_api, path, per_page=per_page, page=number)
        assert_valid(path, page)
        assert page["page_number"] == number
        pages.append(page)
    assert pages[-1]["last_page"]

    ids = [item["id"] for page in pages for item in page["contents"]]
    for item_id in random.Random(path).sample(ids, min(RANDOM_IDS_PER_ENDPOINT, len(ids))):
        item = get(seeded_api, ITEM_OF[path].format(id=item_id))
        assert_valid(ITEM_OF[path], item)
        assert item["id"] == item_id


@pytest.mark.parametrize(
    "params",
    [
        {"search": "autism", "postcode": "DH1 1AB", "sort": "distance"},
        {"need": "SLCN", "age": 6, "free": "true"},
        {"search": "zzqqxx"},
        {"day": "SA", "start_time": "09:00"},
    ],
)
def test_searches_with_our_extensions_still_validate(seeded_api: str, params: dict[str, Any]) -> None:
    assert_valid("/services", get(seeded_api, "/services", **params))
    assert_valid("/service_at_locations", get(seeded_api, "/service_at_locations", **params))


def test_a_full_page_of_services_validates(seeded_api: str) -> None:
    assert_valid("/services", get(seeded_api, "/services", per_page=100, page=3))


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/services/{id}", {"id": "not-a-uuid", "name": "x", "status": "active"}),
        ("/services/{id}", {"id": "9c8b2c9e-3a59-4c1f-8d55-2a4f9f1e7d10", "name": "x"}),
        ("/services", {"total_items": "many", "contents": []}),
        ("/", {"version": "HSDS-UK-3.0"}),
    ],
)
def test_the_schemas_refuse_what_oruk_refuses(path: str, body: Any) -> None:
    with pytest.raises(AssertionError):
        assert_valid(path, body)
