"""The FAQ index is a projection of the records table too: `local-offer check-index --faqs` finds drift and
`local-offer reindex --faqs` rebuilds it into a new versioned index behind the `faqs` alias."""

from __future__ import annotations

from typing import Any

from devstack.cli import main
from tests.relevance.faq_harness import ask, load_seed, seed_items


def test_reindex_rebuilds_the_faq_index_from_the_table_and_check_index_sees_the_drift_go(
    aws: Any, opensearch: str, stream: Any, template: Any
) -> None:
    from local_offer.repositories.faqs import FaqRepository, current_item
    from local_offer.repositories.search_index import faq_index
    from local_offer.services.reindex import find_drift

    # Given the seeded FAQ, indexed through the stream
    load_seed(stream)
    index = faq_index()
    old_index = index.current_index()
    assert main(["check-index", "--from-environment", "--faqs"]) == 0

    # And an edit the stream never delivered (the table changed, the index did not)
    repository = FaqRepository()
    item = next(repository.get(faq["id"]) for faq in seed_items() if faq["key"] == "one-plan")
    assert item is not None
    edited = item.model_copy(update={"question": "What is a One Plan or My Plan?", "version": 2})
    repository.table.put_item(Item=current_item(edited))
    drift = find_drift(repository, index)
    assert [stale.doc_id for stale in drift.stale] == [str(item.id)]
    assert main(["check-index", "--from-environment", "--faqs"]) == 1

    # When the FAQ index is rebuilt
    assert main(["reindex", "--from-environment", "--faqs", "--grace-seconds", "0"]) == 0

    # Then the alias points at a new index holding every item at its table version
    assert index.current_index() != old_index
    assert index.current_index().startswith("faqs-v")
    assert find_drift(repository, index).clean
    assert index.count() == len(seed_items())
    hit = ask(template, "is a My Plan the same as an EHCP")["contents"][0]
    assert (hit["id"], hit["version"]) == (str(item.id), 2)
    # And the services index was left alone (this engine never had one)
    from local_offer.repositories.search_index import SearchIndexRepository

    assert SearchIndexRepository().current_index() is None
