"""Print the dependency layer's requirements (what `sam build` installs, once, into DependenciesLayer) from
pyproject.toml's runtime dependencies.

`make requirements` writes `layers/dependencies/requirements.txt`; a unit test fails when the committed file
differs, so they cannot drift. The functions' own code (functions/) has no requirements file on purpose: with
one, `sam build` would install every dependency into each function again.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
LAYER_REQUIREMENTS = REPO_ROOT / "layers" / "dependencies" / "requirements.txt"
HEADER = "# Generated from pyproject.toml by `make requirements`; do not edit.\n"


def render(pyproject: Path = REPO_ROOT / "pyproject.toml") -> str:
    """The requirements file text: the runtime dependencies, sorted, one per line, each after the comment
    that pyproject.toml gives it (a pin's reason travels with the pin)."""
    text = pyproject.read_text(encoding="utf-8")
    dependencies = tomllib.loads(text)["project"]["dependencies"]
    comments = _dependency_comments(text)
    return HEADER + "".join(
        "".join(f"{line}\n" for line in comments.get(dependency, [])) + f"{dependency}\n"
        for dependency in sorted(dependencies, key=str.lower)
    )


def _dependency_comments(pyproject_text: str) -> dict[str, list[str]]:
    """Dependency -> the comment lines right above it in `[project] dependencies` (tomllib drops comments)."""
    found: dict[str, list[str]] = {}
    pending: list[str] = []
    inside = False
    for raw in pyproject_text.splitlines():
        line = raw.strip()
        if not inside:
            inside = line.startswith("dependencies = [")
        elif line.startswith("]"):
            break
        elif line.startswith("#"):
            pending.append(line)
        elif line.startswith('"'):
            found[line.rstrip(",").strip('"')] = pending
            pending = []
    return found


def main() -> None:
    print(render(), end="")


if __name__ == "__main__":
    main()
