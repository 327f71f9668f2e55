"""Quick exit: a button first in keyboard order, and Escape, both leave at once for good."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kit.app.serve import DEFAULT_EXIT_URL

NEUTRAL = "<html><head><title>Weather</title></head><body>Sunny spells</body></html>"


@pytest.fixture
def neutral(page: Page) -> Page:
    """The neutral site, answered locally so that nothing leaves this machine."""
    page.context.route(
        DEFAULT_EXIT_URL + "*", lambda route: route.fulfill(body=NEUTRAL, content_type="text/html")
    )
    page.goto("about:blank")
    return page


@pytest.mark.parametrize("how", ["button", "escape"])
def test_quick_exit_leaves_and_back_does_not_return(neutral: Page, server, how: str) -> None:
    """Does Quick exit (or Escape, even while typing) leave at once, with Back not returning?"""
    page = neutral
    page.goto(server.page("01.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    if how == "button":
        page.locator("#kit-exit").click()
    else:
        page.locator(".kit-field-note textarea").fill("half a thought")
        page.keyboard.press("Escape")
    page.wait_for_url(DEFAULT_EXIT_URL)
    assert page.title() == "Weather"
    page.go_back()
    assert "voila" not in page.url, "the journal is not one Back away"


def test_quick_exit_is_first_in_keyboard_order(page: Page, server) -> None:
    """Is Quick exit the first thing reached with Tab, on the start page and the file list?"""
    for url in (server.page("00-start.ipynb"), server.url):
        page.goto(url)
        expect(page.locator("#kit-exit")).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement && document.activeElement.id") == "kit-exit"


@pytest.mark.parametrize("how", ["paused", "escape at once"])
def test_a_letter_left_by_quick_exit_comes_back_as_a_draft(neutral: Page, server, how) -> None:
    """Is a letter typed on the conversation page, then left by Escape (after a pause, or
    straight after the last key), back on the next visit, marked as a draft, unsaved?"""
    import kit

    page = neutral
    page.goto(server.page("06.ipynb"))
    box = page.locator(".kit-field-draft textarea")
    expect(box).to_be_visible()
    words = f"Dear Sam, I have something to tell you ({how})."
    box.click()
    page.keyboard.type(words)
    if how == "paused":
        page.wait_for_timeout(3000)  # typing stopped a moment ago: the draft is kept
    page.keyboard.press("Escape")
    page.wait_for_url(DEFAULT_EXIT_URL)
    with kit.open_journal(server.data_dir) as journal:
        for _ in range(50):
            kept = journal.draft("conversation")
            if kept and kept.answers.get("draft") == words:
                break
            page.wait_for_timeout(100)
        assert kept is not None
        assert kept.answers["draft"] == words
        assert journal.history("conversation") == [], "kept as a draft, not saved"
    page.goto(server.page("06.ipynb"))
    expect(page.locator(".kit-field-draft textarea")).to_have_value(words)
    expect(page.locator(".kit-draft-bar")).to_contain_text("Your draft is back.")
    expect(page.locator(".kit-status")).to_have_text(re.compile("^A draft from"))
    page.locator(".kit-draft-bar").get_by_role("button", name="Discard the draft").click()
    expect(page.locator(".kit-field-draft textarea")).to_have_value("")
