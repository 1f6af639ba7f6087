"""Census figures in the census table, stored as immutable dataset versions behind one pointer item.

Item layout (keys `pk`/`sk`):
    pk = "CENSUS",             sk = "CURRENT"              version (the dataset readers see), previous, updated_at
    pk = "DATASET#<version>",  sk = "META"                 the CensusLoadResult as JSON
    pk = "DATASET#<version>",  sk = "FIGURES#<year>#<need>" county and per-area counts as JSON

A load writes a whole new version first, then flips the pointer with a condition on the version it
replaced; readers follow the pointer, so they see the old figures or the new ones, never a mixture.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from local_offer.models.census import CensusLoadResult
from local_offer.models.errors import StaleWrite
from local_offer.repositories.dynamo import TableRepository, all_items

POINTER_KEY = {"pk": "CENSUS", "sk": "CURRENT"}
META = "META"


@dataclass(frozen=True)
class StoredCounts:
    ehc_plans: int
    statements: int
    basis: str


@dataclass(frozen=True)
class StoredFigures:
    year: int
    need: str
    county: StoredCounts
    areas: dict[str, StoredCounts]


def _dataset_pk(version: str) -> str:
    return f"DATASET#{version}"


def _figures_sk(year: int, need: str) -> str:
    return f"FIGURES#{year:04d}#{need}"


def _encode(counts: StoredCounts) -> list[Any]:
    return [counts.ehc_plans, counts.statements, counts.basis]


def _decode(value: list[Any]) -> StoredCounts:
    return StoredCounts(int(value[0]), int(value[1]), str(value[2]))


def _figures_from_item(item: dict[str, Any]) -> StoredFigures:
    body = json.loads(item["body"])
    return StoredFigures(
        year=int(item["year"]),
        need=str(item["need"]),
        county=_decode(body["county"]),
        areas={area_id: _decode(value) for area_id, value in body["areas"].items()},
    )


class CensusRepository(TableRepository):
    """Writes dataset versions, flips the current pointer and reads the current figures."""

    table_setting = "census_table_name"

    # --- writing -----------------------------------------------------------------------------------------
    def current_version(self) -> str | None:
        item = self.table.get_item(Key=POINTER_KEY, ConsistentRead=True).get("Item")
        return str(item["version"]) if item else None

    def write_version(self, result: CensusLoadResult, figures: Iterable[StoredFigures]) -> int:
        """Write every item of a new (not yet current) version, the META item last; returns the item count."""
        pk = _dataset_pk(result.dataset_version)
        count = 0
        with self.table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            for figure in figures:
                body = {"county": _encode(figure.county), "areas": {k: _encode(v) for k, v in figure.areas.items()}}
                batch.put_item(
                    Item={
                        "pk": pk,
                        "sk": _figures_sk(figure.year, figure.need),
                        "year": figure.year,
                        "need": figure.need,
                        "body": json.dumps(body, separators=(",", ":"), sort_keys=True),
                    }
                )
                count += 1
        self.table.put_item(Item={"pk": pk, "sk": META, "body": result.model_dump_json()})
        return count + 1

    def make_current(self, version: str, expected: str | None, updated_at: str) -> None:
        """Point readers at `version`, only if the pointer still names `expected` (None: no pointer yet);
        StaleWrite when another load made a different version current meanwhile."""
        from boto3.dynamodb.conditions import Attr

        condition = Attr("pk").not_exists() if expected is None else Attr("version").eq(expected)
        item: dict[str, Any] = {**POINTER_KEY, "version": version, "updated_at": updated_at}
        if expected is not None:
            item["previous"] = expected
        try:
            self.table.put_item(Item=item, ConditionExpression=condition)
        except self.table.meta.client.exceptions.ConditionalCheckFailedException as exc:
            raise StaleWrite("another census file was loaded at the same time; load this one again") from exc

    def delete_version(self, version: str) -> int:
        """Remove every item of a version (one that is not current); returns how many."""
        from boto3.dynamodb.conditions import Key

        keys = [
            {"pk": item["pk"], "sk": item["sk"]}
            for item in self._query(Key("pk").eq(_dataset_pk(version)), ProjectionExpression="pk, sk")
        ]
        with self.table.batch_writer() as batch:
            for key in keys:
                batch.delete_item(Key=key)
        return len(keys)

    def versions(self) -> list[str]:
        """Every stored dataset version (a scan of META items: a handful, for clean-up only)."""
        from boto3.dynamodb.conditions import Attr

        metas = all_items(self.table.scan, FilterExpression=Attr("sk").eq(META), ProjectionExpression="pk")
        return sorted(str(item["pk"]).removeprefix("DATASET#") for item in metas)

    # --- reading -----------------------------------------------------------------------------------------
    def current(self) -> CensusLoadResult | None:
        """The current dataset's description, or None when no census has been loaded."""
        version = self.current_version()
        if version is None:
            return None
        item = self.table.get_item(Key={"pk": _dataset_pk(version), "sk": META}).get("Item")
        return CensusLoadResult.model_validate_json(item["body"]) if item else None

    def figures(self, version: str, year: int, need: str) -> StoredFigures | None:
        item = self.table.get_item(Key={"pk": _dataset_pk(version), "sk": _figures_sk(year, need)}).get("Item")
        return _figures_from_item(item) if item else None

    def figures_for_year(self, version: str, year: int) -> list[StoredFigures]:
        from boto3.dynamodb.conditions import Key

        condition = Key("pk").eq(_dataset_pk(version)) & Key("sk").begins_with(f"FIGURES#{year:04d}#")
        return [_figures_from_item(item) for item in self._query(condition)]

    def _query(self, condition: Any, **extra: Any) -> list[dict[str, Any]]:
        return list(all_items(self.table.query, KeyConditionExpression=condition, **extra))
