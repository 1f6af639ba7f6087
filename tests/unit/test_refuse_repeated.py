"""The one refusal of a model-typed query parameter's field given more than once, named as on the wire."""

from types import SimpleNamespace

import pytest
from aws_lambda_powertools.utilities.data_classes import APIGatewayProxyEvent
from pydantic import BaseModel, Field

from local_offer.handlers.http import refuse_repeated
from local_offer.models.errors import InvalidRequest
from tests.factories import api_event


class Range(BaseModel):
    from_: str | None = Field(None, alias="from")
    to: str | None = None


def _app(multi_value: dict[str, list[str]]) -> SimpleNamespace:
    event = api_event("/range", {name: values[0] for name, values in multi_value.items()})
    event["multiValueQueryStringParameters"] = multi_value
    return SimpleNamespace(current_event=APIGatewayProxyEvent(event))


@pytest.mark.parametrize("name", ["from", "to"])
def test_a_field_given_twice_is_refused_by_its_wire_name(name: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        refuse_repeated(_app({name: ["2026-12-01", "2026-12-02"]}), Range)  # type: ignore[arg-type]
    assert refused.value.parameter == name
    assert "given 2 times" in str(refused.value)


def test_fields_given_once_and_other_parameters_repeated_pass() -> None:
    refuse_repeated(_app({"from": ["2026-12-01"], "to": ["2026-12-02"], "tag": ["a", "b"]}), Range)  # type: ignore[arg-type]
