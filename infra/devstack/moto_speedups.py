"""Faster sorting in moto's DynamoDB, with the same results.

moto 5.2 sorts every item of a table on every query and scan, and a GSI query's partition again, comparing
`DynamoType` objects whose every comparison recomputes the value (`cast_value`): about two seconds per
index query at 3,600 records, which made local timings measure moto rather than the code. `apply()` gives
both sorts a key of the plain values instead. Key attributes are scalars (S, N, B) of one type per table and
`DynamoType` orders by `cast_value`, so the order, and so every answer, is unchanged.

Applied by the local stack before its moto server starts; idempotent.
"""

from __future__ import annotations

from typing import Any

_applied = False


def _key_value(value: Any) -> Any:
    return value.cast_value if value is not None else ""


def apply() -> None:
    """Patch moto's Table.all_items and Table.sorted_items (once per process)."""
    global _applied
    if _applied:
        return
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
