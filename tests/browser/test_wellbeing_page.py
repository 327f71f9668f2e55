"""The well-being page in a real browser: fill in, save, reload, restart, and bad input."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

import kit
from support.servers import KitServer

from .conftest import outside_requests

WELLBEING = "01.ipynb"
NOTE = 'Tired. <b>not bold</b> & <img src=x onerror="window.hacked=1">'


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".kit-save")).to_be_visible()


def field(page: Page, field_id: str):
    return page.locator(f".kit-field-{field_id}")


def toggle(page: Page, field_id: str, label: str):
    return field(page, field_id).locator(".widget-toggle-button", has_text=re.compile(f"^{label}$"))


def saved_answers(server) -> list[dict]:
    with kit.open_journal(server.data_dir) as journal:
        return [r.answers for r in journal.history("wellbeing")]


def test_start_page(page: Page, server) -> None:
    """Does the start page show, titled neutrally, with support lines and no code?"""
    page.goto(server.page("00-start.ipynb"))
    expect(page.locator(".kit-lines")).to_be_visible()
    assert page.title() == "Journal"
    body = page.locator("body").inner_text()
    assert "Samaritans" in body
    assert "not therapy" in body
    assert str(server.data_dir) in body, "the page says where the journal is kept"
    assert "import kit" not in body, "sources are stripped"
    page.locator(".kit-journey li").get_by_role("link", name="How are you, really?").click()
    expect(page.locator(".kit-save")).to_be_visible()
    assert page.title() == "Journal"


def test_file_list_title_is_neutral(page: Page, server) -> None:
    """Is the server's front page titled neutrally too?"""
    page.goto(server.url)
    assert page.title() == "Journal"


def test_fill_save_reload_restart(page: Page, server) -> None:
    """Are answers saved from the browser, shown again after a reload and a restart?"""
    open_form(page, server.page(WELLBEING))
    assert page.title() == "Journal"
    toggle(page, "overall", "2").click()
    toggle(page, "drained", "3").click()
    field(page, "afraid").get_by_label("Yes").check()
    field(page, "controlled").get_by_label(re.compile("^Money")).check()
    field(page, "note").locator("textarea").fill(NOTE)
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    expected = {"overall": 2, "drained": 3, "afraid": True, "controlled": ["money"], "note": NOTE}
    latest = saved_answers(server)[-1]
    assert {key: latest.get(key) for key in expected} == expected

    for reopen in (page.reload, server.restart):
        reopen()
        open_form(page, server.page(WELLBEING))
        expect(toggle(page, "overall", "2")).to_have_class(re.compile("mod-active"))
        expect(toggle(page, "drained", "3")).to_have_class(re.compile("mod-active"))
        expect(field(page, "afraid").get_by_label("Yes")).to_be_checked()
        expect(field(page, "controlled").get_by_label(re.compile("^Money"))).to_be_checked()
        expect(field(page, "note").locator("textarea")).to_have_value(NOTE)
        expect(page.locator(".kit-status")).to_have_text(re.compile("^Last saved"))
    assert page.locator("img[src=x]").count() == 0, "typed HTML stays text"
    assert page.evaluate("window.hacked") is None
    assert page.page_errors == []
    assert outside_requests(page) == [], "nothing is fetched from outside this machine"


def test_invalid_answer_shows_inline_error_and_saves_nothing(page: Page, server) -> None:
    """Does a missing required answer show a message on its field, with nothing saved?"""
    before = saved_answers(server)
    open_form(page, server.page(WELLBEING))
    if before:
        field(page, "overall").get_by_role("button", name="Clear answer").click()
    field(page, "note").locator("textarea").fill("Should not be saved yet.")
    page.locator(".kit-save").click()
    error = field(page, "overall").locator(".kit-error")
    expect(error).to_be_visible()
    expect(error).to_have_text("This one is needed before saving.")
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Not saved yet"))
    expect(field(page, "drained").locator(".kit-error")).to_be_hidden()
    assert saved_answers(server) == before
    expect(field(page, "note").locator("textarea")).to_have_value("Should not be saved yet.")

    toggle(page, "overall", "4").click()
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))
    expect(error).to_be_hidden()
    assert saved_answers(server)[-1]["overall"] == 4


@pytest.fixture(scope="module")
def damaged_server(tmp_path_factory, chromium_path):
    folder = tmp_path_factory.mktemp("damaged")
    (folder / "data").mkdir()
    (folder / "data" / "journal.sqlite3").write_text("my shopping list, not a journal")
    with KitServer(folder / "data", folder / "server.log") as running:
        yield running


def test_damaged_journal_gets_a_calm_message(page: Page, damaged_server) -> None:
    """With a damaged journal file, does the page explain, without a traceback or a write?"""
    page.goto(damaged_server.page(WELLBEING))
    problem = page.locator(".kit-problem")
    expect(problem).to_be_visible()
    expect(problem).to_contain_text("looks damaged")
    expect(problem).to_contain_text("left exactly as it was")
    body = page.locator("body").inner_text()
    assert "Traceback" not in body
    assert "Error" not in body
    journal_file = damaged_server.data_dir / "journal.sqlite3"
    assert journal_file.read_text() == "my shopping list, not a journal"
