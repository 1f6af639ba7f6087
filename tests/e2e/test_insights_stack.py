"""Search insights and "you said, we did" over HTTP through `local-offer serve`: real tokens from the local
user pool, the Cognito authorizer in the HTTP adapter, searches counted in the stack's insights table.

Families search; the officer reads the top terms and the zero-result ones; the provider whose short-break
service never ranked for a frequent short-break term is advised it; the officer drafts an entry citing the
evidence, publishes it, and anyone lists it.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import requests

from tests.e2e.test_change_request_flow import add_user
from tests.factories import service_json
from tests.stack_process import running_stack

CATEGORY = "dfe-family-hubs-service-category"
SHORT_BREAKS = {"id": str(uuid.uuid4()), "name": "Short breaks", "description": "Short breaks", "taxonomy": CATEGORY}


def short_break(name: str, description: str) -> dict[str, Any]:
    attribute = {"id": str(uuid.uuid4()), "taxonomy_term_id": SHORT_BREAKS["id"], "taxonomy_term": SHORT_BREAKS}
    return service_json(name, description=description, attributes=[attribute])


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("insights")
    mine = short_break("Plover Saturday Club", "Games and crafts on Saturdays.")
    theirs = short_break("Curlew Overnight Stays", "Quillbrook overnight stays for families.")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service) + "\n" for service in (mine, theirs)))
    with running_stack(directory, "--data", str(data)) as state:
        state_file = directory / "state.json"
        officer = add_user(state_file, "fis@durham.gov.uk", "officers")
        provider = add_user(state_file, "plover@example.org", "providers", mine["organization_id"])
        yield {
            **state,
            "mine": mine,
            "officer": {"Authorization": f"Bearer {officer}"},
            "provider": {"Authorization": f"Bearer {provider}"},
        }


def get(stack: dict[str, Any], path: str, headers: dict[str, str] | None = None, **params: Any) -> Any:
    response = requests.get(f"{stack['api_url']}{path}", params=params, headers=headers or {}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def test_searches_are_counted_and_officers_and_providers_read_them(stack):
    for words in ("Quillbrook", "quillbrook  ", "QUILLBROOK", "snarkleberry", "snarkleberry", "snarkleberry"):
        get(stack, "/services", search=words)
    get(stack, "/services", search="plover help@example.org")  # once: suppressed

    report = get(stack, "/insights/searches", stack["officer"])
    assert [(row["term"], row["searches"]) for row in report["top_terms"]] == [("quillbrook", 3), ("snarkleberry", 3)]
    assert [row["term"] for row in report["zero_result_terms"]] == ["snarkleberry"]
    assert report["suppressed_terms"] == 1

    advice = get(stack, "/me/keyword-advice", stack["provider"])
    assert advice["services"] == [
        {
            "service_id": stack["mine"]["id"],
            "name": "Plover Saturday Club",
            "keywords": [{"term": "quillbrook", "searches": 3, "categories": ["Short breaks"]}],
        }
    ]
    assert (
        requests.get(f"{stack['api_url']}/insights/searches", headers=stack["provider"], timeout=10).status_code == 403
    )


def test_an_officer_drafts_cites_and_publishes_and_anyone_lists_it(stack):
    api, officer = stack["api_url"], stack["officer"]
    entry = {
        "theme": "Finding short breaks",
        "families_said": "Searches for overnight stays found nothing.",
        "we_did": "We added the words families use to the short break services.",
        "date": "2026-12-01",
        "links": ["https://www.durham.gov.uk/localoffer"],
    }
    evidence = get(stack, "/you-said-we-did/evidence", officer)
    created = requests.post(
        f"{api}/you-said-we-did",
        json={**entry, "evidence": {"from": evidence["from"], "to": evidence["to"]}},
        headers=officer,
        timeout=10,
    )
    assert created.status_code == 201, created.text
    draft = created.json()
    assert draft["evidence"] == evidence
    assert get(stack, "/you-said-we-did") == {"contents": []}

    published = requests.post(f"{api}/you-said-we-did/{draft['id']}/publish", headers=officer, timeout=10)
    assert published.status_code == 200, published.text
    stale = requests.put(
        f"{api}/you-said-we-did/{draft['id']}", json={**entry, "version": 1}, headers=officer, timeout=10
    )
    assert stale.status_code == 409

    [listed] = get(stack, "/you-said-we-did")["contents"]
    assert listed["id"] == draft["id"]
    assert listed["theme"] == "Finding short breaks"
    assert listed["evidence"] == evidence
    assert "status" not in listed
