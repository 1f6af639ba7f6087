"""`make bench`: how much of each request is ours, measured against floors that are not.

    python -m devstack.bench --markdown docs/benchmarks.md

One run, in one process, with the seed directory (3,600 services) in osmem-server and the template's tables
in in-process moto:

(c) indexing: every seed record as DynamoDB stream batches (Lambda's record shape, 100 a batch as the
    template's event source) through IndexerFunction's handler, against raw `helpers.bulk` of the same
    documents prepared in advance; target >= 80 % of the raw throughput.
(b) end to end: SearchFunction's handler (API Gateway event in, response out) against osmem, against the
    same engine request sent raw with opensearch-py; target <= 1.1x. The engine's answers are recorded here.
(a) our own cost: the same handler with those answers replayed by a connection that never leaves the
    process, against the floor of `json.dumps` of the same response body; targets p50 <= 2 ms and <= 3x the
    floor for a 20-result page with facets. Suggest (`/services/suggest`) is measured beside search.
(d) cold start: each API handler module's import in a fresh interpreter against a bare `import boto3`,
    alternated, the median ratio; target <= 1.6x (devstack.bench_cold). `--only cold` measures (d) alone
    and replaces the (d) of the --markdown report, leaving (a) to (c) as they were.

osmem is an in-memory test engine, so (b) says little about Amazon OpenSearch's latency: it says how much
our layer adds. (a) is the part of a request that is ours to optimise.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from devstack.bench_cold import markdown_section as cold_import_section
from devstack.bench_cold import measure_all as measure_cold_imports
from devstack.bench_cold import replace_section
from devstack.bench_events import STREAM_BATCH_SIZE, api_event, stream_events
from devstack.bench_replay import (
    Exchange,
    Recordings,
    ReplayConnection,
    client_with,
    recording_connection_class,
    request_key,
)
from devstack.bench_report import machine_notes, markdown
from devstack.bench_results import (
    END_TO_END_TARGET_RATIO,
    HANDLER_TARGET_FLOOR_RATIO,
    HANDLER_TARGET_P50_MS,
    HEADLINE,
    INDEXER_TARGET_SHARE,
    SEARCHES,
    Results,
)
from devstack.bench_stats import Timings, added_cost_ratio, interleaved, time_calls, verdict

# The pieces live in bench_replay, bench_stats, bench_events, bench_results and bench_report; this module
# runs them and is the one import path for all of them.
__all__ = [
    "COMMAND",
    "END_TO_END_TARGET_RATIO",
    "HANDLER_TARGET_FLOOR_RATIO",
    "HANDLER_TARGET_P50_MS",
    "HEADLINE",
    "INDEXER_TARGET_SHARE",
    "SEARCHES",
    "STREAM_BATCH_SIZE",
    "Bench",
    "Exchange",
    "Recordings",
    "ReplayConnection",
    "Results",
    "Timings",
    "added_cost_ratio",
    "api_event",
    "client_with",
    "interleaved",
    "machine_notes",
    "markdown",
    "recording_connection_class",
    "request_key",
    "stream_events",
    "time_calls",
    "verdict",
]

COMMAND = "python -m devstack.bench --markdown docs/benchmarks.md"


# ---------------------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------------------
class Bench:
    """Owns the engine, the fake account and the handlers for one run."""

    def __init__(
        self, iterations: int, e2e_iterations: int, rounds: int, say: Callable[[str], None], profile: bool = False
    ) -> None:
        self.iterations, self.e2e_iterations, self.rounds, self.say = iterations, e2e_iterations, rounds, say
        self.profile = profile
        self.results = Results()
        self.recordings = Recordings()
        self.recorded: dict[str, dict[str, Exchange]] = {}

    def run(self) -> Results:
        from moto import mock_aws
        from osmem_server import OsmemServer

        engine = OsmemServer.start(japanese=False)
        try:
            with mock_aws():
                self._prepare(engine.url)
                self._bench_indexer()
                self._bench_end_to_end()
                self._bench_handler()
        finally:
            engine.close()
        return self.results

    # --- setup ---------------------------------------------------------------------------------------------
    def _prepare(self, engine_url: str) -> None:
        import boto3

        from devstack import template as cfn
        from devstack.loader import load_taxonomies, read_services
        from devstack.stack import DEFAULT_SEED_PATH, TAXONOMIES_PATH, apply_environment

        for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
            os.environ.pop(name, None)
        base = {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": cfn.DEFAULT_REGION,
            "AWS_DEFAULT_REGION": cfn.DEFAULT_REGION,
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "POWERTOOLS_TRACE_DISABLED": "true",
            "POWERTOOLS_METRICS_DISABLED": "true",
        }
        os.environ.update(base)
        template = cfn.load_template()
        session = boto3.session.Session(region_name=cfn.DEFAULT_REGION)
        resources = cfn.create_resources(session, template)
        resolver = cfn.Resolver(template, resources, region=cfn.DEFAULT_REGION)
        overrides = {"OPENSEARCH_ENDPOINT": engine_url, "OPENSEARCH_AUTH": "none"}
        apply_environment(base | cfn.stack_environment(template, resolver, overrides))
        load_taxonomies(TAXONOMIES_PATH)

        from local_offer.domain.indexing import search_document
        from local_offer.repositories.records import record_to_item

        services = read_services(DEFAULT_SEED_PATH)
        records = [service.to_record() for service in services]
        self.items = [record_to_item(record) for record in records]
        self.documents = [(str(r.service.id), r.meta.record_version, search_document(r)) for r in records]
        self.results.documents = len(records)
        self.say(f"{len(records):,} seed services read; engine {engine_url}")

    # --- (c) ---------------------------------------------------------------------------------------------
    def _bench_indexer(self) -> None:
        from opensearchpy import helpers

        from local_offer.handlers import indexer
        from local_offer.repositories.search_index import SERVICES_INDEX_BODY, SearchIndexRepository

        repository = SearchIndexRepository()
        client = repository.client
        events = stream_events(self.items)
        context = _context("IndexerFunction")
        handler_rates, raw_rates = [], []
        for round_number in range(1, self.rounds + 1):
            # Ours: stream batches through the handler into a fresh index behind the alias.
            target = repository.create_index()
            repository.swap_alias(target)
            started, started_cpu = time.perf_counter(), time.thread_time()
            for event in events:
                answer = indexer.lambda_handler(event, context)
                if answer["batchItemFailures"]:
                    raise RuntimeError(f"the indexer reported failures: {answer['batchItemFailures'][:3]}")
            handler_rates.append(len(self.items) / (time.perf_counter() - started))
            handler_cpu = (time.thread_time() - started_cpu) / len(self.items)
            # Raw: the same documents, prepared in advance, with helpers.bulk in chunks of the same size.
            raw_index = f"bench-raw-{round_number}"
            client.indices.create(index=raw_index, body=SERVICES_INDEX_BODY)
            actions = [
                {
                    "_index": raw_index,
                    "_id": doc_id,
                    "_version": version,
                    "_version_type": "external",
                    "_source": document,
                }
                for doc_id, version, document in self.documents
            ]
            started, started_cpu = time.perf_counter(), time.thread_time()
            indexed, _ = helpers.bulk(client, actions, chunk_size=STREAM_BATCH_SIZE, raise_on_error=True)
            raw_rates.append(len(self.items) / (time.perf_counter() - started))
            self.results.indexer_cpu.append((handler_cpu, (time.thread_time() - started_cpu) / len(self.items)))
            client.indices.delete(index=raw_index)
            if indexed != len(self.items) or client.count(index=target)["count"] != len(self.items):
                raise RuntimeError("not every document was indexed")
            self.say(
                f"indexer round {round_number}: handler {handler_rates[-1]:,.0f} docs/s, raw bulk {raw_rates[-1]:,.0f}"
            )
            self.results.indexer_rounds.append((handler_rates[-1], raw_rates[-1]))

    # --- (b) ---------------------------------------------------------------------------------------------
    def _bench_end_to_end(self) -> None:
        from local_offer.handlers import search as search_handler
        from local_offer.repositories import search_index

        recording = client_with(recording_connection_class(), self.recordings, host=os.environ["OPENSEARCH_ENDPOINT"])
        context = _context("SearchFunction")
        real_factory = search_index.opensearch_client
        for name, (resource, query) in SEARCHES.items():
            event = api_event(resource, query)
            # Record what the handler sends and what the engine answers.
            search_index.opensearch_client = lambda: recording  # type: ignore[assignment]
            self.recordings.exchanges.clear()
            response = search_handler.lambda_handler(event, context)
            if response["statusCode"] != 200:
                raise RuntimeError(f"{name}: {response['statusCode']} {response['body'][:300]}")
            sent = list(self.recordings.exchanges.values())
            search_index.opensearch_client = real_factory
            self.recorded[name] = dict(self.recordings.exchanges)
            raw = real_factory()

            # The same engine requests as bodies a caller would hand to opensearch-py (`client.search` ends in
            # this transport call): the client serialises them and parses the answers, as it does for us.
            requests = [(e.method, e.url, e.params, json.loads(e.body) if e.body else None) for e in sent]

            def raw_requests(requests: list[tuple[str, str, Any, Any]] = requests, raw: Any = raw) -> None:
                for method, url, params, body in requests:
                    raw.transport.perform_request(method, url, params=params, body=body)

            def ours(event: dict[str, Any] = event) -> None:
                search_handler.lambda_handler(event, context)

            timings = interleaved({"ours": ours, "raw": raw_requests}, self.e2e_iterations, warmup=5)
            self.results.end_to_end[name] = (timings["ours"], timings["raw"])
            self.say(
                f"end to end {name}: ours p50 {timings['ours'].p50 * 1e3:.2f} ms, "
                f"raw p50 {timings['raw'].p50 * 1e3:.2f} ms ({len(sent)} engine request(s))"
            )

    # --- (a) ---------------------------------------------------------------------------------------------
    def _bench_handler(self) -> None:
        from local_offer.handlers import search as search_handler
        from local_offer.repositories import search_index

        context = _context("SearchFunction")
        real_factory = search_index.opensearch_client
        try:
            for name, (resource, query) in SEARCHES.items():
                recordings = Recordings(dict(self.recorded[name]))
                replay = client_with(ReplayConnection, recordings)
                search_index.opensearch_client = lambda replay=replay: replay  # type: ignore[misc]
                event = api_event(resource, query)
                response = search_handler.lambda_handler(event, context)
                body = json.loads(response["body"])

                def ours(event: dict[str, Any] = event) -> None:
                    search_handler.lambda_handler(event, context)

                def floor(body: Any = body) -> None:
                    json.dumps(body, separators=(",", ":"), ensure_ascii=False)

                if self.profile and name == HEADLINE:
                    _profile(ours, self.iterations, self.say)
                if name == HEADLINE:
                    self._break_down(replay, recordings, query, floor)
                timed = time_calls(ours, self.iterations, warmup=50)
                floor_timed = time_calls(floor, self.iterations, warmup=50)
                self.results.handler[name] = (timed, floor_timed)
                self.say(
                    f"handler {name}: p50 {timed.p50 * 1e3:.3f} ms (CPU {timed.cpu_p50 * 1e3:.3f} ms), "
                    f"json.dumps floor {floor_timed.p50 * 1e3:.3f} ms"
                    f" ({len(response['body']):,} bytes)"
                )
        finally:
            search_index.opensearch_client = real_factory

    def _break_down(
        self, replay: Any, recordings: Recordings, query: Mapping[str, str], floor: Callable[[], Any]
    ) -> None:
        from local_offer.settings import get_settings

        (exchange,) = recordings.exchanges.values()
        body = json.loads(exchange.body) if exchange.body else None
        parts = _breakdown_parts(replay, get_settings().services_index_alias, body, query)
        self.results.breakdown = {label: _median(call, self.iterations) for label, call in parts.items()}
        self.results.breakdown["json.dumps of the response (the floor)"] = _median(floor, self.iterations)


def _breakdown_parts(
    client: Any, alias: str, engine_body: Any, query: Mapping[str, str]
) -> dict[str, Callable[[], Any]]:
    """The headline request's parts that are not powertools: the engine client's work and our search code."""
    from local_offer.domain.search import ServiceSearch, build_query, results_page

    answer = client.search(index=alias, body=engine_body)

    def search_code() -> None:
        params = ServiceSearch(search=query.get("search"), per_page=int(query.get("per_page", 50))).validated()
        build_query(params)
        results_page(answer, params)

    return {
        "opensearch-py client: serialise the request, parse the (replayed) answer": lambda: client.search(
            index=alias, body=engine_body
        ),
        "our search code: parameters, query, glossary, page, facets": search_code,
    }


def _profile(call: Callable[[], Any], iterations: int, say: Callable[[str], None]) -> None:
    """cProfile `iterations` calls and print where the time goes (cumulative, then own time)."""
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(iterations):
        call()
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(30)
        say(out.getvalue())


def _median(call: Callable[[], Any], iterations: int) -> float:
    return time_calls(call, iterations, warmup=50).cpu_p50


def _context(function_name: str) -> Any:
    from devstack.lambda_runtime import LambdaContext

    return LambdaContext(function_name, 512, f"arn:aws:lambda:eu-west-2:123456789012:function:{function_name}", 10)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devstack.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--markdown", type=Path, default=None, help="write the report here")
    parser.add_argument("--iterations", type=int, default=1000, help="timed calls per replayed request")
    parser.add_argument("--e2e-iterations", type=int, default=80, help="timed calls per end-to-end request")
    parser.add_argument("--rounds", type=int, default=5, help="indexing rounds (the median ratio is reported)")
    parser.add_argument("--profile", action="store_true", help="also print a cProfile of the replayed search handler")
    parser.add_argument("--cold-rounds", type=int, default=9, help="alternated cold-import pairs per API handler")
    parser.add_argument(
        "--only",
        choices=["cold"],
        help="measure one section: cold = (d) alone, written into the --markdown report in place of its (d)",
    )
    args = parser.parse_args(argv)

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    if args.only == "cold":
        return _cold_section_only(args.cold_rounds, args.markdown, say)

    import warnings

    # The search function publishes no metric of its own per request; powertools warns about that each time.
    warnings.filterwarnings("ignore", message="No application metrics to publish")

    results = Bench(args.iterations, args.e2e_iterations, args.rounds, say, profile=args.profile).run()
    # (d) in fresh interpreters, after the run: nothing this process imported is shared with them.
    results.cold_imports = measure_cold_imports(args.cold_rounds, say)
    results.cold_rounds = args.cold_rounds
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    report = markdown(results, COMMAND, when, machine_notes())
    print(report)
    if args.markdown:
        args.markdown.parent.mkdir(parents=True, exist_ok=True)
        args.markdown.write_text(report, encoding="utf-8")
    return 0


def _cold_section_only(rounds: int, report: Path | None, say: Callable[[str], None]) -> int:
    """Measure (d) alone and print it; with `report`, replace that report's (d) with it."""
    cold = measure_cold_imports(rounds, say)
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    measured = (
        f"This section measured on its own {when} with `python -m devstack.bench --only cold --cold-rounds {rounds}` "
        f"(load average at the end: {load})."
    )
    section = cold_import_section(cold, rounds, measured)
    print("\n".join(section))
    if report:
        text = report.read_text(encoding="utf-8") if report.exists() else ""
        report.write_text(replace_section(text, section), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
