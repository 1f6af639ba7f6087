"""Search insights and "you said, we did" through the local API Gateway step (authorizer, function, moto,
osmem): searches are counted as they happen, officers read the counts, providers get keyword advice, and
entries go from draft to published."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest

from tests.factories import service_record
from tests.identities import World, world_fixture  # noqa: F401 (the `world` fixture)

CATEGORY = "dfe-family-hubs-service-category"
SHORT_BREAKS = {"id": str(uuid.uuid4()), "name": "Short breaks", "description": "Short breaks", "taxonomy": CATEGORY}


def short_break(name: str, organization_id: str, description: str) -> Any:
    attribute = {"id": str(uuid.uuid4()), "taxonomy_term_id": SHORT_BREAKS["id"], "taxonomy_term": SHORT_BREAKS}
    organization = {"id": organization_id, "name": f"{name} Trust", "description": "A charity."}
    return service_record(
        name,
        organization_id=organization_id,
        organization=organization,
        description=description,
        attributes=[attribute],
    )


@pytest.fixture
def directory(world: World, services_index: str, stream: Any) -> dict[str, str]:
    """Two short-break services: the provider's, and another organisation's that mentions heronwick."""
    from local_offer.repositories.records import ServiceRecordRepository

    mine = short_break("Kestrel Saturday Club", world.organization_id, "Play and activities on Saturdays.")
    theirs = short_break("Heron Overnight Care", world.other_organization_id, "Heronwick overnight stays for families.")
    for record in (mine, theirs):
        ServiceRecordRepository().put(record)
    stream.drain()
    return {"mine": str(mine.service.id), "theirs": str(theirs.service.id)}


def insights(world: World, query: str = "") -> dict[str, Any]:
    status, body = world.call("GET", f"/insights/searches{query}", "officer")
    assert status == 200, body
    return body


def test_searches_are_counted_scrubbed_and_rare_terms_suppressed(world, directory):
    # Given families search, one of them typing a postcode and another an e-mail address
    for words in (
        "HERONWICK",
        " heronwick ",
        "heronwick",
        "heronwick DH1 3LE",
        "kestrel jo@example.org",
        "zzqx",
        "zzqx",
    ):
        status, _ = world.call("GET", f"/services?search={words}", "anonymous")
        assert status == 200
    for _ in range(3):
        world.call("GET", "/service_at_locations?search=wombleberry", "anonymous")
    # and a second page, which is the same search, is not counted again
    world.call("GET", "/services?search=heronwick&page=2&per_page=1", "anonymous")

    report = insights(world)

    rows = {row["term"]: row for row in report["top_terms"]}
    # The postcode typed among the words is searched from, not searched for: the words counted are "heronwick"
    assert rows["heronwick"] == {"term": "heronwick", "kind": "services", "searches": 4, "zero_results": 0}
    assert rows["wombleberry"]["zero_results"] == 3
    assert [row["term"] for row in report["zero_result_terms"]] == ["wombleberry"]
    # Seen under three times (the scrubbed ones among them): left out, only counted
    assert report["suppressed_terms"] == 2
    assert report["searches"] == 10
    stored = json.dumps(_insight_items(), default=str)
    assert "dh1 3le" not in stored.lower()
    assert "jo@example.org" not in stored
    assert "kestrel <email>" in stored


def _insight_items() -> list[dict[str, Any]]:
    from local_offer.repositories.clients import dynamodb_resource
    from local_offer.settings import get_settings

    return dynamodb_resource().Table(get_settings().insights_table_name).scan()["Items"]


def test_a_counter_that_cannot_be_written_never_fails_the_search(world, directory, monkeypatch):
    from local_offer.repositories.clients import clear_caches

    monkeypatch.setenv("INSIGHTS_TABLE_NAME", "no-such-table")
    clear_caches()
    status, body = world.call("GET", "/services?search=heronwick", "anonymous")
    assert status == 200
    assert [s["id"] for s in body["contents"]] == [directory["theirs"]]


def test_provider_is_advised_the_frequent_terms_of_its_category_it_never_ranked_for(world, directory):
    for _ in range(3):
        world.call("GET", "/services?search=heronwick", "anonymous")

    status, advice = world.call("GET", "/me/keyword-advice", "provider")

    assert status == 200, advice
    [service] = advice["services"]
    assert service["service_id"] == directory["mine"]
    assert service["keywords"] == [{"term": "heronwick", "searches": 3, "categories": ["Short breaks"]}]
    # The other organisation's service is the one that ranks: nothing to advise it
    status, theirs = world.call("GET", "/me/keyword-advice", "other_provider")
    assert [s["keywords"] for s in theirs["services"]] == [[]]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("?from=2026-12-05&to=2026-12-01", "from"),
        ("?from=2024-01-01&to=2025-12-31", "from"),
        ("?from=yesterday", "from"),
        ("?to=2999-01-01", "to"),
        ("?from=2026-12-01&from=2026-12-01", "from"),
        ("?to=2026-12-01&to=2026-12-01", "to"),
    ],
)
def test_a_bad_range_is_a_400_naming_the_parameter(world, query, parameter):
    for route in ("/insights/searches", "/you-said-we-did/evidence"):
        status, body = world.call("GET", f"{route}{query}", "officer")
        assert status == 400, body
        assert parameter in body["detail"]


# ---- you said, we did -----------------------------------------------------------------------------------


def entry(**overrides: Any) -> dict[str, Any]:
    return {
        "theme": "Finding short breaks",
        "families_said": "Short breaks were hard to find.",
        "we_did": "We tagged every short break and added a topic.",
        "date": "2026-11-30",
        "links": ["https://www.durham.gov.uk/localoffer"],
        **overrides,
    }


def public_suggestion(submitted_at: dt.datetime) -> None:
    """A change request of public origin, as the public corrections route stores one."""
    from local_offer.repositories.clients import dynamodb_resource
    from local_offer.settings import get_settings

    request_id = uuid.uuid4()
    dynamodb_resource().Table(get_settings().change_requests_table_name).put_item(
        Item={
            "pk": f"REQUEST#{request_id}",
            "sk": "REQUEST",
            "entity": "change_request",
            "status": "submitted",
            "submitted_at": submitted_at.isoformat(),
            "origin": "public",
            "body": json.dumps({"id": str(request_id), "origin": "public"}),
        }
    )


def test_entries_go_from_draft_to_published_newest_first_with_evidence_read_by_the_server(world):
    now = dt.datetime.now(dt.UTC)
    public_suggestion(now)
    public_suggestion(now - dt.timedelta(days=400))  # outside the range: not cited
    today = now.date().isoformat()

    # An officer drafts an entry citing today's evidence
    status, draft = world.call("POST", "/you-said-we-did", "officer", entry(evidence={"from": today, "to": today}))
    assert status == 201, draft
    assert draft["status"] == "draft"
    assert draft["version"] == 1
    assert draft["evidence"]["public_corrections"] == 1
    assert draft["evidence"]["faq_feedback"] == {"helpful": 0, "not_helpful": 0}
    status, evidence = world.call("GET", f"/you-said-we-did/evidence?from={today}&to={today}", "officer")
    assert evidence == draft["evidence"]
    # ... which is not public yet
    assert world.call("GET", "/you-said-we-did", "anonymous") == (200, {"contents": []})

    # Edits and publishes it; a later entry is published too
    status, edited = world.call(
        "PUT", f"/you-said-we-did/{draft['id']}", "officer", entry(theme="Short breaks", version=1)
    )
    assert status == 200
    assert edited["version"] == 2
    assert world.call("POST", f"/you-said-we-did/{draft['id']}/publish", "officer")[0] == 200
    _, later = world.call("POST", "/you-said-we-did", "officer", entry(theme="Transport", date="2026-12-02"))
    world.call("POST", f"/you-said-we-did/{later['id']}/publish", "officer")

    status, listed = world.call("GET", "/you-said-we-did", "anonymous")
    assert [item["theme"] for item in listed["contents"]] == ["Transport", "Short breaks"]
    assert "status" not in listed["contents"][0]
    assert "updated_by" not in listed["contents"][0]
    status, first = world.call("GET", "/you-said-we-did?per_page=1", "anonymous")
    status, second = world.call("GET", f"/you-said-we-did?per_page=1&cursor={first['next_cursor']}", "anonymous")
    assert [item["theme"] for item in second["contents"]] == ["Short breaks"]
    assert "next_cursor" not in second


def test_a_stale_edit_is_a_409_and_publishing_twice_too(world):
    _, draft = world.call("POST", "/you-said-we-did", "officer", entry())
    world.call("PUT", f"/you-said-we-did/{draft['id']}", "officer", entry(theme="First", version=1))

    status, body = world.call("PUT", f"/you-said-we-did/{draft['id']}", "officer", entry(theme="Second", version=1))

    assert status == 409, body
    assert world.call("POST", f"/you-said-we-did/{draft['id']}/publish", "officer")[0] == 200
    assert world.call("POST", f"/you-said-we-did/{draft['id']}/publish", "officer")[0] == 409
    assert world.call("PUT", f"/you-said-we-did/{uuid.uuid4()}", "officer", entry(version=1))[0] == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (entry(links=["javascript:alert(1)"]), "links"),
        (entry(links=["not a url"]), "links"),
        (entry(theme=""), "theme"),
        (entry(families_said="x" * 2001), "families_said"),
        (entry(date="30/11/2026"), "date"),
        (entry(evidence={"from": "2026-12-05", "to": "2026-12-01"}), "from"),
        (entry(status="published"), "status"),
    ],
)
def test_a_bad_entry_is_a_400_naming_the_field_and_writes_nothing(world, body, field):
    before = _insight_items()
    status, answer = world.call("POST", "/you-said-we-did", "officer", body)
    assert status == 400, answer
    assert field in answer["detail"]
    assert _insight_items() == before


def test_a_provider_with_a_bad_body_is_refused_before_the_body_is_read(world):
    status, body = world.call("POST", "/you-said-we-did", "provider", {"theme": 3})
    assert status == 403, body
    status, body = world.call("GET", "/insights/searches?from=nonsense", "provider")
    assert status == 403, body


def test_counts_are_buffered_and_written_together_once_enough_searches_gathered(world, directory, monkeypatch):
    from local_offer.repositories.clients import clear_caches

    monkeypatch.setenv("INSIGHTS_FLUSH_SEARCHES", "4")
    monkeypatch.setenv("INSIGHTS_FLUSH_SECONDS", "3600")
    clear_caches()
    for words in ("heronwick", "HERONWICK", "zzqx"):
        world.call("GET", f"/services?search={words}", "anonymous")
    assert _insight_items() == []  # three searches: still in this environment's buffer

    world.call("GET", "/services?search=heronwick", "anonymous")

    counters = {item["term"]: (item["searches"], item["zero_results"]) for item in _insight_items()}
    assert counters == {"heronwick": (3, 0), "zzqx": (1, 1)}
