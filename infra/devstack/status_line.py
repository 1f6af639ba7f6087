"""One status line for a command that goes through steps: redrawn in place on a terminal, a line each otherwise.

status = StatusLine(sys.stdout)
status("loading services: 400/3600")   # on a terminal, replaces what the line said before
status.finish()                        # ends the line, so what is printed next starts on its own
"""

from __future__ import annotations

import sys
from typing import IO

CLEAR_TO_END_OF_LINE = "\x1b[K"


class StatusLine:
    """Callable with one line of text; see the module docstring."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stdout
        self.interactive = self.stream.isatty()
        self._open = False  # a redrawn line without its newline yet

    def __call__(self, text: str) -> None:
        if self.interactive:
            self.stream.write(f"\r{text}{CLEAR_TO_END_OF_LINE}")
            self._open = True
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def finish(self) -> None:
        """End the redrawn line (if any): the last status stays on screen."""
        if self._open:
            self.stream.write("\n")
            self.stream.flush()
            self._open = False
