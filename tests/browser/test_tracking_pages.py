"""The check-in and the scales in a real browser."""

from __future__ import annotations

import datetime as dt
import re
import time
import urllib.request
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

import kit
from kit.demo import write_demo
from support.servers import KitServer

from .conftest import PAGE_TIMEOUT_MS


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
    """Does any answer above 0 on PHQ-9 item 9 show the crisis lines at once, right under
    the question (in view, where the person is looking), before anything is saved?"""
    open_form(page, server.page("18.ipynb"))
    crisis = page.locator(".kit-care-q9")
    expect(crisis).to_be_hidden()
    item9 = page.locator(".kit-field-q9")
    item9.locator(".widget-toggle-button", has_text=re.compile("^1$")).click()
    expect(crisis).to_be_visible()
    expect(crisis).to_contain_text("emergency number")
    expect(crisis.locator(".kit-support")).to_contain_text("Samaritans")
    expect(crisis.get_by_role("heading").first).to_be_in_viewport()
    assert (
        crisis.bounding_box()["y"]
        > item9.locator(".widget-toggle-button").first.bounding_box()["y"]
    ), "under the question that brought it"
    with kit.open_journal(server.data_dir) as journal:
        assert journal.history("phq9") == []
    item9.locator(".widget-toggle-button", has_text=re.compile("^0$")).click()
    expect(crisis).to_be_hidden()


def test_the_lowest_mood_on_the_check_in_brings_help_at_once(page: Page, server) -> None:
    """On the check-in, does a mood of 1 bring the crisis lines first, then a person for a
    bad night and the bad-day page, under the mood, before Save; does Save still work; and
    does a low day bring reasons and kind words instead, without the crisis lines?"""
    open_form(page, server.page("14.ipynb"))
    mood = page.locator(".kit-field-mood")
    care = page.locator(".kit-care-mood")
    expect(care).to_be_hidden()
    mood.locator(".widget-toggle-button", has_text=re.compile("^1$")).click()
    expect(care).to_be_visible()
    expect(care).to_contain_text("emergency number")
    expect(care.locator(".kit-support")).to_be_visible()
    expect(care).to_contain_text("Who could you call tonight?")
    expect(care.locator('a[href="11.ipynb"]')).to_be_visible()
    lines_top = care.locator(".kit-support").bounding_box()["y"]
    person_top = care.get_by_text("Who could you call tonight?").bounding_box()["y"]
    assert lines_top < person_top, "the crisis lines come first"
    expect(care.get_by_role("heading").first).to_be_in_viewport()
    mood.locator(".widget-toggle-button", has_text=re.compile("^3$")).click()
    expect(care).to_contain_text("A few kind words")
    expect(care).not_to_contain_text("emergency number")
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved"))


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


def test_today_is_the_persons_own_day(browser, tmp_path: Path) -> None:
    """With the server's clock in UTC and the browser in a zone where it is already another
    day, does the check-in open on the browser's today and save for it, and does the next
    visit start there at once?"""
    utc = dt.datetime.now(dt.UTC)
    # At any hour, one of these two zones is on another date than UTC (+14 h, -11 h).
    zone = "Pacific/Kiritimati" if utc.hour >= 10 else "Pacific/Pago_Pago"
    theirs = dt.datetime.now(ZoneInfo(zone)).date()
    assert theirs != utc.date()
    with KitServer(tmp_path / "data", tmp_path / "server.log", "--preheat", "none",
                   env={"TZ": "UTC"}) as server:  # fmt: skip
        context = browser.new_context(timezone_id=zone, viewport={"width": 1100, "height": 900})
        context.set_default_timeout(PAGE_TIMEOUT_MS)
        try:
            page = context.new_page()
            open_form(page, server.page("14.ipynb"))
            day = page.locator(".kit-field-day input[type=date]")
            expect(day).to_have_value(theirs.isoformat())
            page.locator(".kit-field-mood .widget-toggle-button",
                         has_text=re.compile("^6$")).click()  # fmt: skip
            page.locator(".kit-save").click()
            expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved"))
            with kit.open_journal(server.data_dir) as journal:
                assert journal.for_day("check-in", theirs).answers["mood"] == 6
                assert journal.for_day("check-in", utc.date()) is None
                assert journal.setting("browser_time_zone") == zone
            page.reload()
            expect(page.locator(".kit-field-day input[type=date]")).to_have_value(
                theirs.isoformat()
            )
            expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Last saved"))
        finally:
            context.close()
