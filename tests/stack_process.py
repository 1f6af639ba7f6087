"""Starting and stopping `local-offer serve` as a subprocess, for the end-to-end and contract suites; one
stack can be shared by the pytest-xdist workers of a run (`shared_running_stack`)."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
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


# ---------------------------------------------------------------------------------------------------------
# One stack for every pytest-xdist worker of a run
# ---------------------------------------------------------------------------------------------------------
_started_here: dict[int, subprocess.Popen[Any]] = {}  # pid -> process, for the stacks this process started


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` across processes (the workers of one run)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _gone(pid: int) -> bool:
    """Whether process `pid` has exited (a zombie waiting for its parent to reap it counts as exited)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError):
        return stat.read_text().rsplit(")", 1)[1].split()[0] == "Z"
    return False


@contextmanager
def shared_running_stack(directory: Path, *serve_args: str) -> Iterator[dict[str, Any]]:
    """`running_stack` shared by every process that enters it with the same `directory` (the pytest-xdist
    workers of one run): the first to enter starts `local-offer serve`, the last to leave stops it, the others
    use it meanwhile. Yields the state file's content, as `running_stack` does."""
    directory.mkdir(parents=True, exist_ok=True)
    lock, users, pid_file = directory / "stack.lock", directory / "users", directory / "stack.pid"
    state_file, log_path = directory / "state.json", directory / "serve.log"
    with _locked(lock):
        count = int(users.read_text()) if users.exists() else 0
        if count == 0:
            state_file.unlink(missing_ok=True)
            with log_path.open("w") as log:
                process = subprocess.Popen(
                    serve_command("--port", "0", "--state-file", str(state_file), *serve_args),
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            _started_here[process.pid] = process
            wait_until(lambda: state_file.exists() or process.poll() is not None, STARTUP_TIMEOUT, "the stack")
            if process.poll() is not None:
                raise AssertionError(f"serve exited {process.returncode}:\n{log_path.read_text()}")
            pid_file.write_text(str(process.pid))
        users.write_text(str(count + 1))
        state = json.loads(state_file.read_text())
    try:
        yield state
    finally:
        with _locked(lock):
            count = int(users.read_text()) - 1
            users.write_text(str(count))
            if count == 0:
                _stop_shared(int(pid_file.read_text()))


def _stop_shared(pid: int) -> None:
    """Stop the shared stack as `stop` does (Ctrl-C, then kill after 15 s), whichever worker started it."""
    if pid in _started_here:
        stop(_started_here.pop(pid), signal.SIGINT)
        return
    os.kill(pid, signal.SIGINT)
    try:
        wait_until(lambda: _gone(pid), 15, "the shared stack to stop")
    except AssertionError:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        raise
