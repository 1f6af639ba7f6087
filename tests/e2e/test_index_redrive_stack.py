"""No lost index write, over the local stack: the engine stops, a record is written, the indexer gives the
batch up to IndexerFailureQueue, the engine starts again and the index converges with no manual step.

The engine is stopped with SIGSTOP (its process keeps its data but answers nothing, so requests time out),
and started with SIGCONT. The stack runs with a 2 s OpenSearch timeout so that giving up takes about 40 s
(6 attempts of 3 tries each) rather than minutes.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.factories import service_json, service_record
from tests.stack_process import free_port, running_stack, wait_until

GIVE_UP_TIMEOUT = 150  # seconds for the indexer to give the batch up while the engine is stopped
CONVERGE_TIMEOUT = 90  # seconds, after the engine starts again, for check-index to find no drift


@pytest.fixture(scope="module")
def local_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[dict[str, Any], Path]]:
    directory = tmp_path_factory.mktemp("index-redrive")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service_json(f"Avocet Service {i}")) + "\n" for i in range(3)))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("OPENSEARCH_TIMEOUT_SECONDS", "2")
        with running_stack(directory, "--data", str(data)) as state:
            yield state, directory / "state.json"


def local_offer(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", *args]
    environment = {**os.environ, "OPENSEARCH_TIMEOUT_SECONDS": "2"}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False, env=environment)


def aws_client(state: dict[str, Any], service: str) -> Any:
    import boto3

    environment = state["environment"]
    return boto3.session.Session(
        aws_access_key_id=environment["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=environment["AWS_SECRET_ACCESS_KEY"],
        region_name=environment["AWS_REGION"],
    ).client(service, endpoint_url=state["moto_url"])


def reports_in_queue(state: dict[str, Any]) -> int:
    attributes = aws_client(state, "sqs").get_queue_attributes(
        QueueUrl=state["resources"]["IndexerFailureQueue"]["url"],
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]) + int(attributes["ApproximateNumberOfMessagesNotVisible"])


def write_record(state: dict[str, Any], name: str) -> None:
    """A record written straight to the records table, as any writer (API, loader) would."""
    from boto3.dynamodb.types import TypeSerializer

    from local_offer.repositories.records import record_to_item

    item = record_to_item(service_record(name))
    serializer = TypeSerializer()
    aws_client(state, "dynamodb").put_item(
        TableName=state["resources"]["RecordsTable"]["name"],
        Item={key: serializer.serialize(value) for key, value in item.items()},
    )


def test_writes_made_while_the_engine_is_stopped_reach_the_index_once_it_starts(local_stack):
    state, state_file = local_stack
    assert local_offer("check-index", "--state-file", str(state_file)).returncode == 0
    engine = int(state["opensearch_pid"])

    os.kill(engine, signal.SIGSTOP)
    try:
        write_record(state, "Avocet Service written while the engine was stopped")
        wait_until(lambda: reports_in_queue(state) > 0, GIVE_UP_TIMEOUT, "the indexer to give the batch up")
    finally:
        os.kill(engine, signal.SIGCONT)
    started = time.monotonic()

    def converged() -> bool:
        return local_offer("check-index", "--state-file", str(state_file)).returncode == 0

    wait_until(converged, CONVERGE_TIMEOUT, "check-index to find no drift")
    checked = local_offer("check-index", "--state-file", str(state_file))
    print(f"converged {time.monotonic() - started:.1f} s after the engine started again")
    assert "records in the table: 4" in checked.stdout
    assert "missing (record without a document): 0" in checked.stdout
    wait_until(lambda: reports_in_queue(state) == 0, 30, "the report to be deleted")


def test_check_index_with_the_engine_down_prints_one_line_and_exits_2(local_stack, tmp_path):
    _, state_file = local_stack
    unreachable = json.loads(state_file.read_text())
    unreachable["environment"]["OPENSEARCH_ENDPOINT"] = f"http://127.0.0.1:{free_port()}"
    copy = tmp_path / "state.json"
    copy.write_text(json.dumps(unreachable))

    result = local_offer("check-index", "--state-file", str(copy))

    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("local-offer check-index: the search engine at http://127.0.0.1:")
    assert "is not available (refused or dropped the connection); nothing was checked" in result.stderr
