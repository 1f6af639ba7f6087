"""Import files: ORUK JSON in its accepted shapes and the CSV template, validated whole, every problem named."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path
from typing import Any

import pytest

from devstack.import_csv import COLUMN_NAMES, COLUMNS, derived_id, reference_id, template_header
from devstack.import_files import ImportFileError, read_import_files
from local_offer.models.oruk import TaxonomyWithTerms
from tests.factories import service_json

REPO = Path(__file__).resolve().parents[2]
TEMPLATE_CSV = REPO / "docs" / "import" / "services-template.csv"
EXAMPLE_CSV = REPO / "docs" / "import" / "example-services.csv"


def seed_taxonomies() -> list[TaxonomyWithTerms]:
    raw = json.loads((REPO / "seed" / "directory" / "taxonomies.json").read_text(encoding="utf-8"))
    return [TaxonomyWithTerms.model_validate(item) for item in raw["taxonomies"]]


def envelope(services: list[dict[str, Any]], page: int) -> dict[str, Any]:
    return {
        "total_items": 99,
        "total_pages": 9,
        "page_number": page,
        "size": len(services),
        "first_page": page == 1,
        "last_page": False,
        "empty": not services,
        "contents": services,
    }


def problems_of(paths: list[Path], **kwargs: Any) -> list[str]:
    with pytest.raises(ImportFileError) as raised:
        read_import_files(paths, **kwargs)
    return [str(problem) for problem in raised.value.problems]


def write_csv(path: Path, rows: list[dict[str, str]], header: list[str] | None = None) -> Path:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header or list(COLUMN_NAMES), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


PLAYGROUP = {
    "service_id": "DCC-1",
    "service_name": "Little Stars Playgroup",
    "organization_name": "Little Stars CIC",
    "organization_description": "Parents of autistic children.",
    "categories": "Autistic Spectrum Disorder (ASD)",
    "needs": "asd",
    "markers": "Free; drop-in",
    "location_name": "Stanley Family Hub",
    "address_1": "Stanley Family Hub",
    "city": "Stanley",
    "state_province": "County Durham",
    "postal_code": "DH9 0NA",
    "days": "Monday; Wednesday",
    "opens_at": "9:30",
    "closes_at": "11:30",
}


# --- ORUK JSON ---------------------------------------------------------------------------------------------
def test_a_json_array_of_services_is_read(tmp_path):
    services = [service_json(f"Service {i}") for i in range(3)]
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services), encoding="utf-8")

    read = read_import_files([path])

    assert [str(service.id) for service in read] == [service["id"] for service in services]


def test_a_paged_services_dump_is_read_from_its_envelopes_in_one_file_or_many(tmp_path):
    services = [service_json(f"Service {i}") for i in range(5)]
    pages = tmp_path / "pages.json"
    pages.write_text(json.dumps([envelope(services[:2], 1), envelope(services[2:4], 2)]), encoding="utf-8")
    last = tmp_path / "page-3.json.gz"
    with gzip.open(last, "wt", encoding="utf-8") as handle:
        json.dump(envelope(services[4:], 3), handle)

    read = read_import_files([pages, last])

    assert [str(service.id) for service in read] == [service["id"] for service in services]


def test_ndjson_services_are_read_line_by_line(tmp_path):
    services = [service_json(f"Service {i}") for i in range(2)]
    path = tmp_path / "services.ndjson"
    path.write_text("\n".join(json.dumps(service) for service in services) + "\n", encoding="utf-8")

    assert len(read_import_files([path])) == 2


def test_every_bad_service_is_named_with_its_page_position_and_field(tmp_path):
    # Given a dump whose second page holds a service with a bad status and one without a name
    good, bad_status, nameless = (service_json(f"Service {i}") for i in range(3))
    bad_status["status"] = "open"
    del nameless["name"]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([envelope([good], 1), envelope([bad_status, nameless], 2)]), encoding="utf-8")

    # When it is read, then both problems are reported, each with where it is and which field
    problems = problems_of([path])
    assert len(problems) == 2
    assert problems[0].startswith("dump.json: [1] (page 2): contents[0] ('Service 1'): status: Input should be")
    assert problems[1] == "dump.json: [1] (page 2): contents[1]: name: Field required"


def test_a_service_id_repeated_across_files_is_a_problem(tmp_path):
    service = service_json()
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    first.write_text(json.dumps([service]), encoding="utf-8")
    second.write_text(json.dumps([service]), encoding="utf-8")

    problems = problems_of([first, second])

    assert problems == [
        f"b.json: [0] ('{service['name']}'): id: {service['id']} is also the id of a.json: [0] ('{service['name']}')"
    ]


def test_invalid_json_names_the_line(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('[\n{"id": 1,}\n]', encoding="utf-8")

    problems = problems_of([path])

    assert problems[0].startswith("broken.json: line 2 column")


def test_the_error_message_says_nothing_was_written(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps([{"name": "x"}]), encoding="utf-8")

    with pytest.raises(ImportFileError) as raised:
        read_import_files([path])

    assert str(raised.value).endswith("problem(s); nothing was written")


# --- CSV template ------------------------------------------------------------------------------------------
def test_the_shipped_template_has_exactly_the_columns_the_importer_reads():
    assert TEMPLATE_CSV.read_text(encoding="utf-8") == template_header()
    assert [column.name for column in COLUMNS if column.required] == ["service_id", "service_name"]


def test_the_shipped_example_imports_cleanly_with_the_seed_taxonomies():
    services = read_import_files([EXAMPLE_CSV], taxonomies=seed_taxonomies)

    assert len(services) == 3
    playgroup = next(service for service in services if service.name == "Little Stars Autism Playgroup")
    assert len(playgroup.service_at_locations) == 2  # two rows, two places


def test_rows_of_one_service_make_one_service_with_a_place_per_address(tmp_path):
    second_place = {
        "service_id": "DCC-1",
        "location_name": "Chester-le-Street Family Hub",
        "address_1": "Chester-le-Street Family Hub",
        "city": "Chester-le-Street",
        "state_province": "County Durham",
        "postal_code": "DH3 3QH",
        "days": "FR",
        "opens_at": "13:00",
        "closes_at": "15:00",
    }
    path = write_csv(tmp_path / "sheet.csv", [PLAYGROUP, second_place])

    [service] = read_import_files([path], taxonomies=seed_taxonomies)

    assert str(service.id) == reference_id("service", "DCC-1")
    assert service.organization.name == "Little Stars CIC"
    places = service.service_at_locations
    assert [place.location.name for place in places] == ["Stanley Family Hub", "Chester-le-Street Family Hub"]
    assert places[0].schedules[0].byday == "MO,WE"
    assert places[0].schedules[0].opens_at == "09:30"
    # A County Durham postcode gives the place's coordinates and the record's local area
    assert places[0].location.latitude is not None
    assert service.local_offer.local_area
    terms = {attribute.taxonomy_term.taxonomy: attribute.taxonomy_term.term for attribute in service.attributes}
    assert terms["sen-primary-need"] == "ASD"
    assert {a.taxonomy_term.term for a in service.attributes} >= {"free", "drop-in"}


def test_the_same_sheet_gives_the_same_ids_every_time(tmp_path):
    path = write_csv(tmp_path / "sheet.csv", [PLAYGROUP])

    first = read_import_files([path], taxonomies=seed_taxonomies)[0]
    again = read_import_files([path], taxonomies=seed_taxonomies)[0]

    assert first.to_json_dict() == again.to_json_dict()
    assert str(first.service_at_locations[0].location.id) == derived_id(
        "location", "DH9 0NA", "Stanley Family Hub", "Stanley Family Hub"
    )


def test_a_uuid_service_id_is_kept_as_it_is(tmp_path):
    service_id = "6b3c1f5e-0a4e-4e0b-9a57-3f0f2d9f6a10"
    path = write_csv(tmp_path / "sheet.csv", [{**PLAYGROUP, "service_id": service_id}])

    assert str(read_import_files([path], taxonomies=seed_taxonomies)[0].id) == service_id


def test_bad_cells_are_named_by_row_and_column(tmp_path):
    # Given a sheet whose row 2 has a bad age, an unknown need and a closing time before the opening,
    # and whose row 3 (another service) has an e-mail address that is not one and no city for its address
    bad = {**PLAYGROUP, "minimum_age": "three", "needs": "ASD; Dyslexia", "closes_at": "08:00"}
    other = {
        "service_id": "DCC-2",
        "service_name": "Second",
        "service_email": "not-an-address",
        "address_1": "1 High Street",
        "state_province": "County Durham",
        "postal_code": "DH1 1AB",
    }
    path = write_csv(tmp_path / "sheet.csv", [bad, other])

    problems = problems_of([path], taxonomies=seed_taxonomies)

    assert "sheet.csv: row 2: minimum_age: 'three' is not a number" in problems
    assert "sheet.csv: row 2: needs: 'Dyslexia' is not a term of sen-primary-need" in problems
    assert "sheet.csv: row 2: closes_at: 08:00 is not after opens_at 09:30" in problems
    assert "sheet.csv: row 3: city: needed for a place (or leave every address column empty)" in problems
    assert len(problems) == 4  # the e-mail is checked once the row's own problems are fixed


def test_a_model_rule_broken_in_a_cell_is_named_by_its_column(tmp_path):
    other = {"service_id": "DCC-2", "service_name": "Second", "service_email": "not-an-address"}
    path = write_csv(tmp_path / "sheet.csv", [other])

    problems = problems_of([path], taxonomies=seed_taxonomies)

    assert len(problems) == 1
    assert problems[0].startswith("sheet.csv: row 2: service_email: String should match pattern")


def test_a_service_column_that_differs_between_a_services_rows_is_a_problem(tmp_path):
    path = write_csv(tmp_path / "sheet.csv", [PLAYGROUP, {**PLAYGROUP, "service_name": "Little Stars"}])

    problems = problems_of([path], taxonomies=seed_taxonomies)

    assert problems == ["sheet.csv: row 3: service_name: 'Little Stars' differs from row 2 ('Little Stars Playgroup')"]


def test_an_unknown_column_or_a_missing_required_one_is_named_in_row_1(tmp_path):
    path = write_csv(tmp_path / "sheet.csv", [{"service_id": "x", "colour": "red"}], header=["service_id", "colour"])

    problems = problems_of([path], taxonomies=seed_taxonomies)

    assert problems == [
        "sheet.csv: row 1: colour: not a column of the template (docs/import.md)",
        "sheet.csv: row 1: service_name: the template's required column is missing",
    ]


def test_taxonomy_columns_need_the_stacks_taxonomies(tmp_path):
    path = write_csv(tmp_path / "sheet.csv", [PLAYGROUP])

    problems = problems_of([path], taxonomies=list)

    assert problems[0] == (
        "sheet.csv: row 2: categories: the stack has no taxonomy dfe-family-hubs-service-category: "
        "load it with `local-offer seed`"
    )


def test_docs_describe_every_column_of_the_template():
    documented = (REPO / "docs" / "import.md").read_text(encoding="utf-8")

    assert [name for name in COLUMN_NAMES if f"| `{name}` |" not in documented] == []


def test_the_progress_line_reports_each_tenth_once_when_not_on_a_terminal():
    from devstack.directory_commands import ProgressLine

    stream = io.StringIO()
    progress = ProgressLine("writing", stream)

    for done in range(1, 21):
        progress(done, 20)

    lines = stream.getvalue().splitlines()
    assert lines[0] == "writing: 1/20 (5%)"
    assert lines[-1] == "writing: 20/20 (100%)"
    assert len(lines) == 11  # 0%, then each tenth


def test_a_spreadsheet_saved_in_a_windows_encoding_is_refused_with_a_hint(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_bytes("service_id,service_name\nDCC-1,Caf\xe9 group\n".encode("cp1252"))

    problems = problems_of([path], taxonomies=list)

    assert len(problems) == 1
    assert "not UTF-8 text (save it from the spreadsheet as CSV UTF-8)" in problems[0]


def test_a_row_without_a_service_id_and_a_row_with_extra_cells_are_named(tmp_path):
    path = tmp_path / "sheet.csv"
    path.write_text("service_id,service_name\n,Nameless\nDCC-1,Group,extra\n", encoding="utf-8")

    problems = problems_of([path], taxonomies=list)

    assert problems == [
        "sheet.csv: row 2: service_id: needed on every row",
        "sheet.csv: row 3: (row): 1 more cell(s) than the header has columns",
    ]
