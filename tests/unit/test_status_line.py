"""`local-offer serve` shows its progress on one line on a terminal, and as plain lines otherwise."""

from __future__ import annotations

import io

from devstack.status_line import StatusLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_each_status_replaces_the_last_and_finish_ends_the_line() -> None:
    screen = Terminal()
    status = StatusLine(screen)

    status("loading services: 100/200")
    status("ready in 3.0 s")
    status.finish()
    status.finish()  # a second finish adds nothing

    assert screen.getvalue() == "\rloading services: 100/200\x1b[K\rready in 3.0 s\x1b[K\n"


def test_elsewhere_each_status_is_a_plain_line() -> None:
    log = io.StringIO()
    status = StatusLine(log)

    status("loading services: 100/200")
    status("ready in 3.0 s")
    status.finish()

    assert log.getvalue() == "loading services: 100/200\nready in 3.0 s\n"
