"""A real JupyterHub on loopback ports, from deploy/local/jupyterhub_config.py: the dummy
log-in with a password, SimpleLocalProcessSpawner, and configurable-http-proxy installed
from the npm registry by this set-up (into .cache/node, once). Two clients and a therapist.
The hub and every server it started are stopped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from support.hub import PASSWORD, Hub, proxy_command
from tests.browser.conftest import PAGE_TIMEOUT_MS


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.hub)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Hub]:
    running = Hub(tmp_path_factory.mktemp("hub"))
    running.start(proxy_command())
    yield running
    running.stop()


@pytest.fixture(scope="module")
def hub_browser(browser):
    """The session's browser (Playwright allows one per session); each log-in gets a
    context of its own."""
    return browser


def log_in(browser, hub: Hub, name: str, password: str = PASSWORD):
    """A browser context of its own, logged in as ``name``; returns (context, page)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900}, accept_downloads=True)
    context.set_default_timeout(PAGE_TIMEOUT_MS * 2)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("#login_submit")
    return context, page
