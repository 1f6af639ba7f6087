"""Print `functions/requirements.txt` (what `sam build` installs) from pyproject.toml's runtime dependencies.

`make requirements` writes it; a unit test fails when the committed file differs, so they cannot drift.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
HEADER = "# Generated from pyproject.toml by `make requirements`; do not edit.\n"


def render(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    """The requirements file text: the runtime dependencies, sorted, one per line."""
    dependencies = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    return HEADER + "".join(f"{dependency}\n" for dependency in sorted(dependencies, key=str.lower))


def main() -> None:
    print(render(), end="")


if __name__ == "__main__":
    main()
