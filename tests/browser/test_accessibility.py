"""Every page, usable by keyboard and screen reader: axe-core (from the npm registry, at the
Makefile's pin) finds nothing serious or critical on any page, empty or filled in; the daily
check-in can be done with the keyboard alone; and no chart says anything by colour alone.

Two servers of their own: one over an empty journal, one over a journal in which every
worksheet has an answer, months of check-ins and scales, and a share in the inbox.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import kit
from kit import settings
from kit import share as sharing
from kit.app.serve import notebooks_dir
from kit.content import site_pages
from kit.demo import write_demo
from support.filling import fill_every_worksheet
from support.servers import KitServer

from .conftest import serious_violations, settle

PAGES = [notebook for notebook, _ in site_pages()] + ["therapist/inbox.ipynb"]


def test_the_pages_checked_are_every_page() -> None:
    served = {
        str(path.relative_to(notebooks_dir()))
        for path in notebooks_dir().rglob("*.ipynb")
        if ".ipynb_checkpoints" not in path.parts
    }
    assert served == set(PAGES) | {"app.ipynb"}, "the app is checked in test_one_app.py"


@pytest.fixture(scope="module")
def empty_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator:
    folder = tmp_path_factory.mktemp("empty")
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


@pytest.fixture(scope="module")
def filled_server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator:
    """Four months of check-ins and scales, every worksheet answered, one share made."""
    folder = tmp_path_factory.mktemp("filled")
    inbox = folder / "inbox"
    words = [f"Something I wrote, number {n}" for n in range(400)]
    (inbox / "client").mkdir(parents=True)
    with write_demo(folder / "data", days=120) as journal:
        fill_every_worksheet(journal, words)
        sharing.make_share(journal, kit.worksheet_ids(), inbox=inbox / "client")
    env = settings.environment(therapist_inbox=str(inbox), share_inbox=str(inbox / "client"))
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none", env=env) as running:
        yield running


def open_settled(page: Page, url: str) -> None:
    page.goto(url)
    settle(page)


@pytest.mark.parametrize("notebook", PAGES)
def test_nothing_serious_on_an_empty_page_nor_after_saving_it_blank(
    page: Page, empty_server: KitServer, axe_script: str, notebook: str
) -> None:
    """With nothing saved yet; then with Save pressed on every form, so that the messages
    for what is needed show too."""
    open_settled(page, empty_server.page(notebook))
    assert serious_violations(page, axe_script) == []
    saves = page.locator(".kit-save")
    for n in range(saves.count()):
        saves.nth(n).click()
    if saves.count():
        expect(page.locator(".kit-status").first).to_have_text(re.compile(r"^(Saved|Not saved)"))
        settle(page)
        assert serious_violations(page, axe_script) == []


@pytest.mark.parametrize("notebook", PAGES)
def test_nothing_serious_on_a_filled_in_page_and_no_chart_speaks_by_colour_alone(
    page: Page, filled_server: KitServer, axe_script: str, notebook: str
) -> None:
    open_settled(page, filled_server.page(notebook))
    if notebook == "therapist/inbox.ipynb":
        page.locator(".kit-inbox select").select_option(index=1)  # the share, with its charts
        expect(page.locator(".kit-inbox .js-plotly-plot").first).to_be_visible()
        settle(page)
        # Each answer under its question: JupyterLab's output styles float a <dd> beside
        # the next <dt>, which splits the questions of a worksheet across the column.
        floated = page.evaluate(
            "() => [...document.querySelectorAll('.kit-summary dt, .kit-summary dd')]"
            ".filter(e => getComputedStyle(e).float !== 'none').length"
        )
        assert page.locator(".kit-summary dd").count() > 0
        assert floated == 0
    assert serious_violations(page, axe_script) == []
    for chart in page.locator(".js-plotly-plot").all():
        traces = chart.evaluate("el => JSON.parse(JSON.stringify(el.data))")
        assert colour_alone(traces) == [], chart.evaluate("el => el.layout.title.text")


def test_the_filled_in_pages_do_draw_charts(page: Page, filled_server: KitServer) -> None:
    """The colour check above has charts to look at: the trends page draws several."""
    open_settled(page, filled_server.page("15.ipynb"))
    assert page.locator(".js-plotly-plot").count() >= 4


# --- colour is never the only carrier -------------------------------------------------------


def _look(trace: dict[str, Any]) -> tuple:
    """What tells this trace from another, apart from its colour."""
    marker, line = trace.get("marker") or {}, trace.get("line") or {}
    return (
        trace.get("type", "scatter"),
        trace.get("mode"),
        str(marker.get("symbol")),
        (marker.get("pattern") or {}).get("shape"),
        line.get("dash"),
        line.get("shape"),
    )


def _labelled(trace: dict[str, Any]) -> bool:
    """Each point carries its value or name as text on the chart."""
    text = trace.get("text")
    if not text:
        return False
    kind = trace.get("type", "scatter")
    if kind == "heatmap":
        return bool(trace.get("texttemplate"))
    if kind == "bar":
        return trace.get("textposition") != "none"
    return "text" in str(trace.get("mode", ""))


def colour_alone(traces: list[dict[str, Any]]) -> list[str]:
    """Where colour is the only thing that tells meanings apart: traces in the legend that
    differ only in colour, or a trace whose points are coloured by value without labels."""
    problems = []
    shown = [t for t in traces if t.get("showlegend", True) is not False]
    looks = [_look(t) for t in shown]
    for i, trace in enumerate(shown):
        if looks.count(looks[i]) > 1 and len(shown) > 1:
            problems.append(f"{trace.get('name')!r} looks like another trace but for colour")
    for trace in traces:
        colours = (trace.get("marker") or {}).get("color")
        by_value = trace.get("type") == "heatmap" or (
            isinstance(colours, list) and len(set(map(str, colours))) > 1
        )
        if by_value and not _labelled(trace):
            problems.append(f"{trace.get('name')!r} is coloured by value with no labels")
    return problems


def test_the_colour_check_can_fail() -> None:
    line = {"type": "scatter", "mode": "lines", "line": {"color": "red"}, "name": "a"}
    assert colour_alone([line, line | {"line": {"color": "blue"}, "name": "b"}])
    assert not colour_alone([line, line | {"line": {"color": "blue", "dash": "dot"}}])
    bars = {"type": "bar", "marker": {"color": ["red", "green"]}, "name": "bars"}
    assert colour_alone([bars])
    assert not colour_alone([bars | {"text": ["+1", "-1"]}])
    assert colour_alone([{"type": "heatmap", "text": [["1"]], "name": "days"}])


# --- the keyboard alone ---------------------------------------------------------------------


def tab_to(page: Page, where: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches the function ``where`` (JavaScript)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return ({where})(el); }}"):
            focused = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
            )
            assert focused[0] != "none" or focused[2] != "none", f"no visible focus: {focused}"
            return
    raise AssertionError(f"Tab never reached {where}")


def test_the_check_in_can_be_done_with_the_keyboard_alone(
    page: Page, empty_server: KitServer
) -> None:
    open_settled(page, empty_server.page("14.ipynb"))
    page.locator("body").focus()
    tab_to(page, "el => el.closest('.kit-field-mood') && el.textContent.trim() === '3'")
    page.keyboard.press("Space")
    tab_to(page, "el => el.closest('.kit-field-emotions') && el.type === 'checkbox'")
    page.keyboard.press("Space")
    tab_to(page, "el => el.closest('.kit-field-win') && el.tagName === 'INPUT'")
    page.keyboard.type("Made soup")
    tab_to(page, "el => el.classList.contains('kit-save')")
    page.keyboard.press("Enter")
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved"))
    with kit.open_journal(empty_server.data_dir) as journal:
        record = journal.for_day("check-in", dt.date.today().isoformat())
    assert record is not None
    assert record.answers["mood"] == 3
    assert record.answers["win"] == "Made soup"
    assert len(record.answers["emotions"]) == 1
