"""How many corrections the public suggested in a date range, read from the change requests table.

Public suggestions are change requests with `origin == "public"` (on the item or in its JSON body). The
officers' evidence needs a count a few times a month, so this scans the table with a filter (a read of
every request item, paged) rather than keeping an index for it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from local_offer.repositories.clients import dynamodb_resource
from local_offer.repositories.dynamo import all_items
from local_offer.settings import get_settings

PUBLIC_ORIGIN = "public"


def _origin(item: dict[str, Any]) -> str | None:
    if "origin" in item:
        return str(item["origin"])
    try:
        return json.loads(item.get("body") or "{}").get("origin")
    except ValueError:
        return None


def count_public_suggestions(start: dt.date, end: dt.date, table_name: str | None = None) -> int:
    """Change requests of public origin submitted from `start` to `end` (both included, UTC days)."""
    from boto3.dynamodb.conditions import Attr

    table = dynamodb_resource().Table(table_name or get_settings().change_requests_table_name)
    low = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC).isoformat()
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC).isoformat()
    condition = Attr("entity").eq("change_request") & Attr("submitted_at").gte(low) & Attr("submitted_at").lt(high)
    items = all_items(
        table.scan,
        FilterExpression=condition,
        ProjectionExpression="#origin, body",
        ExpressionAttributeNames={"#origin": "origin"},
    )
    return sum(1 for item in items if _origin(item) == PUBLIC_ORIGIN)
