"""Taxonomies (with their terms) in the records table: one item per taxonomy under a shared partition.

All taxonomies sit under `pk = TAXONOMY` so one Query reads the whole set (a few hundred terms); the
directory's search documents carry the terms they use, so no search needs this table.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from local_offer.models.oruk import TaxonomyWithTerms
from local_offer.repositories.clients import dynamodb_resource
from local_offer.repositories.dynamo import all_items
from local_offer.settings import get_settings

TAXONOMY_PARTITION = "TAXONOMY"
TAXONOMY_ENTITY = "taxonomy"


class TaxonomyRepository:
    """Reads and writes the directory's taxonomies."""

    def __init__(self, table_name: str | None = None) -> None:
        self._table_name = table_name or get_settings().records_table_name
        self._table: Any = None

    @property
    def table_name(self) -> str:
        return self._table_name

    @property
    def table(self) -> Any:
        if self._table is None:
            self._table = dynamodb_resource().Table(self._table_name)
        return self._table

    def list(self) -> list[TaxonomyWithTerms]:
        """Every taxonomy with its terms, ordered by name."""
        from boto3.dynamodb.conditions import Key

        items = all_items(self.table.query, KeyConditionExpression=Key("pk").eq(TAXONOMY_PARTITION))
        taxonomies = [TaxonomyWithTerms.model_validate_json(item["body"]) for item in items]
        return sorted(taxonomies, key=lambda taxonomy: taxonomy.name)

    def put_many(self, taxonomies: Iterable[TaxonomyWithTerms]) -> int:
        """Write (replace) taxonomies; returns the count."""
        count = 0
        with self.table.batch_writer(overwrite_by_pkeys=["pk", "sk"]) as batch:
            for taxonomy in taxonomies:
                batch.put_item(
                    Item={
                        "pk": TAXONOMY_PARTITION,
                        "sk": str(taxonomy.id),
                        "entity": TAXONOMY_ENTITY,
                        "body": taxonomy.model_dump_json(exclude_none=True),
                    }
                )
                count += 1
        return count
