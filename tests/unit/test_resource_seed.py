"""The sample resources: committed files are what the generator writes, and each is what it claims to be."""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from local_offer.domain.filetypes import detect
from local_offer.models.resources import NewResource

SEED = Path(__file__).resolve().parents[2] / "seed" / "resources"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("seed_resources_generate", SEED / "generate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_resources_are_exactly_what_the_generator_writes(generator: ModuleType) -> None:
    rendered = generator.render()

    committed = {
        path.name: path.read_bytes() for path in SEED.iterdir() if path.is_file() and path.name != "generate.py"
    }

    assert sorted(committed) == sorted(rendered), "run seed/resources/generate.py and commit its output"
    stale = [name for name, content in rendered.items() if committed[name] != content]
    assert not stale, f"stale files (run seed/resources/generate.py): {stale}"


def test_every_catalogue_entry_is_a_valid_new_resource_whose_file_has_its_declared_type() -> None:
    catalogue = json.loads((SEED / "catalogue.json").read_text(encoding="utf-8"))

    for entry in catalogue["resources"]:
        new = NewResource(
            title=entry["title"],
            summary=entry["summary"],
            audience=entry["audience"],
            topics=entry["topics"],
            file_name=entry["file"],
            content_type=entry["content_type"],
        )
        assert detect((SEED / new.file_name).read_bytes()).content_type == new.content_type


@pytest.mark.parametrize("name", ["understanding-send.pdf", "early-years-send-funding-guide.pdf"])
def test_pdf_cross_reference_table_points_at_every_object(name: str) -> None:
    body = (SEED / name).read_bytes()
    startxref = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", body).group(1))  # type: ignore[union-attr]
    assert body[startxref:].startswith(b"xref\n0 ")
    count = int(body[startxref:].split(b"\n")[1].split()[1])
    entries = body[startxref:].split(b"\n")[3 : 3 + count - 1]
    for number, entry in enumerate(entries, start=1):
        offset = int(entry[:10])
        assert body[offset:].startswith(b"%d 0 obj\n" % number), f"{name}: object {number} not at {offset}"
    for length, stream in re.findall(rb"<< /Length (\d+) >>\nstream\n(.*?)endstream", body, re.DOTALL):
        assert int(length) == len(stream)


def test_the_leaflet_says_what_the_training_answers_say() -> None:
    text = (SEED / "understanding-send.pdf").read_bytes()

    assert b"The D in SEND stands for disabilities" in text
    assert b"My Plan" in text
    assert b"SENDIASS" in text


def test_the_report_template_is_a_word_document_with_its_sections() -> None:
    with zipfile.ZipFile(SEED / "occupational-therapy-report-template.docx") as archive:
        document = archive.read("word/document.xml").decode("utf-8")

    for heading in ("Reason for referral", "Sensory processing", "Provision recommended"):
        assert heading in document
