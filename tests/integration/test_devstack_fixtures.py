"""The shared fixtures together: table from the template, moto's stream into the real indexer, osmem search.

This is the path every integration test of the app relies on, so it is checked here once, end to end and
in-process: repository write -> `stream.drain()` -> IndexerFunction -> index -> SearchFunction.
"""

from __future__ import annotations

import json
from typing import Any

from devstack import template as cfn
from devstack.http_adapter import HttpRequest, Router, proxy_event
from devstack.lambda_runtime import FunctionRuntime
from tests.factories import service_record


def get(template: Any, path: str) -> dict[str, Any]:
    """Call SearchFunction the way the local API would, for `GET <path>`."""
    router = Router(cfn.api_routes(template))
    route, parameters = router.match("GET", path.split("?")[0])
    request = HttpRequest("GET", path, [("Host", "localhost")], b"", "127.0.0.1", "localhost")
    runtime = FunctionRuntime(cfn.functions(template))
    response = runtime.invoke(route.function_id, proxy_event(request, route, parameters, "dev"))
    return {"status": response["statusCode"], "body": json.loads(response["body"])}


def test_the_aws_fixture_points_the_app_at_the_template_table(aws):
    from local_offer.settings import get_settings

    assert get_settings().records_table_name == aws.name("RecordsTable")


def test_a_record_written_to_the_table_reaches_search_through_the_stream(aws, services_index, stream, template):
    # Given a service written through the repository
    from local_offer.repositories.records import ServiceRecordRepository

    record = service_record("Wombleton Sensory Garden")
    ServiceRecordRepository().put(record)

    # When moto's stream is drained into the indexer
    read = stream.drain()

    # Then it was indexed without failures and search finds it
    assert read == 1
    assert stream.stats.records_processed == 1
    assert stream.stats.records_given_up == 0
    answer = get(template, "/services?search=Wombleton")
    assert answer["status"] == 200
    assert [service["id"] for service in answer["body"]["contents"]] == [str(record.service.id)]

    # And deleting it removes it from search
    ServiceRecordRepository().delete(record.service.id)
    stream.drain()
    assert get(template, "/services?search=Wombleton")["body"]["contents"] == []
