"""Starting and stopping `local-offer serve` as a subprocess, for the end-to-end and contract suites."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

STARTUP_TIMEOUT = 120


def free_port() -> int:
    """A port nothing listens on now (for an address that must refuse connections). A stack is started with
    `--port 0` instead: a port found here could be taken by a test on another worker before it is bound."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve_command(*args: str, verbose: bool = False) -> list[str]:
    """`local-offer [-v] serve ARGS`; `verbose` also logs the functions' own lines (at DEBUG)."""
    flags = ["-v"] if verbose else []
    return [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *flags, "serve", *args]


def wait_until(condition: Callable[[], Any], timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def stop(process: subprocess.Popen[Any], signum: int) -> None:
    process.send_signal(signum)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        raise


@contextmanager
def running_stack(directory: Path, *serve_args: str, verbose: bool = False) -> Iterator[dict[str, Any]]:
    """`local-offer serve` on a port the system picks, until the block ends (Ctrl-C); yields its state file's
    content (`api_url` names the port). With `verbose`, the log (serve.log in `directory`) holds the functions'
    lines too."""
    state_file = directory / "state.json"
    log_path = directory / "serve.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            serve_command("--port", "0", "--state-file", str(state_file), *serve_args, verbose=verbose),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(lambda: state_file.exists() or process.poll() is not None, STARTUP_TIMEOUT, "the stack")
            if process.poll() is not None:
                raise AssertionError(f"serve exited {process.returncode}:\n{log_path.read_text()}")
            yield {**json.loads(state_file.read_text()), "process": process}
        finally:
            stop(process, signal.SIGINT)
