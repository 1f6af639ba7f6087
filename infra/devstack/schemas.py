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
    '`{"message": "Unauthorized"}`.'
)


def exported_models() -> dict[str, type[BaseModel]]:
    """The models published as JSON Schema, by file stem."""
    from local_offer.models.api import ErrorBody, ServicePage
    from local_offer.models.census import AreaSetFile, CensusLoadResult, CensusRow
    from local_offer.models.change_requests import (
        ChangeRequest,
        ChangeRequestSubmission,
        ChangeRequestView,
        DecisionSubmission,
        HistoryEntry,
    )
    from local_offer.models.corrections import CorrectionSubmission
    from local_offer.models.faqs import FaqContent, FaqItem, FaqSearchPage, FeedbackRequest, PublicFaq
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
        document = schema.model_dump(mode="json", by_alias=True, exclude_none=True)
        merge.add_schema(document_guard(document, resolver.max_body_bytes))
    return document_errors(json.loads(merge.get_openapi_json_schema()))


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
    return document


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
