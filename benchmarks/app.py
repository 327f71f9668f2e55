"""6: the app, every page in one kernel: opening it, moving from page to page, pages
shown again, and its kernel's memory, against the bare page and the notebook pages."""

from __future__ import annotations

import asyncio
import json
import shutil
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    APP,
    BARE,
    INTERACTIVE_JS,
    KERNEL_ID_JS,
    NOTEBOOKS,
    VISIT_TIMEOUT_MS,
    Results,
    Server,
    bare_visits,
    chromium,
    load,
    median,
    new_page,
    number_of,
    rss_mb,
    say,
)
from benchmarks.pages import bare_notebook, trends_page

# --- 6: the app, every page in one kernel ------------------------------------------------

# The page with this number is in view and one of its inputs is usable (the app keeps its
# menu and footer outside the page, so they do not count).
PAGE_READY_JS = """(number) => {
  const page = document.querySelector(`.kit-content .kit-page-${number}`);
  if (!page) return false;
  for (const el of page.querySelectorAll("input, textarea, select, button")) {
    if (el.disabled) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden") {
      return true;
    }
  }
  return false;
}"""
MOVE_TIMEOUT_MS = 60_000
BARE_VISITS = 5


async def _ready(page: Any, number: str) -> float | None:
    start = time.perf_counter()
    try:
        await page.wait_for_function(
            PAGE_READY_JS, arg=number, polling="raf", timeout=MOVE_TIMEOUT_MS
        )
    except Exception as problem:
        say(f"  page {number} never became usable: {type(problem).__name__}")
        return None
    return time.perf_counter() - start


# Until the browser has nothing left to do (requestIdleCallback), at most 5 s.
BROWSER_IDLE_JS = """() => new Promise((done) => requestIdleCallback(done, {timeout: 5000}))"""


async def settled(page: Any, server: Server) -> None:
    """Wait as a reader would: until the page in view has finished drawing (its charts
    included) and the kernels are quiet, so that each move is measured from a page at rest
    rather than on top of the last page's drawing."""
    await asyncio.to_thread(server.wait_quiet, None, 0.5)
    await page.evaluate(BROWSER_IDLE_JS)


async def app_walk(server: Server, numbers: list[str]) -> dict[str, Any]:
    """Open the app (pre-heated), walk every page by its Next link, then show pages already
    built again by their address. Seconds from the click (or the change of address) until
    the new page's first input is usable, each from a page at rest (see ``settled``)."""
    found: dict[str, Any] = {"moves": {}, "again": {}}
    async with chromium() as browser:
        page = await new_page(browser)
        found["open"], found["open_error"] = await load(page, server.page(APP) + "#00")
        found["kernel_id"] = await page.evaluate(KERNEL_ID_JS)
        if found["open"] is None:
            await page.context.close()
            return found
        for number in numbers[1:]:
            await settled(page, server)
            start = time.perf_counter()
            await page.click(".kit-app-footer .kit-nav-next")
            took = await _ready(page, number)
            found["moves"][number] = None if took is None else time.perf_counter() - start
            say(f"  [app] -> {number}: {found['moves'][number] or 0:.2f}s")
        for number in numbers[::-1][1:]:
            await settled(page, server)
            start = time.perf_counter()
            await page.evaluate("(n) => { window.location.hash = n; }", number)
            took = await _ready(page, number)
            found["again"][number] = None if took is None else time.perf_counter() - start
        await asyncio.to_thread(server.wait_quiet, None, 1.0)
        kernels = server.kernels()
        found["kernels"] = len(kernels)
        found["kernels_mb"] = sum(rss_mb(pid) or 0 for pid in kernels.values())
        pid = kernels.get(found["kernel_id"] or "")
        found["kernel_mb"] = rss_mb(pid) if pid else None
        await page.context.close()
    return found


async def pages_walk(server: Server, notebooks: list[str]) -> dict[str, Any]:
    """The same walk through the notebook pages, one Voila page (and kernel) each, by the
    template's Next link, as before the app."""
    found: dict[str, Any] = {"moves": {}}
    async with chromium() as browser:
        page = await new_page(browser)
        found["open"], found["open_error"] = await load(page, server.page(notebooks[0]))
        for notebook in notebooks[1:]:
            await settled(page, server)
            start = time.perf_counter()
            try:
                await page.click(".kit-nav .kit-nav-next >> nth=0")
                await page.wait_for_url(f"**/{notebook}", wait_until="commit")
                handle = await page.wait_for_function(
                    INTERACTIVE_JS, polling="raf", timeout=VISIT_TIMEOUT_MS
                )
                ok = await handle.json_value() == "interactive"
            except Exception as problem:
                say(f"  {notebook} never became interactive: {type(problem).__name__}")
                ok = False
            found["moves"][notebook] = time.perf_counter() - start if ok else None
            say(f"  [pages] -> {notebook}: {found['moves'][notebook] or 0:.2f}s")
        await asyncio.to_thread(server.wait_quiet, None, 1.0)
        kernels = server.kernels()
        found["kernels"] = len(kernels)
        found["kernels_mb"] = sum(rss_mb(pid) or 0 for pid in kernels.values())
        await page.context.close()
    return found


def measure_app(results: Results, folder: Path, data_dir: Path, quick: bool) -> None:
    """Section 6: the app against the bare page and against the same walk through the
    notebook pages, in one run, on ten years of data."""
    notebooks = [notebook for notebook, _ in site_pages_now()]
    if quick:
        notebooks = notebooks[:4]
    numbers = [number_of(n) for n in notebooks]
    served = folder / "app-notebooks"
    served.mkdir()
    for name in [*notebooks, APP]:
        shutil.copy(NOTEBOOKS / name, served / name)
    (served / BARE).write_text(json.dumps(bare_notebook(), indent=1), encoding="utf-8")
    say(f"6. the app: {len(numbers)} pages, pre-heated, against the bare page")
    with Server(folder, data_dir, served, "daily") as server:
        server.wait_quiet(1, 2.0)  # the app's waiting kernel
        bare = asyncio.run(bare_visits(server, 2 if quick else BARE_VISITS))
        server.wait_quiet(1, 2.0)
        app = asyncio.run(app_walk(server, numbers))
        server.wait_quiet(None, 2.0)
        bare += asyncio.run(bare_visits(server, 2 if quick else BARE_VISITS))
        results.details["server_problems_app"] = server.problems()
    say("6. the same walk through the notebook pages, one kernel each")
    with Server(folder, data_dir, served, "none") as server:
        walked = asyncio.run(pages_walk(server, notebooks))
    results.details["app"] = app
    results.details["pages_walk"] = walked
    results.details["app_bare"] = [asdict(v) for v in bare]
    bare_tti = median([v.tti for v in bare if v.tti])
    bare_rss = median([v.rss_mb for v in bare if v.rss_mb])
    section = "6. The app: every page in one kernel, 10 years of data"
    results.add(
        section,
        "bare page (one ipywidgets button)",
        bare_tti,
        "s",
        note=f"median of {len(bare)}, measured before and after the walk",
    )
    results.add(
        section,
        "opening the app (pre-heated)",
        app.get("open"),
        "s",
        bare_tti,
        max_ratio=1.0,
        note=app.get("open_error") or "",
    )
    moves = app["moves"]
    times = [v for v in moves.values() if v is not None]
    failed = [n for n, v in moves.items() if v is None]
    old = [v for v in walked["moves"].values() if v is not None]
    results.add(
        section,
        "a move to the next page, median over the journey",
        median(times),
        "s",
        bare_tti,
        max_ratio=0.2,
        note=f"the notebook pages: median {median(old) or 0:.2f} s",
    )
    slowest = max(moves, key=lambda n: moves[n] or float("inf")) if moves else ""
    results.add(
        section,
        "a move to the next page, the slowest",
        max(times, default=None),
        "s",
        bare_tti,
        max_ratio=0.5,
        note=f"page {slowest}; the notebook pages: slowest {max(old, default=0):.2f} s"
        + (f"; {len(failed)} never usable ({', '.join(failed)})" if failed else ""),
    )
    trends = number_of(trends_page())
    if trends in moves:
        results.add(
            section,
            f"a move to the trends page ({trends})",
            moves[trends],
            "s",
            bare_tti,
            max_ratio=0.5,
        )
    again = [v for v in app["again"].values() if v is not None]
    results.add(
        section,
        "a page already built, median",
        median(again),
        "s",
        bare_tti,
        max_ratio=0.1,
        note=f"slowest {max(again, default=0):.2f} s",
    )
    results.add(
        section,
        "kernels after the walk",
        app.get("kernels"),
        "count",
        note=f"the notebook pages: {walked.get('kernels')} kernels",
    )
    results.add(
        section,
        "the app's kernel memory after the walk",
        app.get("kernel_mb"),
        "MB",
        bare_rss,
        max_ratio=3.0,
        note=f"the notebook pages: {walked.get('kernels_mb', 0):,.0f} MB in all",
    )


def site_pages_now() -> tuple[tuple[str, str], ...]:
    from kit.content import site_pages

    return site_pages()
