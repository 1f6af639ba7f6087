"""Cold import of each API handler against a bare `import boto3`, each in a fresh interpreter.

    .venv/bin/python -m devstack.bench_cold [--rounds 9]

`make bench` runs this too and adds the ratios to docs/benchmarks.md. A round imports boto3 in one new
interpreter and a handler module in another, one right after the other, the order swapped every round so
drift in the machine's load hits both alike; the round's ratio is handler / boto3. The reported ratio is the
median of the rounds' ratios, for wall-clock and for CPU time (the child's own `time.process_time`).
The clock starts after the interpreter is up (site imported), so interpreter start-up is in neither.

The environment is this process's, minus Lambda's and AWS's variables: tracing resolves as it does outside
Lambda. Inside Lambda the handlers import the same modules (the tracer is built on first use either way,
local_offer/tracing.py). `python -X importtime -c "import <module>"` shows where a handler's time goes.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

COLD_IMPORT_TARGET_RATIO = 1.6
BASELINE_MODULE = "boto3"
COMMAND = "python -m devstack.bench_cold"

_CHILD = (
    "import time\n"
    "wall, cpu = time.perf_counter(), time.process_time()\n"
    "import {module}\n"
    "print(time.perf_counter() - wall, time.process_time() - cpu)\n"
)


@dataclass(frozen=True)
class ColdImport:
    """One handler module's cold imports against boto3's, round by round (seconds)."""

    module: str
    function_ids: tuple[str, ...]
    rounds: tuple[tuple[float, float, float, float], ...]  # (handler wall, handler cpu, boto3 wall, boto3 cpu)

    @property
    def wall_ratio(self) -> float:
        return statistics.median(wall / base for wall, _, base, _ in self.rounds)

    @property
    def cpu_ratio(self) -> float:
        return statistics.median(cpu / base for _, cpu, _, base in self.rounds)

    @property
    def wall_seconds(self) -> float:
        return statistics.median(wall for wall, _, _, _ in self.rounds)

    @property
    def baseline_wall_seconds(self) -> float:
        return statistics.median(base for _, _, base, _ in self.rounds)


def api_handler_modules() -> dict[str, tuple[str, ...]]:
    """Handler module -> the template's functions that serve API routes with it."""
    from devstack import template as cfn

    template = cfn.load_template()
    served = {route.function_id for route in cfn.api_routes(template)}
    modules: dict[str, tuple[str, ...]] = {}
    for logical_id, spec in cfn.functions(template).items():
        if logical_id in served:
            module = spec.handler.rpartition(".")[0]
            modules[module] = (*modules.get(module, ()), logical_id)
    return dict(sorted(modules.items()))


def child_environment() -> dict[str, str]:
    """This process's environment without Lambda's, powertools' or AWS's variables."""
    prefixes = ("AWS_", "LAMBDA_", "_X_AMZN", "_HANDLER", "POWERTOOLS_")
    return {name: value for name, value in os.environ.items() if not name.startswith(prefixes)}


def import_once(module: str, python: str = sys.executable, env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds to import `module` in a new interpreter."""
    result = subprocess.run(
        [python, "-c", _CHILD.format(module=module)],
        env=dict(env) if env is not None else child_environment(),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode != 0:
        raise RuntimeError(f"import {module} failed:\n{result.stderr[-2000:]}")
    wall, cpu = result.stdout.split()[-2:]
    return float(wall), float(cpu)


def measure(
    module: str,
    function_ids: tuple[str, ...],
    rounds: int,
    timer: Callable[[str], tuple[float, float]] = import_once,
) -> ColdImport:
    """`rounds` alternated pairs of cold imports (handler then boto3, then boto3 then handler, ...)."""
    timer(module)  # compile the bytecode once, so no round pays for writing __pycache__
    samples = []
    for number in range(rounds):
        if number % 2 == 0:
            handler, baseline = timer(module), timer(BASELINE_MODULE)
        else:
            baseline, handler = timer(BASELINE_MODULE), timer(module)
        samples.append((handler[0], handler[1], baseline[0], baseline[1]))
    return ColdImport(module, function_ids, tuple(samples))


def measure_all(rounds: int, say: Callable[[str], None]) -> dict[str, ColdImport]:
    """Every API handler module's cold import against boto3's."""
    found = {}
    for module, function_ids in api_handler_modules().items():
        found[module] = cold = measure(module, function_ids, rounds)
        say(
            f"cold import {module}: {cold.wall_seconds * 1e3:.0f} ms, boto3 {cold.baseline_wall_seconds * 1e3:.0f} ms; "
            f"ratio wall {cold.wall_ratio:.2f}x, CPU {cold.cpu_ratio:.2f}x"
        )
    return found


SECTION_HEADING = "## (d) Cold import of each API handler against `import boto3`"


def bytecode_note() -> str:
    """Whether the children import cached bytecode: with PYTHONDONTWRITEBYTECODE set, the warm-up import
    writes none, so every import compiles the modules that have no cached file (ours; pip compiled the
    installed packages), as a deployment package without __pycache__ does."""
    if child_environment().get("PYTHONDONTWRITEBYTECODE"):
        return "PYTHONDONTWRITEBYTECODE is set, so our modules (no cached bytecode) are compiled in every import"
    return "bytecode is compiled once beforehand"


def markdown_section(results: Mapping[str, ColdImport], rounds: int, measured: str | None = None) -> list[str]:
    """The report's section: one row per API handler module. `measured` says when and how, when the section
    was measured on its own (`python -m devstack.bench --only cold`) rather than with the rest of the report."""
    if not results:
        return []
    verdict = {True: "met", False: "**missed**"}
    lines = [
        "",
        SECTION_HEADING,
        "",
        f"Each handler module and boto3 imported in fresh interpreters, alternated, {rounds} rounds; the ratio is",
        f"the median of the rounds' handler / boto3 (target <= {COLD_IMPORT_TARGET_RATIO:g}x). Interpreter start-up",
        f"is in neither; {bytecode_note()}. Where the time goes:",
        '`python -X importtime -c "import <module>"`.',
        *(["", measured] if measured else []),
        "",
        "| Handler module | Functions | import ms (median) | boto3 ms (median) | ratio (wall) | ratio (CPU) | |",
        "|---|---|---|---|---|---|---|",
    ]
    for module, cold in results.items():
        met = max(cold.wall_ratio, cold.cpu_ratio) <= COLD_IMPORT_TARGET_RATIO
        lines.append(
            f"| `{module}` | {', '.join(cold.function_ids)} | {cold.wall_seconds * 1e3:.0f} "
            f"| {cold.baseline_wall_seconds * 1e3:.0f} | {cold.wall_ratio:.2f}x | {cold.cpu_ratio:.2f}x "
            f"| {verdict[met]} |"
        )
    return lines


def replace_section(report: str, section: Sequence[str]) -> str:
    """`report` (the Markdown `make bench` writes) with its cold-import section replaced by `section` (the
    lines `markdown_section` makes), or with `section` added before the machine notes when it has none."""
    lines = report.splitlines()
    start = next((number for number, line in enumerate(lines) if line == SECTION_HEADING), None)
    if start is None:
        start = end = next((number for number, line in enumerate(lines) if line == "## Machine"), len(lines))
    else:
        end = next((number for number in range(start + 1, len(lines)) if lines[number].startswith("## ")), len(lines))
    while start > 0 and not lines[start - 1]:
        start -= 1  # the section brings its own blank line
    body = [*section[1:], ""] if start == 0 else [*section, ""]
    return "\n".join([*lines[:start], *body, *lines[end:]]).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.bench_cold", description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9, help="alternated import pairs per handler")
    parser.add_argument("--module", action="append", help="only this handler module (repeatable)")
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.module:
        results = {module: measure(module, (), args.rounds) for module in args.module}
    else:
        results = measure_all(args.rounds, say)
    print("\n".join(markdown_section(results, args.rounds)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
