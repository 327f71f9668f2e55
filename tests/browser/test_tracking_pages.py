"""The check-in and the scales in a real browser."""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect

import kit
from kit.demo import write_demo

from .conftest import KitServer


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".kit-save")).to_be_visible()


def test_a_check_in_is_saved_for_today(page: Page, server) -> None:
    """Is a check-in saved from the browser kept for today, and shown again on reload?"""
    open_form(page, server.page("14.ipynb"))
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"(Nothing saved|Last saved)"))
    mood = page.locator(".kit-field-mood")
    mood.locator(".widget-toggle-button", has_text=re.compile("^7$")).click()
    page.locator(".kit-field-emotions").get_by_label("Hopeful").check()
    page.locator(".kit-field-win input").fill("Went for a walk")
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved .* \(for "))
    today = dt.date.today().isoformat()
    with kit.open_journal(server.data_dir) as journal:
        record = journal.for_day("check-in", today)
    expected = {"day": today, "mood": 7, "emotions": ["hopeful"], "win": "Went for a walk"}
    assert {k: record.answers.get(k) for k in expected} == expected
    page.reload()
    expect(page.locator(".kit-save")).to_be_visible()
    expect(mood.locator(".widget-toggle-button", has_text=re.compile("^7$"))).to_have_class(
        re.compile("mod-active")
    )


def test_phq9_item9_brings_the_crisis_lines_at_once(page: Page, server) -> None:
    """Does any answer above 0 on PHQ-9 item 9 show the crisis lines at the top, unsaved?"""
    open_form(page, server.page("18.ipynb"))
    crisis = page.locator(".kit-crisis-panel")
    expect(crisis).to_be_hidden()
    item9 = page.locator(".kit-field-q9")
    item9.locator(".widget-toggle-button", has_text=re.compile("^1$")).click()
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text("emergency number")
    expect(crisis.locator(".kit-support")).to_contain_text("Samaritans")
    top_of_crisis = crisis.bounding_box()["y"]
    top_of_title = page.locator(".kit-form h2").first.bounding_box()["y"]
    assert top_of_crisis < top_of_title, "before anything else on the page"
    with kit.open_journal(server.data_dir) as journal:
        assert journal.history("phq9") == []
    item9.locator(".widget-toggle-button", has_text=re.compile("^0$")).click()
    expect(crisis).to_be_hidden()


def test_a_check_in_shows_on_the_trends_page(page: Page, server) -> None:
    """After saving a check-in in the browser, is it drawn on the trends page?"""
    open_form(page, server.page("14.ipynb"))
    page.locator(".kit-field-mood .widget-toggle-button", has_text=re.compile("^4$")).click()
    page.locator(".kit-field-contacted").get_by_label("No").check()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))

    page.goto(server.page("15.ipynb"))
    chart = page.locator(".kit-chart-mood .js-plotly-plot")
    expect(chart).to_be_visible()
    expect(chart).to_contain_text("Your mood")
    expect(page.locator(".kit-trends")).to_contain_text("in a row without reaching out to them")
    page.locator(".kit-range .widget-toggle-button", has_text="30 days").click()
    expect(page.locator(".kit-chart-mood .js-plotly-plot")).to_be_visible()
    assert page.title() == "Journal"


def test_the_trends_page_finishes_loading_over_ten_years(tmp_path: Path) -> None:
    """Does the trends page of a fresh server, with no kernel waiting, finish loading over
    ten years of check-ins? Its charts once reached the page by a path that lost the cell's
    reply, and the page stayed blank for good (every time at this size, now and then in CI
    with a few days of data)."""
    write_demo(tmp_path / "data", days=3650).close()
    with KitServer(tmp_path / "data", tmp_path / "server.log", "--preheat", "none") as server:
        deadline = time.monotonic() + 90
        chunks = []
        # Voila sends a heartbeat every few seconds while it waits, so a read never times
        # out on its own: the loop keeps the deadline.
        with urllib.request.urlopen(server.page("15.ipynb"), timeout=30) as response:
            while chunk := response.read1(65536):
                chunks.append(chunk)
                assert time.monotonic() < deadline, f"never finished:\n{server.log()}"
    body = b"".join(chunks).decode()
    assert "window.voila_finish()" in body
    assert "application/vnd.jupyter.widget-view+json" in body  # the page's widgets
    assert "Traceback" not in body
