"""What a benchmark run measures: the requests, the targets and the results."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from devstack.bench_cold import ColdImport
from devstack.bench_stats import Timings

HANDLER_TARGET_P50_MS = 2.0
HANDLER_TARGET_FLOOR_RATIO = 3.0
END_TO_END_TARGET_RATIO = 1.1
INDEXER_TARGET_SHARE = 0.80

SEARCHES: dict[str, tuple[str, dict[str, str]]] = {
    "search: 20 results + facets (`autism`)": ("/services", {"search": "autism", "per_page": "20"}),
    "search: 20 results + facets, postcode + age": (
        "/services",
        {"search": "speech therapy", "postcode": "DH1 1AB", "age": "7", "per_page": "20"},
    ),
    "search: 50 results + facets, no text": ("/services", {"per_page": "50"}),
    "suggest (`aut`)": ("/services/suggest", {"q": "aut"}),
}
HEADLINE = "search: 20 results + facets (`autism`)"


@dataclass
class Results:
    handler: dict[str, tuple[Timings, Timings]] = field(default_factory=dict)  # name -> (ours, json.dumps floor)
    end_to_end: dict[str, tuple[Timings, Timings]] = field(default_factory=dict)  # name -> (handler, raw client)
    indexer_rounds: list[tuple[float, float]] = field(default_factory=list)  # (handler, raw) documents/s
    indexer_cpu: list[tuple[float, float]] = field(default_factory=list)  # (handler, raw) CPU seconds a document

    @property
    def indexer_share(self) -> float:
        """The handler's throughput as a share of raw bulk's: the median of each round's own ratio."""
        return statistics.median(handler / raw for handler, raw in self.indexer_rounds)

    breakdown: dict[str, float] = field(default_factory=dict)  # part of the headline request -> p50 seconds
    cold_imports: dict[str, ColdImport] = field(default_factory=dict)  # handler module -> against boto3
    cold_rounds: int = 0
    notes: list[str] = field(default_factory=list)
    documents: int = 0
