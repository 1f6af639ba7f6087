"""Lambda SnapStart hooks: what goes into a function's snapshot, and what is refreshed after a restore.

With SnapStart, Lambda runs a function's init (its imports) once when a version is published, snapshots the
environment, and resumes new environments from that snapshot. So:

- before the snapshot, `prepare()` builds the tracer (X-Ray SDK and its patches), imports the client
  libraries (boto3, opensearch-py), the settings (pydantic-settings) and the modules a function's routes
  import on first use (`warm_modules`), and builds the pydantic models, all of which a handler otherwise
  loads on first use: restored environments start with them, while a cold start without SnapStart (and every
  local import) stays light. API handlers register through `make_resolver(warm_modules=...)`, the others
  call `register()`;
- nothing creates a client, connection or credential at import or before the snapshot: the factories in
  repositories/clients.py create them on first use inside an invocation, so a client never outlives a
  restore with stale credentials or a dead connection. After a restore the caches are emptied anyway, in case
  a future hook created one;
- no module keeps state that must be unique per environment: ids come from uuid4/secrets (os.urandom,
  fresh after a restore), never from a `random` generator seeded at import.

`snapshot_restore_py` exists only in Lambda's Python runtime (3.12+); elsewhere `register()` does nothing.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

# Imported on first use by the clients and repositories (repositories/clients.py, local_offer/settings.py);
# a snapshot should hold them.
DEFAULT_WARM_MODULES = ("boto3", "opensearchpy", "local_offer.settings")

_registered = False


def register(warm_modules: Iterable[str] = ()) -> bool:
    """Register the before-snapshot and after-restore hooks (once per process). True when registered, False
    where the runtime has no SnapStart hooks (outside Lambda)."""
    global _registered
    try:
        from snapshot_restore_py import register_after_restore, register_before_snapshot
    except ImportError:
        return False
    modules = tuple(warm_modules)
    register_before_snapshot(lambda: prepare(modules))
    if not _registered:
        register_after_restore(refresh)
        _registered = True
    return True


def prepare(warm_modules: Iterable[str] = ()) -> None:
    """Build the tracer, import the client libraries and `warm_modules`, and build the deferred pydantic
    models, so that the snapshot holds them all. Creates no client."""
    from local_offer.models.base import build_all
    from local_offer.observability import tracer

    tracer.warm()
    for module in (*DEFAULT_WARM_MODULES, *warm_modules):
        importlib.import_module(module)
    build_all()


def refresh() -> None:
    """After a restore: forget every cached client and the settings; they are created again on first use."""
    from local_offer.repositories.clients import clear_caches

    clear_caches()
