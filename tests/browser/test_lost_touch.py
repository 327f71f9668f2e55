"""When the server goes (stopped, killed, or stopped by a hub for being left unused), the
page says so calmly, with a way back; a save reported done is still there after."""

from __future__ import annotations

import os
import re
import signal
from pathlib import Path

from playwright.sync_api import Page, expect

import kit
from support.servers import KitServer

from .test_one_app import app_url, shown

# The page asks every 5 s and speaks after 30 s without an answer (kit.widgets.app).
NOTICE_WITHIN_MS = 60_000


def test_a_page_that_lost_its_server_says_so_and_gets_back(page: Page, tmp_path: Path) -> None:
    server = KitServer(tmp_path / "data", tmp_path / "server.log", "--preheat", "none")
    with server:
        page.goto(app_url(server, "14"))
        shown(page, "14")
        mood = page.locator(".kit-page-14 .kit-field-mood")
        mood.locator(".widget-toggle-button", has_text=re.compile("^7$")).click()
        page.locator(".kit-page-14 .kit-save").click()
        expect(page.locator(".kit-page-14 .kit-status")).to_have_text(re.compile("^Saved"))
        expect(page.locator(".kit-lost")).to_have_count(0)
        page.mouse.move(10, 10)  # in use: the page keeps asking
        # The server dies at once, as when it is killed for memory.
        assert server.process is not None
        os.killpg(server.process.pid, signal.SIGKILL)
        server.process.wait(timeout=10)
        notice = page.locator(".kit-lost")
        expect(notice).to_be_visible(timeout=NOTICE_WITHIN_MS)
        expect(notice).to_contain_text("Everything you saved is kept")
        assert notice.get_attribute("role") == "status"
        # Nothing saved was lost.
        with kit.open_journal(tmp_path / "data") as journal:
            assert journal.latest("check-in")["mood"] == 7
        server.start()  # the hub would start it again on the next request
        notice.get_by_role("button").click()
        shown(page, "14")
        expect(page.locator(".kit-lost")).to_have_count(0)
