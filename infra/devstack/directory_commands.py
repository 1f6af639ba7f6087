"""`local-offer import`, `local-offer export` and `local-offer seed`: a council's directory in and out of a stack.

    local-offer import FILE [FILE ...] [--dry-run]     ORUK JSON (services or /services pages) or the CSV template
    local-offer export FILE                            every service as ORUK 3.0 JSON (FILE `-`: stdout)
    local-offer seed [--services]                      taxonomies, FAQ items, sample resources and census

Each works on the running local stack by default and on a deployed one with `--stack NAME` (devstack.targets).
Every write goes through the app's repositories, so the records table's stream indexes it exactly as it
indexes an officer's edit. See docs/import.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path
from typing import IO, Any

from devstack.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, subcommand
from devstack.targets import Target, TargetError, add_target_arguments, resolve_target

PUBLISH_TIMEOUT_SECONDS = 120.0


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class ProgressLine:
    """A one-line progress bar on stderr: redrawn in place on a terminal, a line per tenth otherwise."""

    WIDTH = 30

    def __init__(self, label: str, stream: IO[str] | None = None) -> None:
        self.label = label
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self._last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        if self.interactive:
            filled = int(fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            end = "\n" if done >= total else ""
            self.stream.write(f"\r{self.label} [{bar}] {done}/{total}{end}")
        else:
            tenth = int(fraction * 10)
            if tenth == self._last_tenth and done < total:
                return
            self._last_tenth = tenth
            self.stream.write(f"{self.label}: {done}/{total} ({fraction:.0%})\n")
        self.stream.flush()


def _target(args: argparse.Namespace, command: str) -> Target | None:
    try:
        target = resolve_target(args, command)
    except TargetError as exc:
        _say(f"local-offer {command}: {exc}")
        return None
    target.activate()
    return target


# ---------------------------------------------------------------------------------------------------------
# import
# ---------------------------------------------------------------------------------------------------------
def _configure_import(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="ORUK service JSON (array, NDJSON or /services pages; .gz too) or the CSV template (docs/import.md)",
    )
    parser.add_argument("--dry-run", action="store_true", help="validate and report what would change; write nothing")
    add_target_arguments(parser)


def _stack_taxonomies() -> list[Any]:
    from local_offer.repositories.taxonomies import TaxonomyRepository

    return TaxonomyRepository().list()


def import_files(paths: list[Path], *, dry_run: bool, progress: Any = None) -> tuple[Any, Any]:
    """Validate every file, plan against the stored records and (unless `dry_run`) write: returns
    (plan, outcome or None). Raises ImportFileError before anything is written."""
    from devstack.import_files import read_import_files
    from local_offer.services.directory_import import apply_import, plan_directory_import

    services = read_import_files(paths, taxonomies=_stack_taxonomies)
    plan = plan_directory_import(services)
    if dry_run:
        return plan, None
    return plan, apply_import(plan, progress=progress)


@subcommand(
    "import",
    help="import services from ORUK JSON or the CSV template (validated whole first; again = update)",
    configure=_configure_import,
)
def import_command(args: argparse.Namespace) -> int:
    from devstack.import_files import ImportFileError

    missing = [str(path) for path in args.paths if not path.is_file()]
    if missing:
        _say(f"local-offer import: no such file: {', '.join(missing)}")
        return EXIT_USAGE
    target = _target(args, "import")
    if target is None:
        return EXIT_ERROR
    _say(f"importing into {target.description}")
    try:
        plan, outcome = import_files(args.paths, dry_run=args.dry_run, progress=ProgressLine("writing"))
    except ImportFileError as exc:
        _say(f"local-offer import: the file cannot be imported:\n{exc}")
        return EXIT_ERROR
    if outcome is None:
        print(f"dry run: {plan.summary()}; nothing was written")
        return EXIT_OK
    print(f"imported: {plan.summary()}; {outcome.written} record(s) written")
    if outcome.conflicts:
        _say(
            f"{len(outcome.conflicts)} service(s) changed in the stack while importing and were not overwritten "
            f"(import again to apply the file to them): {', '.join(outcome.conflicts[:10])}"
        )
        return EXIT_ERROR
    if outcome.written:
        _say("the records table's stream indexes them; `local-offer check-index` shows when search has caught up")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# export
# ---------------------------------------------------------------------------------------------------------
def _configure_export(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="where to write the JSON array (.gz compresses; - for stdout)")
    add_target_arguments(parser)


def write_export(handle: IO[str], services: Any) -> int:
    """A JSON array with one service per line (readable diffs, and `import` reads it back); returns the count."""
    count = 0
    handle.write("[")
    for service in services:
        handle.write(",\n" if count else "\n")
        handle.write(json.dumps(service.to_json_dict(), ensure_ascii=False, separators=(",", ":")))
        count += 1
    handle.write("\n]\n")
    return count


@subcommand(
    "export", help="write every service as ORUK 3.0 JSON (which `import` reads back)", configure=_configure_export
)
def export_command(args: argparse.Namespace) -> int:
    from local_offer.services.directory_import import exported_services

    target = _target(args, "export")
    if target is None:
        return EXIT_ERROR
    services = exported_services()
    if args.path == "-":
        count = write_export(sys.stdout, services)
    else:
        path = Path(args.path)
        partial = path.with_name(path.name + ".partial")
        opener: Any = gzip.open if path.suffix == ".gz" else open
        with opener(partial, "wt", encoding="utf-8") as handle:
            count = write_export(handle, services)
        partial.replace(path)
    _say(f"exported {count} service(s) from {target.description} to {args.path}")
    return EXIT_OK


# ---------------------------------------------------------------------------------------------------------
# seed
# ---------------------------------------------------------------------------------------------------------
def _configure_seed(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--services",
        nargs="?",
        const="sample",
        default=None,
        metavar="FILE",
        help="also import services: the 3,600 County Durham sample services, or FILE",
    )
    parser.add_argument("--no-wait", action="store_true", help="do not wait for the uploaded files to be published")
    add_target_arguments(parser)


def seed_faqs(path: Path) -> tuple[int, int]:
    """Create the FAQ items the stack does not have (an item that exists, maybe edited since, is kept);
    returns (created, kept)."""
    from devstack.loader import read_faqs
    from local_offer.models.errors import StaleWrite
    from local_offer.repositories.faqs import FaqRepository

    repository = FaqRepository()
    created = kept = 0
    for item in read_faqs(path):
        if repository.get(item.id) is not None:
            kept += 1
            continue
        try:
            repository.save(item, expected_version=0)
            created += 1
        except StaleWrite:
            kept += 1
    return created, kept


def seed_resources(directory: Path) -> tuple[list[Any], int]:
    """Upload the sample resources whose title the catalogue does not list yet; returns (new ids, kept)."""
    from devstack.resource_seed import upload_catalogue_entry
    from local_offer.repositories.resources import ResourceRepository

    catalogue = json.loads((directory / "catalogue.json").read_text(encoding="utf-8"))
    listed = {record.title for record in ResourceRepository().published()}
    created, kept = [], 0
    for entry in catalogue["resources"]:
        if entry["title"] in listed:
            kept += 1
            continue
        created.append(upload_catalogue_entry(directory, entry, sample_data=bool(catalogue.get("sample_data"))))
    return created, kept


def wait_published(resource_ids: list[Any], timeout: float = PUBLISH_TIMEOUT_SECONDS) -> int:
    """Wait until the publisher has dealt with every upload (published or refused); returns how many published."""
    from local_offer.repositories.resources import ResourceRepository

    repository = ResourceRepository()
    deadline = time.monotonic() + timeout
    while True:
        records = [repository.get(resource_id) for resource_id in resource_ids]
        settled = [record for record in records if record is not None and (record.published or record.last_outcome)]
        if len(settled) == len(resource_ids) or time.monotonic() > deadline:
            return sum(1 for record in settled if record.published)
        time.sleep(0.5)


@subcommand(
    "seed",
    help="load taxonomies, FAQ items, sample resources and the census into a fresh stack (--services: the "
    "3,600 sample services too)",
    configure=_configure_seed,
)
def seed_command(args: argparse.Namespace) -> int:
    from devstack.import_files import ImportFileError
    from devstack.loader import DataFileError, load_taxonomies
    from devstack.resource_seed import RESOURCE_SEED_PATH, ResourceSeedError, upload_census
    from devstack.stack import CENSUS_SEED_PATH, DEFAULT_SEED_PATH, FAQS_PATH, TAXONOMIES_PATH
    from local_offer.repositories.census import CensusRepository

    services_path = None
    if args.services is not None:
        services_path = DEFAULT_SEED_PATH if args.services == "sample" else Path(args.services)
        if not services_path.is_file():
            _say(f"local-offer seed: no such file: {services_path}")
            return EXIT_USAGE
    target = _target(args, "seed")
    if target is None:
        return EXIT_ERROR
    _say(f"seeding {target.description}")
    try:
        print(f"taxonomies: {load_taxonomies(TAXONOMIES_PATH)} written")
        created, kept = seed_faqs(FAQS_PATH)
        print(f"faqs: {created} created, {kept} already there (kept as they are)")
        resource_ids, kept = seed_resources(RESOURCE_SEED_PATH)
        census_id = None
        if CensusRepository().current() is None:
            census_id = upload_census(CENSUS_SEED_PATH)
            resource_ids.append(census_id)
        else:
            print("census: already loaded (kept)")
        if resource_ids and not args.no_wait:
            published = wait_published(resource_ids)
            print(f"resources: {published}/{len(resource_ids)} uploaded and published, {kept} already listed")
        else:
            print(f"resources: {len(resource_ids)} uploaded (the publisher publishes them), {kept} already listed")
    except (DataFileError, ResourceSeedError) as exc:
        _say(f"local-offer seed: {exc}")
        return EXIT_ERROR
    if services_path is None:
        print("services: none (add --services for the 3,600 sample services)")
        return EXIT_OK
    try:
        plan, outcome = import_files([services_path], dry_run=False, progress=ProgressLine("services"))
    except ImportFileError as exc:
        _say(f"local-offer seed: {services_path} cannot be imported:\n{exc}")
        return EXIT_ERROR
    print(f"services: {plan.summary()}")
    return EXIT_ERROR if outcome.conflicts else EXIT_OK
