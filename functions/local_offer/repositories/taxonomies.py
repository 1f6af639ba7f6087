"""Taxonomies (with their terms) in the records table: one item per taxonomy under a shared partition.

All taxonomies sit under `pk = TAXONOMY` so one Query reads the whole set (a few hundred terms); the
directory's search documents carry the terms they use, so no search needs this table.
"""

from __future__ import annotations

from collections.abc import Iterable

from local_offer.models.oruk import TaxonomyWithTerms
from local_offer.repositories.dynamo import TableRepository, all_items

TAXONOMY_PARTITION = "TAXONOMY"
TAXONOMY_ENTITY = "taxonomy"


class TaxonomyRepository(TableRepository):
    """Reads and writes the directory's taxonomies."""

    table_setting = "records_table_name"

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
