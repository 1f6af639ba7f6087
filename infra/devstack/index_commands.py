"""`local-offer reindex` and `local-offer check-index`: operate the services search index (or, with `--faqs`,
the FAQ index).

Like `local-offer users` and `import`, they work on the running `local-offer serve` by default, found through
its state file (`--port`, or `--state-file`); `--stack NAME` names a deployed stack (its Outputs give the
table and the search domain, with the caller's AWS credentials). `--from-environment` takes the names from
the same variables the functions read (RECORDS_TABLE_NAME, OPENSEARCH_ENDPOINT, OPENSEARCH_AUTH,
SERVICES_INDEX_ALIAS, AWS_REGION and the usual AWS credentials).
"""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

from devstack.cli import EXIT_ERROR, EXIT_OK, EXIT_USAGE, subcommand

if TYPE_CHECKING:
    from local_offer.repositories.search_index import SearchIndexRepository
    from local_offer.services.reindex import IndexSource


def _add_target_arguments(parser: argparse.ArgumentParser) -> None:
    from devstack.targets import add_target_arguments

    add_target_arguments(parser)
    parser.add_argument(
        "--from-environment",
        action="store_true",
        help="take the table and the search domain from the environment (RECORDS_TABLE_NAME, OPENSEARCH_ENDPOINT, "
        "OPENSEARCH_AUTH...), as the functions do, instead of a stack",
    )
    parser.add_argument("--alias", default=None, help="index alias (default: SERVICES_INDEX_ALIAS or 'services')")
    parser.add_argument(
        "--faqs", action="store_true", help="the FAQ index (alias FAQS_INDEX_ALIAS or 'faqs') instead of services"
    )


@dataclass(frozen=True)
class _Target:
    """What `_use_target` chose: a description for the report, or why nothing could be chosen."""

    description: str = ""
    error: str | None = None


def _use_target(args: argparse.Namespace) -> _Target:
    """Point the app's settings at the chosen stack (see the module docstring)."""
    from devstack.targets import TargetError, resolve_target

    if not getattr(args, "verbose", False):
        # opensearch-py logs every failed request with its traceback; the command says it in one line.
        logging.getLogger("opensearch").setLevel(logging.CRITICAL)
    if getattr(args, "from_environment", False):
        return _Target("the stack the environment names")
    try:
        target = resolve_target(args, args.command)
    except TargetError as exc:
        return _Target(error=str(exc))
    target.activate()
    return _Target(target.description)


def _repositories(args: argparse.Namespace) -> tuple[IndexSource, SearchIndexRepository]:
    from local_offer.repositories.records import ServiceRecordRepository
    from local_offer.repositories.search_index import SearchIndexRepository

    if args.faqs:
        from local_offer.repositories.faqs import FaqRepository
        from local_offer.repositories.search_index import faq_index

        index = faq_index()
        if args.alias:
            index.alias = args.alias
        return FaqRepository(), index
    return ServiceRecordRepository(), SearchIndexRepository(alias=args.alias)


def _engine_errors() -> type[Exception]:
    """The base of what opensearch-py raises for a failed request (ConnectionError is one)."""
    from opensearchpy.exceptions import TransportError

    return TransportError


def _engine_down(exc: Exception, consequence: str) -> str:
    """One line naming the engine that did not answer and how; re-raises `exc` when it is not an outage (a
    4xx answer is a bug to see in full, not a down engine)."""
    from opensearchpy.exceptions import ConnectionError, TransportError

    from local_offer.settings import get_settings

    if isinstance(exc, ConnectionError):
        how = "timed out" if "timeout" in type(exc).__name__.lower() else "refused or dropped the connection"
    elif isinstance(exc, TransportError) and isinstance(exc.status_code, int) and exc.status_code >= 500:
        how = f"answered {exc.status_code} {exc.error}"
    else:
        raise exc
    endpoint = get_settings().opensearch_endpoint
    return f"the search engine at {endpoint} is not available ({how}); {consequence}"


def _configure_reindex(parser: argparse.ArgumentParser) -> None:
    from local_offer.services.reindex import DEFAULT_BATCH_SIZE, OLD_INDEX_GRACE_SECONDS

    _add_target_arguments(parser)
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="documents per bulk request")
    parser.add_argument("--keep-old", action="store_true", help="keep the previous index after the swap")
    parser.add_argument(
        "--grace-seconds",
        type=float,
        default=OLD_INDEX_GRACE_SECONDS,
        help="wait this long after the swap before deleting the old index (searches in flight finish)",
    )


@subcommand(
    "reindex",
    help="rebuild the search index from the records table into a new index and swap the alias",
    configure=_configure_reindex,
)
def reindex(args: argparse.Namespace) -> int:
    from local_offer.services.reindex import examples, rebuild_index

    target = _use_target(args)
    if target.error:
        print(f"local-offer reindex: {target.error}", file=sys.stderr)
        return EXIT_USAGE
    records, index = _repositories(args)
    print(f"rebuilding the index behind alias {index.alias!r} in {target.description}", flush=True)
    try:
        report = rebuild_index(
            records,
            index,
            batch_size=args.batch_size,
            delete_old=not args.keep_old,
            old_index_grace_seconds=args.grace_seconds,
            progress=lambda message: print(message, flush=True),
        )
    except _engine_errors() as exc:
        print(f"local-offer reindex: {_engine_down(exc, 'run it again once it answers')}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"done: {report.indexed:,} records indexed into {report.new_index}, {report.caught_up} caught up in "
        f"{report.catch_up_passes} pass(es); previous index {report.old_index or '-'}"
        + (" deleted" if report.old_index_deleted else " kept" if report.old_index else "")
    )
    if report.invalid or report.failed:
        if report.invalid:
            print(f"{len(report.invalid)} invalid record(s) not indexed: {examples(report.invalid)}", file=sys.stderr)
            for record_id, reason in list(report.invalid.items())[:5]:
                print(f"  {record_id}: {reason}", file=sys.stderr)
        if report.failed:
            print(f"{len(report.failed)} document(s) refused by the engine: {examples(report.failed)}", file=sys.stderr)
        return EXIT_ERROR
    return EXIT_OK


def _configure_check(parser: argparse.ArgumentParser) -> None:
    _add_target_arguments(parser)
    parser.add_argument("--examples", type=int, default=5, help="example ids to show for each kind of drift")


@subcommand(
    "check-index",
    help="report drift between the records table and the search index (exit 1 when there is any)",
    configure=_configure_check,
)
def check_index(args: argparse.Namespace) -> int:
    from local_offer.services.reindex import drift_summary, find_drift

    target = _use_target(args)
    if target.error:
        print(f"local-offer check-index: {target.error}", file=sys.stderr)
        return EXIT_USAGE
    records, index = _repositories(args)
    try:
        current = index.current_index()
        if current is None:
            print(f"no index behind alias {index.alias!r}: run `local-offer reindex`")
            return EXIT_ERROR
        drift = find_drift(records, index)
    except _engine_errors() as exc:
        print(f"local-offer check-index: {_engine_down(exc, 'nothing was checked')}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{target.description}: alias {index.alias!r} -> {current}")
    for line in drift_summary(drift, limit=args.examples):
        print(f"  {line}")
    if drift.clean:
        print("no drift")
        return EXIT_OK
    print("drift found: `local-offer reindex` rebuilds the index from the records table")
    return EXIT_ERROR


def _configure_backfill(parser: argparse.ArgumentParser) -> None:
    from devstack.targets import add_target_arguments

    add_target_arguments(parser)
    parser.add_argument(
        "--from-environment", action="store_true", help="take the table from the environment instead of a stack"
    )


@subcommand(
    "backfill-verification",
    help="give records written before the stale list's `verification` index existed their index keys (once)",
    configure=_configure_backfill,
)
def backfill_verification(args: argparse.Namespace) -> int:
    from local_offer.repositories.records import ServiceRecordRepository

    target = _use_target(args)
    if target.error:
        print(f"local-offer backfill-verification: {target.error}", file=sys.stderr)
        return EXIT_USAGE
    updated = ServiceRecordRepository().backfill_verification_keys()
    print(f"{updated:,} public record(s) in {target.description} given their verification index keys")
    return EXIT_OK
