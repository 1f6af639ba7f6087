"""The official ORUK validator's run (github.com/OpenReferralUK/oruk-validator), against the local stack.

What the validator does, and so what `validator_run` does:

1. read `GET /`, then load the current ORUK 3.0 OpenAPI document (openreferraluk.org/specifications/3.0/
   openapi.json, copied as `oruk/oruk-3.0-openapi.json`);
2. for every GET path without a path parameter: when it takes a `page` query parameter, fetch page 1, the middle
   page (`total_pages // 2`, when there are more than two) and the last page; otherwise fetch it once. The
   validator asks for each page with `page` alone, so our default page size applies;
3. for every `{id}` path, fetch up to 10 ids taken from its list's first page;
4. validate every 2xx body against that operation's 200 schema (JSON Schema 2020-12, formats checked). A
   non-2xx answer from an endpoint the document does not tag `Optional` fails the run; an empty first page is
   the validator's warning, a failure here because the seed fills every list.

The ORUK document has no organisation endpoints; the validator's own template lists `/organizations` and
`/organizations/{id}` as optional, and HSDS 3.0 defines them: `OPTIONAL_PATHS` adds them with the uk-profile
`compiled/organization_list.json` and `compiled/organization.json` schemas, in the same page envelope.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import requests
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).parent / "oruk"
SPEC_URI = "https://openreferraluk.org/specifications/3.0/openapi.json"
UPSTREAM = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"
IDS_PER_ENDPOINT = 10
PAGE_ENVELOPE = {"allOf": [{"$ref": f"{SPEC_URI}#/components/schemas/Page"}]}
OPTIONAL_PATHS: dict[str, dict[str, Any]] = {
    "/organizations": {
        "parameters": [{"name": "page", "in": "query"}, {"name": "per_page", "in": "query"}],
        "schema": {
            **PAGE_ENVELOPE,
            "properties": {
                "contents": {"type": "array", "items": {"$ref": UPSTREAM + "compiled/organization_list.json"}}
            },
        },
    },
    "/organizations/{id}": {"parameters": [], "schema": {"$ref": UPSTREAM + "compiled/organization.json"}},
}


@cache
def spec() -> dict[str, Any]:
    return json.loads((SCHEMAS / "oruk-3.0-openapi.json").read_text(encoding="utf-8"))


@cache
def registry() -> Registry:
    resources = [(SPEC_URI, Resource.from_contents(spec(), default_specification=DRAFT202012))]
    for path in [*SCHEMAS.glob("compiled/*.json"), SCHEMAS / "taxonomy.json", SCHEMAS / "taxonomy_term.json"]:
        contents = json.loads(path.read_text(encoding="utf-8"))
        uri = UPSTREAM + path.relative_to(SCHEMAS).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def schema_errors(schema: dict[str, Any], body: Any) -> list[str]:
    validator = Draft202012Validator(schema, registry=registry(), format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(body), key=lambda error: list(error.absolute_path))
    return [f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}" for error in errors[:5]]


def operation_schema(path: str) -> dict[str, Any]:
    """The 200 schema of GET `path`, by reference into the ORUK document (or our optional-path table)."""
    if path in OPTIONAL_PATHS:
        return OPTIONAL_PATHS[path]["schema"]
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {"$ref": f"{SPEC_URI}#/paths/{pointer}/get/responses/200/content/application~1json/schema"}


def _parameters(operation: dict[str, Any], path_item: dict[str, Any]) -> list[dict[str, Any]]:
    resolved = []
    for parameter in [*path_item.get("parameters", ()), *operation.get("parameters", ())]:
        if "$ref" in parameter:
            parameter = spec()["components"]["parameters"][parameter["$ref"].rsplit("/", 1)[-1]]
        resolved.append(parameter)
    return resolved


@dataclass
class Endpoint:
    path: str
    optional: bool
    paged: bool


def endpoints() -> list[Endpoint]:
    """Every GET path of the ORUK document (tagged `Optional` or not), then our optional additions."""
    found = []
    for path, item in spec()["paths"].items():
        operation = item.get("get")
        if operation is None:
            continue
        parameters = _parameters(operation, item)
        paged = any(p.get("name") == "page" and p.get("in") == "query" for p in parameters)
        found.append(Endpoint(path, "Optional" in operation.get("tags", ()), paged))
    for path, extra in OPTIONAL_PATHS.items():
        found.append(Endpoint(path, True, any(p["name"] == "page" for p in extra["parameters"])))
    return found


@dataclass
class Run:
    """What the validator reports: every request made, and every failure (endpoint, URL, why)."""

    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def check(self, api: str, endpoint: Endpoint, url_path: str, params: dict[str, Any] | None = None) -> Any:
        response = requests.get(api + url_path, params=params, timeout=60)
        label = f"GET {url_path}" + (f"?{'&'.join(f'{k}={v}' for k, v in params.items())}" if params else "")
        self.requests.append(label)
        if not 200 <= response.status_code < 300:
            if not endpoint.optional:
                self.failures.append(f"{label}: {response.status_code} {response.text[:200]}")
            return None
        body = response.json()
        self.failures += [f"{label}: {error}" for error in schema_errors(operation_schema(endpoint.path), body)]
        return body


def validator_run(api: str, seed: int = 0) -> Run:
    """The validator's requests and checks against `api` (see the module docstring)."""
    run = Run()
    details = run.check(api, Endpoint("/", False, False), "/")
    if details is None or details.get("version") != "HSDS-UK-3.0":
        run.failures.append(f"GET /: not an HSDS-UK-3.0 API: {details}")
    all_endpoints = [endpoint for endpoint in endpoints() if endpoint.path != "/"]
    ids: dict[str, list[str]] = {}
    for endpoint in (e for e in all_endpoints if "{" not in e.path):
        first = run.check(api, endpoint, endpoint.path, {"page": 1} if endpoint.paged else None)
        if first is None:
            continue
        if endpoint.paged:
            if not first.get("contents"):
                run.failures.append(f"GET {endpoint.path}: the first page is empty (EMPTY_FEED_WARNING)")
            total_pages = int(first.get("total_pages") or 0)
            pages = ([total_pages // 2] if total_pages > 2 else []) + ([total_pages] if total_pages > 1 else [])
            for number in pages:
                run.check(api, endpoint, endpoint.path, {"page": number})
        ids[endpoint.path] = [item["id"] for item in first.get("contents", ()) if "id" in item]
    chooser = random.Random(seed)
    for endpoint in (e for e in all_endpoints if "{" in e.path):
        root = endpoint.path.split("/{", 1)[0]
        available = ids.get(root, [])
        if not available and not endpoint.optional:
            run.failures.append(f"GET {endpoint.path}: no ids from {root} to test with")
        chosen = available if len(available) <= IDS_PER_ENDPOINT else chooser.sample(available, IDS_PER_ENDPOINT)
        for item_id in chosen:
            body = run.check(api, endpoint, endpoint.path.replace("{id}", item_id))
            if body is not None and body.get("id") != item_id:
                run.failures.append(f"GET {endpoint.path.replace('{id}', item_id)}: answered with id {body.get('id')}")
    return run


def test_the_oruk_validator_run_passes(seeded_api: str, capsys: pytest.CaptureFixture[str]) -> None:
    run = validator_run(seeded_api)

    with capsys.disabled():
        print(f"\nORUK validator run: {len(run.requests)} requests, {len(run.failures)} failures")
    assert not run.failures, "\n".join(run.failures)
    # Every list of the ORUK document and our optional ones was paged through, and items fetched by id.
    for path in ("/services", "/service_at_locations", "/taxonomies", "/taxonomy_terms", "/organizations"):
        assert f"GET {path}?page=1" in run.requests
    for path in ("/services/", "/service_at_locations/", "/taxonomies/", "/taxonomy_terms/", "/organizations/"):
        assert sum(request.startswith(f"GET {path}") for request in run.requests) >= 2
    assert any(
        request.startswith("GET /services?page=") and request != "GET /services?page=1" for request in run.requests
    )


def test_a_service_at_location_answers_valid_against_both_of_its_schemas(seeded_api: str) -> None:
    first = requests.get(seeded_api + "/service_at_locations", params={"per_page": 3}, timeout=60).json()
    for item in first["contents"]:
        body = requests.get(f"{seeded_api}/service_at_locations/{item['id']}", timeout=60).json()
        assert schema_errors(operation_schema("/service_at_locations/{id}"), body) == []
        assert schema_errors({"$ref": UPSTREAM + "compiled/service_at_location.json"}, body) == []


@pytest.mark.parametrize(
    ("path", "body"),
    [
        # A service-at-location without the service's name and status, as this endpoint answered before.
        ("/service_at_locations/{id}", {"id": "9c8b2c9e-3a59-4c1f-8d55-2a4f9f1e7d10", "service_id": "x"}),
        ("/organizations/{id}", {"id": "9c8b2c9e-3a59-4c1f-8d55-2a4f9f1e7d10", "name": "No description"}),
        ("/organizations", {"total_items": 1, "contents": [{"id": "not-a-uuid", "name": "x", "description": "y"}]}),
        ("/services", {"total_items": "many", "contents": []}),
    ],
)
def test_the_run_refuses_what_the_validator_refuses(path: str, body: Any) -> None:
    assert schema_errors(operation_schema(path), body)
