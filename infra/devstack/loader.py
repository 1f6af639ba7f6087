"""Loading directory data files into the records table, through the repository.

A data file is a JSON array of services or NDJSON (one service per line), optionally gzip-compressed
(`.gz`). Every record is validated as a `PublishedService` before anything is written, so a malformed file
loads nothing and the error names the file, the record and the field:

    services.json: record 12 (0-based): service_at_locations.0.location.latitude: Input should be less
    than or equal to 90

Writes go through `ServiceRecordRepository.put_many`, so the table's stream and the indexer see exactly
what production would.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from pydantic import ValidationError

CHUNK_SIZE = 200
MAX_REPORTED_PROBLEMS = 5

Progress = Callable[[int, int], None]


class DataFileError(Exception):
    """A data file that cannot be loaded; the message names the file, the record and what is wrong."""


@dataclass(frozen=True)
class _RawRecord:
    index: int  # 0-based position among the records
    line: int | None  # 1-based line in an NDJSON file
    text: str | None  # NDJSON: the line, still to decode
    value: Any = None  # JSON array: the decoded element


def _read_text(path: Path) -> str:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as handle:
                return handle.read()
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise DataFileError(f"{path}: cannot read: {exc}") from exc


def _raw_records(name: str, text: str) -> Iterator[_RawRecord]:
    if text.lstrip().startswith("["):
        try:
            values = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DataFileError(f"{name}: invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
        for index, value in enumerate(values):
            yield _RawRecord(index, None, None, value)
        return
    index = 0
    for line_number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _RawRecord(index, line_number, line)
            index += 1


def _where(name: str, raw: _RawRecord) -> str:
    line = f", line {raw.line}" if raw.line is not None else ""
    return f"{name}: record {raw.index} (0-based{line})"


def _describe(error: ValidationError) -> str:
    problems = []
    for detail in error.errors(include_url=False)[:MAX_REPORTED_PROBLEMS]:
        location = ".".join(str(part) for part in detail["loc"]) or "(record)"
        problems.append(f"{location}: {detail['msg']}")
    more = error.error_count() - len(problems)
    return "; ".join(problems) + (f"; and {more} more" if more > 0 else "")


def read_services(source: str | Path | Iterable[str], name: str | None = None) -> list[Any]:
    """Parse and validate every service of a data file (a path, or its lines); raises DataFileError naming
    the file, the first invalid record (0-based index) and its fields, plus how many others are invalid."""
    from local_offer.models.records import PublishedService

    if isinstance(source, str | Path):
        name = name or str(source)
        text = _read_text(Path(source))
    else:
        name = name or "<input>"
        text = "\n".join(line.rstrip("\n") for line in source)
    services: list[PublishedService] = []
    problems: list[str] = []
    invalid_indexes: list[int] = []
    first_seen: dict[Any, int] = {}
    for raw in _raw_records(name, text):
        try:
            service = (
                PublishedService.model_validate_json(raw.text)
                if raw.text is not None
                else PublishedService.model_validate(raw.value)
            )
        except ValidationError as exc:
            invalid_indexes.append(raw.index)
            if not problems:
                problems.append(f"{_where(name, raw)}: {_describe(exc)}")
            continue
        if service.id in first_seen:
            invalid_indexes.append(raw.index)
            if not problems:
                problems.append(f"{_where(name, raw)}: id: {service.id} repeats record {first_seen[service.id]}")
            continue
        first_seen[service.id] = raw.index
        services.append(service)
    if problems:
        others = invalid_indexes[1:]
        if others:
            listed = ", ".join(str(index) for index in others[:10]) + (", ..." if len(others) > 10 else "")
            problems.append(f"{len(others)} more invalid records: {listed}")
        raise DataFileError("\n".join(problems) + "\nnothing was loaded")
    return services


def write_services(services: Iterable[Any], repository: Any, progress: Progress | None = None) -> int:
    """Write validated PublishedServices through `repository.put_many` in chunks, reporting progress."""
    services = list(services)
    total, written = len(services), 0
    records = (service.to_record() for service in services)
    while chunk := list(islice(records, CHUNK_SIZE)):
        written += repository.put_many(chunk)
        if progress:
            progress(written, total)
    return written


def load_services(
    source: str | Path | Iterable[str],
    repository: Any = None,
    progress: Progress | None = None,
    name: str | None = None,
) -> int:
    """Validate a whole data file, then write it; returns the number of services written.

    `repository` defaults to a `ServiceRecordRepository` on the configured table; `progress(done, total)`
    is called after each chunk.
    """
    services = read_services(source, name)
    if repository is None:
        from local_offer.repositories.records import ServiceRecordRepository

        repository = ServiceRecordRepository()
    return write_services(services, repository, progress)


def load_taxonomies(path: Path, repository: Any = None) -> int:
    """Write the taxonomies of a `seed/directory/taxonomies.json`-shaped file; returns how many."""
    from local_offer.models.oruk import TaxonomyWithTerms

    raw = json.loads(_read_text(path))
    taxonomies = [TaxonomyWithTerms.model_validate(item) for item in raw["taxonomies"]]
    if repository is None:
        from local_offer.repositories.taxonomies import TaxonomyRepository

        repository = TaxonomyRepository()
    return repository.put_many(taxonomies)


def read_faqs(path: Path) -> list[Any]:
    """The FAQ items of a `seed/faqs/faqs.json`-shaped file as version-1 `FaqItem`s (validated, contacts known)."""
    from local_offer.domain.faqs import unknown_contacts
    from local_offer.models.faqs import FaqItem

    raw = json.loads(_read_text(path))
    items = []
    for index, entry in enumerate(raw["items"]):
        data = {key: value for key, value in entry.items() if key != "key"}
        try:
            defaults = {"status": "published", "version": 1, "updated_at": raw["updated_at"]}
            item = FaqItem.model_validate({**defaults, **data})
        except ValidationError as exc:
            raise DataFileError(f"{path}: item {index} ({entry.get('key')}): {_describe(exc)}") from exc
        unknown = unknown_contacts(item.contacts)
        if unknown:
            raise DataFileError(f"{path}: item {index} ({entry.get('key')}): unknown contacts {unknown}")
        items.append(item)
    return items


def load_faqs(path: Path, repository: Any = None) -> int:
    """Write the FAQ items of a seed file through the FAQ repository (so the stream indexes them); returns how many."""
    items = read_faqs(path)
    if repository is None:
        from local_offer.repositories.faqs import FaqRepository

        repository = FaqRepository()
    return repository.put_many(items)
