"""Bad input to the public search API is answered with a 400 that names the parameter, before any I/O.

Sockets are disabled in unit tests, so reaching DynamoDB or OpenSearch here would fail the test.
"""

from __future__ import annotations

import json

import pytest

from local_offer.handlers import search
from tests.factories import LambdaContextStub, api_event


def _call(event: dict) -> tuple[int, dict]:
    response = search.lambda_handler(event, LambdaContextStub())
    return response["statusCode"], json.loads(response["body"])


def test_service_id_that_is_not_a_uuid_is_a_400_saying_so() -> None:
    status, body = _call(api_event("/services/abc", resource="/services/{id}", path_parameters={"id": "abc"}))
    assert status == 400
    assert body["error"] == "invalid_request"
    assert body["detail"] == "id must be a UUID"


@pytest.mark.parametrize(("parameter", "value"), [("per_page", "0"), ("per_page", "101"), ("page", "0"), ("page", "x")])
def test_out_of_range_paging_is_a_400_naming_the_parameter(parameter: str, value: str) -> None:
    status, body = _call(api_event("/services", {parameter: value}))
    assert status == 400
    assert body["errors"][0]["parameter"] == parameter
    assert parameter in body["detail"]


def test_search_text_over_200_characters_is_refused() -> None:
    status, body = _call(api_event("/services", {"search": "a" * 201}))
    assert status == 400
    assert body["errors"][0]["parameter"] == "search"


def test_unknown_route_is_a_404_with_our_error_body() -> None:
    status, body = _call(api_event("/nowhere"))
    assert status == 404
    assert body["error"] == "not_found"


def test_cors_allows_any_origin() -> None:
    event = api_event(
        "/services/abc",
        resource="/services/{id}",
        path_parameters={"id": "abc"},
        headers={"Origin": "https://localoffer.example.org"},
    )
    response = search.lambda_handler(event, LambdaContextStub())
    assert response["multiValueHeaders"]["Access-Control-Allow-Origin"] == ["*"]


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
@pytest.mark.parametrize(
    ("query", "parameter", "says"),
    [
        ({"age": "-1"}, "age", "greater than or equal to 0"),
        ({"minimum_age": "old"}, "minimum_age", "number"),
        ({"proximity": "1000"}, "proximity", "needs a postcode"),
        ({"postcode": "DH1 1AB", "proximity": "0"}, "proximity", "greater than or equal to 1"),
        ({"sort": "popularity"}, "sort", "'relevance', 'distance' or 'name'"),
        ({"sort": "distance"}, "sort", "needs a postcode"),
        ({"postcode": "ZZ"}, "postcode", "not a valid UK postcode"),
        ({"postcode": "SW1A 1AA"}, "postcode", "outside the areas this directory serves"),
        ({"start_time": "25:00"}, "start_time", "pattern"),
        ({"start_time": "18:00", "end_time": "09:00"}, "start_time", "not be later than end_time"),
        ({"day": "funday"}, "day", "day of the week"),
        ({"taxonomy_term_id": "abc"}, "taxonomy_term_id", "UUID"),
        ({"local_area": "atlantis"}, "local_area", "must be one of"),
        ({"need": "XYZ"}, "need", "SEN need codes"),
        ({"free": "maybe"}, "free", "boolean"),
    ],
)
def test_every_search_parameter_is_validated_with_a_message_naming_it(
    path: str, query: dict[str, str], parameter: str, says: str
) -> None:
    status, body = _call(api_event(path, query))
    assert status == 400, body
    assert body["errors"][0]["parameter"] == parameter
    assert says in body["detail"]


def test_suggest_needs_some_text() -> None:
    status, body = _call(api_event("/services/suggest", {}))
    assert status == 400
    assert body["errors"][0]["parameter"] == "q"


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
@pytest.mark.parametrize("parameter", ["search", "taxonomy_id", "page"])
def test_a_search_parameter_given_twice_is_a_400_naming_it(path: str, parameter: str) -> None:
    value = {"search": "speech", "taxonomy_id": "7d4d1c6e-8f3a-4c52-9a7b-0c1d2e3f4a5b", "page": "1"}[parameter]
    event = api_event(path, {parameter: value})
    event["multiValueQueryStringParameters"] = {parameter: [value, value]}
    status, body = _call(event)
    assert status == 400, body
    assert body["errors"][0]["parameter"] == parameter
    assert "given 2 times" in body["detail"]


def test_an_unknown_parameter_is_ignored_and_the_known_ones_still_checked() -> None:
    status, body = _call(api_event("/services", {"colour": "red", "query": "x", "per_page": "0"}))
    assert status == 400
    assert [error["parameter"] for error in body["errors"]] == ["per_page"]
