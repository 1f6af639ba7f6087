"""`local-offer reindex` and `local-offer check-index` over moto's records table and an osmem index.

The commands run as an operator runs them with `--from-environment`: settings from the environment (here the
`aws` and `opensearch` fixtures' names), no state file.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

import pytest

from devstack.cli import main
from tests.factories import service_record
from tests.integration.test_devstack_fixtures import get


@pytest.fixture
def records(aws: Any) -> Any:
    from local_offer.repositories.records import ServiceRecordRepository

    return ServiceRecordRepository()


@pytest.fixture
def index(services_index: str) -> Any:
    from local_offer.repositories.search_index import SearchIndexRepository

    return SearchIndexRepository()


def names(template: Any, query: str) -> list[str]:
    answer = get(template, f"/services?search={query}&per_page=100")
    assert answer["status"] == 200, answer
    return sorted(service["name"] for service in answer["body"]["contents"])


def write_indexed(records: Any, stream: Any, *recs: Any) -> None:
    for record in recs:
        records.put(record)
    stream.drain()


# ---------------------------------------------------------------------------------------------------------
# check-index
# ---------------------------------------------------------------------------------------------------------
def test_check_index_reports_no_drift_and_exits_zero_when_index_matches_table(records, index, stream, capsys):
    # Given records of every status, indexed through the stream
    write_indexed(
        records,
        stream,
        service_record("Heron Club"),
        service_record("Heron Closed Club", status="temporarily closed"),
        service_record("Heron Old Club", status="defunct"),
    )

    # When the index is checked
    code = main(["check-index", "--from-environment"])

    # Then it is clean
    out = capsys.readouterr().out
    assert code == 0, out
    assert "records in the table: 3" in out
    assert "documents in the index: 3" in out
    assert "no drift" in out


def test_check_index_names_a_record_missing_from_the_index(records, index, stream, capsys):
    write_indexed(records, stream, service_record("Heron Club"))
    # A record written while the indexer was failing (the stream is never drained)
    missing = service_record("Heron Unindexed Club")
    records.put(missing)

    code = main(["check-index", "--from-environment"])

    out = capsys.readouterr().out
    assert code == 1
    assert f"missing (record without a document): 1 e.g. {missing.service.id}" in out
    assert "extra (document without a record): 0" in out
    assert "stale (document at another version): 0" in out


def test_check_index_names_a_document_whose_record_is_gone(records, index, stream, capsys):
    kept, removed = service_record("Heron Club"), service_record("Heron Gone Club")
    write_indexed(records, stream, kept, removed)
    records.delete(removed.service.id)  # the REMOVE never reaches the indexer

    code = main(["check-index", "--from-environment"])

    out = capsys.readouterr().out
    assert code == 1
    assert f"extra (document without a record): 1 e.g. {removed.service.id}" in out
    assert "missing (record without a document): 0" in out


def test_check_index_names_a_document_at_an_older_version(records, index, stream, capsys):
    record_id = str(uuid.uuid4())
    write_indexed(records, stream, service_record("Heron Club", version=1, id=record_id))
    records.put(service_record("Heron Club Renamed", version=2, id=record_id))  # not indexed yet

    code = main(["check-index", "--from-environment", "--examples", "1"])

    out = capsys.readouterr().out
    assert code == 1
    assert f"stale (document at another version): 1 e.g. {record_id} (table v2, index v1)" in out


def test_check_index_without_an_index_says_to_reindex(aws, opensearch, capsys):
    code = main(["check-index", "--from-environment"])

    assert code == 1
    assert "run `local-offer reindex`" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------------------
# reindex
# ---------------------------------------------------------------------------------------------------------
def test_reindex_builds_a_new_versioned_index_swaps_the_alias_and_deletes_the_old(
    records, index, stream, template, capsys
):
    from local_offer.repositories.search_index import MAPPING_VERSION

    # Given an index that lost a document and kept one for a deleted record
    old_index = index.current_index()
    kept, lost, removed = service_record("Avocet Club"), service_record("Avocet Lost Club"), service_record("Avocet X")
    write_indexed(records, stream, kept, lost, removed)
    index.apply([_delete(str(lost.service.id), 2)])
    records.delete(removed.service.id)
    unindexed = service_record("Avocet New Club")
    records.put(unindexed)

    # When the index is rebuilt
    code = main(["reindex", "--from-environment", "--batch-size", "2", "--grace-seconds", "0"])

    # Then a new index of this mapping version holds exactly the table, behind the alias
    out = capsys.readouterr().out
    assert code == 0, out
    new_index = index.current_index()
    assert new_index != old_index
    assert new_index.startswith(f"services-v{MAPPING_VERSION}-")
    assert not index.client.indices.exists(index=old_index)
    assert names(template, "Avocet") == ["Avocet Club", "Avocet Lost Club", "Avocet New Club"]
    assert "indexed 3 of about" in out
    assert f"alias 'services' now points at {new_index}" in out
    assert main(["check-index", "--from-environment"]) == 0


def test_reindex_catches_up_with_records_written_while_it_runs(records, index, stream, template, capsys):
    from local_offer.services.reindex import rebuild_index

    # Given twenty records, and writes that land while the scan is half done
    originals = [service_record(f"Godwit Group {n}") for n in range(20)]
    write_indexed(records, stream, *originals)
    renamed = service_record("Godwit Group Renamed", version=2, id=str(originals[0].service.id))
    added = service_record("Godwit Group Added")
    writes_done = threading.Event()

    def progress(message: str) -> None:
        if message.startswith("indexed 10 ") and not writes_done.is_set():
            records.put(renamed)
            records.put(added)
            records.delete(originals[1].service.id)
            records.delete(originals[19].service.id)  # maybe not scanned yet: must simply never appear
            stream.drain()  # the stream indexer writes to the old index, behind the alias
            writes_done.set()

    # When the index is rebuilt
    report = rebuild_index(batch_size=5, old_index_grace_seconds=0, progress=progress)

    # Then the new index has every change made during the rebuild
    assert writes_done.is_set()
    expected = sorted([r.service.name for r in originals[2:19]] + ["Godwit Group Renamed", "Godwit Group Added"])
    assert names(template, "Godwit") == expected
    assert report.catch_up_passes >= 2
    assert report.caught_up >= 1
    assert main(["check-index", "--from-environment"]) == 0


def test_searches_keep_answering_consistently_while_reindexing(records, index, stream, template):
    from local_offer.services.reindex import rebuild_index

    # Given an indexed directory and a search that has one right answer
    write_indexed(records, stream, *[service_record(f"Plover Play Session {n}") for n in range(30)])
    expected = names(template, "Plover")
    assert len(expected) == 30

    # And a reader searching without pause in another thread
    answers: list[tuple[str, list[str] | Exception]] = []
    phase = {"now": "before"}
    searched_in: dict[str, threading.Event] = {
        name: threading.Event() for name in ("before", "building", "swapped", "deleted")
    }
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            current = phase["now"]
            try:
                answers.append((current, names(template, "Plover")))
            except Exception as exc:  # recorded, then asserted on
                answers.append((current, exc))
            searched_in[current].set()

    def progress(message: str) -> None:
        # Wait for the reader to search in each phase, so the test covers the whole rebuild.
        if message.startswith("building"):
            phase["now"] = "building"
        elif "now points at" in message:
            phase["now"] = "swapped"
        elif message.startswith("deleted"):
            phase["now"] = "deleted"
        else:
            return
        assert searched_in[phase["now"]].wait(30)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        assert searched_in["before"].wait(30)
        report = rebuild_index(batch_size=5, old_index_grace_seconds=0.2, progress=progress)
    finally:
        stop.set()
        thread.join(30)

    # Then every search during the rebuild answered, with the same services
    assert report.old_index_deleted
    failures = [answer for _, answer in answers if isinstance(answer, Exception)]
    assert failures == []
    assert {tuple(answer) for _, answer in answers} == {tuple(expected)}
    assert {when for when, _ in answers} >= {"before", "building", "swapped", "deleted"}


def test_reindex_skips_an_invalid_record_indexes_the_rest_and_exits_non_zero(aws, records, index, template, capsys):
    import boto3

    from local_offer.repositories.records import record_to_item

    good = service_record("Dunlin Club")
    bad = record_to_item(service_record("Dunlin Broken"))
    bad["body"] = '{"id": "not-a-uuid", "name": "Dunlin Broken"}'
    table = boto3.resource("dynamodb").Table(aws.name("RecordsTable"))
    table.put_item(Item=record_to_item(good))
    table.put_item(Item=bad)

    code = main(["reindex", "--from-environment", "--grace-seconds", "0"])

    captured = capsys.readouterr()
    assert code == 1
    assert f"1 invalid record(s) not indexed: {bad['id']}" in captured.err
    assert names(template, "Dunlin") == ["Dunlin Club"]


def test_a_failed_rebuild_leaves_the_alias_alone_and_drops_the_half_built_index(records, index, stream, template):
    from local_offer.services.reindex import rebuild_index

    write_indexed(records, stream, service_record("Curlew Club"))
    before = set(index.client.indices.get(index="services-*"))

    def fail_after_first_batch(message: str) -> None:
        if message.startswith("indexed"):
            raise RuntimeError("operator pressed Ctrl-C")

    with pytest.raises(RuntimeError):
        rebuild_index(progress=fail_after_first_batch)

    assert set(index.client.indices.get(index="services-*")) == before
    assert names(template, "Curlew") == ["Curlew Club"]


def _delete(doc_id: str, version: int) -> Any:
    from local_offer.models.indexing import IndexAction

    return IndexAction(doc_id=doc_id, version=version)


def test_reindex_on_a_new_domain_creates_the_index_and_the_alias(aws, records, opensearch, template, capsys):
    from local_offer.repositories.search_index import SearchIndexRepository

    # Given records but no index at all (a freshly deployed search domain)
    records.put(service_record("Shelduck Club"))

    code = main(["reindex", "--from-environment", "--grace-seconds", "0"])

    out = capsys.readouterr().out
    assert code == 0, out
    assert SearchIndexRepository().current_index() is not None
    assert "previous index -" in out
    assert names(template, "Shelduck") == ["Shelduck Club"]
