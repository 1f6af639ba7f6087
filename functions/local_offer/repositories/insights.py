"""Daily search and feedback counters in the insights table.

Item layout (keys `pk`/`sk`; one partition per month, so a range of up to 366 days is at most 13 queries):
    pk = "SEARCH#<yyyy-mm>",   sk = "<yyyy-mm-dd>#<kind>#<term>"   one term's searches on one day
        kind, term, day, searches, zero_results, top_services (SS: ids among its top 10 results),
        top_categories (SS: `<term id>|<name>` of those results' categories), expires_at (TTL)
    pk = "FEEDBACK#<yyyy-mm>", sk = "<yyyy-mm-dd>"                FAQ "was this helpful?" votes of one day
        helpful, not_helpful, expires_at
No address, user or session is stored: a count is a term (already scrubbed) and numbers.

Counts are buffered per execution environment and written as one UpdateItem ADD per term (see
services/search_counter.py), through a client with short timeouts and a single attempt (see
`clients.insights_dynamodb_client`): a lost count is acceptable, a slow search is not.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from local_offer.models.search_counts import SearchCount
from local_offer.repositories.clients import insights_dynamodb_client
from local_offer.repositories.dynamo import TableRepository, all_items

# Counts are kept a little over two years, so a year can be compared with the one before.
RETENTION_DAYS = 800


def _month(day: dt.date) -> str:
    return day.strftime("%Y-%m")


def _months(start: dt.date, end: dt.date) -> Iterator[str]:
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _expires_at(day: dt.date) -> int:
    moment = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) + dt.timedelta(days=RETENTION_DAYS)
    return int(moment.timestamp())


class InsightsRepository(TableRepository):
    """Adds to and reads the daily counters."""

    table_setting = "insights_table_name"

    def count_search(self, count: SearchCount) -> None:
        """Add searches to their term's counter for the day (a single UpdateItem)."""
        update = "ADD searches :searches, zero_results :zero"
        values: dict[str, Any] = {
            ":searches": {"N": str(count.searches)},
            ":zero": {"N": str(count.zero_results)},
            ":kind": {"S": count.kind},
            ":term": {"S": count.term},
            ":day": {"S": count.day.isoformat()},
            ":expires": {"N": str(_expires_at(count.day))},
        }
        if count.top_service_ids:
            update += ", top_services :ids"
            values[":ids"] = {"SS": sorted(count.top_service_ids)}
        if count.top_categories:
            update += ", top_categories :categories"
            values[":categories"] = {"SS": sorted(count.top_categories)}
        update += " SET kind = :kind, term = :term, #day = :day, expires_at = if_not_exists(expires_at, :expires)"
        insights_dynamodb_client().update_item(
            TableName=self.table_name,
            Key={
                "pk": {"S": f"SEARCH#{_month(count.day)}"},
                "sk": {"S": f"{count.day.isoformat()}#{count.kind}#{count.term}"},
            },
            UpdateExpression=update,
            ExpressionAttributeNames={"#day": "day"},
            ExpressionAttributeValues=values,
        )

    def count_feedback(self, day: dt.date, helpful: bool) -> None:
        """Add one FAQ vote to the day's counter."""
        insights_dynamodb_client().update_item(
            TableName=self.table_name,
            Key={"pk": {"S": f"FEEDBACK#{_month(day)}"}, "sk": {"S": day.isoformat()}},
            UpdateExpression="ADD #counter :one SET expires_at = if_not_exists(expires_at, :expires)",
            ExpressionAttributeNames={"#counter": "helpful" if helpful else "not_helpful"},
            ExpressionAttributeValues={":one": {"N": "1"}, ":expires": {"N": str(_expires_at(day))}},
        )

    def searches_between(self, start: dt.date, end: dt.date) -> Iterator[dict[str, Any]]:
        """Every daily search counter from `start` to `end` (both included)."""
        yield from self._between("SEARCH", start, end, f"{start.isoformat()}#", f"{end.isoformat()}#\uffff")

    def feedback_between(self, start: dt.date, end: dt.date) -> tuple[int, int]:
        """(helpful, not_helpful) FAQ votes from `start` to `end`."""
        helpful = not_helpful = 0
        for item in self._between("FEEDBACK", start, end, start.isoformat(), end.isoformat()):
            helpful += int(item.get("helpful", 0))
            not_helpful += int(item.get("not_helpful", 0))
        return helpful, not_helpful

    def _between(self, prefix: str, start: dt.date, end: dt.date, low: str, high: str) -> Iterator[dict[str, Any]]:
        from boto3.dynamodb.conditions import Key

        for month in _months(start, end):
            condition = Key("pk").eq(f"{prefix}#{month}") & Key("sk").between(low, high)
            yield from all_items(self.table.query, KeyConditionExpression=condition)
