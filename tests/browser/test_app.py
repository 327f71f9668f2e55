"""The app as a whole: previous/next through every page, a title set by the host, calm
words instead of a traceback, and the kernels of closed pages culled."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

import kit
from kit.app.serve import notebooks_dir
from kit.content import site_pages
from support.servers import KitServer

TITLE = "Notes & lists"
CULL = 40
SECRET = "secret-boom-7f3a"


def _notebook(*sources: str) -> dict:
    cells = [
        {"cell_type": "code", "execution_count": None, "id": f"c{n}", "metadata": {},
         "outputs": [], "source": source}
        for n, source in enumerate(sources)
    ]  # fmt: skip
    return {"cells": cells, "metadata": {"title": "Journal", "kernelspec": {
        "display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4, "nbformat_minor": 5}  # fmt: skip


@pytest.fixture(scope="module")
def app_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    """A second server: the kit's notebooks plus two that fail on purpose, a title of the
    host's choosing, no pre-heated kernels (so every kernel counted is a page's), and
    closed pages' kernels culled after CULL seconds."""
    folder = tmp_path_factory.mktemp("app")
    notebooks = folder / "notebooks"
    shutil.copytree(notebooks_dir(), notebooks)
    (notebooks / "98.ipynb").write_text(json.dumps(_notebook(
        f"raise RuntimeError({SECRET!r})",
    )))  # fmt: skip
    (notebooks / "97.ipynb").write_text(json.dumps(_notebook(
        f"import os  # {SECRET}\nos.kill(os.getpid(), 9)",  # the kernel dies mid-page
        'kit.show("wellbeing")',
    )))  # fmt: skip
    (notebooks / "99.ipynb").write_text(json.dumps(_notebook(
        "import kit\nfrom kit.journal import Journal\n"
        f"Journal.latest_record = lambda *a, **k: 1 / 0  # {SECRET}",
        'kit.show("wellbeing")',
    )))  # fmt: skip
    running = KitServer(
        folder / "data", folder / "server.log",
        "--notebooks", str(notebooks), "--title", TITLE, "--preheat", "none",
        "--cull-idle", str(CULL),
    )  # fmt: skip
    running.start()
    yield running
    running.stop()


def _kernel_pids(server: KitServer) -> list[int]:
    """The server's kernels running now (its ipykernel children)."""
    pids = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
            cmdline = (status.parent / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = next((line.split()[1] for line in text.splitlines() if line.startswith("PPid:")), "")
        if ppid == str(server.process.pid) and b"ipykernel" in cmdline:
            pids.append(int(status.parent.name))
    return pids


def _kernels(server: KitServer) -> int:
    return len(_kernel_pids(server))


def _cpu_ticks(pids: list[int]) -> int:
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime + stime
    return total


def _until_kernels_are_quiet(server: KitServer, timeout: float = 120) -> None:
    """Wait until no kernel of the server has used any CPU for three seconds: a heated
    page has then run as far as it runs before its visitor comes."""
    deadline = time.monotonic() + timeout
    before = _cpu_ticks(_kernel_pids(server))
    while time.monotonic() < deadline:
        time.sleep(3)
        now = _cpu_ticks(_kernel_pids(server))
        if now == before:
            return
        before = now
    raise AssertionError("the kernels never went quiet")


def test_walk_every_page_by_next_and_back_then_kernels_are_culled(
    page: Page, app_server: KitServer
) -> None:
    """Next from the start page visits every page in the journey's order, with Start and
    the way back on each; after 30 pages, the kernels of the pages left are shut down."""
    order = [notebook for notebook, _ in site_pages()]
    page.goto(app_server.page(order[0]))
    expect(page.locator(".kit-nav").first).to_be_visible()
    assert page.locator(".kit-nav-prev").count() == 0, "nothing before the start page"
    visited = [order[0]]
    while page.locator(".kit-nav-next").count():
        navs = page.locator(".kit-nav")
        expect(navs).to_have_count(2)  # at the top and at the bottom
        page.locator(".kit-nav-next").first.click()
        page.wait_for_url(f"**/{order[len(visited)]}")
        expect(page.locator(".kit-nav").first).to_be_visible()
        expect(page.locator(".kit-nav-home").first).to_have_attribute("href", order[0])
        visited.append(page.url.rsplit("/", 1)[-1])
    assert visited == order
    expect(page.locator(".kit-nav-prev").first).to_contain_text(site_pages()[-2][1])
    while len(visited) < 30:
        page.locator(".kit-nav-prev").first.click()
        page.wait_for_url(f"**/{order[len(order) - 1 - (len(visited) - len(order) + 1)]}")
        expect(page.locator(".kit-nav").first).to_be_visible()
        visited.append(page.url.rsplit("/", 1)[-1])
    page.locator(".kit-nav-home").first.click()
    page.wait_for_url(f"**/{order[0]}")
    expect(page.locator(".kit-nav").first).to_be_visible()
    piled_up = _kernels(app_server)
    assert piled_up >= 5, f"only {piled_up} kernels: the pages did not each start one"

    page.close()  # the last page too
    # The culler looks every CULL / 2 seconds, and a page still rendering on a busy machine
    # counts as idle only once it is done (once, in CI, 100 s were not enough for one).
    deadline = time.monotonic() + CULL + 150
    while _kernels(app_server) and time.monotonic() < deadline:
        time.sleep(2)
    assert _kernels(app_server) == 0, f"{_kernels(app_server)} of {piled_up} kernels left"


def test_the_hosts_title_is_on_every_kind_of_page(page: Page, app_server: KitServer) -> None:
    """Is --title the tab's title on a notebook page, the file list and a missing page?"""
    for url in (app_server.page("17.ipynb"), app_server.url, app_server.page("nothing.ipynb")):
        page.goto(url)
        assert page.title() == TITLE, url
        expect(page.locator("#kit-exit")).to_be_visible()


@pytest.mark.parametrize("notebook", ["97.ipynb", "98.ipynb", "99.ipynb"])
def test_an_error_shows_calm_words_and_no_traceback(
    page: Page, app_server: KitServer, notebook: str
) -> None:
    """A failing cell, a kernel that dies mid-page, and a page whose worksheet fails to
    build, show calm words: no traceback, no exception name, nothing of the code, none of
    Voila's own instructions, and the journal is unchanged."""
    with kit.open_journal(app_server.data_dir) as journal:
        journal.save("future", {"where": "kept as it was"})
        before = [r.answers for r in journal.all_records()]
    page.goto(app_server.page(notebook))
    expect(page.locator(".kit-problem").first).to_contain_text("Something went wrong on our side")
    expect(page.locator(".kit-problem").first).to_contain_text("Nothing you saved has changed")
    text = page.locator("body").inner_text()
    for leak in ("Traceback", "RuntimeError", "ZeroDivisionError", SECRET, "Execution error",
                 "show_tracebacks", "Voilà", "exception occurred"):  # fmt: skip
        assert leak not in text, leak
    expect(page.locator(".kit-nav-home").first).to_be_visible()
    with kit.open_journal(app_server.data_dir) as journal:
        assert [r.answers for r in journal.all_records()] == before


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Iterator[KitServer]:
    """kit serve as it ships: the app pre-heated."""
    folder = tmp_path_factory.mktemp("preheated")
    with KitServer(folder / "data", folder / "server.log", "--preheat", "daily") as running:
        yield running


def test_a_preheated_page_shows_what_was_saved_after_it_was_heated(
    page: Page, server: KitServer
) -> None:
    """The app waits pre-heated. A check-in saved after its kernel was heated (here straight
    into the journal) is on the check-in page when it is opened: the app reads the journal
    only once it is asked for."""
    import datetime as dt
    import re

    def heated() -> int:
        return server.log().count("Kernel pool of app.ipynb is filled")

    deadline = time.monotonic() + 120
    while heated() == 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert heated(), "the app was not pre-heated"
    _until_kernels_are_quiet(server)
    today = dt.date.today().isoformat()
    with kit.open_journal(server.data_dir) as journal:
        journal.save("check-in", {"day": today, "mood": 2, "contacted": False})
    page.goto(server.page("app.ipynb") + "#14")
    expect(page.locator(".kit-page-14 .kit-save")).to_be_visible()
    assert "Using pre-heated kernel" in server.log()
    expect(
        page.locator(".kit-field-mood .widget-toggle-button", has_text=re.compile("^2$"))
    ).to_have_class(re.compile("mod-active"))
