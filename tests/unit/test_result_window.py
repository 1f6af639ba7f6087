"""Paging past the search engine's result window is the client's mistake (400 stating the limit), not an outage.

Sockets are disabled in unit tests, so these answers come before any engine call.
"""

from __future__ import annotations

import json

import pytest

from local_offer.domain.search import MAX_RESULT_WINDOW, ServiceSearch
from local_offer.handlers import search
from local_offer.models.errors import InvalidRequest
from tests.factories import LambdaContextStub, api_event


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
@pytest.mark.parametrize(("page", "per_page"), [("201", None), ("101", "100"), ("2001", "5"), ("5001", "2")])
def test_a_page_beyond_the_result_window_is_a_400_stating_the_limit(path, page, per_page):
    query = {"page": page, **({"per_page": per_page} if per_page else {})}
    response = search.lambda_handler(api_event(path, query), LambdaContextStub())
    body = json.loads(response["body"])
    assert response["statusCode"] == 400
    assert body["errors"][0]["parameter"] == "page"
    assert "10,000" in body["detail"]
    assert f"the last page is {MAX_RESULT_WINDOW // int(per_page or 50)}" in body["detail"]


@pytest.mark.parametrize(("page", "per_page"), [(200, 50), (100, 100), (10_000, 1), (1, 100)])
def test_the_last_page_inside_the_window_is_accepted(page, per_page):
    assert ServiceSearch(page=page, per_page=per_page).validated().page == page


def test_one_result_past_the_window_is_refused():
    with pytest.raises(InvalidRequest) as refused:
        ServiceSearch(page=MAX_RESULT_WINDOW // 100 + 1, per_page=100).validated()
    assert refused.value.parameter == "page"


def test_the_openapi_document_states_the_limit_on_both_search_routes():
    from devstack.schemas import openapi_document

    document = openapi_document("test")
    for path in ("/services", "/service_at_locations"):
        parameters = {p["name"]: p for p in document["paths"][path]["get"]["parameters"]}
        assert "10,000" in parameters["page"]["description"]
        assert "10,000" in parameters["per_page"]["description"]
