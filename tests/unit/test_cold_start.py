"""What a cold start imports, and the SnapStart hooks: the tracer and the models are built on first use, the
handlers import no AWS SDK and no settings, routes import what only they need on first use, and the snapshot
hooks build what was deferred and forget clients after a restore.

Imports are checked in fresh interpreters (this test process has imported everything already).
"""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import types
from typing import Any

import pytest

from devstack.bench_cold import (
    ColdImport,
    api_handler_modules,
    child_environment,
    markdown_section,
    measure,
    replace_section,
)

# (powertools imports the bare `botocore` package, a few hundred microseconds, to tag its user agent)
HEAVY_ON_FIRST_USE = ("aws_xray_sdk.core", "boto3", "botocore.session", "opensearchpy")
# The settings (pydantic-settings) are read when a request first reaches a repository or client.
SETTINGS = ("pydantic_settings", "local_offer.settings")
# What a function's routes import on first use rather than at its import: use cases, or the parts of them
# only some requests need (asyncio is not among them: powertools' event_handler package imports it).
FIRST_USE_BY_HANDLER = {
    "local_offer.handlers.search": (
        "local_offer.repositories.search_index",
        "local_offer.repositories.records",
        "local_offer.domain.search_text",
        "local_offer.domain.glossary",
        "local_offer.domain.places",
        "difflib",
    ),
    "local_offer.handlers.change_requests": (
        "local_offer.services.change_requests",
        "local_offer.domain.change_requests",
    ),
    "local_offer.handlers.corrections": ("local_offer.services.corrections", "local_offer.domain.suggestions"),
    "local_offer.handlers.insights": ("local_offer.services.insights", "local_offer.services.you_said_we_did"),
}


def run_python(code: str, env: dict[str, str] | None = None) -> str:
    """Run `code` in a fresh interpreter with the functions' path; its standard output (it must succeed)."""
    result = subprocess.run(
        [sys.executable, "-c", code], env=env or child_environment(), capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def modules_after_import(module: str, env: dict[str, str] | None = None) -> set[str]:
    """The module names loaded in a fresh interpreter after `import module`."""
    code = f"import sys, json\nimport {module}\nprint(json.dumps(sorted(sys.modules)))"
    output = run_python(code, env)
    return set(json.loads(output.splitlines()[-1]))


@pytest.mark.parametrize("module", sorted(api_handler_modules()))
def test_api_handlers_import_neither_the_xray_sdk_nor_an_aws_client_library(module: str) -> None:
    loaded = modules_after_import(module)
    assert not loaded & set(HEAVY_ON_FIRST_USE), f"{module} imports {sorted(loaded & set(HEAVY_ON_FIRST_USE))}"


@pytest.mark.parametrize("module", sorted(api_handler_modules()))
def test_api_handlers_leave_the_settings_for_the_first_request(module: str) -> None:
    loaded = modules_after_import(module)
    assert not loaded & set(SETTINGS), f"{module} imports {sorted(loaded & set(SETTINGS))}"


@pytest.mark.parametrize("module", sorted(FIRST_USE_BY_HANDLER))
def test_api_handlers_leave_what_their_routes_load_on_first_use(module: str) -> None:
    loaded = modules_after_import(module)
    assert not loaded & set(FIRST_USE_BY_HANDLER[module]), (
        f"{module} imports {sorted(loaded & set(FIRST_USE_BY_HANDLER[module]))}"
    )


def test_the_handlers_first_use_lists_name_real_modules() -> None:
    # (a renamed module would make the test above pass for nothing)
    import importlib.util

    for modules in FIRST_USE_BY_HANDLER.values():
        for name in modules:
            assert importlib.util.find_spec(name) is not None, name


@pytest.mark.parametrize("module", sorted(api_handler_modules()))
def test_no_handler_reads_the_glossary_at_import(module: str) -> None:
    code = (
        "import sys\n"
        f"import {module}\n"
        "glossary = sys.modules.get('local_offer.domain.glossary')\n"
        "print(0 if glossary is None else glossary.default_glossary.cache_info().currsize"
        " + glossary.capitals_only_variants.cache_info().currsize)"
    )
    output = run_python(code)
    assert output.split() == ["0"]


def test_inside_lambda_the_handler_import_still_leaves_the_xray_sdk_for_first_use() -> None:
    # Given Lambda's environment with tracing on (as `Tracing: Active` deploys it)
    env = child_environment() | {"LAMBDA_TASK_ROOT": "/var/task", "AWS_LAMBDA_FUNCTION_NAME": "SearchFunction"}
    # Then importing a handler does not build the tracer
    assert "aws_xray_sdk.core" not in modules_after_import("local_offer.handlers.search", env)


def test_inside_lambda_the_first_use_builds_the_xray_tracer() -> None:
    env = child_environment() | {"LAMBDA_TASK_ROOT": "/var/task", "AWS_LAMBDA_FUNCTION_NAME": "SearchFunction"}
    code = (
        "from local_offer.observability import tracer\n"
        "tracer.warm()\n"
        "print(type(tracer.tracer.provider).__module__, tracer.tracer.disabled)"
    )
    output = run_python(code, env)
    provider_module, disabled = output.split()
    assert provider_module.startswith("aws_xray_sdk")
    assert disabled == "False"


def test_outside_lambda_the_tracer_records_nothing_and_imports_no_xray_sdk() -> None:
    code = (
        "import sys\n"
        "from local_offer.tracing import LazyTracer\n"
        "tracer = LazyTracer('test')\n"
        "@tracer.capture_method\n"
        "def add(a: int, b: int = 2) -> int:\n"
        "    tracer.put_annotation('k', 'v')\n"
        "    return a + b\n"
        "print(add(1), tracer.built, tracer.tracer.disabled, 'aws_xray_sdk.core' in sys.modules)"
    )
    output = run_python(code)
    assert output.split() == ["3", "True", "True", "False"]


def test_deferred_decorators_keep_the_signature_powertools_reads() -> None:
    from local_offer.tracing import LazyTracer

    tracer = LazyTracer("test")

    def route(service_id: str, page: int = 1) -> dict[str, Any]:
        """Doc."""
        return {"id": service_id, "page": page}

    traced = tracer.capture_method(route)
    handler = tracer.capture_lambda_handler(capture_response=False)(lambda event, context: event)

    assert inspect.signature(traced) == inspect.signature(route)
    assert traced.__name__ == "route"
    assert traced.__doc__ == "Doc."
    assert not tracer.built, "decorating must not build the tracer"
    assert traced("a", page=2) == {"id": "a", "page": 2}
    assert handler({"x": 1}, None) == {"x": 1}
    assert tracer.built


def test_every_model_defers_its_build_to_first_use() -> None:
    code = (
        "import importlib, pkgutil, json, pydantic\n"
        "import local_offer.models as package\n"
        "from local_offer.models.base import Model\n"
        "found = {}\n"
        "for info in pkgutil.iter_modules(package.__path__):\n"
        "    module = importlib.import_module(f'local_offer.models.{info.name}')\n"
        "    for value in vars(module).values():\n"
        "        ours = isinstance(value, type) and value.__module__ == module.__name__\n"
        "        if ours and issubclass(value, pydantic.BaseModel):\n"
        "            generic = bool(value.__pydantic_generic_metadata__['parameters'])\n"
        "            complete = value.__pydantic_complete__ and not generic\n"
        "            found[value.__qualname__] = [issubclass(value, Model), complete]\n"
        "print(json.dumps(found))"
    )
    output = run_python(code)
    found = json.loads(output)
    assert len(found) > 20
    not_deferred = {name for name, (derived, _) in found.items() if not derived}
    assert not not_deferred, f"derive these from local_offer.models.base.Model: {sorted(not_deferred)}"
    # (a generic base such as Page[ItemT] is built at once; its parametrised pages are deferred)
    built_at_import = {name for name, (_, complete) in found.items() if complete}
    assert not built_at_import, f"built at import: {sorted(built_at_import)}"


def test_build_all_builds_the_deferred_models() -> None:
    from local_offer.models import base, oruk

    base.build_all()

    assert oruk.Service.__pydantic_complete__
    assert (
        oruk.Taxonomy.model_validate(
            {"id": "00000000-0000-4000-8000-000000000001", "name": "x", "description": "y"}
        ).name
        == "x"
    )


# ---------------------------------------------------------------------------------------------------------
# SnapStart hooks
# ---------------------------------------------------------------------------------------------------------
@pytest.fixture
def snapshot_runtime(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """A stand-in for Lambda's `snapshot_restore_py` that records the hooks registered with it."""
    hooks: dict[str, list[Any]] = {"before": [], "after": []}
    runtime = types.ModuleType("snapshot_restore_py")
    runtime.register_before_snapshot = hooks["before"].append  # type: ignore[attr-defined]
    runtime.register_after_restore = hooks["after"].append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "snapshot_restore_py", runtime)
    from local_offer import snapshot

    monkeypatch.setattr(snapshot, "_registered", False)
    return hooks


def test_outside_lambda_no_snapshot_hook_is_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    from local_offer import snapshot

    monkeypatch.setitem(sys.modules, "snapshot_restore_py", None)  # import fails, as outside Lambda
    assert snapshot.register(["json"]) is False


def test_before_the_snapshot_the_tracer_and_deferred_modules_are_loaded_but_no_client(
    snapshot_runtime: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from local_offer import snapshot
    from local_offer.observability import tracer
    from local_offer.repositories import clients

    monkeypatch.setattr(tracer, "_tracer", None)
    monkeypatch.delitem(sys.modules, "colorsys", raising=False)
    clients.clear_caches()

    assert snapshot.register(["colorsys"]) is True
    (before,) = snapshot_runtime["before"]
    before()

    assert tracer.built
    assert "colorsys" in sys.modules
    assert clients.boto3_session.cache_info().currsize == 0, "a client was created before the snapshot"
    assert clients.opensearch_client.cache_info().currsize == 0


def test_after_a_restore_cached_clients_are_forgotten(
    snapshot_runtime: dict[str, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    from local_offer import snapshot
    from local_offer.repositories import clients

    monkeypatch.setenv("AWS_REGION", "eu-west-2")
    snapshot.register()
    snapshot.register()  # a second handler in the same process registers the restore hook once only
    clients.boto3_session()
    assert clients.boto3_session.cache_info().currsize == 1

    (after,) = snapshot_runtime["after"]
    after()

    assert clients.boto3_session.cache_info().currsize == 0


def function_handler_modules() -> list[str]:
    from devstack import template as cfn

    return sorted({spec.handler.rpartition(".")[0] for spec in cfn.functions(cfn.load_template()).values()})


@pytest.mark.parametrize("module", sorted(FIRST_USE_BY_HANDLER))
def test_before_the_snapshot_what_routes_load_on_first_use_is_imported_but_no_client_created(module: str) -> None:
    # Given Lambda's snapshot_restore_py (a stand-in that keeps the before-snapshot hooks)
    code = (
        "import json, sys, types\n"
        "before = []\n"
        "runtime = types.ModuleType('snapshot_restore_py')\n"
        "runtime.register_before_snapshot = before.append\n"
        "runtime.register_after_restore = lambda hook: None\n"
        "sys.modules['snapshot_restore_py'] = runtime\n"
        f"import {module}\n"
        "for hook in before:\n"
        "    hook()\n"
        "from local_offer.repositories import clients\n"
        "made = clients.boto3_session.cache_info().currsize + clients.opensearch_client.cache_info().currsize\n"
        "print(json.dumps({'modules': sorted(sys.modules), 'clients': made}))"
    )
    # When the function's init runs and then the before-snapshot hooks
    output = run_python(code)
    # Then the snapshot holds the settings and what the routes import on first use, and no client
    found = json.loads(output.splitlines()[-1])
    expected = {*SETTINGS, *FIRST_USE_BY_HANDLER[module]}
    assert expected <= set(found["modules"]), f"not in the snapshot: {sorted(expected - set(found['modules']))}"
    assert found["clients"] == 0


@pytest.mark.parametrize("module", function_handler_modules())
def test_every_function_registers_its_snapshot_hooks_at_import(module: str) -> None:
    # Given Lambda's snapshot_restore_py (a stand-in that counts registrations)
    code = (
        "import sys, types\n"
        "hooks = {'before': 0, 'after': 0}\n"
        "runtime = types.ModuleType('snapshot_restore_py')\n"
        "runtime.register_before_snapshot = lambda hook: hooks.__setitem__('before', hooks['before'] + 1)\n"
        "runtime.register_after_restore = lambda hook: hooks.__setitem__('after', hooks['after'] + 1)\n"
        "sys.modules['snapshot_restore_py'] = runtime\n"
        f"import {module}\n"
        "print(hooks['before'], hooks['after'])"
    )
    # When the function's handler module is imported (Lambda's init)
    output = run_python(code)
    # Then it registered a before-snapshot and an after-restore hook
    before, after = map(int, output.split())
    assert before >= 1
    assert after == 1


# ---------------------------------------------------------------------------------------------------------
# the cold-import benchmark's own arithmetic (no timings)
# ---------------------------------------------------------------------------------------------------------
def test_the_cold_import_ratio_is_the_median_of_alternated_rounds() -> None:
    calls: list[str] = []
    times = iter([(9.0, 9.0), (2.0, 2.0), (1.0, 1.0), (3.0, 3.0), (1.0, 1.0), (2.0, 2.0), (3.0, 1.5)])

    def timer(module: str) -> tuple[float, float]:
        calls.append(module)
        return next(times)

    cold = measure("local_offer.handlers.search", ("SearchFunction",), rounds=3, timer=timer)

    # the first import only compiles bytecode; then handler/boto3, boto3/handler, handler/boto3
    search = "local_offer.handlers.search"
    assert calls == [search, search, "boto3", "boto3", search, search, "boto3"]
    assert cold.rounds == ((2.0, 2.0, 1.0, 1.0), (1.0, 1.0, 3.0, 3.0), (2.0, 2.0, 3.0, 1.5))
    assert cold.wall_ratio == pytest.approx(2 / 3)
    assert cold.cpu_ratio == pytest.approx(4 / 3)


def test_the_cold_import_report_gives_each_handler_a_verdict() -> None:
    fast = ColdImport("a.fast", ("FastFunction",), ((1.0, 1.0, 1.0, 1.0),))
    slow = ColdImport("a.slow", ("SlowFunction",), ((2.0, 2.0, 1.0, 1.0),))

    report = "\n".join(markdown_section({"a.fast": fast, "a.slow": slow}, rounds=1))

    assert "| `a.fast` | FastFunction | 1000 | 1000 | 1.00x | 1.00x | met |" in report
    assert "| `a.slow` | SlowFunction | 2000 | 1000 | 2.00x | 2.00x | **missed** |" in report


def test_the_benchmark_finds_every_function_that_serves_api_routes() -> None:
    modules = api_handler_modules()
    assert "local_offer.handlers.search" in modules
    assert modules["local_offer.handlers.search"] == ("SearchFunction",)
    assert "local_offer.handlers.indexer" not in modules, "the stream indexer serves no API route"
    assert os.environ.get("LAMBDA_TASK_ROOT") is None or "LAMBDA_TASK_ROOT" not in child_environment()


def test_the_cold_section_alone_replaces_only_the_reports_cold_section() -> None:
    old = ColdImport("a.handler", ("AFunction",), ((2.0, 2.0, 1.0, 1.0),))
    new = ColdImport("a.handler", ("AFunction",), ((1.5, 1.5, 1.0, 1.0),))
    report = "\n".join(
        [
            "# Benchmarks",
            "",
            "## (c) Indexer",
            "",
            "rows",
            *markdown_section({"a.handler": old}, 9),
            "",
            "## Machine",
            "- x",
        ]
    )

    updated = replace_section(report, markdown_section({"a.handler": new}, 15, "Measured on its own."))

    assert "| `a.handler` | AFunction | 1500 | 1000 | 1.50x | 1.50x | met |" in updated
    assert "2.00x" not in updated
    assert "Measured on its own." in updated
    assert updated.startswith("# Benchmarks\n\n## (c) Indexer\n\nrows\n\n## (d) Cold import")
    assert updated.endswith("\n\n## Machine\n- x\n")
    assert updated.count("## (d)") == 1


def test_the_cold_section_is_added_before_the_machine_notes_of_a_report_without_one() -> None:
    section = markdown_section({"a": ColdImport("a.handler", ("AFunction",), ((1.0, 1.0, 1.0, 1.0),))}, 3)

    updated = replace_section("# Benchmarks\n\n## (c) Indexer\n\n## Machine\n- x\n", section)

    assert updated.index("## (c) Indexer") < updated.index("## (d) Cold import") < updated.index("## Machine")
