"""`local-offer`: the developer and operator command line.

Subcommands register themselves with `@subcommand`; a module that defines some is listed in
COMMAND_MODULES so that `main` imports it before building the parser. To add one (say `reindex`):

    # devstack/reindex.py
    from devstack.cli import subcommand

    def configure(parser):               # add the subcommand's own arguments (or nested subparsers)
        parser.add_argument("--alias", default="services")

    @subcommand("reindex", help="rebuild the search index from the records table", configure=configure)
    def reindex(args) -> int:            # returns the exit code
        ...

and add "devstack.reindex" to COMMAND_MODULES.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import signal
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Run = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]

# Modules whose `@subcommand`s are registered on import (this module's own are always there).
COMMAND_MODULES: tuple[str, ...] = (
    "devstack.index_commands",
    "devstack.users",
    "devstack.directory_commands",
    "devstack.outbox",
)

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Subcommand:
    name: str
    help: str
    run: Run
    configure: Configure | None = None


SUBCOMMANDS: dict[str, Subcommand] = {}


def subcommand(name: str, *, help: str, configure: Configure | None = None) -> Callable[[Run], Run]:
    """Register `run(args) -> exit code` as `local-offer <name>`."""

    def register(run: Run) -> Run:
        SUBCOMMANDS[name] = Subcommand(name, help, run, configure)
        return run

    return register


def build_parser() -> argparse.ArgumentParser:
    for module in COMMAND_MODULES:
        importlib.import_module(module)
    parser = argparse.ArgumentParser(prog="local-offer", description="Local Offer developer and operator tools.")
    parser.add_argument("-v", "--verbose", action="store_true", help="show debug logs and the functions' logs")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in SUBCOMMANDS.values():
        command_parser = subparsers.add_parser(command.name, help=command.help, description=command.help)
        if command.configure:
            command.configure(command_parser)
        command_parser.set_defaults(run=command.run)
    return parser


def configure_logging(verbose: bool) -> None:
    logging.basicConfig(
        level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s", datefmt="%H:%M:%S"
    )
    logging.getLogger("devstack").setLevel(logging.DEBUG if verbose else logging.INFO)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    configure_logging(args.verbose)
    return args.run(args)


# ---------------------------------------------------------------------------------------------------------
# serve
# ---------------------------------------------------------------------------------------------------------
class _Stop(Exception):
    """Raised in the main thread by the SIGTERM handler."""


def _raise_stop(signum: int, frame: Any) -> None:
    raise _Stop


def _configure_serve(parser: argparse.ArgumentParser) -> None:
    from devstack.stack import CENSUS_SEED_PATH, DEFAULT_SEED_PATH, LOOPBACK

    parser.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000; 0 picks a free one)")
    parser.add_argument("--host", default=LOOPBACK, help=f"address to listen on (default {LOOPBACK})")
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_SEED_PATH,
        help="services to load: JSON array or NDJSON, optionally .gz (default: the seed directory)",
    )
    parser.add_argument(
        "--census",
        type=Path,
        default=CENSUS_SEED_PATH,
        help="census CSV to load (default: the seed census; see docs/api.md 'Census CSV format')",
    )
    parser.add_argument(
        "--empty",
        action="store_true",
        help="start a fresh stack with nothing loaded (then `local-offer seed` and `local-offer import`)",
    )
    parser.add_argument("--template", type=Path, default=None, help="SAM template (default: the repo's template.yaml)")
    parser.add_argument(
        "--state-file",
        type=Path,
        default=None,
        help="write URLs and resource names here as JSON (default .local-offer/stack-<port>.json, which "
        "`local-offer users` reads)",
    )


@subcommand("serve", help="run the API locally on moto and osmem-server with seed data", configure=_configure_serve)
def serve(args: argparse.Namespace) -> int:
    from devstack.loader import DataFileError
    from devstack.stack import LocalStack, PortInUseError, default_state_file
    from devstack.status_line import StatusLine
    from devstack.template import DEFAULT_TEMPLATE_PATH

    # Starting shows one line that says what it is doing (a line per step when not on a terminal).
    status = StatusLine(sys.stdout)
    stack = LocalStack(
        host=args.host,
        port=args.port,
        data=None if args.empty else args.data,
        census=None if args.empty else args.census,
        seed=not args.empty,
        template_path=args.template or DEFAULT_TEMPLATE_PATH,
        function_log_level="DEBUG" if args.verbose else "WARNING",
        say=status,
    )
    previous_handler = signal.signal(signal.SIGTERM, _raise_stop)
    # Also when started in the background, where the shell leaves SIGINT ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    state_file: Path | None = None
    try:
        try:
            stack.start()
        finally:
            status.finish()
        state_file = args.state_file or default_state_file(stack.bound_port)
        state_file.parent.mkdir(parents=True, exist_ok=True)
        stack.write_state(state_file)
        print(stack.banner(), flush=True)
        stack.serve_forever()
    except PortInUseError as exc:
        print(f"local-offer serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except DataFileError as exc:
        print(f"local-offer serve: invalid data file:\n{exc}", file=sys.stderr)
        return EXIT_ERROR
    except (KeyboardInterrupt, _Stop):
        print("stopping", flush=True)
    finally:
        # A second Ctrl-C or SIGTERM must not cut the cleanup short.
        previous_sigint = signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stack.close()
        signal.signal(signal.SIGINT, previous_sigint)
        signal.signal(signal.SIGTERM, previous_handler)
        if state_file is not None:
            state_file.unlink(missing_ok=True)
        if stack.outbox is not None:
            stack.outbox.unlink(missing_ok=True)  # found only through the state file, gone with it
    return EXIT_OK
