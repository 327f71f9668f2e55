"""A pre-heated page waits for its visitor: one message on Voila's query websocket.

The kit makes that call itself rather than through ``voila.utils.wait_for_request``, whose
imports cost every waiting kernel 15-20 MB. These tests play Voila's side with a real
websocket server on a loopback port; the browser test of a pre-heated page
(tests/browser/test_app.py) runs it against Voila itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator

import pytest
from websockets.sync.server import serve

WAITS = """
import json, os, sys
from kit.widgets._display import await_visitor
await_visitor()
await_visitor()  # once a visitor has come, the page does not wait again
print(json.dumps({
    "query": os.environ.get("QUERY_STRING"),
    "loaded": sorted(m for m in ("voila", "jupyter_server", "nbconvert") if m in sys.modules),
}))
"""


@pytest.fixture
def voila_side() -> Iterator[tuple[int, list[str]]]:
    """A stand-in for Voila's query socket: it sends the visit's details once, on connect."""
    asked: list[str] = []

    def handler(connection) -> None:
        asked.append(connection.request.path)
        connection.send(json.dumps({"QUERY_STRING": "from=tests"}))

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield server.socket.getsockname()[1], asked
        server.shutdown()


def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", WAITS], capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "KIT_DATA_DIR": "/nonexistent"} | env,
    )  # fmt: skip


def test_a_preheated_page_takes_the_visit_from_voila(voila_side) -> None:
    """Does a waiting kernel ask on voila/query/<its kernel id>, take the visit's details
    into its environment, and load none of Voila's server modules to do it?"""
    port, asked = voila_side
    done = run({"VOILA_PREHEAT": "True", "VOILA_APP_PORT": str(port),
                "VOILA_KERNEL_ID": "k-123", "VOILA_SERVER_URL": "/user/sam/"})  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"query": "from=tests", "loaded": []}
    assert asked == ["/user/sam/voila/query/k-123"]


def test_without_preheat_nothing_waits(voila_side) -> None:
    """Does a page that is not pre-heated go on at once, asking nothing?"""
    port, asked = voila_side
    done = run({"VOILA_PREHEAT": "False", "VOILA_APP_PORT": str(port)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"query": None, "loaded": []}
    assert asked == []


def test_no_voila_to_ask_goes_on_with_a_warning() -> None:
    """With nothing listening, does the page go on (as Voila's own helper does) and say why
    in the log?"""
    done = run({"VOILA_PREHEAT": "True", "VOILA_APP_PORT": "9", "VOILA_KERNEL_ID": "k"})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["query"] is None
    assert "No visit details from ws://127.0.0.1:9/voila/query/k" in done.stderr
