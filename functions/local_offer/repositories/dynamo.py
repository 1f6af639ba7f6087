"""What every DynamoDB repository shares: the table it reaches, following pages, projecting attributes, cursors."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, ClassVar

from local_offer.repositories.clients import dynamodb_resource


class TableRepository:
    """Base of the DynamoDB repositories: one table, named by the argument or else by the setting
    `table_setting`, reached through a boto3 Table resource created on first use (never at import, so moto
    and tests can intercept it).

    Conditional writes that find the item changed raise `local_offer.models.errors.StaleWrite`."""

    table_setting: ClassVar[str]  # the Settings field that names the default table

    def __init__(self, table_name: str | None = None, dynamodb: Any = None) -> None:
        """`dynamodb`: a boto3 DynamoDB resource (default: the process-wide one from the settings)."""
        # on first use: pydantic-settings stays out of a handler's cold import (local_offer/settings.py)
        from local_offer.settings import get_settings

        self.table_name: str = table_name or getattr(get_settings(), self.table_setting)
        self._dynamodb = dynamodb
        self._table: Any = None

    @property
    def dynamodb(self) -> Any:
        """The boto3 DynamoDB service resource (for actions across tables: batch reads, other tables)."""
        return self._dynamodb or dynamodb_resource()

    @property
    def table(self) -> Any:
        """The boto3 Table resource (created on first use)."""
        if self._table is None:
            self._table = self.dynamodb.Table(self.table_name)
        return self._table


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


# ---------------------------------------------------------------------------------------------------------
# Cursors: a query's position, handed to the client and back
# ---------------------------------------------------------------------------------------------------------
MAX_CURSOR_CHARACTERS = 2048


def encode_cursor(key: Mapping[str, Any]) -> str:
    """An opaque, URL-safe cursor for a query's `LastEvaluatedKey` (string attributes only)."""
    text = json.dumps({name: str(value) for name, value in key.items()}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, attributes: Sequence[str], fixed: Mapping[str, str]) -> dict[str, str]:
    """The `ExclusiveStartKey` a cursor stands for.

    `attributes` are the index's and the table's key attributes, exactly the ones a cursor holds; `fixed` are
    values the query pins (its partition key): a cursor taken from another partition (another status, another
    submitter) is refused, so a cursor never reaches what the query itself would not. Raises InvalidRequest
    naming `cursor`.
    """
    from local_offer.models.errors import InvalidRequest

    refusal = InvalidRequest("cursor is not one this list gave (take next_cursor from the previous page)", "cursor")
    if len(cursor) > MAX_CURSOR_CHARACTERS:
        raise refusal
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise refusal from exc
    if not isinstance(key, dict) or set(key) != set(attributes) or not all(isinstance(v, str) for v in key.values()):
        raise refusal
    if any(key[name] != value for name, value in fixed.items()):
        raise refusal
    return key


def query_page(
    query: Callable[..., dict[str, Any]],
    limit: int,
    key_attributes: Sequence[str],
    start: Mapping[str, Any] | None = None,
    **kwargs: Any,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Up to `limit` items of a query from `start`, and the key to continue from (None at the end).

    One item more than asked for is read, so that a page that happens to end the list says so (no empty last
    page). A FilterExpression may leave DynamoDB's pages short, so pages are read until there are enough; the
    key returned is the last item's own, so nothing is skipped or repeated between pages."""
    items: list[dict[str, Any]] = []
    if start:
        kwargs["ExclusiveStartKey"] = dict(start)
    while len(items) <= limit:
        page = query(Limit=limit + 1 - len(items), **kwargs)
        items.extend(page.get("Items", []))
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    if len(items) <= limit:
        return items, None
    items = items[:limit]
    return items, {name: items[-1][name] for name in key_attributes}
