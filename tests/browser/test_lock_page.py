"""A locked journal in the browser: every page asks for the passphrase first, a wrong one
is refused plainly, the right one opens the page, and what is saved stays unreadable in
the data folder. The support lines show before anything is unlocked."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kit
from support.servers import KitServer

from .conftest import serious_violations, settle

PASS = "kettle garden tuesday"
MARKER = "lighthouse-keeper-4417"


@pytest.fixture(scope="module")
def locked_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    folder = tmp_path_factory.mktemp("locked")
    with kit.open_journal(folder / "data") as journal:
        journal.set_passphrase(PASS)
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


def test_a_locked_page_asks_first_and_keeps_what_is_saved_unreadable(
    page: Page, locked_server: KitServer
) -> None:
    page.goto(locked_server.page("04.ipynb"))
    unlock = page.locator(".kit-unlock")
    expect(unlock).to_be_visible()
    expect(page.locator(".kit-save")).to_have_count(0)
    unlock.locator("input[type=password]").fill("not the passphrase")
    unlock.get_by_role("button", name="Open").click()
    expect(unlock).to_contain_text("does not open this journal")
    expect(unlock.locator("input[type=password]")).to_have_value("")
    unlock.locator("input[type=password]").fill(PASS)
    unlock.get_by_role("button", name="Open").click()
    expect(page.locator(".kit-save")).to_be_visible()
    expect(unlock).to_be_hidden()
    page.locator(".kit-form textarea").first.fill(MARKER)
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    for path in locked_server.data_dir.rglob("*"):
        if path.is_file():
            assert MARKER.encode() not in path.read_bytes(), path.name
    with kit.open_journal(locked_server.data_dir, PASS) as journal:
        assert MARKER in journal.latest("future").values()


def test_the_start_page_shows_support_lines_before_the_passphrase(
    page: Page, locked_server: KitServer
) -> None:
    page.goto(locked_server.page("00-start.ipynb"))
    expect(page.locator(".kit-support").first).to_be_visible()
    expect(page.locator(".kit-unlock")).to_have_count(1)
    expect(page.locator(".kit-where")).to_contain_text("journal.sqlite3")
    expect(page.locator("body")).to_contain_text("It is locked with your passphrase")


@pytest.mark.parametrize("notebook", ["00-start.ipynb", "14.ipynb", "16.ipynb"])
def test_the_locked_pages_pass_the_accessibility_check(
    page: Page, locked_server: KitServer, axe_script: str, notebook: str
) -> None:
    """The passphrase field and its messages, as axe-core sees them, before and after a
    wrong passphrase (the rest of the pages are checked in test_accessibility.py)."""
    page.goto(locked_server.page(notebook))
    settle(page)
    assert serious_violations(page, axe_script) == []
    unlock = page.locator(".kit-unlock")
    unlock.locator("input[type=password]").fill("not the passphrase")
    unlock.get_by_role("button", name="Open").click()
    expect(unlock).to_contain_text("does not open this journal")
    assert serious_violations(page, axe_script) == []
