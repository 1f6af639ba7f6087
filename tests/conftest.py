"""Shared fixtures: a fake AWS account from template.yaml, an OpenSearch engine, and the stream -> indexer path.

The environment below is set when pytest loads this file, before any test imports a handler: fake
credentials, eu-west-2, no tracing, and nothing that could reach a real account or a developer's own
services (AWS_PROFILE and AWS_ENDPOINT_URL are removed; OpenSearch points at a closed loopback port until a
test asks for the `opensearch` fixture).

Fixtures
    template  (session) the parsed template.yaml
    aws       in-process moto with every DynamoDB table, SQS queue and S3 bucket of the template, and the
              functions' environment resolved from the template (RECORDS_TABLE_NAME, ...); yields a LocalAws
    opensearch  a fresh osmem-server clone for this test; sets OPENSEARCH_ENDPOINT/OPENSEARCH_AUTH, yields its URL
    services_index  `opensearch` plus the services index and alias created the way the app creates them
    stream    a StreamPump over the template's DynamoDB event sources, feeding the real handlers (e.g. the
              indexer) exactly as Lambda would: call `stream.drain()` after writing to the table
    s3_events a StreamPump over the template's S3 event sources (bucket -> moto queue -> handler, e.g. the
              publisher): call `s3_events.drain()` after an upload

A typical integration test takes `aws, services_index, stream`, writes through a repository, calls
`stream.drain()` and then queries the search handler or the index.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

TEST_REGION = "eu-west-2"
UNREACHABLE_OPENSEARCH = "http://127.0.0.1:9"  # the discard port: nothing answers

for _name in ("AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
    os.environ.pop(_name, None)
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_REGION": TEST_REGION,
        "AWS_DEFAULT_REGION": TEST_REGION,
        # botocore >= 1.44 would send DynamoDB stream calls to an account endpoint that moto does not serve.
        "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
        "POWERTOOLS_TRACE_DISABLED": "true",
        "POWERTOOLS_SERVICE_NAME": "local-offer",
        "POWERTOOLS_METRICS_NAMESPACE": "LocalOffer",
        "OPENSEARCH_ENDPOINT": UNREACHABLE_OPENSEARCH,
        "OPENSEARCH_AUTH": "none",
        # Write each search count at once, so a test reads what it searched (the buffer has its own test);
        # local stacks started by the tests inherit it.
        "INSIGHTS_FLUSH_SEARCHES": "1",
    }
)
logging.getLogger("werkzeug").setLevel(logging.ERROR)

# Session fixtures whose tests must share one pytest-xdist worker: the first starts `local-offer serve` (and
# is expensive: the whole seed); the others install a pinned tool into .tools/ through the Makefile, which two
# workers must not do at the same time.
GROUP_BY_FIXTURE = {"seeded_stack": "seeded-stack", "sam_cli": "sam-cli", "checkov_cli": "checkov"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that need a running local stack (`stack`: `make check` leaves them out), and keep the
    tests of one stack or tool on one pytest-xdist worker (`xdist_group`, which `--dist loadgroup` honours)
    so that it starts or installs once per run rather than once per worker. Runs before xdist reads groups.
    Then put the long modules first."""
    for item in items:
        shared = next((group for name, group in GROUP_BY_FIXTURE.items() if name in item.fixturenames), None)
        if "seeded_stack" in item.fixturenames or "e2e" in item.path.parts:
            item.add_marker(pytest.mark.stack)
        if shared is not None:
            item.add_marker(pytest.mark.xdist_group(shared))
        elif item.get_closest_marker("stack") is not None:
            # Module-scoped stacks: the module's tests stay together.
            item.add_marker(pytest.mark.xdist_group(item.path.stem))
    # The modules that start a stack or run a slow tool come first. `make test` hands whole modules to the
    # workers in collection order (`--dist loadscope --no-loadscope-reorder`), so the long ones start at once
    # and the many short ones even out the end, instead of a one-test module with its own stack running
    # alone at the end (xdist's default order is by number of tests, which put those last).
    long_modules = {item.path for item in items if item.get_closest_marker("stack") or item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in long_modules)


def clear_app_caches() -> None:
    """Forget cached settings and clients so the next use reads the current environment."""
    try:
        from local_offer.settings import get_settings

        get_settings.cache_clear()
    except ImportError:
        pass
    try:
        from local_offer.repositories.clients import clear_caches

        clear_caches()
    except ImportError:
        pass
    try:
        from local_offer.services.directory import forget_taxonomies

        forget_taxonomies()
    except ImportError:
        pass


_service_model_loaders: dict[str | None, Any] = {}


def share_service_models() -> None:
    """Let every botocore session in this process share one loader of the service models (read-only JSON).

    Each test builds a new account, so new boto3 sessions (the fixture's and the app's, after
    `clear_app_caches`); each new session would otherwise parse the JSON models of every service again,
    which cost more than creating the test's resources. Sessions and clients stay per test."""
    import botocore.loaders
    import botocore.session

    def shared_loader(search_path_string: str | None = None) -> Any:
        if search_path_string not in _service_model_loaders:
            _service_model_loaders[search_path_string] = botocore.loaders.create_loader(search_path_string)
        return _service_model_loaders[search_path_string]

    botocore.session.create_loader = shared_loader  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def template() -> Mapping[str, Any]:
    """The parsed template.yaml (intrinsics as `{"Ref": ...}` / `{"Fn::GetAtt": [...]}`)."""
    from devstack.template import load_template

    return load_template()


@dataclass(frozen=True)
class LocalAws:
    """What the `aws` fixture made: physical resources by logical id and the functions' environment."""

    session: Any
    resources: Mapping[str, Any]  # logical id -> devstack.template.PhysicalResource
    environment: Mapping[str, str]

    def name(self, logical_id: str) -> str:
        """Physical name of a template resource, e.g. `aws.name("RecordsTable")`."""
        return self.resources[logical_id].name


@pytest.fixture
def aws(template: Mapping[str, Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalAws]:
    """In-process moto holding every table, queue and bucket of template.yaml, with the functions'
    environment (Globals + each function's variables, resolved) set for this test."""
    import boto3
    from moto import mock_aws

    from devstack import moto_speedups
    from devstack import template as cfn

    share_service_models()
    moto_speedups.apply()  # as the local stack does: same answers, less time in moto
    with mock_aws():
        session = boto3.session.Session(region_name=TEST_REGION)
        resources = cfn.create_resources(session, template)
        resolver = cfn.Resolver(template, resources, region=TEST_REGION)
        # OpenSearch variables belong to the `opensearch` fixture; the rest comes from the template.
        keep = {name: os.environ[name] for name in ("OPENSEARCH_ENDPOINT", "OPENSEARCH_AUTH")}
        environment = {**cfn.stack_environment(template, resolver, overrides=keep), **keep}
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        clear_app_caches()
        yield LocalAws(session, resources, environment)
    clear_app_caches()


@pytest.fixture
def opensearch(osmem_clone: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh, empty osmem-server clone for this test; the app is pointed at it. Yields its URL."""
    monkeypatch.setenv("OPENSEARCH_ENDPOINT", osmem_clone.url)
    monkeypatch.setenv("OPENSEARCH_AUTH", "none")
    clear_app_caches()
    yield osmem_clone.url
    clear_app_caches()


@pytest.fixture
def services_index(opensearch: str) -> str:
    """`opensearch` with the services index and its alias created as the app does; yields the index name."""
    from local_offer.repositories.search_index import SearchIndexRepository

    return SearchIndexRepository().ensure_index()


@pytest.fixture
def stream(aws: LocalAws, template: Mapping[str, Any]) -> Any:
    """A devstack.stream.StreamPump feeding moto's real DynamoDB streams to the real handlers, with the
    template's batch size, partial-failure, bisect, retry and OnFailure settings. `stream.drain()` delivers
    everything written so far (synchronously) and returns the number of stream records read."""
    from devstack import template as cfn
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.stream import StreamPump, consumers_from_template

    runtime = FunctionRuntime(cfn.functions(template), region=TEST_REGION)
    return StreamPump(consumers_from_template(template, aws.resources, runtime, session=aws.session))


@pytest.fixture
def s3_events(aws: LocalAws, template: Mapping[str, Any]) -> Any:
    """A devstack.stream.StreamPump over the template's S3 event sources: each bucket notifies a moto queue
    and `s3_events.drain()` feeds the queued S3 events to the real handlers (e.g. the publisher) as
    Lambda's asynchronous invocation would (retries, then the dead-letter queue)."""
    from devstack import template as cfn
    from devstack.lambda_runtime import FunctionRuntime
    from devstack.s3events import s3_event_sources
    from devstack.stream import StreamPump

    runtime = FunctionRuntime(cfn.functions(template), region=TEST_REGION)
    return StreamPump(s3_event_sources(template, aws.resources, runtime, session=aws.session))


@pytest.fixture(scope="session")
def seeded_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """`local-offer serve` with the full seed directory (3,600 services), once per run: the pytest-xdist
    workers share it (the first to need it starts it, the last to finish stops it); yields its state (`api_url`,
    and `state_file` for the commands that find a stack through it)."""
    from tests.stack_process import shared_running_stack

    # Under xdist, the workers' base directories share a parent that is this run's alone.
    root = tmp_path_factory.getbasetemp()
    directory = (root.parent if os.environ.get("PYTEST_XDIST_WORKER") else root) / "seeded-stack"
    with shared_running_stack(directory) as state:
        yield {**state, "state_file": directory / "state.json"}


@pytest.fixture(scope="session")
def seeded_api(seeded_stack: dict[str, Any]) -> str:
    """The seeded stack's URL. Used by the suites that judge the directory as a whole: ORUK contract and
    search relevance, and the README's first screen."""
    return str(seeded_stack["api_url"])
