"""The base of every pydantic model here: its validators are built on first use, not at import.

pydantic builds a model's core schema and validator when the class is defined; for the ORUK shapes and the API
pages that is ~0.2 s of a handler's cold import, paid even by a request that validates none of them.
`defer_build=True` moves that work to a model's first validation or serialisation (and SnapStart's
before-snapshot hook, local_offer/snapshot.py, builds them all into the snapshot). Subclasses add their own
`model_config`; pydantic merges it with this one.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A pydantic model whose schema is built on first use."""

    model_config = ConfigDict(defer_build=True)


def build_all() -> int:
    """Build every model defined so far whose build was deferred (returns how many were built)."""
    built = 0
    pending: list[type[BaseModel]] = [Model]
    while pending:
        model = pending.pop()
        pending.extend(model.__subclasses__())
        if not model.__pydantic_complete__ and "[" not in model.__name__:
            built += bool(model.model_rebuild(force=True))
    return built
