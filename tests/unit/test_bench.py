"""The benchmark's own pieces: replaying engine answers, events, statistics and the report (no timings)."""

from __future__ import annotations

import json

import pytest

from devstack.bench import (
    Exchange,
    Recordings,
    ReplayConnection,
    Results,
    Timings,
    api_event,
    client_with,
    markdown,
    request_key,
    stream_events,
)
from tests.factories import service_record


def recorded_search(body: dict, answer: dict) -> Recordings:
    raw_body = json.dumps(body, separators=(",", ":")).encode()  # as opensearch-py serialises it
    exchange = Exchange("POST", "/services/_search", None, raw_body, 200, {}, json.dumps(answer))
    return Recordings({request_key("POST", "/services/_search", None, raw_body): exchange})


def test_a_replay_client_answers_a_recorded_search_without_a_network():
    # Given a recorded search (sockets are disabled in unit tests)
    body = {"query": {"match_all": {}}, "size": 1}
    answer = {"hits": {"total": {"value": 1}, "hits": [{"_id": "a", "_source": {"name": "Otter Club"}}]}}
    client = client_with(ReplayConnection, recorded_search(body, answer))

    # When the same search is sent through opensearch-py
    result = client.search(index="services", body=body)

    # Then the recorded answer comes back, parsed as the client parses a real one
    assert result == answer


def test_a_request_that_was_not_recorded_is_refused_by_name():
    client = client_with(ReplayConnection, recorded_search({"size": 1}, {"hits": {"hits": []}}))

    with pytest.raises(LookupError, match="no recorded answer"):
        client.search(index="services", body={"size": 2})


def test_request_keys_ignore_parameter_order_but_not_the_body():
    assert request_key("GET", "/x", {"a": 1, "b": 2}, b"{}") == request_key("GET", "/x", {"b": 2, "a": 1}, "{}")
    assert request_key("GET", "/x", None, b'{"size":1}') != request_key("GET", "/x", None, b'{"size":2}')


def test_stream_events_carry_every_item_as_typed_inserts_in_batches():
    from boto3.dynamodb.types import TypeDeserializer

    from local_offer.repositories.records import record_to_item

    items = [record_to_item(service_record(f"Vole Club {n}")) for n in range(5)]

    events = stream_events(items, batch_size=2)

    assert [len(event["Records"]) for event in events] == [2, 2, 1]
    first = events[0]["Records"][0]
    assert first["eventName"] == "INSERT"
    image = {key: TypeDeserializer().deserialize(value) for key, value in first["dynamodb"]["NewImage"].items()}
    assert image == items[0]
    sequences = [record["dynamodb"]["SequenceNumber"] for event in events for record in event["Records"]]
    assert sequences == sorted(set(sequences))


def test_api_events_route_to_the_search_handler_with_their_query():
    event = api_event("/services", {"search": "autism", "per_page": "20"})

    assert event["resource"] == "/services"
    assert event["queryStringParameters"] == {"search": "autism", "per_page": "20"}
    assert event["multiValueQueryStringParameters"] == {"search": ["autism"], "per_page": ["20"]}


def test_percentiles_interpolate_between_samples():
    timings = Timings([4.0, 1.0, 3.0, 2.0])

    assert timings.p50 == 2.5
    assert timings.percentile(0.0) == 1.0
    assert timings.percentile(1.0) == 4.0


def test_the_added_cost_ratio_counts_our_cpu_against_the_engines_wall_time():
    from devstack.bench import added_cost_ratio

    # Raw waits 100-400 ms for the engine and uses 1 ms of CPU; ours waits alike and uses 3 ms
    raw = Timings([0.100, 0.400, 0.100, 0.400, 0.100], cpu=[0.001] * 5)
    ours = Timings([0.400, 0.100, 0.400, 0.100, 0.400], cpu=[0.003] * 5)

    assert added_cost_ratio(ours, raw) == pytest.approx(1.02)


def test_the_report_says_which_targets_are_met_and_names_the_command():
    from devstack.bench import HEADLINE

    results = Results(
        # 1.5 ms CPU (1.5x the floor) but 2.5 ms wall-clock
        handler={HEADLINE: (Timings([0.0025] * 3, cpu=[0.0015] * 3), Timings([0.001] * 3, cpu=[0.001] * 3))},
        # 2 ms of added CPU on a 10 ms engine: 1.2x
        end_to_end={HEADLINE: (Timings([0.012] * 3, cpu=[0.003] * 3), Timings([0.010] * 3, cpu=[0.001] * 3))},
        indexer_rounds=[(900.0, 1000.0), (500.0, 1000.0), (1900.0, 2000.0)],  # median share 90%
        documents=3600,
    )

    report = markdown(results, "python -m devstack.bench", "today", ["test machine"])

    assert "`python -m devstack.bench`" in report
    assert "CPU p50 | <= 2 ms | 1.500 ms | met |" in report
    assert "wall-clock p50 | <= 2 ms | 2.500 ms | **missed** |" in report
    assert "(CPU) | <= 3x | 1.50x | met |" in report
    assert "our added cost | <= 1.1x | 1.200x | **missed** |" in report
    assert "| 90% | met |" in report
    assert "- test machine" in report
