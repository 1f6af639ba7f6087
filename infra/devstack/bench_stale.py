"""How long `GET /services/stale` takes on the local stack with the seed directory (3,600 records).

    .venv/bin/python -m devstack.bench_stale [--iterations 30]

Starts `local-offer serve` in this process on a free port, signs in an officer and times, over HTTP, the
first page (the default `limit`, 50) and a walk through every page, for a 12-month and a 120-month period.
For comparison it times the full-table scan the list used before the `verification` index (every current
service item read), the cost of which grows with the table.

moto answers an index query by looking at every item of the table in Python (about 100 ms at 3,600
records, with devstack.moto_speedups) and serialises each returned item slowly (about 2 ms each), so
locally the page costs more than in DynamoDB, where a query reads only the index entries it returns. A
measurement, not a test: nothing here fails on a number.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable, Sequence
from typing import Any


def timed(call: Callable[[], Any], iterations: int, warmup: int = 2) -> tuple[float, float, Any]:
    """(median ms, 95th percentile ms, last result) of `iterations` calls after `warmup` ones."""
    for _ in range(warmup):
        call()
    samples, result = [], None
    for _ in range(iterations):
        started = time.perf_counter()
        result = call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.95))], result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="devstack.bench_stale", description=__doc__.splitlines()[0])
    parser.add_argument("--iterations", type=int, default=30)
    args = parser.parse_args(argv)

    import requests

    from devstack.stack import LocalStack
    from devstack.users import LocalUsers

    with LocalStack(port=0, census=None, say=lambda line: None) as stack:
        started = time.monotonic()
        stack.start()
        stack.serve_in_thread()
        print(f"local stack with {stack.loaded:,} records ready in {time.monotonic() - started:.0f} s")
        users = LocalUsers.from_state(stack.state())
        users.add("bench-officer@example.org", "officers", "Bench-Officer-2026")
        token = users.id_token("bench-officer@example.org", "Bench-Officer-2026")
        session = requests.Session()
        session.headers["Authorization"] = f"Bearer {token}"

        def page(months: int, cursor: str | None = None) -> dict[str, Any]:
            params: dict[str, Any] = {"months": months}
            if cursor:
                params["cursor"] = cursor
            response = session.get(f"{stack.api_url}/services/stale", params=params, timeout=30)
            response.raise_for_status()
            return dict(response.json())

        def every_page(months: int) -> int:
            count, cursor = 0, None
            while True:
                body = page(months, cursor)
                count += len(body["contents"])
                cursor = body.get("next_cursor")
                if cursor is None:
                    return count

        print(f"load average {' '.join(f'{load:.1f}' for load in os.getloadavg())} on {os.cpu_count()} CPUs")
        print(f"{'what':58} {'p50 ms':>8} {'p95 ms':>8}  result")

        def me() -> dict[str, Any]:
            response = session.get(f"{stack.api_url}/me", timeout=30)
            response.raise_for_status()
            return dict(response.json())

        p50, p95, _ = timed(me, args.iterations)
        print(f"{'GET /me (the stack: adapter, token check, a handler)':58} {p50:8.1f} {p95:8.1f}  -")
        for months in (12, 120):
            p50, p95, body = timed(lambda months=months: page(months), args.iterations)
            print(
                f"{f'GET /services/stale?months={months} (first page)':58} {p50:8.1f} {p95:8.1f}  "
                f"{body['size']} records"
            )
            p50, p95, count = timed(lambda months=months: every_page(months), 1, warmup=0)
            print(f"{f'  every page, months={months}':58} {p50:8.1f} {p95:8.1f}  {count:,} records")

        from boto3.dynamodb.conditions import Attr

        from local_offer.repositories.dynamo import all_items
        from local_offer.repositories.records import ServiceRecordRepository

        table = ServiceRecordRepository().table

        def full_scan() -> int:
            """What the list did before the index: read every current service item."""
            condition = Attr("entity").eq("service") & Attr("sk").eq("CURRENT")
            names = {"#status": "status"}
            projection = "id, organization_id, #status, last_modified, last_verified, body"
            items = all_items(
                table.scan, FilterExpression=condition, ProjectionExpression=projection, ExpressionAttributeNames=names
            )
            return sum(1 for _ in items)

        p50, p95, count = timed(full_scan, 1, warmup=0)
        print(f"{'full-table scan, in process (the list before the index)':58} {p50:8.1f} {p95:8.1f}  {count:,} items")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
