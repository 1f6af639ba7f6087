"""`local-offer serve` behaves like the deployed API where clients can tell the difference: tokens signed with
any key but the pool's (moto's bundled one included) are refused, unknown methods get API Gateway's answer,
a burst of simultaneous connections is served, and one function waiting on the engine holds up no other.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
import requests

from tests.factories import service_json
from tests.stack_process import running_stack

CLIENTS = 20
WAIT = 60  # seconds: an upper bound for answers, never a measured timing


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    directory = tmp_path_factory.mktemp("fidelity")
    data = directory / "services.ndjson"
    data.write_text("".join(json.dumps(service_json(f"Fidelity service {i}")) + "\n" for i in range(3)))
    with running_stack(directory, "--data", str(data)) as state:
        yield {**state, "state_file": directory / "state.json"}


def officer_token(stack: dict[str, Any]) -> str:
    command = [sys.executable, "-c", "import sys; from devstack.cli import main; sys.exit(main())", "users", "add"]
    add = ["--email", "fidelity.officer@example.org", "--group", "officers", "--state-file", str(stack["state_file"])]
    result = subprocess.run([*command, *add], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def moto_bundled_key() -> Any:
    from moto.utilities.utils import load_resource

    return jwt.PyJWK(load_resource("cognitoidp/resources/jwks-private.json"), algorithm="RS256").key


def me(stack: dict[str, Any], token: str) -> requests.Response:
    return requests.get(f"{stack['api_url']}/me", headers={"Authorization": f"Bearer {token}"}, timeout=WAIT)


def test_a_token_signed_with_motos_bundled_key_is_refused(stack):
    # Given a real officer token, and the same claims signed with moto's published key (under both key ids)
    real = officer_token(stack)
    claims = jwt.decode(real, options={"verify_signature": False})
    real_kid = jwt.get_unverified_header(real)["kid"]
    assert real_kid != "dummy", "the pool signs with moto's bundled key"
    forgeries = [
        jwt.encode(claims, moto_bundled_key(), algorithm="RS256", headers={"kid": kid}) for kid in ("dummy", real_kid)
    ]

    # Then the real token is accepted and each forgery gets API Gateway's 401
    assert me(stack, real).status_code == 200
    for forged in forgeries:
        refused = me(stack, forged)
        assert (refused.status_code, refused.json()) == (401, {"message": "Unauthorized"})


@pytest.mark.parametrize("method", ["TRACE", "QUERY", "PROPFIND", "MKCOL"])
def test_an_unknown_method_gets_api_gateways_answer(stack, method):
    host, port = stack["api_url"].removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=WAIT)
    try:
        connection.request(method, "/services")
        answer = connection.getresponse()
        body = answer.read()
    finally:
        connection.close()
    assert answer.status == 403
    assert answer.getheader("Content-Type") == "application/json"
    assert json.loads(body) == {"message": "Missing Authentication Token"}


def test_twenty_simultaneous_connections_all_get_an_http_answer(stack):
    host, port = stack["api_url"].removeprefix("http://").split(":")
    start = threading.Barrier(CLIENTS)
    outcomes: list[str] = []

    def client() -> None:
        start.wait()
        try:
            with socket.create_connection((host, int(port)), timeout=WAIT) as connection:
                connection.sendall(f"GET /areas HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
                received = b""
                while chunk := connection.recv(65536):
                    received += chunk
            outcomes.append(received.split(b"\r\n", 1)[0].decode())
        except OSError as exc:  # a reset, a refusal or a timeout
            outcomes.append(repr(exc))

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT)

    assert outcomes == ["HTTP/1.1 200 OK"] * CLIENTS


def test_areas_answer_while_a_search_waits_on_a_paused_engine(stack):
    api, engine = stack["api_url"], int(stack["opensearch_pid"])
    search_done = threading.Event()

    def search() -> None:
        try:
            requests.get(f"{api}/services", params={"search": "fidelity"}, timeout=WAIT)
        finally:
            search_done.set()

    os.kill(engine, signal.SIGSTOP)  # the engine keeps its data but answers nothing
    try:
        searching = threading.Thread(target=search, daemon=True)
        searching.start()
        time.sleep(0.5)  # let the search reach the engine
        areas = requests.get(f"{api}/areas", timeout=WAIT)
        # The search function is still waiting on the engine, yet the area function has answered.
        assert not search_done.is_set(), "the search had finished when /areas answered: /areas waited for it"
    finally:
        os.kill(engine, signal.SIGCONT)
    assert areas.status_code == 200
    searching.join(WAIT)
