"""No Python module in the function code, the local stack or the seed is over 450 lines: a longer one holds
more than one concern, or tables that belong in a data file."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAX_LINES = 450


def test_no_module_is_over_the_limit() -> None:
    sizes = {
        str(path.relative_to(ROOT)): len(path.read_text(encoding="utf-8").splitlines())
        for directory in ("functions", "infra", "seed")
        for path in (ROOT / directory).rglob("*.py")
    }
    assert len(sizes) > 50, "the modules were not found"
    assert {path: lines for path, lines in sizes.items() if lines > MAX_LINES} == {}
