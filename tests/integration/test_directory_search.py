"""The directory through the real stream -> indexer -> search path (moto + osmem), including its failures."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from tests.factories import service_json, service_record
from tests.integration.test_devstack_fixtures import get


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


def ids(answer: dict[str, Any]) -> list[str]:
    return [service["id"] for service in answer["body"]["contents"]]


def test_inactive_and_defunct_services_never_appear_and_their_pages_are_404(records, services_index, stream, template):
    visible = service_record("Zebrafinch Family Group")
    hidden = [
        service_record(f"Zebrafinch {status.title()} Club", **{"status": status}) for status in ("inactive", "defunct")
    ]
    closed = service_record("Zebrafinch Paused Group", status="temporarily closed")
    for record in (visible, *hidden, closed):
        records.put(record)
    stream.drain()

    answer = get(template, "/services?search=Zebrafinch")
    assert sorted(ids(answer)) == sorted([str(visible.service.id), str(closed.service.id)])
    for record in hidden:
        assert get(template, f"/services/{record.service.id}")["status"] == 404
    assert get(template, f"/services/{closed.service.id}")["status"] == 200


def test_an_older_image_replayed_never_overwrites_a_newer_document(records, services_index, stream, template):
    from local_offer.domain.indexing import search_document
    from local_offer.models.indexing import IndexAction
    from local_offer.services.indexing import apply_actions

    record_id = str(uuid.uuid4())
    old = service_record("Kingfisher Swim Club", version=1, id=record_id)
    new = service_record("Kingfisher Inclusive Swim Club", version=2, id=record_id)
    records.put(new)
    stream.drain()

    # When the version-1 image arrives late (a replayed stream batch)
    outcome = apply_actions([IndexAction(record_id, 1, search_document(old))])

    # Then it is skipped as stale and search still shows version 2
    assert outcome.skipped_as_stale == 1
    names = [s["name"] for s in get(template, "/services?search=Kingfisher")["body"]["contents"]]
    assert names == ["Kingfisher Inclusive Swim Club"]


def test_an_invalid_record_is_one_failure_and_the_rest_of_the_batch_is_indexed(aws, services_index, stream, template):
    import boto3

    from local_offer.repositories.records import record_to_item

    table = boto3.resource("dynamodb").Table(aws.name("RecordsTable"))
    good = service_record("Puffin Playgroup")
    bad = record_to_item(service_record("Puffin Broken Record"))
    bad["body"] = '{"id": "not-a-uuid", "name": "Puffin Broken Record"}'
    table.put_item(Item=record_to_item(good))
    table.put_item(Item=bad)

    stream.drain()

    assert ids(get(template, "/services?search=Puffin")) == [str(good.service.id)]
    assert stream.stats.records_given_up == 1


def test_when_the_engine_is_down_search_is_a_503_and_records_are_kept(records, monkeypatch, template):
    from local_offer.repositories.clients import clear_caches

    monkeypatch.setenv("OPENSEARCH_ENDPOINT", "http://127.0.0.1:9")
    clear_caches()
    record = service_record("Heron Holiday Club")
    records.put(record)

    answer = get(template, "/services?search=Heron")
    assert answer["status"] == 503
    assert "temporarily unavailable" in answer["body"]["detail"]
    # The record is still there and still served by id (the table is the source of truth).
    assert get(template, f"/services/{record.service.id}")["body"]["name"] == "Heron Holiday Club"


@pytest.mark.parametrize(
    "text",
    [
        'autism AND (name:* OR "x") ~2 \\ /re/ ^3',
        '{"query": {"match_all": {}}}',
        "*:*",
        "a" * 200,
    ],
)
def test_operator_text_is_searched_as_words_and_never_errors(services_index, aws, template, text):
    from urllib.parse import quote

    answer = get(template, f"/services?search={quote(text)}")
    assert answer["status"] == 200
    assert answer["body"]["total_items"] == 0


def test_over_long_search_text_is_refused_naming_the_parameter(aws, template):
    answer = get(template, "/services?search=" + "a" * 201)
    assert answer["status"] == 400
    assert answer["body"]["errors"][0]["parameter"] == "search"


def test_filters_distance_and_facets_work_together(records, services_index, stream, template):
    from local_offer.domain.places import lookup_postcode

    near = service_json("Lapwing Autism Group", minimum_age=5, maximum_age=11)
    far_json = service_json("Lapwing Autism Group Far Away", minimum_age=5, maximum_age=11)
    # Move the far one to Barnard Castle (about 30 km from Durham).
    location = far_json["service_at_locations"][0]["location"]
    location["latitude"], location["longitude"] = 54.5430, -1.9190
    teen = service_json("Lapwing Teen Group", minimum_age=13, maximum_age=18)
    for data in (near, far_json, teen):
        records.put(service_record(**{k: v for k, v in data.items() if k != "name"}, name=data["name"]))
    stream.drain()

    place = lookup_postcode("DH1 1AB")
    answer = get(template, "/services?search=Lapwing&postcode=DH1%201AB&proximity=5000&age=7&sort=distance")
    assert answer["status"] == 200
    body = answer["body"]
    assert [s["name"] for s in body["contents"]] == ["Lapwing Autism Group"]
    assert body["contents"][0]["local_offer"]["reach"] == "local"
    assert body["contents"][0]["local_offer"]["distance_metres"] < 100
    assert body["searched_from"]["postcode"] == place.postcode
    assert {"value": "5-10", "count": 1} in body["facets"]["age_band"]


def test_a_postcode_without_proximity_filters_nothing_and_sorts_every_match_nearest_first(
    records, services_index, stream, template
):
    # ORUK 3.0: distance filters only when `proximity` is given; a postcode alone measures and sorts.
    near = service_json("Curlew Short Breaks Durham")
    far = service_json("Curlew Short Breaks Barnard Castle")
    farther = service_json("Curlew Short Breaks Middleton")
    for data, (lat, lon) in ((far, (54.5430, -1.9190)), (farther, (54.6260, -2.0810))):
        location = data["service_at_locations"][0]["location"]
        location["latitude"], location["longitude"] = lat, lon
    for data in (farther, near, far):
        records.put(service_record(**{k: v for k, v in data.items() if k != "name"}, name=data["name"]))
    stream.drain()

    answer = get(template, "/services?search=Curlew&postcode=DH1%201AB&sort=distance")
    assert answer["status"] == 200
    body = answer["body"]
    names = [s["name"] for s in body["contents"]]
    assert names == [f"Curlew Short Breaks {town}" for town in ("Durham", "Barnard Castle", "Middleton")]
    distances = [s["local_offer"]["distance_metres"] for s in body["contents"]]
    assert distances == sorted(distances)
    assert distances[1] > 10_000
    assert "proximity_metres" not in body["searched_from"]  # no radius applied: absent, as every None field

    places = get(template, "/service_at_locations?search=Curlew&postcode=DH1%201AB&sort=distance")["body"]
    assert [item["service"]["name"] for item in places["contents"]] == names
    assert "proximity_metres" not in places["searched_from"]

    within = get(template, "/services?search=Curlew&postcode=DH1%201AB&proximity=10000&sort=distance")["body"]
    assert [s["name"] for s in within["contents"]] == ["Curlew Short Breaks Durham"]
    assert within["searched_from"]["proximity_metres"] == 10_000


@pytest.mark.parametrize(
    ("query", "postcode", "precision"),
    [
        ("postcode=dh11ab", "DH1 1AB", "postcode"),
        ("postcode=DH1%205ZZ", "DH1 5ZZ", "sector"),
        ("postcode=dl3", "DL3", "district"),
        ("search=Plover%20ne1%204st", "NE1 4ST", "sector"),
    ],
)
@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_every_served_postcode_is_placed_and_the_response_says_how(
    records, services_index, stream, template, path, query, postcode, precision
):
    records.put(service_record("Plover Family Group"))
    stream.drain()

    answer = get(template, f"{path}?{query}")

    assert answer["status"] == 200
    searched_from = answer["body"]["searched_from"]
    assert (searched_from["postcode"], searched_from["precision"]) == (postcode, precision)


def test_a_postcode_outside_the_served_areas_is_400_naming_the_areas(aws, template):
    answer = get(template, "/services?postcode=YO1%207HH")
    assert answer["status"] == 400
    assert answer["body"]["errors"][0]["parameter"] == "postcode"
    assert "DH, DL, SR, TS and NE" in answer["body"]["detail"]


@pytest.mark.parametrize("path", ["/services", "/service_at_locations"])
def test_a_postcode_in_the_search_words_that_cannot_be_placed_is_reported(
    records, services_index, stream, template, path
):
    records.put(service_record("Plover Autism Group"))
    stream.drain()

    body = get(template, f"{path}?search=Plover%20SW1A%201AA")["body"]

    assert body["postcode_not_placed"]["postcode"] == "SW1A 1AA"
    assert "outside the areas" in body["postcode_not_placed"]["detail"]
    assert "searched_from" not in body
    assert body["total_items"] >= 1  # the other words were still searched


def test_a_service_at_location_by_id_carries_its_service_name_and_status(records, services_index, stream, template):
    record = service_record("Curlew Sensory Group", status="temporarily closed")
    records.put(record)
    stream.drain()
    sal_id = record.service.service_at_locations[0].id

    body = get(template, f"/service_at_locations/{sal_id}")["body"]

    assert (body["id"], body["name"], body["status"]) == (str(sal_id), "Curlew Sensory Group", "temporarily closed")
    assert body["service"]["id"] == str(record.service.id)
    assert "service_at_locations" not in body["service"]


def test_organizations_are_those_with_public_services_listed_and_found_by_id(records, services_index, stream, template):
    public = service_record("Dunlin Youth Club")
    organization = public.service.organization.to_json_dict()
    second = service_record("Dunlin Holiday Club", organization_id=organization["id"], organization=organization)
    hidden = service_record("Dunlin Closed Club", status="defunct")
    for record in (public, second, hidden):
        records.put(record)
    stream.drain()

    listed = get(template, "/organizations?per_page=100")["body"]
    organization_ids = [item["id"] for item in listed["contents"]]
    assert organization_ids == sorted(organization_ids)
    assert str(public.service.organization_id) in organization_ids
    assert str(hidden.service.organization_id) not in organization_ids
    assert listed["total_items"] == len(organization_ids)

    one = get(template, f"/organizations/{public.service.organization_id}")["body"]
    assert one["name"] == public.service.organization.name
    assert [service["name"] for service in one["services"]] == ["Dunlin Holiday Club", "Dunlin Youth Club"]
    assert get(template, f"/organizations/{hidden.service.organization_id}")["status"] == 404


def test_modified_after_returns_only_services_changed_since(records, services_index, stream, template):
    old = service_record("Godwit Play Group", last_modified="2025-01-10T09:00:00Z")
    new = service_record("Godwit Music Group", last_modified="2026-11-20T09:00:00Z")
    for record in (old, new):
        records.put(record)
    stream.drain()

    for path in ("/services", "/service_at_locations"):
        body = get(template, f"{path}?search=Godwit&modified_after=2026-01-01")["body"]
        names = [item.get("name") or item["service"]["name"] for item in body["contents"]]
        assert names == ["Godwit Music Group"]
    assert get(template, "/services?modified_after=yesterday")["status"] == 400


def test_full_false_lists_one_to_one_fields_and_minimal_is_refused(records, services_index, stream, template):
    languages = [{"id": str(uuid.uuid4()), "name": "British Sign Language", "code": "bfi"}]
    records.put(service_record("Sanderling Swim Club", languages=languages))
    stream.drain()

    nested = get(template, "/services?search=Sanderling")["body"]["contents"][0]
    flat = get(template, "/services?search=Sanderling&full=false")["body"]["contents"][0]
    assert "service_at_locations" in nested
    assert "service_at_locations" not in flat
    assert flat["name"] == "Sanderling Swim Club"
    full_sal = get(template, "/service_at_locations?search=Sanderling&full=true")["body"]["contents"][0]
    assert full_sal["service"]["languages"][0]["name"] == "British Sign Language"
    assert "languages" not in get(template, "/service_at_locations?search=Sanderling")["body"]["contents"][0]["service"]

    refused = get(template, "/services?minimal=true")
    assert refused["status"] == 400
    assert refused["body"]["errors"][0]["parameter"] == "minimal"
