"""The give-and-take page in a real browser: rate two areas, save, see the tug-of-war."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import kit

from .conftest import outside_requests


def test_fill_balance_and_see_the_chart(page: Page, server) -> None:
    """Are ratings saved from the browser and drawn as a chart, with nothing fetched?"""
    page.goto(server.page("02.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    entries = page.locator(".kit-list-entry")
    expect(entries.first.locator("input").first).to_have_value("Emotional support")

    def rate(entry: int, who: str, value: int) -> None:
        scale = entries.nth(entry).locator(".kit-field").nth(1 if who == "you" else 2)
        scale.locator(".widget-toggle-button", has_text=re.compile(f"^{value}$")).click()

    rate(0, "you", 4)
    rate(0, "them", 1)
    rate(1, "you", 2)
    rate(1, "them", 3)
    entries.nth(0).locator(".kit-field").nth(3).locator("input").fill("I ask about their day")
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))

    chart = page.locator(".kit-chart .js-plotly-plot")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("Balance +0.20")
    expect(chart).to_contain_text("Emotional support")
    expect(page.locator(".kit-summary")).to_contain_text("I ask about their day")

    with kit.open_journal(server.data_dir) as journal:
        first, second = journal.latest("balance")["areas"][:2]
    assert first == {"area": "Emotional support", "you": 4, "them": 1,
                     "example": "I ask about their day"}  # fmt: skip
    assert second == {"area": "Listening", "you": 2, "them": 3}
    assert outside_requests(page) == []
