"""Faster sorting in moto's DynamoDB, and moto's bundled pool key imported once, with the same results.

moto 5.2 sorts every item of a table on every query and scan, and a GSI query's partition again, comparing
`DynamoType` objects whose every comparison recomputes the value (`cast_value`): about two seconds per
index query at 3,600 records, which made local timings measure moto rather than the code. `apply()` gives
both sorts a key of the plain values instead. Key attributes are scalars (S, N, B) of one type per table and
`DynamoType` orders by `cast_value`, so the order, and so every answer, is unchanged.

moto also imports its bundled RSA key (with the checks of every private key: ~0.1 s) for each user pool it
creates, only for devstack.signing_keys to replace it with the pool's own. The import is now done once and
the same key object given to each pool: the key every pool starts with is the same as before.

Applied by the local stack before its moto server starts, and by the tests' `aws` fixture; idempotent.
"""

from __future__ import annotations

import json
from typing import Any

_applied = False


def _key_value(value: Any) -> Any:
    return value.cast_value if value is not None else ""


class _ImportEachKeyOnce:
    """`joserfc.jwk` as moto's cognitoidp models see it, with `RSAKey.import_key` remembering each key it
    imported from a JWK dict (moto's bundled key, once per process instead of once per pool)."""

    def __init__(self, jwk: Any) -> None:
        self._jwk = jwk
        self._imported: dict[str, Any] = {}
        self.RSAKey = type("RSAKey", (), {"import_key": staticmethod(self._import_key)})

    def __getattr__(self, name: str) -> Any:
        return getattr(self._jwk, name)

    def _import_key(self, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs or not isinstance(value, dict):
            return self._jwk.RSAKey.import_key(value, *args, **kwargs)
        text = json.dumps(value, sort_keys=True)
        if text not in self._imported:
            self._imported[text] = self._jwk.RSAKey.import_key(value)
        return self._imported[text]


def apply() -> None:
    """Patch moto's Table.all_items and Table.sorted_items, and the cognitoidp models' key import (once per
    process)."""
    global _applied
    if _applied:
        return
    from joserfc import jwk
    from moto.cognitoidp import models as cognito_models

    cognito_models.jwk = _ImportEachKeyOnce(jwk)  # type: ignore[assignment]
    from moto.dynamodb.models.table import Table

    def all_items(self: Any) -> list[Any]:
        items: list[Any] = []
        for hash_set in self.items.values():
            if self.range_key_attr:
                items.extend(hash_set.values())
            else:
                items.append(hash_set)
        return sorted(
            items,
            key=lambda x: (
                (_key_value(x.hash_key), _key_value(x.range_key)) if x.range_key else (_key_value(x.hash_key),)
            ),
        )

    def sorted_items(
        self: Any, hash_key_attrs: list[str], range_key_attrs: list[str | None], items: list[Any]
    ) -> list[Any]:
        attributes = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda x: tuple(x.attrs[name].cast_value for name in attributes))
        return items

    Table.all_items = all_items  # type: ignore[method-assign]
    Table.sorted_items = sorted_items  # type: ignore[method-assign]
    _applied = True
