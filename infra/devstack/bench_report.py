"""The benchmark's report: the results as markdown, with each target's verdict, and the machine it ran on."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Iterable
from pathlib import Path

from devstack.bench_cold import markdown_section as cold_import_section
from devstack.bench_events import STREAM_BATCH_SIZE
from devstack.bench_results import (
    END_TO_END_TARGET_RATIO,
    HANDLER_TARGET_FLOOR_RATIO,
    HANDLER_TARGET_P50_MS,
    HEADLINE,
    INDEXER_TARGET_SHARE,
    Results,
)
from devstack.bench_stats import added_cost_ratio, verdict


def machine_notes() -> list[str]:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for package in ("opensearch-py", "osmem-server", "aws-lambda-powertools", "pydantic", "moto"):
        try:
            from importlib.metadata import version

            versions.append(f"{package} {version(package)}")
        except Exception:
            continue
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "n/a"
    return [
        f"{platform.system()} {platform.release()} ({platform.machine()}), {cpu}, {os.cpu_count()} logical CPUs",
        f"Python {platform.python_version()}; {', '.join(versions)}",
        f"load average at the end of the run: {load} (the machine is shared, so expect some noise)",
    ]


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:.3f}"


def markdown(results: Results, command: str, when: str, machine: Iterable[str]) -> str:
    """The benchmark report as Markdown: results against targets, the command and the machine."""
    lines = [
        "# Benchmarks",
        "",
        f"Measured {when} with `{command}` (`make bench`), {results.documents:,} seed services.",
        "",
        "osmem-server is an in-memory test engine: its own latency says nothing about Amazon OpenSearch, so these",
        "numbers measure and bound the share of each request that is our code.",
        "",
        "## Targets",
        "",
        "| What | Target | Measured | |",
        "|---|---|---|---|",
    ]
    if HEADLINE in results.handler:
        ours, floor = results.handler[HEADLINE]
        for clock, mine, theirs in (("CPU", ours.cpu_p50, floor.cpu_p50), ("wall-clock", ours.p50, floor.p50)):
            lines.append(
                f"| (a) search handler, 20 results + facets, engine replayed: {clock} p50 "
                f"| <= {HANDLER_TARGET_P50_MS:g} ms | {_ms(mine)} ms | {verdict(mine * 1e3 <= HANDLER_TARGET_P50_MS)} |"
            )
            lines.append(
                f"| (a) the same against `json.dumps` of its response ({clock}) | <= {HANDLER_TARGET_FLOOR_RATIO:g}x "
                f"| {mine / theirs:.2f}x | {verdict(mine / theirs <= HANDLER_TARGET_FLOOR_RATIO)} |"
            )
    if HEADLINE in results.end_to_end:
        ours, raw = results.end_to_end[HEADLINE]
        added, direct = added_cost_ratio(ours, raw), ours.p50 / raw.p50
        lines.append(
            f"| (b) end to end against osmem vs the same request raw: our added cost | <= {END_TO_END_TARGET_RATIO:g}x "
            f"| {added:.3f}x | {verdict(added <= END_TO_END_TARGET_RATIO)} |"
        )
        lines.append(
            f"| (b) the same, wall-clock p50 / p50 | <= {END_TO_END_TARGET_RATIO:g}x "
            f"| {direct:.3f}x | {verdict(direct <= END_TO_END_TARGET_RATIO)} |"
        )
    if results.indexer_rounds:
        share = results.indexer_share
        lines.append(
            f"| (c) indexer throughput vs raw `helpers.bulk` | >= {INDEXER_TARGET_SHARE:.0%} "
            f"| {share:.0%} | {verdict(share >= INDEXER_TARGET_SHARE)} |"
        )
    lines += [
        "",
        "The machine is shared (see its load average below), so two clocks are given. CPU time is this thread's",
        "own (`time.thread_time`): with the engine replayed there is no I/O, so it is our code's cost without the",
        "time spent waiting for a core other tenants hold; wall-clock time includes that wait.",
        "",
        "## (a) Our own cost per request (engine answers replayed)",
        "",
        "API Gateway event in, response out, through `lambda_handler` (routing, validation, query building, the",
        "opensearch-py client serialising the request and parsing the recorded answer, shaping the page, JSON",
        "encoding). The floor is `json.dumps` of the same response body.",
        "",
        "| Request | CPU p50 ms | wall p50 ms | wall p90 ms | wall p99 ms | floor CPU p50 ms | x floor (CPU) |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (ours, floor) in results.handler.items():
        lines.append(
            f"| {name} | {_ms(ours.cpu_p50)} | {_ms(ours.p50)} | {_ms(ours.p90)} | {_ms(ours.p99)} "
            f"| {_ms(floor.cpu_p50)} | {ours.cpu_p50 / floor.cpu_p50:.2f} |"
        )
    if results.breakdown and HEADLINE in results.handler:
        total = results.handler[HEADLINE][0].cpu_p50
        rest = total - sum(results.breakdown.values())
        lines += [
            "",
            "Where the headline request's time goes (CPU p50 of each part timed alone; the rest is the total less",
            "the parts: powertools routing, parameter validation and the logger/tracer/metrics decorators):",
            "",
            "| Part | CPU p50 ms | share |",
            "|---|---|---|",
        ]
        for label, seconds in [*results.breakdown.items(), ("the rest: powertools and glue", rest)]:
            lines.append(f"| {label} | {_ms(seconds)} | {seconds / total:.0%} |")
    lines += [
        "",
        "## (b) End to end against osmem",
        "",
        "The handler with the real client, against the very requests it sent (recorded) replayed raw through the",
        "opensearch-py transport, measured in turns (order swapped every turn). Both wait for the same engine",
        "answering the same request, so they differ by the work done in this process: the added-cost ratio is",
        "1 + (our CPU p50 - raw's CPU p50) / raw's wall p50. The direct wall-clock ratio is given too; on this",
        "machine osmem's latency swings by far more than our whole cost from one request to the next.",
        "",
        "| Request | ours wall p50 ms | raw wall p50 ms | ours CPU p50 ms | raw CPU p50 ms | wall p50 / p50 "
        "| added-cost ratio |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, (ours, raw) in results.end_to_end.items():
        lines.append(
            f"| {name} | {_ms(ours.p50)} | {_ms(raw.p50)} | {_ms(ours.cpu_p50)} | {_ms(raw.cpu_p50)} "
            f"| {ours.p50 / raw.p50:.3f} | {added_cost_ratio(ours, raw):.3f} |"
        )
    if results.indexer_rounds:
        lines += [
            "",
            "## (c) Indexer throughput",
            "",
            f"Every seed record as DynamoDB stream INSERT batches of {STREAM_BATCH_SIZE} through the indexer's",
            "`lambda_handler` (powertools BatchProcessor, record validation, search documents, one bulk request per",
            "batch with external versions), then `helpers.bulk` of the same documents prepared in advance, same",
            "chunk size, each into a fresh index. The share is the median of the rounds' own ratios (osmem's",
            "speed drifts between rounds more than between the two halves of one round).",
            "",
            "| Round | indexer handler docs/s | raw helpers.bulk docs/s | share |",
            "|---|---|---|---|",
        ]
        lines += [
            f"| {number} | {handler:,.0f} | {raw:,.0f} | {handler / raw:.0%} |"
            for number, (handler, raw) in enumerate(results.indexer_rounds, start=1)
        ]
        if results.indexer_cpu:
            ours = statistics.median(handler for handler, _ in results.indexer_cpu)
            raw = statistics.median(raw for _, raw in results.indexer_cpu)
            lines += [
                "",
                f"CPU time in this process per document (median of the rounds): indexer handler {ours * 1e3:.3f} ms,",
                f"raw bulk {raw * 1e3:.3f} ms; the rest of each document's time is the engine's. Our extra work",
                "(stream image to record, validation, search document) competes with the engine for the same two",
                "cores here, so the share drops when the machine is busy.",
            ]
    lines += cold_import_section(results.cold_imports, results.cold_rounds)
    lines += ["", "## Machine", "", *(f"- {line}" for line in machine)]
    lines += [f"- {note}" for note in results.notes]
    return "\n".join(lines) + "\n"
