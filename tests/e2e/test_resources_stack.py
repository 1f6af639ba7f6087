"""Resources through `local-offer serve`: the sample files published at startup through presigned POSTs,
moto's S3 notification and the publisher; then an upload, a replacement and a disguised file.

Officer steps go over HTTP with a real ID token from the stack's local user pool (the disguised-file case
creates its resource through the service, as the seed loader does). Uploads go to moto's S3 and downloads
follow the API's redirect.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.stack_process import running_stack, wait_until

SEED = Path(__file__).resolve().parents[2] / "seed" / "resources"
PUBLISH_TIMEOUT = 20
PDF = "application/pdf"
LEAFLET_V1 = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
LEAFLET_V2 = LEAFLET_V1.replace(b"Catalog", b"Catalog /Lang (en-GB)")


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("resources-stack")
    empty = directory / "no-services.json"
    empty.write_text("[]")
    with running_stack(directory, "--data", str(empty)) as state:
        yield state


@pytest.fixture
def officer_session(stack: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """The resource service pointed at the stack's moto, acting as an officer."""
    from local_offer.models.identity import Principal
    from local_offer.repositories.clients import clear_caches

    for name, value in stack["environment"].items():
        monkeypatch.setenv(name, value)
    clear_caches()
    yield Principal(subject="officer-e2e", email="officer@example.org", groups=frozenset({"officers"}))
    clear_caches()


def api(stack: dict[str, Any], path: str, **params: Any) -> requests.Response:
    return requests.get(f"{stack['api_url']}{path}", params=params, timeout=10)


def upload(ticket: Any, body: bytes) -> None:
    files = {"file": ("upload", body, ticket.content_type)}
    response = requests.post(ticket.url, data=ticket.fields, files=files, timeout=10)
    assert response.status_code == 204, response.text


def outcome_of(resource_id: Any) -> dict[str, Any] | None:
    from local_offer.services.resources import officer_record

    outcome = officer_record(resource_id).last_outcome
    return outcome.model_dump(mode="json") if outcome else None


def test_the_sample_resources_are_published_at_startup_and_download_byte_for_byte(stack):
    catalogue = json.loads((SEED / "catalogue.json").read_text())["resources"]

    listed = api(stack, "/resources", per_page=100).json()

    # Besides the sample documents, the stack publishes the seed census CSV as a `census` resource.
    census = [item for item in listed["contents"] if "census" in item["topics"]]
    assert [item["file_name"] for item in census] == ["ehcp_by_local_area.csv"]
    assert listed["total_items"] == len(catalogue) + 1 == 4
    by_file = {item["file_name"]: item for item in listed["contents"] if item not in census}
    assert sorted(by_file) == sorted(entry["file"] for entry in catalogue)
    for entry in catalogue:
        item = by_file[entry["file"]]
        expected = (SEED / entry["file"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(expected).hexdigest()
        assert item["sample_data"] is True
        response = requests.get(item["download_url"], timeout=10)  # follows the 302 to moto's S3
        assert response.status_code == 200
        assert response.history[0].status_code == 302
        assert response.content == expected
        assert f'filename="{entry["file"]}"' in response.headers["Content-Disposition"]


def test_filters_narrow_the_catalogue_and_bad_ones_are_400(stack):
    providers = api(stack, "/resources", audience="providers").json()
    funding = api(stack, "/resources", topic="funding").json()

    assert {item["file_name"] for item in providers["contents"]} == {
        "early-years-send-funding-guide.pdf",
        "occupational-therapy-report-template.docx",
    }
    assert [item["file_name"] for item in funding["contents"]] == ["early-years-send-funding-guide.pdf"]
    assert api(stack, "/resources", search="occupational therapy").json()["total_items"] == 1
    assert api(stack, "/resources", audience="teachers").status_code == 400
    assert api(stack, "/resources", topic="astrology").status_code == 400
    assert api(stack, "/resources/00000000-0000-4000-8000-000000000000").status_code == 404


OFFICER_PASSWORD = "Officer-Pass-2026!"


@pytest.fixture
def officer_headers(stack: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """A signed-in officer of the stack's local user pool: a real ID token the local authorizer verifies."""
    from devstack.users import LocalUsers
    from local_offer.repositories.clients import clear_caches

    # The test reads the stack's bucket in-process; monkeypatch puts every variable back afterwards.
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in stack["environment"].items():
        monkeypatch.setenv(name, value)
    clear_caches()
    users = LocalUsers.from_state(stack)
    users.add("resources-officer@example.org", "officers", OFFICER_PASSWORD)
    yield {"Authorization": f"Bearer {users.id_token('resources-officer@example.org', OFFICER_PASSWORD)}"}
    clear_caches()


def post_file(ticket: dict[str, Any], body: bytes) -> None:
    files = {"file": ("upload", body, ticket["content_type"])}
    response = requests.post(ticket["url"], data=ticket["fields"], files=files, timeout=10)
    assert response.status_code == 204, response.text


def test_upload_publish_list_download_replace_keeps_the_old_version_over_http(stack, officer_headers):
    new = {
        "title": "Short breaks for disabled children",
        "summary": "What short breaks are and how families in County Durham apply.",
        "audience": "parents",
        "topics": ["short-breaks"],
        "file_name": "short-breaks.pdf",
        "content_type": PDF,
    }
    assert requests.post(f"{stack['api_url']}/resources", json=new, timeout=10).status_code == 401
    created = requests.post(f"{stack['api_url']}/resources", json=new, headers=officer_headers, timeout=10)
    assert created.status_code == 201, created.text
    resource_id = created.json()["resource"]["id"]

    post_file(created.json()["upload"], LEAFLET_V1)

    wait_until(lambda: api(stack, f"/resources/{resource_id}").status_code == 200, PUBLISH_TIMEOUT, "publishing")
    listed = api(stack, "/resources", topic="short-breaks").json()["contents"]
    assert [item["id"] for item in listed] == [resource_id]
    assert requests.get(listed[0]["download_url"], timeout=10).content == LEAFLET_V1

    replace = {"file_name": "short-breaks.pdf", "content_type": PDF}
    ticket = requests.post(
        f"{stack['api_url']}/resources/{resource_id}/upload", json=replace, headers=officer_headers, timeout=10
    )
    assert ticket.status_code == 200, ticket.text
    post_file(ticket.json(), LEAFLET_V2)

    wait_until(lambda: api(stack, f"/resources/{resource_id}").json()["version"] == 2, PUBLISH_TIMEOUT, "version 2")
    assert requests.get(f"{stack['api_url']}/resources/{resource_id}/download", timeout=10).content == LEAFLET_V2
    status = requests.get(f"{stack['api_url']}/resources/{resource_id}/status", headers=officer_headers, timeout=10)
    previous = status.json()["previous_files"]
    assert [item["version"] for item in previous] == [1]
    from local_offer.repositories.clients import s3_client
    from local_offer.repositories.resources import ResourceFileStore

    store = ResourceFileStore()
    assert len(store.versions(previous[0]["s3_key"])) == 2
    kept = s3_client().get_object(
        Bucket=store.bucket, Key=previous[0]["s3_key"], VersionId=previous[0]["s3_version_id"]
    )
    assert kept["Body"].read() == LEAFLET_V1

    gone = requests.delete(f"{stack['api_url']}/resources/{resource_id}", headers=officer_headers, timeout=10)
    assert gone.status_code == 200
    assert api(stack, f"/resources/{resource_id}").status_code == 404


def test_a_disguised_executable_is_refused_and_reported_on_the_resource(stack, officer_session):
    from local_offer.models.resources import NewResource
    from local_offer.services.resources import create_resource

    new = NewResource(
        title="Totally a leaflet",
        summary="A program renamed to look like a PDF leaflet.",
        audience="parents",
        topics=["understanding-send"],
        file_name="leaflet.pdf",
        content_type=PDF,
    )
    created = create_resource(new, officer_session)

    upload(created.upload, b"MZ\x90\x00\x03" + b"\x00" * 200)

    outcome = wait_until(lambda: outcome_of(created.resource.id), PUBLISH_TIMEOUT, "the publisher's outcome")
    assert outcome["status"] == "refused"
    assert outcome["reason"] == "the file is a Windows executable, not a document"
    assert api(stack, f"/resources/{created.resource.id}").status_code == 404
    assert all(item["id"] != str(created.resource.id) for item in api(stack, "/resources").json()["contents"])
