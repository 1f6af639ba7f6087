"""Shareable shortlists through the real ShortlistFunction on moto: made without an account behind an
unguessable id that expires after 180 days, read with each service as it is now (withdrawn ones flagged,
not dropped), printed as an accessible page; refused input writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from tests.change_request_support import call, table_items
from tests.factories import service_record


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


@pytest.fixture
def services(records: Any) -> list[Any]:
    listed = [
        service_record("Badger Play Scheme", email="play@badger.example", url="https://badger.example/play"),
        service_record("Curlew Speech Clinic", phones=[{"id": str(uuid.uuid4()), "number": "0191 496 0000"}]),
        service_record("Dipper Holiday Club", status="temporarily closed"),
    ]
    for record in listed:
        records.put(record)
    return listed


LISTED: list[str] = []  # stands for the `services` fixture's ids in parameters


def ids(records: list[Any]) -> list[str]:
    return [str(record.service.id) for record in records]


def create(template: Any, body: Any, source_ip: str = "127.0.0.1") -> Any:
    return call(template, "POST", "/shortlists", body, source_ip=source_ip)


def snapshot(aws: Any) -> dict[str, list[dict[str, Any]]]:
    return {name: table_items(aws.session, aws.name(name)) for name in ("ShortlistsTable", "RateLimitTable")}


# ---------------------------------------------------------------------------------------------------------
# Create
# ---------------------------------------------------------------------------------------------------------
def test_a_shortlist_is_created_with_an_unguessable_id_and_its_links(aws, template, services):
    answer = create(template, {"service_ids": ids(services), "note": "Ask about Saturday sessions"})
    assert answer.status == 201, answer.body
    shortlist_id = answer.body["id"]
    assert len(shortlist_id) * 6 >= 128, "at least 128 random bits"
    assert answer.body["url"].endswith(f"/shortlists/{shortlist_id}")
    assert answer.body["print_url"] == answer.body["url"] + "/print"
    assert answer.headers["Location"] == answer.body["url"]
    assert create(template, {"service_ids": ids(services)}).body["id"] != shortlist_id


def test_a_shortlist_expires_by_ttl_after_180_days(aws, template, services):
    before = dt.datetime.now(dt.UTC)
    answer = create(template, {"service_ids": ids(services)})
    [item] = table_items(aws.session, aws.name("ShortlistsTable"))
    assert item["id"] == answer.body["id"]
    expires = dt.datetime.fromtimestamp(int(item["expires_at"]), dt.UTC)
    assert dt.timedelta(days=180) - dt.timedelta(seconds=5) <= expires - before <= dt.timedelta(days=180, seconds=5)
    ttl = aws.session.client("dynamodb").describe_time_to_live(TableName=aws.name("ShortlistsTable"))
    assert ttl["TimeToLiveDescription"]["AttributeName"] == "expires_at"


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"service_ids": []}, "service_ids"),
        ({"service_ids": [str(uuid.uuid4()) for _ in range(31)]}, "service_ids"),
        ({"service_ids": ["not-a-uuid"]}, "service_ids"),
        ({"service_ids": "abc"}, "service_ids"),
        ({}, "service_ids"),
        ({"service_ids": None, "note": "x"}, "service_ids"),
        ({"service_ids": LISTED, "note": "x" * 1001}, "note"),
        ({"service_ids": LISTED, "owner": "me"}, "owner"),
    ],
    ids=["none", "31", "not a uuid", "not a list", "missing", "null", "long note", "extra field"],
)
def test_bad_input_is_400_naming_the_field_and_writes_nothing(aws, template, services, body, named):
    if body.get("service_ids") is LISTED:
        body = {**body, "service_ids": ids(services)}
    before = snapshot(aws)
    answer = create(template, body)
    assert answer.status == 400, answer.body
    assert named in answer.body["detail"]
    assert snapshot(aws) == before


def test_unknown_and_unlisted_ids_are_400_naming_each_and_nothing_is_written(aws, template, services, records):
    defunct = service_record("Gone Club", status="defunct")
    records.put(defunct)
    unknown = str(uuid.uuid4())
    before = snapshot(aws)
    answer = create(template, {"service_ids": [*ids(services), unknown, str(defunct.service.id)]})
    assert answer.status == 400, answer.body
    assert unknown in answer.body["detail"]
    assert str(defunct.service.id) in answer.body["detail"]
    assert ids(services)[0] not in answer.body["detail"]
    assert snapshot(aws) == before


def test_a_repeated_id_is_400_naming_it(aws, template, services):
    repeated = ids(services)[1]
    answer = create(template, {"service_ids": [*ids(services), repeated]})
    assert answer.status == 400, answer.body
    assert repeated in answer.body["detail"]
    assert ids(services)[0] not in answer.body["detail"]


def test_thirty_services_are_accepted(aws, template, records):
    many = [service_record(f"Club {n}") for n in range(30)]
    records.put_many(many)
    answer = create(template, {"service_ids": ids(many)})
    assert answer.status == 201, answer.body
    read = call(template, "GET", f"/shortlists/{answer.body['id']}").body
    assert [entry["id"] for entry in read["services"]] == ids(many)


def test_shortlists_are_rate_limited_per_client_with_retry_after(aws, template, services):
    from local_offer.services.shortlists import SHORTLIST_LIMIT

    for _ in range(SHORTLIST_LIMIT):
        assert create(template, {"service_ids": ids(services)}, source_ip="198.51.100.30").status == 201
    before = snapshot(aws)
    refused = create(template, {"service_ids": ids(services)}, source_ip="198.51.100.30")
    assert refused.status == 429, refused.body
    assert 0 < int(refused.headers["Retry-After"]) <= 3600
    assert snapshot(aws) == before
    assert create(template, {"service_ids": ids(services)}, source_ip="203.0.113.30").status == 201


# ---------------------------------------------------------------------------------------------------------
# Read
# ---------------------------------------------------------------------------------------------------------
def test_a_shortlist_reads_each_service_as_it_is_now_in_the_order_chosen(aws, template, services, records):
    chosen = list(reversed(ids(services)))
    shortlist_id = create(template, {"service_ids": chosen, "note": "For Tuesday"}).body["id"]
    renamed = services[0].service.model_copy(update={"name": "Badger Adventure Play"})
    records.put(services[0].model_copy(update={"service": renamed}))
    answer = call(template, "GET", f"/shortlists/{shortlist_id}")
    assert answer.status == 200, answer.body
    assert answer.body["note"] == "For Tuesday"
    assert [entry["id"] for entry in answer.body["services"]] == chosen
    badger = answer.body["services"][2]
    assert badger["name"] == "Badger Adventure Play"
    assert badger["organization"]["name"] == services[0].service.organization.name
    assert badger["contact"] == {"email": "play@badger.example"}
    assert badger["url"] == "https://badger.example/play"
    assert badger["withdrawn"] is False
    assert answer.body["services"][1]["contact"] == {"phone": "0191 496 0000"}
    dipper = answer.body["services"][0]
    assert (dipper["status"], dipper["withdrawn"]) == ("temporarily closed", False)


def test_a_withdrawn_or_deleted_service_is_flagged_not_dropped(aws, template, services, records):
    shortlist_id = create(template, {"service_ids": ids(services)}).body["id"]
    gone = services[0].service.model_copy(update={"status": "defunct"})
    records.put(services[0].model_copy(update={"service": gone}))
    records.delete(services[1].service.id)
    entries = call(template, "GET", f"/shortlists/{shortlist_id}").body["services"]
    assert [entry["id"] for entry in entries] == ids(services)
    assert entries[0]["withdrawn"] is True
    assert entries[0]["name"] == "Badger Play Scheme"
    assert "contact" not in entries[0]
    assert "url" not in entries[0]
    assert entries[1] == {"id": ids(services)[1], "withdrawn": True}
    assert entries[2]["withdrawn"] is False


@pytest.mark.parametrize("shortlist_id", ["A" * 24, "short", "x" * 64, "a.b~c"])
def test_an_unknown_id_is_404(aws, template, services, shortlist_id):
    assert call(template, "GET", f"/shortlists/{shortlist_id}").status == 404
    assert call(template, "GET", f"/shortlists/{shortlist_id}/print").status == 404


def test_an_expired_shortlist_is_404_before_the_ttl_removes_it(aws, template, services):
    shortlist_id = create(template, {"service_ids": ids(services)}).body["id"]
    table = aws.session.resource("dynamodb").Table(aws.name("ShortlistsTable"))
    item = table.get_item(Key={"id": shortlist_id})["Item"]
    from local_offer.models.shortlists import StoredShortlist

    stored = StoredShortlist.model_validate_json(item["body"])
    past = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    table.put_item(Item={**item, "body": stored.model_copy(update={"expires_at": past}).model_dump_json()})
    assert call(template, "GET", f"/shortlists/{shortlist_id}").status == 404
    assert call(template, "GET", f"/shortlists/{shortlist_id}/print").status == 404


# ---------------------------------------------------------------------------------------------------------
# Print
# ---------------------------------------------------------------------------------------------------------
def test_the_print_page_is_html_with_every_value_escaped(aws, template, records):
    hostile = service_record(
        '<script>alert("name")</script>',
        email="a&b@example.org",
        url='https://example.org/?q="><img/src=x/onerror=alert(1)>',
    )
    records.put(hostile)
    note = "<b>Bring</b> the form & a \"photo\" <script>alert('note')</script>"
    shortlist_id = create(template, {"service_ids": ids([hostile]), "note": note}).body["id"]
    answer = call(template, "GET", f"/shortlists/{shortlist_id}/print")
    assert answer.status == 200
    assert answer.headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    assert answer.headers["Referrer-Policy"] == "no-referrer"
    page = answer.body
    assert "<script" not in page
    assert "<img" not in page
    assert "<b>Bring" not in page
    assert "&lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;Bring&lt;/b&gt; the form &amp; a &quot;photo&quot;" in page
    assert "a&amp;b@example.org" in page
    assert 'href="https://example.org/?q=&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;"' in page
