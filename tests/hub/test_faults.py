"""Faults on a real hub: a client's server killed, the hub restarted, an idle server
culled. Each save reported done is still in that client's journal afterwards, and each
client affected sees the page's calm notice and gets back in by reloading."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kit
from support.hub import Hub, proxy_command

from .conftest import log_in

CULL_AFTER = 60  # jupyterhub-idle-culler's shortest timeout the kit accepts
NOTICE_WITHIN_MS = 90_000


@pytest.fixture(scope="module")
def faulty_hub(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[Hub]:
    running = Hub(tmp_path_factory.mktemp("faults"))
    running.start(proxy_command(), KIT_CULL_SERVERS=str(CULL_AFTER))
    yield running
    running.stop()


def app(hub: Hub, name: str, number: str) -> str:
    return f"{hub.url}/user/{name}/voila/render/app.ipynb#{number}"


def save_check_in(page: Page, mood: int) -> None:
    """Save a check-in with this mood on the page in view, and wait for "Saved"."""
    form = page.locator(".kit-page-14")
    form.locator(".kit-field-mood .widget-toggle-button", has_text=re.compile(f"^{mood}$")).click()
    form.locator(".kit-save").click()
    expect(form.locator(".kit-status")).to_have_text(re.compile("^Saved"))


def moods(hub: Hub, name: str) -> list[int]:
    """Every check-in mood in this client's own journal, oldest first."""
    with kit.open_journal(hub.state / "journals" / name) as journal:
        return [r.answers["mood"] for r in journal.history("check-in")]


def servers_of(hub: Hub, name: str) -> list[int]:
    """The processes of this client's server and its kernels (by their journal folder, in
    the settings the hub gave them: kit.settings.encode writes it so)."""
    folder = json.dumps(str(hub.state / "journals" / name))
    marker = f'"data_dir": {folder}'.encode()
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        with contextlib.suppress(OSError):
            if marker in environ.read_bytes():
                found.append(int(environ.parent.name))
    return found


def back_in(page: Page) -> None:
    """The notice is there, calm; its reload brings the app back (the hub starts the
    server again by itself)."""
    notice = page.locator(".kit-lost")
    expect(notice).to_be_visible(timeout=NOTICE_WITHIN_MS)
    expect(notice).to_contain_text("Everything you saved is kept")
    notice.get_by_role("button").click()
    # Back on the same page: the fragment was kept for the reload (router.js).
    expect(page.locator(".kit-page-14")).to_be_visible(timeout=120_000)
    expect(page.locator(".kit-lost")).to_have_count(0)


def test_a_killed_server_a_restarted_hub_and_a_culled_server(faulty_hub: Hub, browser) -> None:
    hub = faulty_hub
    sessions = {}
    for name in ("client1", "client2"):
        context, page = log_in(browser, hub, name)
        page.wait_for_url(re.compile(rf"/user/{name}/voila/render/app\.ipynb"))
        page.goto(app(hub, name, "14"))
        expect(page.locator(".kit-page-14")).to_be_visible()
        sessions[name] = (context, page)
    save_check_in(sessions["client1"][1], 4)
    save_check_in(sessions["client2"][1], 6)

    # 1. client1's server is killed, as the kernel's memory limit would.
    page = sessions["client1"][1]
    killed = servers_of(hub, "client1")
    assert killed
    for pid in killed:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    page.mouse.move(20, 20)
    back_in(page)
    save_check_in(page, 5)

    # 2. The hub restarts (its servers stop with it): both clients get back in.
    hub.stop()
    hub.start(proxy_command(), KIT_CULL_SERVERS=str(CULL_AFTER))
    for name in ("client1", "client2"):
        page = sessions[name][1]
        page.mouse.move(30, 30)
        back_in(page)
    save_check_in(sessions["client2"][1], 7)

    # 3. client2 leaves the tab closed: the idle culler stops the server; coming back, the
    # hub starts it again.
    sessions["client2"][1].close()
    deadline = time.monotonic() + CULL_AFTER + 120
    while servers_of(hub, "client2") and time.monotonic() < deadline:
        time.sleep(5)
    assert servers_of(hub, "client2") == [], "the idle server was not culled"
    assert "Culling server client2" in hub.log_path.read_text()
    # A new visit: the hub starts the server again on its own (its way there drops the
    # address's fragment, so the app opens on its start page).
    page = sessions["client2"][0].new_page()
    page.goto(app(hub, "client2", "14"))
    expect(page.locator(".kit-page")).to_be_visible(timeout=120_000)

    # Every save reported done is there, in its own client's journal only.
    assert moods(hub, "client1") == [4, 5]
    assert moods(hub, "client2") == [6, 7]
    for context, _ in sessions.values():
        context.close()
