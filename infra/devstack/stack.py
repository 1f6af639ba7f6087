"""The local stack: moto server + osmem-server + the stream poller + the HTTP adapter, all from template.yaml.

    stack = LocalStack(port=3000, data=DEFAULT_SEED_PATH)
    stack.start()           # binds the port first, builds everything, loads the data, then listens
    stack.serve_forever()   # or stack.serve_in_thread() in tests
    stack.close()           # stops the HTTP server, the poller, moto and osmem

The functions run in this process with the environment the template gives them, pointed at the local
services (`AWS_ENDPOINT_URL` -> moto, `OPENSEARCH_ENDPOINT` -> osmem, `OPENSEARCH_AUTH=none`).
"""

from __future__ import annotations

import errno
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from devstack import template as cfn
from devstack.events import EventLogTail, event_log_groups
from devstack.http_adapter import ApiGatewayServer
from devstack.lambda_runtime import FunctionRuntime
from devstack.loader import DataFileError, load_faqs, load_taxonomies, read_services, write_services
from devstack.resource_seed import RESOURCE_SEED_PATH, upload_census, upload_resource_seed
from devstack.rule_events import rule_event_sources
from devstack.s3events import s3_event_sources
from devstack.sqs_events import queue_event_sources
from devstack.stream import StreamPoller, StreamPump, consumers_from_template

DEFAULT_SEED_PATH = cfn.REPO_ROOT / "seed" / "directory" / "services.ndjson.gz"
TAXONOMIES_PATH = cfn.REPO_ROOT / "seed" / "directory" / "taxonomies.json"
CENSUS_SEED_PATH = cfn.REPO_ROOT / "seed" / "census" / "ehcp_by_local_area.csv"
FAQS_PATH = cfn.REPO_ROOT / "seed" / "faqs" / "faqs.json"
LOOPBACK = "127.0.0.1"
INDEXING_TIMEOUT_SECONDS = 300  # stop waiting for the indexer (it goes on in the background)

log = logging.getLogger(__name__)


def default_outbox(port: int) -> Path:
    """Where the stack on `port` writes the e-mail it would send (`local-offer outbox` lists it)."""
    return cfn.REPO_ROOT / ".local-offer" / f"outbox-{port}.jsonl"


def default_state_file(port: int) -> Path:
    """Where `local-offer serve` on `port` describes itself unless told otherwise (`local-offer users` reads it)."""
    return cfn.REPO_ROOT / ".local-offer" / f"stack-{port}.json"


class PortInUseError(Exception):
    """The HTTP port is taken (most likely by another `local-offer serve`)."""


def base_environment(moto_url: str, region: str = cfn.DEFAULT_REGION) -> dict[str, str]:
    """What every local process needs to reach moto instead of AWS, whatever the template says."""
    return {
        "AWS_ENDPOINT_URL": moto_url,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": region,
        "AWS_DEFAULT_REGION": region,
        # botocore >= 1.44 would otherwise send stream calls to an account endpoint moto does not serve.
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_METRICS_DISABLED": "true",
    }


def local_overrides(opensearch_url: str, function_log_level: str = "WARNING") -> dict[str, str]:
    """Function environment variables that the template cannot give locally."""
    return {
        "OPENSEARCH_ENDPOINT": opensearch_url,
        "OPENSEARCH_AUTH": "none",
        "POWERTOOLS_LOG_LEVEL": function_log_level,
        "NOTIFICATION_CHANNEL": "outbox",  # never SES from a local stack
    }


def apply_environment(environment: Mapping[str, str]) -> None:
    """Set variables for this process and forget cached settings and clients that read the old ones."""
    for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        os.environ.pop(name, None)
    os.environ.update(environment)
    from local_offer.repositories.clients import clear_caches

    clear_caches()


class LocalStack:
    """Everything `local-offer serve` runs; see the module docstring for the lifecycle."""

    def __init__(
        self,
        *,
        host: str = LOOPBACK,
        port: int = 3000,
        data: str | Path | None = DEFAULT_SEED_PATH,
        census: str | Path | None = CENSUS_SEED_PATH,
        template_path: str | Path = cfn.DEFAULT_TEMPLATE_PATH,
        function_log_level: str = "WARNING",
        say: Callable[[str], None] = lambda line: print(line, flush=True),
        seed: bool = True,
    ) -> None:
        """`seed=False` starts a fresh stack: no taxonomies, FAQ items or resources (`local-offer seed` loads them)."""
        self.host, self.port = host, port
        self.data = Path(data) if data is not None else None
        self.census = Path(census) if census is not None else None
        self.template_path = Path(template_path)
        self.function_log_level = function_log_level
        self.say = say
        self.seed = seed
        self.region = cfn.DEFAULT_REGION
        self.http: ApiGatewayServer | None = None
        self.moto: Any = None
        self.osmem: Any = None
        self.poller: StreamPoller | None = None
        self.event_log: EventLogTail | None = None
        self.resources: dict[str, cfn.PhysicalResource] = {}
        self.environment: dict[str, str] = {}
        self.loaded = 0
        self.outbox: Path | None = None
        self._serving_thread: threading.Thread | None = None

    # --- lifecycle --------------------------------------------------------------------------------------
    def start(self) -> None:
        """Bind the port, validate the data, start moto and osmem, create the resources, load and index."""
        started = time.monotonic()
        template = cfn.load_template(self.template_path)
        functions = cfn.functions(template)
        runtime = FunctionRuntime(functions, region=self.region)
        self.http = self._bind(template, runtime)
        services = self._read_data()
        self.moto = self._start_moto()
        self.osmem = self._start_osmem()
        moto_url = "http://{}:{}".format(*self.moto.get_host_and_port())
        apply_environment(base_environment(moto_url, self.region))

        import boto3

        session = boto3.session.Session(region_name=self.region)
        self.resources = cfn.create_resources(session, template)
        self.event_log = EventLogTail(session, event_log_groups(template, self.resources))
        self.event_log.start()
        from devstack.cognito import authorizers_from_template

        self.http.authorizers = authorizers_from_template(
            template, self.resources, region=self.region, endpoint_url=moto_url
        )
        resolver = cfn.Resolver(template, self.resources, region=self.region)
        self.outbox = default_outbox(self.bound_port)
        self.outbox.parent.mkdir(parents=True, exist_ok=True)
        self.outbox.write_text("", encoding="utf-8")  # a new stack starts with an empty outbox
        overrides = local_overrides(self.osmem.url, self.function_log_level)
        self.environment = (
            base_environment(moto_url, self.region)
            | cfn.stack_environment(template, resolver, overrides)
            | {"NOTIFICATION_OUTBOX_PATH": str(self.outbox)}
        )
        apply_environment(self.environment)

        from local_offer.repositories.search_index import SearchIndexRepository

        SearchIndexRepository().ensure_index()
        from local_offer.repositories.search_index import faq_index

        faq_index().ensure_index()
        if self.seed and TAXONOMIES_PATH.exists():
            self.say(f"taxonomies: {load_taxonomies(TAXONOMIES_PATH)} loaded")
        consumers = consumers_from_template(template, self.resources, runtime, session=session, retry_delay=0.2)
        s3_sources = s3_event_sources(template, self.resources, runtime, session=session, retry_delay=0.2)
        # SQS event sources: IndexRedriveFunction redrives the stream batches the indexer gives up.
        queue_sources = queue_event_sources(template, self.resources, runtime, session=session)
        # EventBridge rule events: the notifier's reminders, written to the outbox.
        rule_sources = rule_event_sources(template, self.resources, runtime, session=session, retry_delay=0.2)
        self.poller = StreamPoller(StreamPump([*consumers, *s3_sources, *queue_sources, *rule_sources]))
        self.poller.start()
        if self.seed and FAQS_PATH.exists():
            # Written through the repository: the stream and the indexer put them in the FAQ index.
            self.say(f"faqs: {load_faqs(FAQS_PATH)} loaded")
            self.poller.wait_idle(timeout=INDEXING_TIMEOUT_SECONDS)
        self._load(services)
        self._load_resources()
        self._publish_census()
        self._listen()
        self.say(f"ready in {time.monotonic() - started:.1f} s")

    def _bind(self, template: cfn.Template, runtime: FunctionRuntime) -> ApiGatewayServer:
        """Take the port first (a taken one fails at once), but accept connections only once ready."""
        try:
            return ApiGatewayServer(
                (self.host, self.port),
                cfn.api_routes(template),
                runtime,
                stage=cfn.api_stage_name(template),
                cors=cfn.api_cors(template),
                listen=False,
            )
        except OSError as exc:
            self._raise_if_port_in_use(exc)
            raise

    def _listen(self) -> None:
        assert self.http is not None
        try:
            self.http.listen()
        except OSError as exc:
            # Two stacks started together can both bind (SO_REUSEADDR) until one listens.
            self._raise_if_port_in_use(exc)
            raise

    def _raise_if_port_in_use(self, exc: OSError) -> None:
        if exc.errno == errno.EADDRINUSE:
            raise PortInUseError(f"port {self.port} is already in use (is another local-offer serve running?)") from exc

    def _read_data(self) -> list[Any]:
        if self.data is None:
            return []
        if self.data == DEFAULT_SEED_PATH and not self.data.exists():
            self.say(f"no seed data at {self.data}; starting with an empty directory")
            return []
        self.say(f"validating {self.data}")
        return read_services(self.data)

    def _start_moto(self) -> Any:
        from moto.server import ThreadedMotoServer

        from devstack import moto_speedups

        moto_speedups.apply()  # same answers, without moto's slow sorting dominating local timings
        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        server = ThreadedMotoServer(ip_address=LOOPBACK, port=0, verbose=False)
        server.start()
        return server

    @staticmethod
    def _start_osmem() -> Any:
        from osmem_server import OsmemServer

        return OsmemServer.start(japanese=False)

    def _load(self, services: list[Any]) -> None:
        """Write the services, then wait for the indexer to catch up, showing both."""
        if not services:
            return
        from local_offer.repositories.records import ServiceRecordRepository

        assert self.poller is not None
        stream_log = logging.getLogger("devstack.stream")
        quiet_level, stream_log_level = logging.WARNING, stream_log.level
        stream_log.setLevel(quiet_level)  # one progress line instead of a line per batch
        try:
            baseline = self.poller.pump.stats.records_done
            self.loaded = write_services(
                services,
                ServiceRecordRepository(),
                progress=lambda done, total: self.say(f"loading services: {done}/{total}"),
            )
            deadline = time.monotonic() + INDEXING_TIMEOUT_SECONDS
            while not self.poller.wait_idle(timeout=1.0):
                done = self.poller.pump.stats.records_done - baseline
                self.say(f"indexing: {min(done, self.loaded)}/{self.loaded}")
                if time.monotonic() > deadline:
                    self.say(f"indexing still running after {INDEXING_TIMEOUT_SECONDS} s; serving anyway")
                    return
            stats = self.poller.pump.stats
            self.say(f"indexing: {self.loaded}/{self.loaded} ({stats.records_given_up} given up)")
        finally:
            stream_log.setLevel(stream_log_level)

    def _load_resources(self) -> None:
        """Upload the sample resources; the S3 event runs the publisher, as in AWS."""
        if not self.seed or not (RESOURCE_SEED_PATH / "catalogue.json").exists():
            return
        from local_offer.repositories.resources import ResourceRepository

        assert self.poller is not None
        resource_ids = upload_resource_seed(RESOURCE_SEED_PATH)
        self.poller.wait_idle(timeout=60)
        repository = ResourceRepository()
        records = [repository.get(resource_id) for resource_id in resource_ids]
        published = sum(1 for record in records if record is not None and record.published)
        self.say(f"resources: {published}/{len(resource_ids)} published")

    def _publish_census(self) -> None:
        """Publish the census CSV as a `census` resource: the S3 event runs the publisher, which loads the
        figures through the census loader or refuses the whole file (then serving stops, naming row and column)."""
        if self.census is None:
            return
        from local_offer.repositories.census import CensusRepository
        from local_offer.repositories.resources import ResourceRepository

        assert self.poller is not None
        from devstack.resource_seed import ResourceSeedError

        try:
            resource_id = upload_census(self.census)
        except ResourceSeedError as exc:
            raise DataFileError(str(exc)) from exc
        self.poller.wait_idle(timeout=60)
        record = ResourceRepository().get(resource_id)
        if record is None or not record.published:
            outcome = record.last_outcome if record is not None else None
            raise DataFileError(f"{self.census}: {outcome.reason if outcome else 'the publisher did not publish it'}")
        current = CensusRepository().current()
        assert current is not None
        self.say(f"census: {self.census.name} published; {current.rows} rows loaded ({', '.join(current.years)})")

    def serve_forever(self) -> None:
        """Serve HTTP in this thread until interrupted."""
        assert self.http is not None, "call start() first"
        self.http.serve_forever()

    def serve_in_thread(self) -> None:
        """Serve HTTP from a background thread (tests)."""
        assert self.http is not None, "call start() first"
        self._serving_thread = threading.Thread(
            target=self.http.serve_forever, kwargs={"poll_interval": 0.05}, name="http", daemon=True
        )
        self._serving_thread.start()

    def close(self) -> None:
        """Stop everything that was started, in reverse order; safe to call more than once."""
        if self.http is not None:
            if self._serving_thread is not None:
                self.http.shutdown()
                self._serving_thread.join(5)
            self.http.server_close()
            self.http = None
        if self.poller is not None:
            self.poller.stop()
            self.poller = None
        if self.event_log is not None:
            self.event_log.stop()
            self.event_log = None
        if self.moto is not None:
            self.moto.stop()
            self.moto = None
        if self.osmem is not None:
            self.osmem.close()
            self.osmem = None

    def __enter__(self) -> LocalStack:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- what others need to know -----------------------------------------------------------------------
    @property
    def bound_port(self) -> int:
        """The port actually listened on (differs from `port` when that was 0)."""
        assert self.http is not None
        return int(self.http.server_address[1])

    @property
    def api_url(self) -> str:
        assert self.http is not None
        return self.http.url

    def state(self) -> dict[str, Any]:
        """URLs, physical resources and the functions' environment, for tests and scripts."""
        return {
            "pid": os.getpid(),
            "api_url": self.api_url,
            "moto_url": self.environment.get("AWS_ENDPOINT_URL"),
            "opensearch_url": self.osmem.url if self.osmem else None,
            "opensearch_pid": self.osmem.process.pid if self.osmem else None,
            "loaded": self.loaded,
            "outbox": str(self.outbox) if self.outbox else None,
            "resources": {
                logical_id: {"type": r.type, "name": r.name, "arn": r.arn, "url": r.url, **r.attributes}
                for logical_id, r in self.resources.items()
            },
            "environment": self.environment,
        }

    def write_state(self, path: str | Path) -> None:
        """Write `state()` as JSON atomically (readers never see a partial file)."""
        path = Path(path)
        partial = path.with_name(path.name + ".partial")
        partial.write_text(json.dumps(self.state(), indent=2), encoding="utf-8")
        partial.replace(path)

    def banner(self) -> str:
        url = self.api_url
        examples = [f"  curl '{url}/services?search=autism&per_page=5'"] if "/services" in self._get_paths() else []
        examples += [f"  curl '{url}{path.replace('{', '<').replace('}', '>')}'" for path in self._get_paths()]
        return "\n".join(
            [
                f"Local Offer API: {url}",
                f"  moto (AWS):  {self.environment.get('AWS_ENDPOINT_URL')}",
                f"  OpenSearch:  {self.osmem.url if self.osmem else '-'}",
                "Try:",
                *examples,
                "Ctrl-C stops everything.",
            ]
        )

    def _get_paths(self) -> list[str]:
        assert self.http is not None
        return sorted({c.route.path for c in self.http.router.routes if c.route.method in ("GET", "ANY")})
