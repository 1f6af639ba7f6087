"""A file's real type comes from its content: magic bytes, Office parts, CSV shape; never from its name."""

from __future__ import annotations

import io
import zipfile

import pytest

from local_offer.domain.filetypes import CSV, DOCX, JPEG, PDF, PNG, XLSX, FileRefused, detect


def office_zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", PNG),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", JPEG),
        (office_zip("[Content_Types].xml", "_rels/.rels", "word/document.xml"), DOCX),
        (office_zip("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), XLSX),
        (b"year,area,need,count\n2024,stanley,ASD,12\n", CSV),
        ("\ufeffyear;area;count\r\n2024;Seaham;3\r\n".encode(), CSV),
        (b'name,note\n"Smith, J","said ""hello"""\n', CSV),
    ],
)
def test_detect_recognises_each_accepted_type_by_content(body: bytes, expected: str) -> None:
    assert detect(body).content_type == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"MZ\x90\x00" + b"\x00" * 60, "the file is a Windows executable, not a document"),
        (b"\x7fELF\x02\x01\x01", "the file is a Linux executable, not a document"),
        (b"#!/bin/sh\nrm -rf /\n", "the file is a script, not a document"),
        (b"", "the file is empty"),
        (office_zip("payload.exe"), "the file is a zip archive, not a Word or Excel document"),
        (
            office_zip("[Content_Types].xml", "word/document.xml", "word/vbaProject.bin"),
            "the document contains macros; save it as a plain .docx or .xlsx",
        ),
        (b"PK\x03\x04garbage", "the file starts like a zip archive but is damaged"),
        (b"a,b,c\n1,2\n", "the CSV's row 2 has 2 fields but its header has 3"),
        (b"just some words\nand more words\n", "the file is text with a single column, not a CSV table"),
        (b"GIF89a\x01\x00\x01\x00\x00\x00\x00", "the file is binary data of a kind we do not publish"),
    ],
)
def test_detect_refuses_what_we_do_not_publish_with_a_reason(body: bytes, reason: str) -> None:
    with pytest.raises(FileRefused) as refused:
        detect(body)

    assert refused.value.reason == reason


def test_a_renamed_executable_is_named_as_such_whatever_follows_its_header() -> None:
    disguised = b"MZ" + b"%PDF-1.4" + b"\x00" * 100

    with pytest.raises(FileRefused) as refused:
        detect(disguised)

    assert refused.value.detected == "executable"


def test_latin1_text_is_not_taken_for_a_csv() -> None:
    with pytest.raises(FileRefused) as refused:
        detect("name,town\nJos\u00e9,Durham\n".encode("latin-1"))

    assert "nor UTF-8 text" in refused.value.reason
