"""How many corrections the public suggested in a date range, read from the change requests table.

Public suggestions are change requests whose item carries `origin = "public"`. The officers' evidence needs
this count a few times a month, so it is a filtered scan (`Select: COUNT`, paged: every request item is read
and none is returned, so no suggestion's text or e-mail address leaves the table) rather than an index.
"""

from __future__ import annotations

import datetime as dt

from local_offer.repositories.clients import dynamodb_resource
from local_offer.settings import get_settings

PUBLIC_ORIGIN = "public"


def count_public_suggestions(start: dt.date, end: dt.date, table_name: str | None = None) -> int:
    """Change requests of public origin submitted from `start` to `end` (both included, UTC days)."""
    from boto3.dynamodb.conditions import Attr

    table = dynamodb_resource().Table(table_name or get_settings().change_requests_table_name)
    low = dt.datetime.combine(start, dt.time(), tzinfo=dt.UTC).isoformat()
    high = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC).isoformat()
    condition = (
        Attr("entity").eq("change_request")
        & Attr("origin").eq(PUBLIC_ORIGIN)
        & Attr("submitted_at").gte(low)
        & Attr("submitted_at").lt(high)
    )
    arguments = {"FilterExpression": condition, "Select": "COUNT"}
    total = 0
    while True:
        page = table.scan(**arguments)
        total += int(page.get("Count", 0))
        if "LastEvaluatedKey" not in page:
            return total
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]
