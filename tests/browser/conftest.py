"""Real servers and a real browser: `kit serve` on a free loopback port, headless Chromium.

Browser tests skip with a reason when no Chromium is installed, unless KIT_REQUIRE_BROWSER=1
(as in CI), where a missing browser fails the run. One server is shared by the whole
session (starting one costs seconds); every server is stopped afterwards, kernels included.
The browser itself (one per session) comes from tests/conftest.py, shared with tests/hub.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from support.servers import KitServer, ServerProcess

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
    from support.tools import makefile_pin, npm_package

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
