"""What a file really is, by its content (magic bytes and structure), whatever its name or declared type says.

    detect(body) -> DetectedType(content_type, label)    or raises FileRefused(reason)

Recognised: PDF, DOCX, XLSX (Office Open XML zips with their parts), PNG, JPEG and CSV (UTF-8 text whose rows
all have the same number of fields, at least two). Executables and scripts are refused by name, as are
macro-enabled Office files and zips that would expand to something huge.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv"
PNG = "image/png"
JPEG = "image/jpeg"

LABELS = {PDF: "PDF", DOCX: "Word document (DOCX)", XLSX: "Excel workbook (XLSX)", CSV: "CSV", PNG: "PNG", JPEG: "JPEG"}

# Magic numbers of programs: a renamed executable must never be published as a document.
EXECUTABLE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"MZ", "a Windows executable"),
    (b"\x7fELF", "a Linux executable"),
    (b"\xfe\xed\xfa\xce", "a macOS executable"),
    (b"\xfe\xed\xfa\xcf", "a macOS executable"),
    (b"\xce\xfa\xed\xfe", "a macOS executable"),
    (b"\xcf\xfa\xed\xfe", "a macOS executable"),
    (b"\xca\xfe\xba\xbe", "a macOS or Java executable"),
    (b"#!", "a script"),
)
CSV_DELIMITERS = ",;\t|"
MAX_EXPANDED_ZIP_BYTES = 256 * 1024 * 1024  # a 25 MB Office file never expands this far; a zip bomb does
CSV_SAMPLE_BYTES = 64 * 1024


class FileRefused(Exception):
    """The file is not one we publish; `reason` says why in words an officer can act on."""

    def __init__(self, reason: str, detected: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.detected = detected


@dataclass(frozen=True)
class DetectedType:
    content_type: str
    label: str


def detect(body: bytes) -> DetectedType:
    """The type of `body` judged by its content alone; FileRefused when it is none we accept."""
    if not body:
        raise FileRefused("the file is empty")
    for signature, what in EXECUTABLE_SIGNATURES:
        if body.startswith(signature):
            raise FileRefused(f"the file is {what}, not a document", detected="executable")
    if body.startswith(b"%PDF-"):
        return _found(PDF)
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return _found(PNG)
    if body.startswith(b"\xff\xd8\xff"):
        return _found(JPEG)
    if body.startswith(b"PK\x03\x04"):
        return _found(_office_type(body))
    return _found(_csv_type(body))


def describe(content_type: str) -> str:
    """A content type in words ("PDF", "Word document (DOCX)")."""
    return LABELS.get(content_type, content_type)


def _found(content_type: str) -> DetectedType:
    return DetectedType(content_type, LABELS[content_type])


def _office_type(body: bytes) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(body))
        entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise FileRefused("the file starts like a zip archive but is damaged", detected="zip") from exc
    names = {entry.filename for entry in entries}
    if sum(entry.file_size for entry in entries) > MAX_EXPANDED_ZIP_BYTES:
        raise FileRefused("the archive would expand to more than 256 MB", detected="zip")
    if "[Content_Types].xml" not in names:
        raise FileRefused("the file is a zip archive, not a Word or Excel document", detected="zip")
    if any(name.endswith("vbaProject.bin") for name in names):
        raise FileRefused("the document contains macros; save it as a plain .docx or .xlsx", detected="office-macro")
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    raise FileRefused("the file is an Office archive but neither a Word document nor an Excel workbook", "zip")


def _csv_type(body: bytes) -> str:
    """CSV: UTF-8 text without control bytes, at least two columns, every row as wide as the header."""
    if b"\x00" in body[:CSV_SAMPLE_BYTES]:
        raise FileRefused("the file is binary data of a kind we do not publish", detected="binary")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FileRefused(
            f"the file is not a recognised document type, nor UTF-8 text (invalid byte at offset {exc.start})",
            detected="binary",
        ) from exc
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise FileRefused("the file is blank text", detected="text")
    delimiter = _delimiter(lines[0])
    if delimiter is None:
        raise FileRefused("the file is text with a single column, not a CSV table", detected="text")
    rows = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    width = None
    try:
        for number, row in enumerate(rows, start=1):
            if not any(field.strip() for field in row):
                continue
            if width is None:
                width = len(row)
            elif len(row) != width:
                raise FileRefused(
                    f"the CSV's row {number} has {len(row)} fields but its header has {width}", detected="text"
                )
    except csv.Error as exc:
        raise FileRefused(f"the file is not valid CSV: {exc}", detected="text") from exc
    return CSV


def _delimiter(header: str) -> str | None:
    """The delimiter the header line uses most (commas first on a tie), or None for a single column."""
    counts = {delimiter: header.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else None
