"""The app: the whole journal on one page, in one kernel. Moving between pages changes the
address's fragment (a neutral number); Back, Forward, reload and a bookmark all work; the
focus moves to the new page's heading; a locked journal asks once per visit and locks
again when left unused; leaving ends the kernel; a phone is a first-class screen."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kit
from kit.content import site_pages
from kit.demo import write_demo
from support.servers import KitServer

from .conftest import PAGE_TIMEOUT_MS, serious_violations, settle
from .test_app import _kernels

PASS = "kettle garden tuesday"
NUMBERS = [notebook.removesuffix(".ipynb").split("-")[0] for notebook, _ in site_pages()]
TITLES = dict(zip(NUMBERS, (title for _, title in site_pages()), strict=True))


def app_url(server: KitServer, number: str = "") -> str:
    return f"{server.url}/voila/render/app.ipynb" + (f"#{number}" if number else "")


def shown(page: Page, number: str) -> None:
    """Wait until the page with this number is the one in view."""
    expect(page.locator(f".kit-page-{number}")).to_be_visible()


@pytest.fixture(scope="module")
def one_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    """A server of its own, without pre-heated kernels, so that every kernel counted is a
    visit's, over a made-up journal of a few months."""
    folder = tmp_path_factory.mktemp("one-app")
    write_demo(folder / "data", days=90).close()
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


def test_the_whole_journey_in_one_kernel(page: Page, one_server: KitServer) -> None:
    """Does Next walk every page in the journey's order inside one page and one kernel,
    with the neutral title, the focus on each new page's heading and its name said?"""
    page.goto(one_server.url)  # the address kit serve gives leads to the app
    page.wait_for_url("**/app.ipynb*")
    shown(page, "00")
    for number in NUMBERS[1:]:
        page.locator(".kit-app-footer .kit-nav-next").click()
        shown(page, number)
        assert page.url.endswith(f"#{number}")
        expect(page.locator(".kit-announce")).to_have_text(TITLES[number])
        focused = page.evaluate("() => document.activeElement.closest('.kit-page') !== null")
        assert focused, f"the focus is on page {number}'s heading"
        assert page.title() == "Journal"
    expect(page.locator(".kit-app-footer .kit-nav-next")).to_have_count(0)
    assert _kernels(one_server) == 1, "one kernel for the whole visit"


def test_back_forward_reload_and_a_bookmark(page: Page, one_server: KitServer) -> None:
    """Do Back and Forward move between pages inside the app, does a reload come back to
    the same page, and does a bookmarked address open its page?"""
    page.goto(app_url(one_server, "14"))
    shown(page, "14")
    page.locator(".kit-menu summary").click()
    page.locator(".kit-menu a[href='#05']").click()
    shown(page, "05")
    page.go_back()
    shown(page, "14")
    page.go_forward()
    shown(page, "05")
    page.reload()
    shown(page, "05")
    other = page.context.new_page()
    other.goto(app_url(one_server, "09"))
    shown(other, "09")
    other.close()


def test_a_page_shown_again_shows_fresh_data(page: Page, one_server: KitServer) -> None:
    """Does a check-in saved on one page show on the trends page, built before the save,
    and does the menu say the check-in page is started?"""
    page.goto(app_url(one_server, "15"))
    shown(page, "15")
    before = page.locator(".kit-trends").inner_text()
    page.evaluate("location.hash = '14'")
    shown(page, "14")
    mood = page.locator(".kit-page-14 .kit-field-mood")
    mood.locator(".widget-toggle-button", has_text=re.compile("^9$")).click()
    page.locator(".kit-page-14 .kit-field-contacted").get_by_label("Yes").check()
    page.locator(".kit-page-14 .kit-save").click()
    expect(page.locator(".kit-page-14 .kit-status")).to_have_text(re.compile("^Saved"))
    page.go_back()
    shown(page, "15")
    expect(page.locator(".kit-trends")).not_to_have_text(before)
    expect(page.locator(".kit-trends")).to_contain_text("0 check-ins in a row without reaching")
    menu = page.locator(".kit-menu")
    expect(menu.locator("li li", has=page.locator("a[href='#14']"))).to_contain_text(
        re.compile("started|done")
    )


def locked_server_with(folder: Path, *extra: str) -> KitServer:
    with kit.open_journal(folder / "data") as journal:
        journal.set_passphrase(PASS)
        journal.save("future", {"where": "by the sea"})
    return KitServer(folder / "data", folder / "server.log", "--preheat", "none", *extra)


@pytest.fixture(scope="module")
def locked_app(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    with locked_server_with(tmp_path_factory.mktemp("locked-app")) as running:
        yield running


@pytest.fixture(scope="module")
def soon_locked(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    """A locked journal whose app locks again after 6 s without use."""
    with locked_server_with(tmp_path_factory.mktemp("soon"), "--idle-lock", "6") as running:
        yield running


# Counts every passphrase prompt put on the page: each unlock form is counted once, when it
# is first seen (ipywidgets may add the class after the element is in the document).
COUNT_PROMPTS = """
window.kitPrompts = 0;
new MutationObserver(() => {
  for (const asking of document.querySelectorAll('.kit-unlock:not([data-counted])')) {
    asking.setAttribute('data-counted', '');
    window.kitPrompts += 1;
  }
}).observe(document, {childList: true, subtree: true, attributes: true,
                      attributeFilter: ['class']});
"""


def unlock(page: Page) -> None:
    asking = page.locator(".kit-unlock")
    expect(asking).to_be_visible()
    expect(page.locator(".kit-unlock .kit-support")).to_be_visible()  # the lines, first
    asking.locator("input[type=password]").fill(PASS)
    asking.get_by_role("button", name="Open").click()
    expect(asking).to_have_count(0)


def test_a_locked_journal_asks_once_per_visit(page: Page, locked_app: KitServer) -> None:
    """Is the passphrase asked for once in a visit, however many pages are shown, and again
    on a new visit?"""
    page.add_init_script(COUNT_PROMPTS)
    page.goto(app_url(locked_app, "04"))
    unlock(page)
    shown(page, "04")
    expect(page.locator(".kit-page-04 textarea").first).to_have_value("by the sea")
    for number in ("01", "14", "16", "04", "00", "15"):
        page.evaluate(f"location.hash = '{number}'")
        shown(page, number)
    assert page.evaluate("window.kitPrompts") == 1
    page.reload()
    unlock(page)  # a new visit, a new kernel
    assert page.evaluate("window.kitPrompts") == 1


def test_left_unused_it_locks_again(page: Page, soon_locked: KitServer) -> None:
    """After the idle time without use, does the app forget the key, close the pages, and
    ask again; and does what was shown come back only with the passphrase?"""
    page.goto(app_url(soon_locked, "04"))
    unlock(page)
    shown(page, "04")
    expect(page.locator(".kit-unlock")).to_be_visible(timeout=30_000)
    expect(page.locator(".kit-page-04")).to_have_count(0)
    assert "by the sea" not in page.content()
    unlock(page)
    shown(page, "04")


def test_leaving_ends_the_kernel(page: Page, one_server: KitServer) -> None:
    """Does quick exit, or closing the tab, end the visit's kernel at once, instead of
    leaving it for the culler? (The other tests' pages close without the browser's
    leaving events, so their kernels wait for the culler; only this visit's are counted.)"""
    page.context.route(
        "https://www.bbc.com/**", lambda route: route.fulfill(body="<title>W</title>")
    )

    def until(count: int) -> int:
        deadline = time.monotonic() + 30
        while _kernels(one_server) != count and time.monotonic() < deadline:
            time.sleep(0.5)
        return _kernels(one_server)

    before = _kernels(one_server)
    page.goto(app_url(one_server, "14"))
    shown(page, "14")
    assert until(before + 1) == before + 1
    page.keyboard.press("Escape")
    page.wait_for_url("https://www.bbc.com/**")
    assert until(before) == before, "quick exit ends the kernel"
    tab = page.context.new_page()
    tab.goto(app_url(one_server, "05"))
    shown(tab, "05")
    assert until(before + 1) == before + 1
    tab.close(run_before_unload=True)
    assert until(before) == before, "closing the tab ends the kernel"


PHONE_PROBE = """() => {
  const edge = document.documentElement.clientWidth + 1;
  const outside = [];
  for (const el of document.querySelectorAll('.kit-app *')) {
    if (el.closest('svg')) { continue; }  // a chart's own parts are clipped by its frame
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > edge) { outside.push(el.className.toString().slice(0, 80)); }
  }
  const small = [];
  for (const el of document.querySelectorAll('.kit-app button, .kit-app input, '
      + '.kit-app select, .kit-app textarea, .kit-app summary, .kit-app a')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) { continue; }
    if (el.tagName === 'A' && el.closest('p, li, dd, td')) { continue; }  // links in text
    if (box.width < 24 || box.height < 24) {
      small.push(el.tagName + ' ' + (el.textContent || el.value || '').trim().slice(0, 30));
    }
  }
  return {scrolls: document.documentElement.scrollWidth > edge, outside, small};
}"""


@pytest.fixture
def phone(browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 360, "height": 780})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context.new_page()
    context.close()


def every_page(page: Page, server: KitServer) -> Iterator[str]:
    """Open the app, then show each page in the journey's order, drawn and at rest; yields
    each page's number while it is in view."""
    page.goto(app_url(server, "00"))
    shown(page, "00")
    for number in NUMBERS:
        page.evaluate(f"location.hash = '{number}'")
        shown(page, number)
        settle(page)
        yield number


def test_every_page_fits_a_phone(phone: Page, one_server: KitServer) -> None:
    """At 360 px wide, does every page stay inside the screen (no sideways scrolling, no
    part cut off at the right) with every control at least 24 by 24 px?"""
    problems = {}
    for number in every_page(phone, one_server):
        found = phone.evaluate(PHONE_PROBE)
        if found["scrolls"] or found["outside"] or found["small"]:
            problems[number] = found
    assert problems == {}


@pytest.mark.parametrize("width", [1100, 390])
def test_the_app_passes_the_accessibility_check(browser, one_server, axe_script, width) -> None:
    """axe-core on the app's pages at desktop and phone size: nothing serious."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    try:
        page = context.new_page()
        found = {}
        for number in every_page(page, one_server):
            violations = serious_violations(page, axe_script)
            if violations:
                found[number] = violations
        assert found == {}
    finally:
        context.close()
