"""`local-offer serve` end to end: a real subprocess with moto, osmem-server, the stream poller and the API.

A record written to the table through the repository must show up in search (stream -> indexer ->
OpenSearch -> search function -> HTTP) and disappear when deleted; a second server on the same port and a
malformed data file must fail fast with a message that says why.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.factories import service_json, service_record
from tests.stack_process import serve_command, stop, wait_until

STARTUP_TIMEOUT = 60
INDEX_TIMEOUT = 20
UNIQUE_WORD = "Quokkaburrow"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A running `local-offer serve` with five services; yields its state file's content."""
    directory = tmp_path_factory.mktemp("stack")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service_json(f"Seed service {i}")) + "\n" for i in range(5)))
    state_file = directory / "state.json"
    log = (directory / "serve.log").open("w")
    process = subprocess.Popen(
        serve_command("--port", "0", "--data", str(data), "--state-file", str(state_file)),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wait_until(lambda: state_file.exists() or process.poll() is not None, STARTUP_TIMEOUT, "the stack")
        if process.poll() is not None:
            raise AssertionError(f"serve exited {process.returncode}:\n{(directory / 'serve.log').read_text()}")
        yield {**json.loads(state_file.read_text()), "process": process}
    finally:
        stop(process, signal.SIGINT)  # Ctrl-C
        log.close()
    assert process.returncode == 0, (directory / "serve.log").read_text()
    assert not state_file.exists()


def is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


@pytest.fixture
def repository(stack: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Any:
    """A ServiceRecordRepository pointed at the stack's moto server."""
    from local_offer.repositories.clients import clear_caches
    from local_offer.repositories.records import ServiceRecordRepository

    for name, value in stack["environment"].items():
        monkeypatch.setenv(name, value)
    clear_caches()
    yield ServiceRecordRepository()
    clear_caches()


def search(stack: dict[str, Any], word: str) -> list[dict[str, Any]]:
    response = requests.get(f"{stack['api_url']}/services", params={"search": word}, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()["contents"]


def test_the_seed_data_is_searchable(stack):
    response = requests.get(f"{stack['api_url']}/services", params={"per_page": 10}, timeout=10)

    assert response.status_code == 200
    assert response.json()["total_items"] == 5


def test_the_faq_is_loaded_at_startup_and_answers_over_http(stack):
    api = stack["api_url"]
    answer = requests.get(f"{api}/faqs", params={"search": "what does the D in SEND stand for"}, timeout=10)
    assert answer.status_code == 200
    assert answer.json()["confident"] is True
    assert answer.json()["contents"][0]["answer"].startswith("The D stands for")
    faq = answer.json()["contents"][0]["id"]
    voted = requests.post(f"{api}/faqs/{faq}/feedback", json={"helpful": True}, timeout=10)
    assert voted.status_code == 200
    assert voted.json()["helpful"] == 1
    topics = requests.get(f"{api}/faqs/topics", timeout=10).json()["topics"]
    assert sum(topic["count"] for topic in topics) == 22


def test_a_written_record_is_indexed_through_the_stream_and_removed_when_deleted(stack, repository):
    # Given a new service written straight to the table
    record = service_record(f"{UNIQUE_WORD} Sensory Club")
    service_id = str(record.service.id)
    repository.put(record)

    # Then search finds it once the stream poller has fed the indexer
    found = wait_until(lambda: search(stack, UNIQUE_WORD), INDEX_TIMEOUT, "the new service in search")
    assert [service["id"] for service in found] == [service_id]
    assert requests.get(f"{stack['api_url']}/services/{service_id}", timeout=10).status_code == 200

    # When it is deleted, search stops finding it
    repository.delete(service_id)
    wait_until(lambda: search(stack, UNIQUE_WORD) == [], INDEX_TIMEOUT, "the deleted service to leave search")


def test_a_second_server_on_the_same_port_fails_at_once(stack):
    port = stack["api_url"].rsplit(":", 1)[1]

    started = time.monotonic()
    result = subprocess.run(serve_command("--port", port), capture_output=True, text=True, timeout=30)

    assert result.returncode == 2
    assert f"port {port} is already in use (is another local-offer serve running?)" in result.stderr
    assert time.monotonic() - started < 10
    assert stack["process"].poll() is None  # the first one is unaffected


def test_a_malformed_data_file_stops_serve_naming_file_record_and_field(tmp_path: Path):
    services = [service_json(f"Service {i}") for i in range(3)]
    services[1]["service_at_locations"][0]["location"]["latitude"] = 123
    data = tmp_path / "broken.ndjson"
    data.write_text("".join(json.dumps(service) + "\n" for service in services))

    result = subprocess.run(
        serve_command("--port", "0", "--data", str(data)),
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )

    assert result.returncode != 0
    assert f"{data}: record 1 (0-based, line 2): service_at_locations.0.location.latitude" in result.stderr
    assert "Local Offer API" not in result.stdout


def test_sigterm_stops_the_stack_and_its_search_engine(tmp_path: Path):
    # Given a running stack (with an empty data file)
    data = tmp_path / "empty.ndjson"
    data.write_text("")
    state_file = tmp_path / "state.json"
    process = subprocess.Popen(
        serve_command("--port", "0", "--data", str(data), "--state-file", str(state_file)),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_until(lambda: state_file.exists() or process.poll() is not None, STARTUP_TIMEOUT, "the stack")
        state = json.loads(state_file.read_text())
        assert is_running(state["opensearch_pid"])
    finally:
        # When it is sent SIGTERM
        stop(process, signal.SIGTERM)

    # Then it exits cleanly, its search engine process included, and removes its state file
    assert process.returncode == 0
    wait_until(lambda: not is_running(state["opensearch_pid"]), 5, "osmem-server to exit")
    assert not state_file.exists()
