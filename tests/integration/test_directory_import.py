"""`local-offer import`, `export` and `seed` against a deployed stack (`--stack`): a moto CloudFormation stack
whose Outputs name the tables and bucket created from template.yaml. Writes go through the repositories,
moto's real stream feeds the real indexer, and osmem-server answers the searches.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devstack.cli import main
from devstack.targets import REQUIRED_OUTPUTS
from tests.contract.test_oruk_contract import assert_valid
from tests.integration.test_devstack_fixtures import get

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_CSV = REPO / "docs" / "import" / "example-services.csv"
SEED_SERVICES = REPO / "seed" / "directory" / "services.ndjson.gz"
STACK = "local-offer-council"
# Stack output -> the template resource whose physical name it gives (as template.yaml's Outputs do).
OUTPUT_RESOURCES = {
    "RecordsTableName": "RecordsTable",
    "ResourcesTableName": "ResourcesTable",
    "ResourcesBucketName": "ResourcesBucket",
    "CensusTableName": "CensusTable",
}


@pytest.fixture
def deployed(aws: Any) -> Iterator[str]:
    """A CloudFormation stack in moto whose Outputs carry the physical names of the template's resources;
    yields its name. The commands change this process's environment: it is restored afterwards."""
    saved = dict(os.environ)
    outputs = {key: {"Value": aws.name(logical_id)} for key, logical_id in OUTPUT_RESOURCES.items()}
    body = {"Resources": {"Marker": {"Type": "AWS::SQS::Queue"}}, "Outputs": outputs}
    aws.session.client("cloudformation").create_stack(StackName=STACK, TemplateBody=json.dumps(body))
    yield STACK
    os.environ.clear()
    os.environ.update(saved)


def seed_sample(tmp_path: Path, count: int) -> Path:
    """The first `count` seed services as an NDJSON file."""
    with gzip.open(SEED_SERVICES, "rt", encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(count)]
    path = tmp_path / "sample.ndjson"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def load_taxonomies() -> None:
    from devstack.loader import load_taxonomies as load
    from devstack.stack import TAXONOMIES_PATH

    load(TAXONOMIES_PATH)


def table_items(aws: Any) -> list[dict[str, Any]]:
    table = aws.session.resource("dynamodb").Table(aws.name("RecordsTable"))
    items = []
    for page in table.meta.client.get_paginator("scan").paginate(TableName=table.name):
        items.extend(page["Items"])
    return sorted(items, key=lambda item: (item["pk"], item["sk"]))


def service_items(aws: Any) -> list[dict[str, Any]]:
    return [item for item in table_items(aws) if item["pk"].startswith("SERVICE#")]


def drift() -> Any:
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.repositories.search_index import SearchIndexRepository
    from local_offer.services.reindex import find_drift

    return find_drift(ServiceRecordRepository(), SearchIndexRepository())


def run(capsys: Any, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()  # drop what the in-process functions printed before (their metrics)
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_the_outputs_the_commands_read_are_in_the_template(template):
    needed = {name for names in REQUIRED_OUTPUTS.values() for name in names}
    assert needed <= set(template["Outputs"])
    for name in (
        needed & OUTPUT_RESOURCES.keys()
    ):  # the import, export and seed commands' (the index commands' own test checks theirs)
        assert template["Outputs"][name]["Value"] == {"Ref": OUTPUT_RESOURCES[name]}
    assert template["Outputs"]["SearchDomainEndpoint"]["Value"] == {"Fn::Sub": "https://${SearchDomain.DomainEndpoint}"}


def test_an_import_into_a_deployed_stack_is_indexed_by_the_stream(
    aws, template, services_index, stream, deployed, capsys, tmp_path
):
    # Given a stack with its taxonomies, a spreadsheet and an ORUK file
    load_taxonomies()
    sample = seed_sample(tmp_path, 20)

    # When both are imported with --stack
    code, out, err = run(capsys, "import", str(EXAMPLE_CSV), str(sample), "--stack", deployed)
    stream.drain()

    # Then every service is in the table and, through the stream and the indexer, in the search index
    assert code == 0, err
    assert "imported: 23 new, 0 updated, 0 unchanged; 23 record(s) written" in out
    assert f"importing into stack {deployed}" in err
    assert len(service_items(aws)) == 23
    assert drift().clean
    answer = get(template, "/services?search=autism+playgroup")
    assert answer["body"]["contents"][0]["name"] == "Little Stars Autism Playgroup"


def test_importing_the_same_file_again_writes_nothing_and_an_edited_file_updates(
    aws, template, services_index, stream, deployed, capsys, tmp_path
):
    sample = seed_sample(tmp_path, 5)
    assert run(capsys, "import", str(sample), "--stack", deployed)[0] == 0
    stream.drain()
    before = table_items(aws)

    # Importing the same file again changes nothing and puts nothing on the stream
    code, out, _ = run(capsys, "import", str(sample), "--stack", deployed)
    assert code == 0
    assert "0 new, 0 updated, 5 unchanged; 0 record(s) written" in out
    assert table_items(aws) == before
    assert stream.drain() == 0

    # A file with one service renamed updates that service only, at the next version, and search follows
    services = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines()]
    services[2]["name"] = "Renamed Riverside Group"
    sample.write_text("".join(json.dumps(service) + "\n" for service in services), encoding="utf-8")
    code, out, _ = run(capsys, "import", str(sample), "--stack", deployed)
    stream.drain()
    assert "0 new, 1 updated, 4 unchanged; 1 record(s) written" in out
    stored = {item["id"]: item for item in service_items(aws)}
    assert stored[services[2]["id"]]["record_version"] == 2
    assert drift().clean
    found = get(template, "/services?search=Renamed+Riverside")["body"]["contents"]
    assert found[0]["id"] == services[2]["id"]


def test_a_dry_run_reports_and_writes_nothing(aws, services_index, stream, deployed, capsys, tmp_path):
    load_taxonomies()
    stream.drain()
    before = table_items(aws)

    code, out, _ = run(capsys, "import", str(EXAMPLE_CSV), "--dry-run", "--stack", deployed)

    assert code == 0
    assert out.strip() == "dry run: 3 new, 0 updated, 0 unchanged; nothing was written"
    assert table_items(aws) == before
    assert stream.drain() == 0


def test_a_bad_file_is_refused_naming_row_and_field_and_nothing_is_written(
    aws, services_index, stream, deployed, capsys, tmp_path
):
    # Given a valid ORUK file and a spreadsheet whose fourth row has an age that is not a number
    load_taxonomies()
    sample = seed_sample(tmp_path, 3)
    sheet = tmp_path / "sheet.csv"
    lines = EXAMPLE_CSV.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",0,18,", ",0,eighteen,")
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stream.drain()
    before = table_items(aws)

    # When both are imported together
    code, out, err = run(capsys, "import", str(sample), str(sheet), "--stack", deployed)

    # Then the command fails, names the row and the column, and writes nothing (not even the valid file)
    assert code == 1
    assert "sheet.csv: row 4: maximum_age: 'eighteen' is not a number" in err
    assert "nothing was written" in err
    assert out == ""
    assert table_items(aws) == before
    assert stream.drain() == 0


def test_an_export_validates_against_the_uk_profile_and_imports_back_unchanged(
    aws, services_index, stream, deployed, capsys, tmp_path
):
    load_taxonomies()
    assert run(capsys, "import", str(seed_sample(tmp_path, 30)), str(EXAMPLE_CSV), "--stack", deployed)[0] == 0
    exported = tmp_path / "export.json"

    code, _, err = run(capsys, "export", str(exported), "--stack", deployed)

    assert code == 0
    assert f"exported 33 service(s) from stack {deployed}" in err
    services = json.loads(exported.read_text(encoding="utf-8"))
    assert len(services) == 33
    for service in services:
        assert_valid("/services/{id}", service)
    # Read back by import: every service is what the stack holds
    before = table_items(aws)
    code, out, _ = run(capsys, "import", str(exported), "--stack", deployed)
    assert "0 new, 0 updated, 33 unchanged" in out
    assert table_items(aws) == before


def test_an_export_imports_into_another_stack_as_the_same_services(aws, deployed, capsys, tmp_path):
    from local_offer.repositories.records import ServiceRecordRepository

    assert run(capsys, "import", str(seed_sample(tmp_path, 10)), "--stack", deployed)[0] == 0
    exported = tmp_path / "export.json.gz"
    assert run(capsys, "export", str(exported), "--stack", deployed)[0] == 0
    original = {str(r.service.id): r for r in ServiceRecordRepository().scan()}
    table = aws.session.resource("dynamodb").Table(aws.name("RecordsTable"))
    for service_id in original:
        table.delete_item(Key={"pk": f"SERVICE#{service_id}", "sk": "CURRENT"})

    code, out, _ = run(capsys, "import", str(exported), "--stack", deployed)

    assert code == 0
    assert "10 new" in out
    again = {str(r.service.id): r for r in ServiceRecordRepository().scan()}
    assert {key: record.service for key, record in again.items()} == {
        key: record.service for key, record in original.items()
    }
    assert {key: record.meta.local_area for key, record in again.items()} == {
        key: record.meta.local_area for key, record in original.items()
    }


def test_a_record_changed_during_an_import_is_reported_not_overwritten(aws, tmp_path):
    from devstack.import_files import read_import_files
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.services.directory_import import apply_import, plan_directory_import

    repository = ServiceRecordRepository()
    services = read_import_files([seed_sample(tmp_path, 2)])
    plan = plan_directory_import(services, repository)
    # Someone else creates the first service between the plan and the write
    repository.put(services[0].to_record(), expected_version=0)

    outcome = apply_import(plan, repository)

    assert outcome.conflicts == [str(services[0].id)]
    assert outcome.written == 1
    assert repository.get(services[0].id).meta.record_version == 1


def test_a_stack_without_the_needed_outputs_is_refused(aws, capsys, tmp_path):
    body = {"Resources": {"Marker": {"Type": "AWS::SQS::Queue"}}, "Outputs": {"ApiId": {"Value": "x"}}}
    aws.session.client("cloudformation").create_stack(StackName="old-stack", TemplateBody=json.dumps(body))

    code, _, err = run(capsys, "import", str(EXAMPLE_CSV), "--stack", "old-stack")

    assert code == 1
    assert "stack old-stack has no output RecordsTableName: deploy the current template.yaml first" in err


def test_an_unknown_stack_is_refused(aws, capsys):
    code, _, err = run(capsys, "export", "-", "--stack", "nowhere")

    assert code == 1
    assert "stack nowhere:" in err


def test_seed_loads_taxonomies_faqs_resources_and_census_once_and_services_only_when_asked(
    aws, services_index, stream, s3_events, deployed, capsys, tmp_path
):
    from local_offer.repositories.census import CensusRepository
    from local_offer.repositories.faqs import FaqRepository
    from local_offer.repositories.resources import ResourceRepository
    from local_offer.repositories.taxonomies import TaxonomyRepository

    # When a fresh stack is seeded (the publisher runs on the bucket's events)
    code, out, err = run(capsys, "seed", "--no-wait", "--stack", deployed)
    s3_events.drain()
    stream.drain()

    # Then it has the taxonomies, every FAQ item, the published sample resources and the census, but no services
    assert code == 0, err
    faqs = list(FaqRepository().scan_items())
    assert len(TaxonomyRepository().list()) == 3
    assert "faqs: 22 created, 0 already there" in out
    assert len(faqs) == 22
    catalogue = json.loads((REPO / "seed" / "resources" / "catalogue.json").read_text(encoding="utf-8"))
    assert {r.title for r in ResourceRepository().published()} >= {e["title"] for e in catalogue["resources"]}
    assert CensusRepository().current() is not None
    assert "services: none (add --services" in out
    assert service_items(aws) == []

    # When it is seeded again, with services this time, nothing is duplicated and the services arrive
    code, out, _ = run(capsys, "seed", "--no-wait", "--services", str(seed_sample(tmp_path, 15)), "--stack", deployed)
    stream.drain()
    assert code == 0
    assert "faqs: 0 created, 22 already there" in out
    assert "census: already loaded (kept)" in out
    assert f"resources: 0 uploaded (the publisher publishes them), {len(catalogue['resources'])} already listed" in out
    assert "services: 15 new, 0 updated, 0 unchanged" in out
    assert len(service_items(aws)) == 15
    assert drift().clean
