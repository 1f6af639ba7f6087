"""Resources end to end in one process: the API handler, a real presigned POST to moto's S3, the bucket's
notification to SQS, the publisher fed the genuine S3 event, and downloads through the presigned GET.

Officer calls carry the claims API Gateway's Cognito authorizer passes (`requestContext.authorizer.claims`).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sys
import types
import zipfile
from pathlib import Path
from typing import Any

import pytest
import requests

from devstack import template as cfn
from devstack.http_adapter import HttpRequest, Router, proxy_event
from devstack.lambda_runtime import FunctionRuntime

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OFFICER = {"sub": "officer-1", "email": "officer@example.org", "cognito:groups": "officers"}
PROVIDER = {"sub": "provider-1", "email": "provider@example.org", "cognito:groups": "providers"}
PDF_V1 = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PDF_V2 = PDF_V1.replace(b"Catalog", b"Catalog /Lang (en-GB)")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
WINDOWS_EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."


def call(
    template: Any, method: str, path: str, body: Any = None, claims: dict[str, str] | None = None
) -> dict[str, Any]:
    """One request through the template's route table to the real handler, as API Gateway would send it."""
    router = Router(cfn.api_routes(template))
    route, parameters = router.match(method, path.split("?")[0])
    raw = json.dumps(body).encode() if body is not None else b""
    headers = [("Host", "api.example.org"), ("X-Forwarded-Proto", "https"), ("Content-Type", "application/json")]
    event = proxy_event(
        HttpRequest(method, path, headers, raw, "127.0.0.1", "api.example.org"), route, parameters, "dev"
    )
    if claims is not None:
        event["requestContext"]["authorizer"] = {"claims": claims}
    response = FunctionRuntime(cfn.functions(template)).invoke(route.function_id, event)
    text = response.get("body") or ""
    headers = {name: values[-1] for name, values in (response.get("multiValueHeaders") or {}).items()}
    return {
        "status": response["statusCode"],
        "headers": {**headers, **(response.get("headers") or {})},
        "body": json.loads(text) if text.startswith(("{", "[")) else text,
    }


def new_resource(**overrides: Any) -> dict[str, Any]:
    return {
        "title": "Understanding SEND",
        "summary": "What SEN and SEND mean and where families find support.",
        "audience": "parents",
        "topics": ["understanding-send", "schools"],
        "file_name": "understanding-send.pdf",
        "content_type": PDF,
        **overrides,
    }


def upload(ticket: dict[str, Any], body: bytes, file_name: str = "upload.bin") -> None:
    """The browser's part: the presigned POST's fields, then the file."""
    files = {"file": (file_name, body, ticket["content_type"])}
    response = requests.post(ticket["url"], data=ticket["fields"], files=files, timeout=10)
    assert response.status_code == 204, response.text


def create_and_upload(template: Any, s3_events: Any, body: bytes, **overrides: Any) -> dict[str, Any]:
    created = call(template, "POST", "/resources", new_resource(**overrides), OFFICER)
    assert created["status"] == 201, created
    upload(created["body"]["upload"], body)
    assert s3_events.drain() == 1
    return status(template, created["body"]["resource"]["id"])


def status(template: Any, resource_id: str) -> dict[str, Any]:
    answer = call(template, "GET", f"/resources/{resource_id}/status", claims=OFFICER)
    assert answer["status"] == 200, answer
    return answer["body"]


def download(template: Any, resource_id: str) -> requests.Response:
    answer = call(template, "GET", f"/resources/{resource_id}/download")
    assert answer["status"] == 302, answer
    assert answer["headers"]["Cache-Control"] == "no-store"
    return requests.get(answer["headers"]["Location"], timeout=10)


def bucket_keys(aws: Any) -> list[str]:
    s3 = aws.session.client("s3")
    versions = s3.list_object_versions(Bucket=aws.name("ResourcesBucket"))
    return sorted({version["Key"] for version in versions.get("Versions", [])})


# ---------------------------------------------------------------------------------------------------------
# Publishing, listing, downloading, replacing
# ---------------------------------------------------------------------------------------------------------
def test_an_uploaded_pdf_is_published_listed_and_downloaded_byte_for_byte(aws, template, s3_events):
    record = create_and_upload(template, s3_events, PDF_V1)

    assert record["published"] is True
    assert record["version"] == 1
    assert record["last_outcome"]["status"] == "published"
    current = record["current_file"]
    assert current["sha256"] == hashlib.sha256(PDF_V1).hexdigest()
    assert current["size_bytes"] == len(PDF_V1)
    assert current["content_type"] == PDF
    listed = call(template, "GET", "/resources?audience=parents&topic=schools&search=SEND%20families")["body"]
    assert listed["total_items"] == 1
    assert listed["contents"][0]["id"] == record["id"]
    assert listed["contents"][0]["download_url"] == f"https://api.example.org/resources/{record['id']}/download"
    assert call(template, "GET", f"/resources/{record['id']}")["body"]["sha256"] == current["sha256"]
    response = download(template, record["id"])
    assert response.content == PDF_V1
    assert 'filename="understanding-send.pdf"' in response.headers["Content-Disposition"]
    # The upload was moved: only the published key is left in the bucket.
    assert bucket_keys(aws) == [f"published/{record['id']}/understanding-send.pdf"]


def test_a_replacement_bumps_the_version_and_the_bucket_keeps_the_previous_file(aws, template, s3_events):
    first = create_and_upload(template, s3_events, PDF_V1)
    ticket = call(
        template,
        "POST",
        f"/resources/{first['id']}/upload",
        {"file_name": "understanding-send.pdf", "content_type": PDF},
        OFFICER,
    )
    assert ticket["status"] == 200, ticket

    upload(ticket["body"], PDF_V2)
    s3_events.drain()

    record = status(template, first["id"])
    assert record["version"] == 2
    assert record["current_file"]["sha256"] == hashlib.sha256(PDF_V2).hexdigest()
    assert download(template, first["id"]).content == PDF_V2
    previous = record["previous_files"]
    assert [item["version"] for item in previous] == [1]
    s3 = aws.session.client("s3")
    kept = s3.get_object(
        Bucket=aws.name("ResourcesBucket"), Key=previous[0]["s3_key"], VersionId=previous[0]["s3_version_id"]
    )
    assert kept["Body"].read() == PDF_V1
    versions = s3.list_object_versions(Bucket=aws.name("ResourcesBucket"), Prefix=previous[0]["s3_key"])["Versions"]
    assert len(versions) == 2


def test_unpublishing_hides_the_resource_but_keeps_its_files(aws, template, s3_events):
    record = create_and_upload(template, s3_events, PDF_V1)

    answer = call(template, "DELETE", f"/resources/{record['id']}", claims=OFFICER)

    assert answer["status"] == 200
    assert answer["body"]["published"] is False
    assert call(template, "GET", f"/resources/{record['id']}")["status"] == 404
    assert call(template, "GET", f"/resources/{record['id']}/download")["status"] == 404
    assert call(template, "GET", "/resources")["body"]["total_items"] == 0
    assert status(template, record["id"])["current_file"]["sha256"] == hashlib.sha256(PDF_V1).hexdigest()


# ---------------------------------------------------------------------------------------------------------
# Refusals: recorded on the resource, nothing published, nothing left in incoming/
# ---------------------------------------------------------------------------------------------------------
def test_a_renamed_executable_is_refused_and_nothing_is_published(aws, template, s3_events):
    record = create_and_upload(template, s3_events, WINDOWS_EXE)

    assert record["published"] is False
    assert record["version"] == 0
    assert "current_file" not in record  # no file published yet: absent, as every None field
    assert record["last_outcome"]["status"] == "refused"
    assert record["last_outcome"]["reason"] == "the file is a Windows executable, not a document"
    assert call(template, "GET", f"/resources/{record['id']}")["status"] == 404
    assert call(template, "GET", "/resources")["body"]["total_items"] == 0
    assert bucket_keys(aws) == []


def test_a_file_whose_content_differs_from_its_declared_type_is_refused(aws, template, s3_events):
    record = create_and_upload(template, s3_events, PNG)

    assert record["published"] is False
    assert record["last_outcome"]["reason"] == "the file's content is PNG, but it was declared as PDF"
    assert record["last_outcome"]["detected_type"] == "image/png"


def test_a_refused_replacement_leaves_the_published_version_in_place(aws, template, s3_events):
    first = create_and_upload(template, s3_events, PDF_V1)
    ticket = call(
        template,
        "POST",
        f"/resources/{first['id']}/upload",
        {"file_name": "understanding-send.docx", "content_type": DOCX},
        OFFICER,
    )["body"]

    upload(ticket, PDF_V2)  # a PDF under a .docx name
    s3_events.drain()

    record = status(template, first["id"])
    assert record["last_outcome"]["status"] == "refused"
    assert "declared as Word document (DOCX)" in record["last_outcome"]["reason"]
    assert record["version"] == 1
    assert record["published"] is True
    assert download(template, first["id"]).content == PDF_V1
    assert bucket_keys(aws) == [f"published/{first['id']}/understanding-send.pdf"]


def test_a_file_over_25_mb_is_refused_before_it_is_read(aws, template, s3_events):
    # moto does not enforce the POST policy's content-length-range; the publisher checks the size too.
    record = create_and_upload(template, s3_events, PDF_V1 + b"\0" * (25 * 1024 * 1024))

    assert record["published"] is False
    assert "the limit is 26,214,400 bytes (25 MB)" in record["last_outcome"]["reason"]
    assert bucket_keys(aws) == []


def test_an_upload_through_a_superseded_link_is_refused(aws, template, s3_events):
    created = call(template, "POST", "/resources", new_resource(), OFFICER)["body"]
    resource_id = created["resource"]["id"]
    newer = call(
        template, "POST", f"/resources/{resource_id}/upload", {"file_name": "v2.pdf", "content_type": PDF}, OFFICER
    )
    assert newer["status"] == 200

    upload(created["upload"], PDF_V1)
    s3_events.drain()

    record = status(template, resource_id)
    assert record["published"] is False
    assert "newer upload link" in record["last_outcome"]["reason"]


def test_a_repeated_s3_event_for_a_processed_upload_changes_nothing(aws, template, s3_events):
    from local_offer.services.publishing import publish_upload

    record = create_and_upload(template, s3_events, PDF_V1)
    key = f"incoming/{record['id']}/{record['last_outcome']['upload_id']}/understanding-send.pdf"

    assert publish_upload(key) is None
    assert status(template, record["id"])["revision"] == record["revision"]


# ---------------------------------------------------------------------------------------------------------
# The census hook
# ---------------------------------------------------------------------------------------------------------
CENSUS_CSV = b"year,area,need,count\n2024,stanley,ASD,12\n2024,durham,SLCN,30\n"


@pytest.fixture
def census_loader(monkeypatch: pytest.MonkeyPatch) -> list[tuple[bytes, str]]:
    """A census module whose loader records its calls and rejects files containing `BAD`."""
    calls: list[tuple[bytes, str]] = []

    def load_census_csv(body: bytes, source: str) -> None:
        if b"BAD" in body:
            raise ValueError("row 3, column count: 'BAD' is not a whole number")
        calls.append((body, source))

    module = types.ModuleType("local_offer.services.census")
    module.load_census_csv = load_census_csv  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "local_offer.services.census", module)
    return calls


def census_resource() -> dict[str, Any]:
    return {
        "title": "SEND census 2024 by local area",
        "summary": "EHC plans by primary need and local area.",
        "audience": "practitioners",
        "topics": ["census"],
        "file_name": "send-census-2024.csv",
        "content_type": "text/csv",
    }


def test_a_census_csv_is_loaded_before_it_is_published(aws, template, s3_events, census_loader):
    record = create_and_upload(template, s3_events, CENSUS_CSV, **census_resource())

    assert record["published"] is True
    assert census_loader == [(CENSUS_CSV, f"resource {record['id']} v1")]


def test_a_census_csv_the_loader_rejects_is_refused_with_its_row_and_column(aws, template, s3_events, census_loader):
    bad = CENSUS_CSV.replace(b"30", b"BAD")

    record = create_and_upload(template, s3_events, bad, **census_resource())

    assert record["published"] is False
    assert (
        record["last_outcome"]["reason"]
        == "the census CSV was rejected: row 3, column count: 'BAD' is not a whole number"
    )
    assert census_loader == []
    assert bucket_keys(aws) == []


# ---------------------------------------------------------------------------------------------------------
# Bad input and who may do what
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("path", "parameter", "status"),
    [
        ("/resources?audience=teachers", "audience", 400),
        ("/resources?topic=astrology", "topic", 400),
        ("/resources?per_page=0", "per_page", 400),
        ("/resources/not-a-uuid", "id", 400),
        ("/resources/00000000-0000-4000-8000-000000000000", None, 404),
        ("/resources/00000000-0000-4000-8000-000000000000/download", None, 404),
    ],
)
def test_bad_public_requests_name_the_problem(aws, template, path, parameter, status):
    answer = call(template, "GET", path)

    assert answer["status"] == status
    assert answer["body"]["error"] in ("invalid_request", "not_found")
    if parameter:
        assert parameter in answer["body"]["detail"]


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"audience": "everyone"}, "audience"),
        ({"topics": ["astrology"]}, "unknown topic 'astrology'"),
        ({"content_type": "application/x-msdownload"}, "content_type"),
        ({"file_name": "leaflet.docx"}, "must end with .pdf"),
        ({"file_name": "../../etc/passwd.pdf"}, "file_name"),
        ({"title": ""}, "title"),
    ],
)
def test_an_invalid_new_resource_is_refused_and_nothing_is_written(aws, template, overrides, named):
    answer = call(template, "POST", "/resources", new_resource(**overrides), OFFICER)

    assert answer["status"] == 400
    assert named in answer["body"]["detail"]
    table = aws.session.resource("dynamodb").Table(aws.name("ResourcesTable"))
    assert table.scan()["Count"] == 0


@pytest.mark.parametrize(("claims", "status"), [(None, 401), (PROVIDER, 403)])
def test_only_officers_may_add_replace_unpublish_or_inspect(aws, template, claims, status):
    some_id = "00000000-0000-4000-8000-000000000000"
    declaration = {"file_name": "a-file.pdf", "content_type": PDF}

    answers = [
        call(template, "POST", "/resources", new_resource(), claims),
        call(template, "POST", f"/resources/{some_id}/upload", declaration, claims),
        call(template, "DELETE", f"/resources/{some_id}", claims=claims),
        call(template, "GET", f"/resources/{some_id}/status", claims=claims),
    ]

    assert [answer["status"] for answer in answers] == [status] * 4
    table = aws.session.resource("dynamodb").Table(aws.name("ResourcesTable"))
    assert table.scan()["Count"] == 0


def test_the_upload_policy_pins_key_type_and_size(aws, template):
    created = call(template, "POST", "/resources", new_resource(), OFFICER)["body"]
    ticket = created["upload"]

    policy = json.loads(base64.b64decode(ticket["fields"]["policy"]))

    conditions = policy["conditions"]
    assert {"key": ticket["key"]} in conditions
    assert {"Content-Type": PDF} in conditions
    assert ["content-length-range", 1, 25 * 1024 * 1024] in conditions
    assert ticket["key"].startswith(f"incoming/{created['resource']['id']}/")
    assert ticket["key"].endswith("/understanding-send.pdf")


def test_a_word_document_built_in_memory_is_published_as_docx(aws, template, s3_events):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    record = create_and_upload(
        template, s3_events, buffer.getvalue(), file_name="ot-report-template.docx", content_type=DOCX
    )

    assert record["published"] is True
    assert record["current_file"]["content_type"] == DOCX


CENSUS_SEED = Path(__file__).resolve().parents[2] / "seed" / "census" / "ehcp_by_local_area.csv"


def test_a_census_csv_resource_is_loaded_by_the_census_loader_and_served_by_area(aws, template, s3_events):
    # The real loader (local_offer.services.census), reached through the upload and the S3 event.
    record = create_and_upload(template, s3_events, CENSUS_SEED.read_bytes(), **census_resource())

    assert record["published"] is True
    county = call(template, "GET", "/census?year=2025")
    assert county["status"] == 200, county
    assert county["body"]["source"]["file"] == f"resource {record['id']} v1"
    durham = call(template, "GET", "/areas/durham/census?year=2025")
    assert durham["status"] == 200


def test_a_malformed_census_csv_resource_is_refused_whole_and_nothing_is_loaded(aws, template, s3_events):
    lines = CENSUS_SEED.read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].replace(b",58,", b",lots,")  # row 2 of the data: 2016,3towns,ALL

    record = create_and_upload(template, s3_events, b"".join(lines), **census_resource())

    assert record["published"] is False
    reason = record["last_outcome"]["reason"]
    assert reason.startswith("the census CSV was rejected: ")
    assert "column ehc_plans" in reason
    assert "nothing was loaded" in reason
    assert call(template, "GET", "/census?year=2025")["status"] == 404
    assert bucket_keys(aws) == []


# ---------------------------------------------------------------------------------------------------------
# What the publisher refuses, and the name it publishes under
# ---------------------------------------------------------------------------------------------------------
def test_a_file_uploaded_under_another_key_is_published_under_the_catalogue_name(aws, template, s3_events):
    created = call(template, "POST", "/resources", new_resource(), OFFICER)["body"]
    ticket = created["upload"]
    # moto does not enforce the POST policy that pins the key; a client that changes it names nothing.
    forged_key = ticket["fields"]["key"].rsplit("/", 1)[0] + "/index.html"
    upload({**ticket, "fields": {**ticket["fields"], "key": forged_key}}, PDF_V1)
    assert s3_events.drain() == 1

    record = status(template, created["resource"]["id"])
    assert record["published"] is True
    assert record["current_file"]["file_name"] == "understanding-send.pdf"
    assert record["last_outcome"]["file_name"] == "understanding-send.pdf"
    assert bucket_keys(aws) == [f"published/{record['id']}/understanding-send.pdf"]
    assert "understanding-send.pdf" in download(template, record["id"]).headers.get("Content-Disposition", "")


@pytest.mark.parametrize(
    ("body", "overrides", "reason"),
    [
        (b"<!DOCTYPE html>\n<html><body>Leaflet</body></html>", {}, "the file is HTML, not a PDF"),
        (
            PDF_V1.replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
            {},
            "the PDF contains JavaScript (/JavaScript)",
        ),
        (
            b'name,total\nHall,=HYPERLINK("http://x")\n',
            {"file_name": "totals.csv", "content_type": "text/csv"},
            "the CSV's row 2, column B (total) starts with '='",
        ),
    ],
)
def test_active_or_disguised_content_is_refused_with_its_reason_and_nothing_is_published(
    aws, template, s3_events, body, overrides, reason
):
    record = create_and_upload(template, s3_events, body, **overrides)

    assert record["published"] is False
    assert record["last_outcome"]["status"] == "refused"
    assert record["last_outcome"]["reason"].startswith(reason), record["last_outcome"]["reason"]
    assert bucket_keys(aws) == []
