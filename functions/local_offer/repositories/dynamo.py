"""Small helpers every DynamoDB repository shares: following pages and projecting attributes."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any


def all_items(operation: Callable[..., dict[str, Any]], **kwargs: Any) -> Iterator[dict[str, Any]]:
    """Every item of a `table.query` or `table.scan`, following `LastEvaluatedKey` page by page."""
    while True:
        page = operation(**kwargs)
        yield from page.get("Items", [])
        if "LastEvaluatedKey" not in page:
            return
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def projection(attributes: Sequence[str] | None) -> dict[str, Any]:
    """Scan/query arguments that read only `attributes` (all of them when none are given); names are
    aliased because attributes such as `status` and `name` are DynamoDB reserved words."""
    if not attributes:
        return {}
    names = {f"#a{position}": name for position, name in enumerate(attributes)}
    return {"ProjectionExpression": ", ".join(names), "ExpressionAttributeNames": names}
