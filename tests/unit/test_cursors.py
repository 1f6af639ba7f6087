"""Cursors hand a query's position to the client and take it back, only for the partition they came from."""

from __future__ import annotations

import base64
import json

import pytest

from local_offer.models.errors import InvalidRequest
from local_offer.repositories.dynamo import decode_cursor, encode_cursor, query_page

KEYS = ("status", "submitted_at", "pk", "sk")
POSITION = {"status": "submitted", "submitted_at": "2026-12-01T09:00:00+00:00", "pk": "REQUEST#1", "sk": "REQUEST"}


def test_a_cursor_gives_back_the_position_it_was_made_from() -> None:
    cursor = encode_cursor(POSITION)

    assert not set(cursor) & set("=/+")  # URL-safe without escaping
    assert decode_cursor(cursor, KEYS, {"status": "submitted"}) == POSITION


@pytest.mark.parametrize(
    "cursor",
    [
        "%%%",
        base64.urlsafe_b64encode(b"not json").decode(),
        base64.urlsafe_b64encode(json.dumps(["a"]).encode()).decode(),
        encode_cursor({**POSITION, "extra": "x"}),
        encode_cursor({key: value for key, value in POSITION.items() if key != "sk"}),
        base64.urlsafe_b64encode(json.dumps({**POSITION, "sk": 5}).encode()).decode(),
        "A" * 3000,
    ],
)
def test_a_cursor_this_api_did_not_make_is_refused_naming_cursor(cursor: str) -> None:
    with pytest.raises(InvalidRequest) as refused:
        decode_cursor(cursor, KEYS, {"status": "submitted"})

    assert refused.value.parameter == "cursor"


def test_a_cursor_from_another_partition_is_refused() -> None:
    with pytest.raises(InvalidRequest):
        decode_cursor(encode_cursor(POSITION), KEYS, {"status": "approved"})


class FakeQuery:
    """A query over `items` in DynamoDB's manner: Limit items a call, ExclusiveStartKey, a filter."""

    def __init__(self, items: list[dict[str, str]], keep: str = "") -> None:
        self.items, self.keep, self.calls = items, keep, 0

    def __call__(self, **request: object) -> dict[str, object]:
        self.calls += 1
        limit, after = int(request["Limit"]), request.get("ExclusiveStartKey")  # type: ignore[call-overload]
        start = 0
        if isinstance(after, dict):
            start = next(i for i, item in enumerate(self.items) if item["pk"] == after["pk"]) + 1
        read = self.items[start : start + limit]
        page: dict[str, object] = {"Items": [item for item in read if item["pk"].startswith(self.keep)]}
        if start + limit < len(self.items):
            page["LastEvaluatedKey"] = {"pk": read[-1]["pk"]}
        return page


def test_pages_follow_each_other_without_gaps_repeats_or_an_empty_last_page() -> None:
    items = [{"pk": f"P{i:02}"} for i in range(7)]
    query = FakeQuery(items)

    pages, start = [], None
    while True:
        page, start = query_page(query, 3, ("pk",), start)
        pages.append([item["pk"] for item in page])
        if start is None:
            break

    assert pages == [["P00", "P01", "P02"], ["P03", "P04", "P05"], ["P06"]]


def test_a_filter_that_leaves_pages_short_still_fills_the_page() -> None:
    items = [{"pk": f"{'K' if i % 3 == 0 else 'D'}{i:02}"} for i in range(20)]
    query = FakeQuery(items, keep="K")

    page, start = query_page(query, 3, ("pk",))

    assert [item["pk"] for item in page] == ["K00", "K03", "K06"]
    assert start == {"pk": "K06"}
