"""Query parameters grouped in one model keep every constraint in the OpenAPI document.

powertools writes a model-typed query parameter's fields with their base type only; `make schemas` gives each
its field's own JSON schema. These tests fail if a length, range, pattern, enum, format or default is lost.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import pytest
from aws_lambda_powertools.event_handler import APIGatewayRestResolver
from aws_lambda_powertools.event_handler.openapi.params import Query
from pydantic import BaseModel, ConfigDict, Field

from devstack.schemas import api_resolvers, document_model_parameters, model_parameters, openapi_document

CONSTRAINTS = {
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "enum",
    "const",
    "format",
    "type",
    "$ref",
}


def _constraints(schema: Any) -> dict[str, Any]:
    """Every constraint keyword in a schema by where it sits (`anyOf[0].maxLength`), with its value."""
    found: dict[str, Any] = {}

    def walk(node: Any, where: str) -> None:
        for key, value in node.items():
            if key in CONSTRAINTS:
                found[f"{where}{key}"] = value
            elif key in ("anyOf", "oneOf", "allOf"):
                for index, branch in enumerate(value):
                    walk(branch, f"{where}{key}[{index}].")

    walk(schema, "")
    return found


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return openapi_document("test")


def _model_routes() -> list[tuple[str, str, str, type[BaseModel]]]:
    return [found for resolver in api_resolvers() for found in model_parameters(resolver)]


def test_the_search_routes_take_their_parameters_as_one_model() -> None:
    routes = {(path, method) for path, method, _, _ in _model_routes()}
    assert {("/services", "get"), ("/service_at_locations", "get")} <= routes


@pytest.mark.parametrize(
    ("path", "method", "location", "model"),
    _model_routes(),
    ids=lambda value: value.__name__ if isinstance(value, type) else str(value),
)
def test_every_field_of_a_model_typed_parameter_keeps_its_constraints_and_description(
    document: dict[str, Any], path: str, method: str, location: str, model: type[BaseModel]
) -> None:
    own = model.model_json_schema(ref_template="#/components/schemas/{model}")["properties"]
    parameters = {p["name"]: p for p in document["paths"][path][method]["parameters"] if p["in"] == location}
    for name, field in model.model_fields.items():
        wire_name = field.alias or name
        parameter = parameters[wire_name]
        documented = _constraints(parameter["schema"])
        lost = {key: value for key, value in _constraints(own[wire_name]).items() if documented.get(key) != value}
        assert not lost, f"{path} {wire_name} lost {lost}"
        assert parameter["required"] == field.is_required()
        assert parameter["description"] == field.description, wire_name
        if field.default is not None and not field.is_required():
            assert parameter["schema"]["default"] == own[wire_name]["default"]


def test_both_search_routes_document_the_same_parameters_with_their_limits(document: dict[str, Any]) -> None:
    services, at_locations = (
        {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
        for path in ("/services", "/service_at_locations")
    )
    assert services == at_locations
    assert len(services) == 21
    assert all(parameter["description"] for parameter in services.values())
    assert (services["page"]["schema"]["minimum"], services["page"]["schema"]["maximum"]) == (1, 10_000)
    assert services["per_page"]["schema"]["maximum"] == 100
    assert services["search"]["schema"]["anyOf"][0]["maxLength"] == 200
    assert services["start_time"]["schema"]["anyOf"][0]["pattern"] == r"^([01]\d|2[0-3]):[0-5]\d$"
    assert services["sort"]["schema"]["enum"] == ["relevance", "distance", "name"]
    assert services["sort"]["schema"]["default"] == "relevance"
    assert services["taxonomy_id"]["schema"]["anyOf"][0]["format"] == "uuid"
    assert services["modified_after"]["schema"]["anyOf"][0]["format"] == "date-time"
    assert services["proximity"]["schema"]["anyOf"][0]["maximum"] == 100_000
    assert services["age"]["schema"]["anyOf"][0] == {"type": "number", "minimum": 0, "maximum": 120}
    # No component for the model: the parameters are its documentation.
    assert "SearchQuery" not in document["components"]["schemas"]


class Colour(StrEnum):
    RED = "red"
    BLUE = "blue"


class Filters(BaseModel):
    model_config = ConfigDict(frozen=True)

    colour: Colour | None = Field(None, description="A colour")
    size: int = Field(alias="size-cm", ge=1, le=9, description="Size in cm")
    name: str = Field("x", min_length=1, description="A name")


def test_any_model_typed_query_gets_its_fields_schemas_aliases_and_enums() -> None:
    app = APIGatewayRestResolver(enable_validation=True)

    @app.get("/things")
    def things(filters: Annotated[Filters, Query()]) -> dict[str, str]:
        return {}

    generated = app.get_openapi_schema(title="t", version="1").model_dump(mode="json", by_alias=True, exclude_none=True)
    fixed = document_model_parameters(generated, app)

    parameters = {p["name"]: p for p in fixed["paths"]["/things"]["get"]["parameters"]}
    assert parameters["size-cm"]["required"] is True
    assert (parameters["size-cm"]["schema"]["minimum"], parameters["size-cm"]["schema"]["maximum"]) == (1, 9)
    assert parameters["name"]["schema"]["minLength"] == 1
    assert parameters["name"]["schema"]["default"] == "x"
    assert parameters["colour"]["schema"]["anyOf"][0] == {"$ref": "#/components/schemas/Colour"}
    assert "default" not in parameters["colour"]["schema"]
    assert fixed["components"]["schemas"]["Colour"]["enum"] == ["red", "blue"]
    assert "Filters" not in fixed["components"]["schemas"]
