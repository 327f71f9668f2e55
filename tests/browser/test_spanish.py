"""The whole app in Spanish: every page read in the browser for English words.

Two visits, each walking every page with every folded part opened: a new journal whose
browser prefers Spanish (the default follows the browser), and a journal of a few months
whose person picks "Español" on My data (the choice is kept: a reload is still in
Spanish). What a person typed is taken out before reading: it is theirs, in whatever
language they wrote it; so is a name quoted «like this» (a service's own name). Every line
left, with the labels screen readers read (aria-label, placeholder, title), must hold no
English words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kit
from kit.demo import write_demo
from support.servers import KitServer

from .conftest import PAGE_TIMEOUT_MS, settle
from .test_one_app import NUMBERS, app_url, every_page, shown

# Words that are English and never Spanish. A line with one of the first set, or with two
# of the second, is English. Names (Instagram, WHO-5, PHQ-9) are in neither.
_STRONG = """the and you your with this that what which when where would could should have
been they their there here will were are how why it's don't can't isn't yourself
today"""
_WEAK = """page pages save saved week weeks day days check share delete back next more less
some any each every just only into over after before again also our them its from about
not yet all nothing something someone open close show hide add remove"""
ENGLISH = frozenset(_STRONG.split())
ENGLISH_TOO = frozenset(_WEAK.split())
WORD = re.compile(r"[A-Za-z']+")
QUOTED = re.compile(r"«[^»]*»")  # a name in its own language, as Spanish quotes one

READ_PAGE = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const lines = document.body.innerText.split('\\n');
  for (const el of document.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
    for (const name of ['aria-label', 'placeholder', 'title', 'alt']) {
      const value = el.getAttribute(name);
      if (value) lines.push(value);
    }
  }
  for (const el of document.querySelectorAll('svg text')) lines.push(el.textContent);
  for (const el of document.querySelectorAll('select option')) lines.push(el.textContent);
  return lines;
}"""


def english_lines(lines: list[str], typed: set[str]) -> list[str]:
    """The lines that read as English, once what the person typed is taken out."""
    found = []
    for line in lines:
        for own in typed:  # as typed, or lower-cased inside a sentence the kit makes
            line = re.sub(re.escape(own), " ", line, flags=re.IGNORECASE)
        line = QUOTED.sub(" ", line)
        words = [w.lower() for w in WORD.findall(line)]
        strong = [w for w in words if w in ENGLISH]
        weak = {w for w in words if w in ENGLISH_TOO}
        if strong or len(weak) >= 2:
            found.append(line.strip())
    return found


def typed_answers(folder: Path) -> set[str]:
    """Every piece of text a person typed into the journal (their words, not the kit's)."""
    typed: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, str):
            if " " in value.strip() or value[:1].isupper():
                typed.add(value.strip())
        elif isinstance(value, dict):
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    with kit.open_journal(folder) as journal:
        for record in journal.all_records():
            walk(record.answers)
    return {t for t in typed if t}


def walk_in_spanish(page: Page, server: KitServer, typed: set[str]) -> dict[str, list[str]]:
    """Every page's English lines, by page number (an empty dict: none anywhere)."""
    found: dict[str, list[str]] = {}
    for number in every_page(page, server):
        english = english_lines(page.evaluate(READ_PAGE), typed)
        if english:
            found[number] = english
    return found


@pytest.fixture(scope="module")
def spanish_context(browser) -> Iterator:
    context = browser.new_context(
        viewport={"width": 1100, "height": 900}, locale="es-ES",
        extra_http_headers={"Accept-Language": "es-ES,es;q=0.9"},
    )  # fmt: skip
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path):
    folder = tmp_path_factory.mktemp("spanish-fresh")
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


@pytest.fixture(scope="module")
def lived_in(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path):
    folder = tmp_path_factory.mktemp("spanish-demo")
    write_demo(folder / "data", days=90).close()
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


def test_a_new_journal_follows_a_spanish_browser(spanish_context, fresh_server) -> None:
    """With a browser that prefers Spanish, is every page of a new journal in Spanish,
    with the page's language said to screen readers?"""
    page = spanish_context.new_page()
    page.goto(app_url(fresh_server, "00"))
    shown(page, "00")
    expect(page.locator(".kit-page-00 h1")).not_to_have_text("Welcome")
    assert page.evaluate("document.documentElement.lang") == "es"
    found = walk_in_spanish(page, fresh_server, set())
    assert found == {}, "\n".join(f"{n}: {line}" for n, lines in found.items() for line in lines)


def test_picking_spanish_on_my_data_is_kept(page: Page, lived_in: KitServer) -> None:
    """Does a person with an English browser who picks Español on My data get every page
    in Spanish, charts and observations included, and still after a reload?"""
    my_data = "16"
    assert my_data in NUMBERS
    page.goto(app_url(lived_in, my_data))
    shown(page, my_data)
    picker = page.locator(".kit-language select")
    picker.select_option(label="Español")
    expect(page.locator(".kit-page-16 h1")).not_to_have_text("Your data is yours")
    page.reload()
    shown(page, my_data)
    settle(page)
    assert page.locator(".kit-language select").input_value() == "Español"
    typed = typed_answers(lived_in.data_dir)
    found = walk_in_spanish(page, lived_in, typed)
    assert found == {}, "\n".join(f"{n}: {line}" for n, lines in found.items() for line in lines)
