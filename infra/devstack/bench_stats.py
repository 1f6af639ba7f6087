"""The benchmark's statistics: timing calls (interleaved, so drift hits every contender alike) and the ratios
the targets are stated in.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Timings:
    """Durations of one measured operation, in seconds: wall clock, and this thread's CPU time."""

    samples: Sequence[float]
    cpu: Sequence[float] = ()

    @property
    def cpu_p50(self) -> float:
        return statistics.median(self.cpu)

    def percentile(self, share: float) -> float:
        ordered = sorted(self.samples)
        if not ordered:
            raise ValueError("no samples")
        position = share * (len(ordered) - 1)
        low = int(position)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (position - low)

    @property
    def p50(self) -> float:
        return self.percentile(0.5)

    @property
    def p90(self) -> float:
        return self.percentile(0.9)

    @property
    def p99(self) -> float:
        return self.percentile(0.99)


def time_calls(call: Callable[[], Any], iterations: int, warmup: int) -> Timings:
    """Run `call` `warmup` times untimed, then `iterations` times timed one by one (gc paused while timed)."""
    for _ in range(warmup):
        call()
    samples, cpu = [], []
    gc.collect()
    gc.disable()
    try:
        for _ in range(iterations):
            started, started_cpu = time.perf_counter(), time.thread_time()
            call()
            cpu.append(time.thread_time() - started_cpu)
            samples.append(time.perf_counter() - started)
    finally:
        gc.enable()
    return Timings(samples, cpu)


def interleaved(calls: Mapping[str, Callable[[], Any]], iterations: int, warmup: int) -> dict[str, Timings]:
    """Time several calls in turns, the order reversed every other turn (a b, b a, ...), so drift in the
    machine's load and any after-effect of one request on the next hit them alike."""
    for _ in range(warmup):
        for call in calls.values():
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    cpu: dict[str, list[float]] = {name: [] for name in calls}
    order = list(calls.items())
    for turn in range(iterations):
        for name, call in order if turn % 2 == 0 else reversed(order):
            started, started_cpu = time.perf_counter(), time.thread_time()
            call()
            cpu[name].append(time.thread_time() - started_cpu)
            samples[name].append(time.perf_counter() - started)
    return {name: Timings(samples[name], cpu[name]) for name in calls}


def added_cost_ratio(ours: Timings, raw: Timings) -> float:
    """End to end relative to raw, from what we add: 1 + (our CPU p50 - raw's CPU p50) / raw's wall p50.

    Both send the same request to the same engine, so they differ only by the work done in this process,
    which CPU time measures without the engine's wait or other tenants' use of the machine; on a shared
    machine the engine's wall time swings by more than our whole cost from one request to the next."""
    return 1 + (ours.cpu_p50 - raw.cpu_p50) / raw.p50


def verdict(met: bool) -> str:
    return "met" if met else "**missed**"
