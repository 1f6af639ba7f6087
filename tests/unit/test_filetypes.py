"""A file's real type comes from its content: magic bytes, Office parts, CSV shape; never from its name."""

from __future__ import annotations

import io
import zipfile
import zlib

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


# ---------------------------------------------------------------------------------------------------------
# CSV injection: cells a spreadsheet would run as formulas
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "reason_start"),
    [
        (b"name,total\nHall,=1+1\n", "the CSV's row 2, column B (total) starts with '='"),
        (b"name,total\nHall,+cmd\n", "the CSV's row 2, column B (total) starts with '+'"),
        (b"name,total\nHall,-2+3+cmd|' /C calc'!A0\n", "the CSV's row 2, column B (total) starts with '-'"),
        (b"name,total\n@SUM(A1),4\n", "the CSV's row 2, column A (name) starts with '@'"),
        (b'name,total\n"\tHall",4\n', "the CSV's row 2, column A (name) starts with '\\t'"),
        (b'name,total\n"\rHall",4\n', "the CSV's row 2, column A (name) starts with '\\r'"),
        (b'name,total\nHall,4\nBarn,"=HYPERLINK(""http://x"")"\n', "the CSV's row 3, column B (total) starts with '='"),
        (b"name,=cmd\nHall,4\n", "the CSV's row 1, column B starts with '='"),
        (b"year;area\n2024;-A1\n", "the CSV's row 2, column B (area) starts with '-'"),
    ],
)
def test_a_csv_cell_a_spreadsheet_would_run_is_refused_naming_row_and_column(body: bytes, reason_start: str) -> None:
    with pytest.raises(FileRefused) as refused:
        detect(body)

    assert refused.value.reason.startswith(reason_start), refused.value.reason
    assert "formula" in refused.value.reason


@pytest.mark.parametrize("number", ["-3", "+1.5", "-0.25", "-.5", "+7"])
def test_a_plain_signed_number_is_data_not_a_formula(number: str) -> None:
    body = f"area,change\nStanley,{number}\n".encode()

    assert detect(body).content_type == CSV


def test_a_formula_character_later_in_a_cell_is_harmless() -> None:
    assert detect(b"name,email\nHall,jo@example.org\nBarn,a=b\n").content_type == CSV


# ---------------------------------------------------------------------------------------------------------
# PDFs with active content
# ---------------------------------------------------------------------------------------------------------
PLAIN_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def pdf_with(objects: bytes) -> bytes:
    return b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + objects + b"\ntrailer\n%%EOF\n"


def flate_object(number: int, dictionary: bytes, content: bytes) -> bytes:
    data = zlib.compress(content)
    return (
        f"{number} 0 obj\n<< ".encode()
        + dictionary
        + f" /Filter /FlateDecode /Length {len(data)} >>\nstream\n".encode()
        + data
        + b"\nendstream\nendobj\n"
    )


def pe_image() -> bytes:
    header = bytearray(b"MZ" + b"\x90" * 0x3E)
    header[0x3C:0x40] = (0x80).to_bytes(4, "little")
    return bytes(header) + b"\x00" * (0x80 - len(header)) + b"PE\x00\x00" + b"\x4c\x01" + b"\x00" * 64


@pytest.mark.parametrize(
    ("body", "named"),
    [
        (pdf_with(b"3 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj"), "JavaScript (/JavaScript)"),
        (pdf_with(b"3 0 obj\n<< /OpenAction << /S /JS (x) >> >>\nendobj"), "JavaScript (/JS)"),
        (pdf_with(b"3 0 obj\n<< /S /Launch /F (cmd.exe) >>\nendobj"), "a launch action, which can start a program"),
        (pdf_with(b"3 0 obj\n<< /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream\nendobj"), "an embedded file"),
        (pdf_with(b"3 0 obj\n<< /S /J#61vaScript /JS (x) >>\nendobj"), "JavaScript (/JavaScript)"),
        (pdf_with(b"3 0 obj\n<< /RichMedia 4 0 R >>\nendobj"), "embedded rich media"),
        (
            pdf_with(flate_object(3, b"/Type /ObjStm /N 1 /First 4", b"4 0 << /S /Launch /F (x.exe) >>")),
            "a launch action",
        ),
    ],
)
def test_a_pdf_with_scripts_actions_or_attachments_is_refused_naming_what_it_carries(body: bytes, named: str) -> None:
    with pytest.raises(FileRefused) as refused:
        detect(body)

    assert refused.value.reason.startswith("the PDF contains "), refused.value.reason
    assert named in refused.value.reason
    assert refused.value.detected == "pdf-active-content"


@pytest.mark.parametrize(
    ("body", "what"),
    [
        (PLAIN_PDF + pe_image(), "the PDF carries a Windows executable after its header"),
        (pdf_with(flate_object(3, b"", pe_image())), "the PDF carries a Windows executable after its header"),
        (PLAIN_PDF + b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56, "the PDF carries a Linux executable after its header"),
    ],
)
def test_a_pdf_carrying_a_program_after_its_header_is_refused(body: bytes, what: str) -> None:
    with pytest.raises(FileRefused) as refused:
        detect(body)

    assert refused.value.reason == what
    assert refused.value.detected == "executable"


def test_binary_streams_that_happen_to_hold_name_like_bytes_are_not_mistaken_for_scripts() -> None:
    # An image stream's bytes may spell "/JS " or "MZ" by chance: only dictionaries are read for names and
    # an MZ counts only when it points at a PE header.
    image = b"\x00/JS \x00MZ\x00\x00" * 200
    image_object = b"3 0 obj\n<< /Type /XObject /Subtype /Image /Length 2000 >>\nstream\n" + image
    body = pdf_with(image_object + b"\nendstream\nendobj")

    assert detect(body).content_type == PDF


def test_a_plain_pdf_with_compressed_page_content_is_accepted() -> None:
    body = pdf_with(flate_object(3, b"", b"BT /F1 12 Tf 72 712 Td (Understanding SEND) Tj ET"))

    assert detect(body).content_type == PDF


# ---------------------------------------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        b"<!DOCTYPE html>\n<html><head><title>Leaflet</title></head><body>Hi</body></html>",
        b"\xef\xbb\xbf  <html lang='en'><body>x</body></html>",
        b"<!-- saved from url=(0014)about:internet -->\n<html><body>x</body></html>",
        b"<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>",
        b"<script>alert(1)</script>",
    ],
)
def test_an_html_page_uploaded_as_a_pdf_is_refused_as_html_not_a_pdf(body: bytes) -> None:
    with pytest.raises(FileRefused) as refused:
        detect(body, declared=PDF)

    assert refused.value.reason == "the file is HTML, not a PDF"
    assert refused.value.detected == "text/html"


def test_an_html_page_is_named_as_html_whatever_was_declared() -> None:
    with pytest.raises(FileRefused) as refused:
        detect(b"<html><body>x</body></html>", declared=CSV)

    assert refused.value.reason == "the file is HTML, not a CSV"
