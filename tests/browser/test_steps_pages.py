"""The eight steps in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import kit


def test_conversation_with_a_safety_flag_recommends_a_safe_channel(page: Page, server) -> None:
    """With a safety flag saved, does the conversation page say so and show the lines?"""
    with kit.open_journal(server.data_dir) as journal:
        journal.save("wellbeing", {"overall": 2, "hurt": True})
    page.goto(server.page("06-conversation.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    safer = page.locator(".kit-safer-channels")
    expect(safer).to_be_visible()
    expect(safer).to_contain_text("A letter or a message")
    expect(safer.locator(".kit-support")).to_contain_text("Samaritans")
    draft = page.locator(".kit-field-draft textarea")
    draft.fill("You ALWAYS do this.")
    expect(page.locator(".kit-wording")).to_contain_text("You ALWAYS")
    page.locator(".kit-field-channel").get_by_label("A letter").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    expect(page.get_by_role("link", name="Save my draft as a text file")).to_be_visible()
    with kit.open_journal(server.data_dir) as journal:
        assert journal.latest("conversation")["channel"] == "letter"
        journal.save("wellbeing", {"overall": 3, "hurt": False})  # leave no flag behind
