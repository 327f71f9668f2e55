"""Script-injection payloads, typed into a page and brought in with an imported copy, are
shown as text everywhere they appear (summaries, the trends page's charts, the support
list): none of them runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

import kit
from support.filling import answer_for
from support.servers import KitServer

# Each short enough for a one-line field (60 characters).
PAYLOADS = [
    '<img src=x onerror="window.__xss=(window.__xss||0)+1">',
    "<script>window.__xss=(window.__xss||0)+1</script>",
    '"><svg onload="window.__xss=(window.__xss||0)+1">',
    '<iframe srcdoc="<script>parent.__xss=1</script>">',
    "javascript:window.__xss=1",
    '<b onmouseover="window.__xss=1">hover</b> {{7*7}} ${7*7}',
]
# Each page, and what shows that the imported words have been drawn on it.
PAGES = {
    "04.ipynb": ".kit-summary",
    "05.ipynb": ".kit-summary",
    "09.ipynb": ".kit-summary",
    "12.ipynb": ".kit-summary",
    "13.ipynb": ".kit-save",
    "15.ipynb": ".kit-chart-tags .js-plotly-plot",
}


def _payloads(count: int) -> list[str]:
    return [PAYLOADS[n % len(PAYLOADS)] for n in range(count)]


@pytest.fixture(scope="module")
def payload_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of a journal with a payload in every place a person types."""
    folder = tmp_path_factory.mktemp("payloads")
    with kit.open_journal(folder / "source") as journal:
        for sheet_id in ("future", "reasons", "support", "what-ifs"):
            sheet = kit.definition(sheet_id)
            words = _payloads(200)
            answers: dict[str, Any] = {}
            for field in sheet.fields:
                if field.kind != "ratings":
                    answers[field.id] = answer_for(field, words)
            journal.save(sheet_id, answers)
        start = dt.date.today() - dt.timedelta(days=12)
        for n in range(12):
            journal.save("check-in", {
                "day": (start + dt.timedelta(days=n)).isoformat(), "mood": 3 + n % 5,
                # A tag on half the days, so that the tags chart draws it.
                "note": PAYLOADS[n % len(PAYLOADS)], "own_tags": PAYLOADS[0] if n % 2 else "",
                "contacted": False,
            })  # fmt: skip
        return journal.export(folder / "copy.json")


@pytest.fixture(scope="module")
def plain_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    folder = tmp_path_factory.mktemp("xss")
    with KitServer(folder / "data", folder / "server.log", "--preheat", "none") as running:
        yield running


def _ran(page: Page) -> Any:
    return page.evaluate("window.__xss || (window.top && window.top.__xss) || 0")


def test_payloads_typed_and_imported_never_run(
    page: Page, plain_server: KitServer, payload_copy: Path
) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    page.goto(plain_server.page("16.ipynb"))
    mydata = page.locator(".kit-mydata")
    expect(mydata).to_be_visible()
    with page.expect_file_chooser() as chooser:
        mydata.locator(".widget-upload").first.click()
    chooser.value.set_files(payload_copy)
    mydata.get_by_role("button", name="Add these to my journal").click()
    expect(mydata).to_contain_text("Added 16 to your journal")
    assert _ran(page) == 0

    # Typed on a page, saved, and shown back in its summary.
    page.goto(plain_server.page("04.ipynb"))
    expect(page.locator(".kit-save")).to_be_visible()
    page.locator(".kit-form textarea").first.fill(PAYLOADS[0] + PAYLOADS[2])
    page.locator(".kit-save").click()
    expect(page.locator(".kit-summary").first).to_contain_text('onerror="window.__xss')
    page.locator(".kit-summary").first.hover()
    assert _ran(page) == 0

    for notebook, drawn in PAGES.items():
        page.goto(plain_server.page(notebook))
        expect(page.locator(drawn).first, notebook).to_be_visible()
        if drawn == ".kit-summary":
            expect(page.locator(drawn).first, notebook).to_contain_text("window.__xss")
        page.wait_for_timeout(500)
        assert _ran(page) == 0, notebook
    assert dialogs == []
