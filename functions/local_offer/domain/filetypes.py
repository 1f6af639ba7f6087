"""What a file really is, by its content (magic bytes and structure), whatever its name or declared type says.

    detect(body, declared=None) -> DetectedType(content_type, label)    or raises FileRefused(reason)

Recognised: PDF, DOCX, XLSX (Office Open XML zips with their parts), PNG, JPEG and CSV (UTF-8 text whose rows
all have the same number of fields, at least two). Executables and scripts are refused by name, as are
macro-enabled Office files, zips that would expand to something huge and HTML pages ("HTML, not a PDF").

Active content is refused too, because a published file is opened by families on their own machines:

* a PDF that carries JavaScript (`/JavaScript`, `/JS`), a launch action (`/Launch`), an embedded file
  (`/EmbeddedFile`) or rich media (`/RichMedia`), or an executable (a Windows PE or Linux ELF image) anywhere
  after its header, in its plain text or inside its compressed (FlateDecode) streams. PDF names may spell
  characters as `#xx`, so names are decoded before they are compared (`/J#61vaScript` is `/JavaScript`);
* a CSV cell that a spreadsheet would run as a formula: one starting with `=`, `+`, `-`, `@`, a tab or a
  carriage return (CSV injection). The one exception is a plain signed number (`-3`, `+1.5`, `-0.25`):
  spreadsheets read it as a number, never as a formula, and a figure may be negative. `-1+1`, `-A1`, `+cmd`
  and `-2+3+cmd|' /C calc'!A0` are refused. The refusal names the row (as a spreadsheet shows it, the header
  is row 1) and the column (its header name and letter).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
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

# PDF names that make a document do something when it is opened, with what they are in words.
PDF_ACTIVE_NAMES: dict[bytes, str] = {
    b"JavaScript": "JavaScript",
    b"JS": "JavaScript",
    b"Launch": "a launch action, which can start a program",
    b"EmbeddedFile": "an embedded file",
    b"EmbeddedFiles": "an embedded file",
    b"RichMedia": "embedded rich media (Flash or video that runs code)",
}
PDF_NAME = re.compile(rb"/((?:[A-Za-z0-9_.+-]|#[0-9A-Fa-f]{2})+)")
PDF_STREAM = re.compile(rb"(?<!end)stream\r?\n")
MAX_INFLATED_PDF_BYTES = 256 * 1024 * 1024  # like zips: a 25 MB PDF never inflates this far; a bomb does
ELF_HEADER = re.compile(rb"\x7fELF[\x01\x02][\x01\x02]\x01")
# A cell a spreadsheet would evaluate (OWASP "CSV injection"); a plain signed number is data, not a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
HTML_MARKERS = re.compile(rb"<(?:!doctype\s+html|html|head|body|script|iframe|meta|title)[\s>/]", re.IGNORECASE)
HTML_SAMPLE_BYTES = 4096


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


def detect(body: bytes, declared: str | None = None) -> DetectedType:
    """The type of `body` judged by its content alone; FileRefused when it is none we accept.

    `declared` (the content type the uploader gave) only shapes the words of a refusal ("not a PDF")."""
    if not body:
        raise FileRefused("the file is empty")
    for signature, what in EXECUTABLE_SIGNATURES:
        if body.startswith(signature):
            raise FileRefused(f"the file is {what}, not a document", detected="executable")
    if body.startswith(b"%PDF-"):
        _check_pdf_content(body)
        return _found(PDF)
    if body.startswith(b"\x89PNG\r\n\x1a\n"):
        return _found(PNG)
    if body.startswith(b"\xff\xd8\xff"):
        return _found(JPEG)
    if body.startswith(b"PK\x03\x04"):
        return _found(_office_type(body))
    if _looks_like_html(body):
        expected = describe(declared) if declared else "document"
        raise FileRefused(f"the file is HTML, not a {expected}", detected="text/html")
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


def _looks_like_html(body: bytes) -> bool:
    """Text that opens (after a byte-order mark and white space) with an HTML tag or doctype."""
    start = body[:HTML_SAMPLE_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"<?xml"):  # XHTML: the declaration, then the page
        start = start[start.find(b"?>") + 2 :].lstrip() if b"?>" in start else b""
    while start.startswith(b"<!--"):  # comments before the page
        end = start.find(b"-->")
        start = start[end + 3 :].lstrip() if end >= 0 else b""
    return HTML_MARKERS.match(start) is not None


def _check_pdf_content(body: bytes) -> None:
    """Refuse a PDF that carries scripts, actions, attachments or programs (see the module docstring)."""
    dictionaries, streams = _pdf_parts(body)
    for part in dictionaries:
        for match in PDF_NAME.finditer(part):
            name = _decode_pdf_name(match.group(1))
            if name in PDF_ACTIVE_NAMES:
                raise FileRefused(
                    f"the PDF contains {PDF_ACTIVE_NAMES[name]} (/{name.decode('ascii', 'replace')}); "
                    "save or print it to a plain PDF without scripts, actions or attachments",
                    detected="pdf-active-content",
                )
    for part in [body[5:], *streams]:
        what = _embedded_executable(part)
        if what:
            raise FileRefused(f"the PDF carries {what} after its header", detected="executable")


def _pdf_parts(body: bytes) -> tuple[list[bytes], list[bytes]]:
    """Where a PDF's names live, and its inflated streams.

    Names are read from everything outside streams (the objects' dictionaries) and from inflated object
    streams (`/ObjStm`, which hold dictionaries too); other streams are images, fonts and page content whose
    binary bytes would match a short name such as `/JS` by chance. Every inflated stream is searched for
    programs."""
    view = memoryview(body)
    dictionaries: list[bytes] = []
    streams: list[bytes] = []
    outside_from, inflated_total = 5, 0
    for match in PDF_STREAM.finditer(body, 5):
        if match.start() < outside_from:
            continue  # inside a stream already passed over
        stream_end = body.find(b"endstream", match.end())
        stream_end = len(body) if stream_end < 0 else stream_end
        dictionaries.append(body[outside_from : match.start()])
        object_start = body.rfind(b" obj", outside_from, match.start())
        is_object_stream = b"/ObjStm" in body[max(object_start, outside_from) : match.start()]
        outside_from = stream_end
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(view[match.end() : stream_end], MAX_INFLATED_PDF_BYTES - inflated_total + 1)
        except zlib.error:
            continue  # not a Flate stream (a JPEG, plain text, another filter): its raw bytes are searched
        inflated_total += len(inflated)
        if inflated_total > MAX_INFLATED_PDF_BYTES:
            raise FileRefused("the PDF's compressed streams would expand to more than 256 MB", detected=PDF)
        streams.append(inflated)
        if is_object_stream:
            dictionaries.append(inflated)
    dictionaries.append(body[outside_from:])
    return dictionaries, streams


def _decode_pdf_name(raw: bytes) -> bytes:
    """A PDF name with its `#xx` escapes decoded."""
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda escape: bytes([int(escape.group(1), 16)]), raw)


def _embedded_executable(data: bytes) -> str | None:
    """ "a Windows executable" when a PE image (MZ header pointing at a PE signature) or "a Linux executable"
    when an ELF header is found anywhere in `data`; a bare "MZ" is too common in binary data to count."""
    position = data.find(b"MZ")
    while position >= 0:
        pointer = data[position + 0x3C : position + 0x40]
        if len(pointer) == 4:
            pe_offset = position + int.from_bytes(pointer, "little")
            if data[pe_offset : pe_offset + 4] == b"PE\x00\x00":
                return "a Windows executable"
        position = data.find(b"MZ", position + 1)
    if ELF_HEADER.search(data):
        return "a Linux executable"
    return None


def _formula_cell(row: list[str]) -> int | None:
    """The index of the first cell a spreadsheet would run as a formula, or None."""
    for index, cell in enumerate(row):
        if cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell):
            return index
    return None


def _column_name(header: list[str] | None, index: int) -> str:
    """`B (area_id)`: the spreadsheet letter of a column and, when the header names it, its name."""
    letters, number = "", index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    name = header[index].strip() if header and index < len(header) else ""
    return f"{letters} ({name})" if name and _formula_cell([name]) is None else letters


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
    width, header = None, None
    try:
        for number, row in enumerate(rows, start=1):
            if not any(field.strip() for field in row):
                continue
            if width is None:
                width, header = len(row), row
            elif len(row) != width:
                raise FileRefused(
                    f"the CSV's row {number} has {len(row)} fields but its header has {width}", detected="text"
                )
            formula = _formula_cell(row)
            if formula is not None:
                raise FileRefused(
                    f"the CSV's row {number}, column {_column_name(header, formula)} starts with "
                    f"{row[formula][:1]!r}, so a spreadsheet could run it as a formula; remove that character "
                    "or start the cell with an apostrophe (')",
                    detected="text",
                )
    except csv.Error as exc:
        raise FileRefused(f"the file is not valid CSV: {exc}", detected="text") from exc
    return CSV


def _delimiter(header: str) -> str | None:
    """The delimiter the header line uses most (commas first on a tie), or None for a single column."""
    counts = {delimiter: header.count(delimiter) for delimiter in CSV_DELIMITERS}
    best = max(CSV_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else None
