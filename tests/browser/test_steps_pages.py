"""The eight steps in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import kit
from kit.analysis.checkins import checkins


def test_conversation_with_a_safety_flag_recommends_a_safe_channel(page: Page, server) -> None:
    """With a safety flag saved, does the conversation page say so and show the lines?"""
    with kit.open_journal(server.data_dir) as journal:
        journal.save("wellbeing", {"overall": 2, "hurt": True})
    page.goto(server.page("06.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    safer = page.locator(".kit-safer-channels")
    expect(safer).to_be_visible()
    expect(safer).to_contain_text("A letter or a message")
    expect(safer.locator(".kit-support")).to_contain_text("Samaritans")
    draft = page.locator(".kit-field-draft textarea")
    draft.fill("You ALWAYS do this.")
    page.keyboard.press("Tab")  # the check reads the draft once the person leaves the box
    expect(page.locator(".kit-wording")).to_contain_text("You ALWAYS")
    page.locator(".kit-field-channel").get_by_label("A letter").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    expect(page.get_by_role("link", name="Save my draft as a text file")).to_be_visible()
    with kit.open_journal(server.data_dir) as journal:
        assert journal.latest("conversation")["channel"] == "letter"
        journal.save("wellbeing", {"overall": 3, "hurt": False})  # leave no flag behind


def test_a_check_in_without_checking_profiles_is_a_win(page: Page, server) -> None:
    """Does a check-in without checking their profiles show up as a win and lengthen the
    streak?"""
    page.goto(server.page("14.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    page.locator(".kit-field-mood .widget-toggle-button", has_text=re.compile("^6$")).click()
    page.locator(".kit-field-checked_profiles").get_by_label("No").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    with kit.open_journal(server.data_dir) as journal:
        before = checkins(journal)["checked_profiles"].eq(False).sum()
    assert before >= 1

    page.goto(server.page("13.ipynb"))
    found = page.locator(".kit-win-found", has_text="without checking their profiles").first
    expect(found).to_be_visible()
    found.get_by_role("button", name="Yes, that counts").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    expect(page.locator(".kit-form")).to_contain_text("in a row without checking their profiles")
    with kit.open_journal(server.data_dir) as journal:
        assert any(w["category"] == "no-profiles" for w in journal.latest("wins")["wins"])
