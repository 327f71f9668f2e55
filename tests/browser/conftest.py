"""Real servers and a real browser: `kit serve` on a free loopback port, headless Chromium.

Browser tests skip with a reason when no Chromium is installed, unless KIT_REQUIRE_BROWSER=1
(as in CI), where a missing browser fails the run. One server is shared by the whole
session (starting one costs seconds); every server is stopped afterwards, kernels included.
The browser itself (one per session) comes from tests/conftest.py, shared with tests/hub.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

START_TIMEOUT = 90
# Kernels of closed test pages are shut down after this many idle seconds, so that a long
# session does not pile up kernels. Before issue 17 a page that took longer than this to
# render on a busy machine was culled mid-render (seen in CI at 10 s, 30 s and 60 s); a
# page still rendering is no longer culled at all (kit.app.kernels, with 2 s in
# test_cull_render.py), and this stays at 120 s only because it has long been CI's value.
# kit serve's default is 600 s.
CULL_IDLE = 120
PAGE_TIMEOUT_MS = 90_000
# A chart's first draw imports plotly in a fresh kernel; on a busy 2-core machine that can
# take well over expect()'s 5-second default.
expect.set_options(timeout=30_000)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """A browser test that fails shows the end of its server's log with the failure: on a
    CI machine that log is the only witness of what the server and the kernel did."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    for name, value in getattr(item, "funcargs", {}).items():
        if isinstance(value, ServerProcess) and value.log_path.exists():
            report.sections.append((f"{value.name} log ({name})", value.log()))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server in a child process with a process group of its own, logging to a file."""

    name = "the server"
    start_timeout: float = START_TIMEOUT
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def launch(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True,
            )  # fmt: skip

    def wait_until_answers(self, url: str) -> None:
        """Wait for a 200 from ``url``; stop the server and raise if none comes in time."""
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        waited = f"{self.name} did not answer within {self.start_timeout}s"
        raise RuntimeError(f"{waited}:\n{self.log()}")

    def stop(self, grace: float = 15) -> None:
        """Stop the whole process group: the server and the kernels it started."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]


class KitServer(ServerProcess):
    """`python -m kit serve` in a child process, on a loopback port of its own."""

    name = "kit serve"

    def __init__(
        self, data_dir: Path, log_path: Path, *extra: str, env: dict[str, str] | None = None
    ) -> None:
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra = list(extra)
        self.more_env = env or {}
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if k != "KIT_DATA_DIR"} | self.more_env
        self.launch(
            [sys.executable, "-m", "kit", "serve", "--port", str(self.port),
             "--data-dir", str(self.data_dir), "--cull-idle", str(CULL_IDLE), *self.extra],
            env,
        )  # fmt: skip
        self.wait_until_answers(self.url)

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> KitServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(str(error)))
    opened.page_errors = problems
    # Every request the page makes, and those the Content-Security-Policy stopped in the
    # browser, so a test can check that nothing left this machine.
    requested: list[str] = []
    blocked: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on(
        "requestfailed",
        lambda request: blocked.append(request.url) if request.failure == "csp" else None,
    )
    opened.requested = requested
    opened.blocked = blocked
    yield opened
    context.close()


LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")


def outside_requests(page) -> list[str]:
    """The requests a page sent to anywhere but this machine (CSP-blocked ones never left)."""
    return [u for u in page.requested if not u.startswith(LOCAL) and u not in page.blocked]


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[KitServer]:
    """One `kit serve` shared by the browser tests, over a fresh data folder. Without
    pre-heated kernels: each visit to a pre-heated page starts another kernel to wait for the
    next, which on a 2-core machine slows the page being tested (pre-heating has its own
    server in test_app.py)."""
    folder = tmp_path_factory.mktemp("served")
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


# --- accessibility ---------------------------------------------------------------------------

# axe-core's impacts are minor, moderate, serious and critical; the last two fail a test.
SERIOUS = ("serious", "critical")
# Until every cell has run (#loading goes) and the widgets have stopped drawing.
_SETTLED = """async () => {
  const done = () => !document.querySelector('#loading');
  while (!done()) { await new Promise(r => setTimeout(r, 100)); }
  let last = -1, same = 0;
  while (same < 6) {
    await new Promise(r => setTimeout(r, 250));
    const now = document.body.innerHTML.length;
    same = now === last ? same + 1 : 0;
    last = now;
  }
}"""
_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.html.slice(0, 200) + ' ' + n.failureSummary)}));
}"""


@pytest.fixture(scope="session")
def axe_script() -> str:
    """axe-core, at the Makefile's pin, installed from the npm registry on first use."""
    from tests.conftest import makefile_pin, npm_package

    return (npm_package("axe-core", makefile_pin("AXE_VERSION")) / "axe.min.js").read_text()


def settle(page) -> None:
    """Wait until the page has run every cell and its widgets are drawn."""
    page.evaluate(_SETTLED)


def serious_violations(page, axe_script: str) -> list[str]:
    """axe-core's serious and critical findings on the page as it is now, one line each."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe_script)
    found = page.evaluate(_AXE_RUN)
    return [
        f"{v['impact']} {v['id']} ({v['help']}): {node}"
        for v in found
        if v["impact"] in SERIOUS
        for node in v["nodes"]
    ]
