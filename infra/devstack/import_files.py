"""Reading the files `local-offer import` accepts, validating every service before anything is written.

Accepted (see docs/import.md):
- ORUK 3.0 service JSON: a JSON array of full services (as `GET /services/{id}` or `local-offer export`
  returns them), one service per line (NDJSON), or a paged `/services` dump: one list envelope (the object
  with `contents`), an array of them, or one per line. Any of these may be gzip-compressed (`.gz`).
- The spreadsheet template (`.csv`): one row per service at a location (devstack.import_csv).

Every problem in every file is collected and reported together, each naming where it is (the file, the
record or CSV row) and the field, and nothing is written unless there is none.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from devstack.import_records import Problem, SourcedService

MAX_LISTED_PROBLEMS = 25


class ImportFileError(Exception):
    """Input that cannot be imported; `problems` lists every one found (the message shows the first few)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        lines = [str(problem) for problem in self.problems[:MAX_LISTED_PROBLEMS]]
        if len(self.problems) > MAX_LISTED_PROBLEMS:
            lines.append(f"... and {len(self.problems) - MAX_LISTED_PROBLEMS} more problems")
        lines.append(f"{len(self.problems)} problem(s); nothing was written")
        super().__init__("\n".join(lines))


def pydantic_problems(where: str, error: ValidationError) -> list[Problem]:
    """One Problem per pydantic error, the field as a dotted path."""
    return [
        Problem(where, ".".join(str(part) for part in detail["loc"]) or "(record)", detail["msg"])
        for detail in error.errors(include_url=False)
    ]


def read_text(path: Path) -> str:
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8-sig") as handle:
                return handle.read()
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        hint = " (save it from the spreadsheet as CSV UTF-8)" if is_csv(path) else ""
        raise ImportFileError([Problem(str(path), "(file)", f"not UTF-8 text{hint}: {exc}")]) from exc
    except (OSError, EOFError) as exc:
        raise ImportFileError([Problem(str(path), "(file)", f"cannot read: {exc}")]) from exc


def is_csv(path: Path) -> bool:
    return path.name.lower().removesuffix(".gz").endswith(".csv")


def _json_units(name: str, text: str, problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """(where, decoded value) for each service or envelope of a JSON or NDJSON text."""
    stripped = text.lstrip()
    try:
        whole = json.loads(stripped) if stripped else []
    except json.JSONDecodeError as exc:
        if stripped.startswith("["):
            problems.append(Problem(name, f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}"))
            return
        whole = None  # not one JSON document: one per line
    if whole is None:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                yield f"{name}: line {number}", json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(Problem(f"{name}: line {number}", f"column {exc.colno}", f"invalid JSON: {exc.msg}"))
        return
    if isinstance(whole, list):
        for index, value in enumerate(whole):
            yield f"{name}: [{index}]", value
    else:
        yield name, whole


def _services_of(where: str, value: Any, problems: list[Problem]) -> Iterator[tuple[str, Any]]:
    """A unit is a service, or a `/services` list envelope whose `contents` are services."""
    if isinstance(value, dict) and "contents" in value:
        contents = value["contents"]
        page = value.get("page_number")
        label = f"{where} (page {page})" if page is not None else where
        if not isinstance(contents, list):
            problems.append(Problem(label, "contents", "must be a list of services"))
            return
        for index, service in enumerate(contents):
            yield f"{label}: contents[{index}]", service
    elif isinstance(value, dict):
        yield where, value
    else:
        problems.append(
            Problem(where, "(record)", f"expected a service object or a list envelope, not {type(value).__name__}")
        )


def read_json_services(path: Path, problems: list[Problem]) -> list[SourcedService]:
    """The services of an ORUK JSON file (validated); problems are appended, not raised."""
    from local_offer.models.records import PublishedService

    services = []
    for where, unit in _json_units(path.name, read_text(path), problems):
        for service_where, value in _services_of(where, unit, problems):
            if isinstance(value, dict) and value.get("name"):
                service_where = f"{service_where} ({str(value['name'])[:60]!r})"
            try:
                services.append(SourcedService(service_where, PublishedService.model_validate(value)))
            except ValidationError as exc:
                problems.extend(pydantic_problems(service_where, exc))
    return services


def read_import_files(paths: Iterable[Path], taxonomies: Callable[[], list[Any]] | None = None) -> list[Any]:
    """Every service of every file, validated; raises ImportFileError listing every problem (a service id
    that appears twice is one). `taxonomies()` gives the stack's taxonomies, which a CSV file's category,
    need and marker columns are checked against (it is called only when a CSV file is read)."""
    from devstack.import_csv import read_csv_services

    problems: list[Problem] = []
    sourced: list[SourcedService] = []
    for path in paths:
        try:
            if is_csv(path):
                text = read_text(path)
                sourced.extend(read_csv_services(path, text, taxonomies() if taxonomies else [], problems))
            else:
                sourced.extend(read_json_services(path, problems))
        except ImportFileError as exc:  # an unreadable file: report it with the others' problems
            problems.extend(exc.problems)
    first_seen: dict[Any, str] = {}
    for item in sourced:
        service_id = item.service.id
        if service_id in first_seen:
            problems.append(Problem(item.where, "id", f"{service_id} is also the id of {first_seen[service_id]}"))
        else:
            first_seen[service_id] = item.where
    if problems:
        raise ImportFileError(problems)
    return [item.service for item in sourced]
