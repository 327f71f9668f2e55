"""The safety route in a real browser: a concern brings calm words and the right lines."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from .conftest import outside_requests

WELLBEING = "01.ipynb"


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".kit-save")).to_be_visible()


def test_a_concern_brings_the_safety_route(page: Page, server) -> None:
    """After saving a safety concern, are the safer ways and the person's lines shown?"""
    open_form(page, server.page(WELLBEING))
    panel = page.locator(".kit-safety")
    expect(panel).to_be_hidden()
    page.locator(".kit-field-overall .widget-toggle-button", has_text=re.compile("^2$")).click()
    page.locator(".kit-field-afraid").get_by_label("Yes").check()
    page.locator(".kit-save").click()
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("face to face may not be safe")
    expect(panel).to_contain_text("A letter or a message")
    expect(panel).to_contain_text("advocate")
    support = page.locator(".kit-support")
    expect(support).to_contain_text("Samaritans")

    support.locator("select").select_option(label="United Kingdom")
    expect(support).to_contain_text("0808 2000 247")
    expect(support).not_to_contain_text("Lifeline")

    page.reload()
    expect(page.locator(".kit-save")).to_be_visible()
    expect(page.locator(".kit-safety")).to_be_visible()
    select = page.locator(".kit-support select")
    chosen = select.evaluate("s => s.options[s.selectedIndex].text")
    assert chosen.replace("\xa0", " ") == "United Kingdom"
    expect(page.locator(".kit-support")).not_to_contain_text("Lifeline")
    assert "danger" not in page.title().lower()
    assert outside_requests(page) == []

    page.locator(".kit-field-afraid").get_by_label("No").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-safety")).to_be_hidden()


def test_a_frightening_reaction_on_the_contact_plan_reaches_the_conversation(
    page: Page, server
) -> None:
    """Does "in a way that frightened me" on the contact plan change what the plan says at
    once, reach the conversation page once saved (saying where it came from), and go when
    the answer is saved as something else?"""
    open_form(page, server.page("07.ipynb"))
    reactions = page.locator(".kit-field-past_reactions")
    reactions.get_by_label("In a way that frightened me").check()
    advice = page.locator(".kit-advice")
    expect(advice).to_contain_text("advocates often suggest")
    expect(advice).not_to_contain_text("keeps you safest")
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))

    open_form(page, server.page("06.ipynb"))
    safer = page.locator(".kit-safer-channels")
    expect(safer).to_be_visible()
    expect(safer.locator('a[href="07.ipynb"]')).to_contain_text("Fade or clean break?")

    open_form(page, server.page("07.ipynb"))
    page.locator(".kit-field-past_reactions").get_by_label("Calmly, even if sadly").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    open_form(page, server.page("06.ipynb"))
    expect(page.locator(".kit-safer-channels")).to_be_hidden()
