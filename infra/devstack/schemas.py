"""Generate `schemas/` from the pydantic models: the merged OpenAPI document and one JSON Schema per model.

`make schemas` writes the files; the contract tests regenerate them in memory and fail when the
committed copies differ, so the documents can never drift from the code.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGED_OPENAPI = REPO_ROOT / "functions" / "local_offer" / "data" / "openapi.json"

API_TITLE = "Local Offer API"
API_DESCRIPTION = (
    "The SEND Local Offer directory as an Open Referral UK (HSDS-UK 3.0) API, with Local Offer extensions. "
    "Errors answer with `{error, detail, errors?}`: a 400 names each invalid parameter and why. Signed-in "
    "operations name the `LocalOfferUserPool` scheme; without a valid token API Gateway answers 401 "
    '`{"message": "Unauthorized"}`. Every operation may answer 429 `{"message": "Too Many Requests"}` when '
    "API Gateway's throttling (or the optional per-IP WAF rule) refuses the request; every 429 carries "
    "`Retry-After` (seconds)."
)
# Every 429 (the function's own rate limits, API Gateway's throttling, the WAF rule) carries this header.
RETRY_AFTER_HEADER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again",
        "schema": {"type": "integer", "minimum": 1},
    }
}


def exported_models() -> dict[str, type[BaseModel]]:
    """The models published as JSON Schema, by file stem."""
    from local_offer.models.api import ErrorBody, ServicePage
    from local_offer.models.census import AreaSetFile, CensusLoadResult, CensusRow
    from local_offer.models.change_requests import (
        ChangeRequest,
        ChangeRequestEvent,
        ChangeRequestSubmission,
        ChangeRequestView,
        DecisionSubmission,
        HistoryEntry,
    )
    from local_offer.models.corrections import CorrectionSubmission
    from local_offer.models.faqs import FaqContent, FaqItem, FaqSearchPage, FeedbackRequest, PublicFaq
    from local_offer.models.notifications import VerificationDue
    from local_offer.models.oruk import Organization, Service, TaxonomyTerm, TaxonomyWithTerms
    from local_offer.models.records import PublishedService, RecordMeta, ServiceRecord
    from local_offer.models.resources import NewResource, PublicResource, ResourcePage, ResourceRecord
    from local_offer.models.shortlists import Shortlist, ShortlistSubmission

    models: list[type[BaseModel]] = [
        Service,
        PublishedService,
        Organization,
        TaxonomyWithTerms,
        TaxonomyTerm,
        RecordMeta,
        ServiceRecord,
        ServicePage,
        ErrorBody,
        CensusRow,
        CensusLoadResult,
        AreaSetFile,
        FaqContent,
        FaqItem,
        PublicFaq,
        FaqSearchPage,
        FeedbackRequest,
        ResourceRecord,
        PublicResource,
        ResourcePage,
        NewResource,
        ChangeRequestSubmission,
        ChangeRequest,
        ChangeRequestView,
        DecisionSubmission,
        HistoryEntry,
        CorrectionSubmission,
        ShortlistSubmission,
        Shortlist,
        ChangeRequestEvent,
        VerificationDue,
    ]
    return {model.__name__: model for model in models}


def openapi_document(version: str) -> dict[str, Any]:
    """Every API handler's routes merged into one OpenAPI document."""
    from aws_lambda_powertools.event_handler.openapi.merge import OpenAPIMerge

    from local_offer.handlers.http import document_guard, security_schemes

    schemes = security_schemes()
    merge = OpenAPIMerge(
        title=API_TITLE, version=version, description=API_DESCRIPTION, on_conflict="error", security_schemes=schemes
    )
    for resolver in api_resolvers():
        schema = resolver.get_openapi_schema(title=API_TITLE, version=version, security_schemes=schemes)
        document = document_model_parameters(schema.model_dump(mode="json", by_alias=True, exclude_none=True), resolver)
        merge.add_schema(document_guard(document, resolver.max_body_bytes))
    return document_errors(json.loads(merge.get_openapi_json_schema()))


def model_parameters(resolver: Any) -> list[tuple[str, str, str, type[BaseModel]]]:
    """(path, method, location, model) for each model-typed query or header parameter of a resolver's routes,
    such as `query: Annotated[SearchQuery, Query()]`."""
    found = []
    for route in resolver._static_routes + resolver._dynamic_routes:
        if not route.include_in_schema:
            continue
        for param in route.dependant.query_params + route.dependant.header_params:
            model = param.field_info.annotation
            if isinstance(model, type) and issubclass(model, BaseModel):
                found.append((route.openapi_path, route.method.lower(), param.field_info.in_.value, model))
    return found


def document_model_parameters(document: dict[str, Any], resolver: Any) -> dict[str, Any]:
    """Give each parameter flattened from a model-typed query or header parameter its field's own JSON schema.

    powertools (3.37) writes such a parameter with its base type only (`string` for anything optional) and
    drops lengths, ranges, patterns, enums, formats and defaults; validation still applies them. It also adds
    the model to the components, which no operation references: it goes.
    """
    components = document.setdefault("components", {}).setdefault("schemas", {})
    flattened: set[str] = set()
    for path, method, location, model in model_parameters(resolver):
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, definition in schema.get("$defs", {}).items():
            components.setdefault(name, definition)
        fields = {field.alias or name: field for name, field in model.model_fields.items()}
        for parameter in document["paths"][path][method].get("parameters", []):
            field = fields.get(parameter["name"]) if parameter["in"] == location else None
            if field is None:
                continue
            own = dict(schema["properties"][parameter["name"]])
            # A parameter left out has no value at all, not null: the document states only real defaults.
            if own.get("default", ...) is None:
                del own["default"]
            parameter["schema"] = own
            parameter["required"] = field.is_required()
            if field.description:
                parameter["description"] = field.description
        flattened.add(model.__name__)
    text = json.dumps(document)
    for name in flattened:
        if f'"#/components/schemas/{name}"' not in text:
            components.pop(name, None)
    return document


def document_errors(document: dict[str, Any]) -> dict[str, Any]:
    """Describe errors as the API really sends them: our handler turns powertools' 422 into a 400 with
    an `ErrorBody`, so drop the generated 422 entries and give every 4xx/5xx the `ErrorBody` schema."""
    from local_offer.models.api import ErrorBody, GatewayError

    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas["ErrorBody"] = ErrorBody.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas["GatewayError"] = GatewayError.model_json_schema(ref_template="#/components/schemas/{model}")
    for unused in ("HTTPValidationError", "ValidationError", "ResponseValidationError"):
        schemas.pop(unused, None)
    error_content = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorBody"}}}
    # API Gateway's Cognito authorizer answers a missing or bad token itself; the function's own 401 (reached
    # only without an authorizer in front, as in tests) has our error body.
    unauthorized_content = {
        "application/json": {
            "schema": {
                "anyOf": [{"$ref": "#/components/schemas/GatewayError"}, {"$ref": "#/components/schemas/ErrorBody"}]
            }
        }
    }
    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.get("responses", {})
            responses.pop("422", None)
            for status, response in responses.items():
                if status[0] in "45":
                    response["content"] = unauthorized_content if status == "401" else error_content
            responses["429"] = throttled_response(responses.get("429"))
    document["components"].setdefault("responses", {})["Throttled"] = throttled_response(None, shared=False)
    return document


def throttled_response(own: dict[str, Any] | None, *, shared: bool = True) -> dict[str, Any]:
    """The 429 of an operation: API Gateway's throttling answer (`shared`: a reference to the one in
    components), or that or the operation's own rate limit (`own`)."""
    gateway = {"$ref": "#/components/schemas/GatewayError"}
    if own is None and shared:
        return {"$ref": "#/components/responses/Throttled"}
    if own is None:
        return {
            "description": "Throttled by API Gateway (or the per-IP WAF rule)",
            "headers": RETRY_AFTER_HEADER,
            "content": {"application/json": {"schema": gateway}},
        }
    return {
        "description": f"{own['description']}; or throttled by API Gateway (or the per-IP WAF rule)",
        "headers": RETRY_AFTER_HEADER,
        "content": {"application/json": {"schema": {"anyOf": [gateway, {"$ref": "#/components/schemas/ErrorBody"}]}}},
    }


def api_resolvers() -> list[Any]:
    """The `app` resolver of every handler module that serves HTTP routes, in module order."""
    import importlib
    import pkgutil

    import local_offer.handlers as handlers

    resolvers = []
    for module_info in sorted(pkgutil.iter_modules(handlers.__path__), key=lambda info: info.name):
        module = importlib.import_module(f"{handlers.__name__}.{module_info.name}")
        resolver = getattr(module, "app", None)
        if resolver is not None and hasattr(resolver, "get_openapi_schema"):
            resolvers.append(resolver)
    return resolvers


def render() -> dict[str, str]:
    """Relative path -> file text for everything under `schemas/`."""
    from importlib.metadata import version

    files = {"openapi.json": openapi_document(version("local-offer"))}
    files.update(
        {
            f"json/{name}.json": model.model_json_schema(mode="serialization")
            for name, model in exported_models().items()
        }
    )
    return {
        path: json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        for path, content in files.items()
    }


def write(target: Path) -> list[Path]:
    """Write the rendered files under `target`, removing stale JSON Schemas; returns the paths written."""
    rendered = render()
    (target / "json").mkdir(parents=True, exist_ok=True)
    for stale in (target / "json").glob("*.json"):
        if f"json/{stale.name}" not in rendered:
            stale.unlink()
    written = []
    for relative, text in rendered.items():
        path = target / relative
        path.write_text(text, encoding="utf-8")
        written.append(path)
    # The search function serves the document at GET /openapi.json, from its own package.
    PACKAGED_OPENAPI.write_text(rendered["openapi.json"], encoding="utf-8")
    written.append(PACKAGED_OPENAPI)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("target", nargs="?", default=str(REPO_ROOT / "schemas"), help="output directory")
    args = parser.parse_args(argv)
    for path in write(Path(args.target)):
        print(f"wrote {path.relative_to(Path(args.target).resolve().parent) if path.is_absolute() else path}")


if __name__ == "__main__":
    main()
