"""1 and 2: every page's time to interactive in Chromium, and its kernel's memory, against
a bare Voila page served by the same `kit serve`."""

from __future__ import annotations

import asyncio
import json
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.harness import (
    BARE,
    BARE_EVERY,
    IOPUB_TIMEOUT,
    NOTEBOOKS,
    PREHEAT_REPEATS,
    REPEATS,
    Results,
    Server,
    Visit,
    chromium,
    median,
    rss_mb,
    say,
    visit,
)

# --- 1 and 2: pages, time to interactive and kernel memory -----------------------------


def page_names(quick: bool) -> list[str]:
    names = sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    if quick:
        wanted = {"00-start.ipynb", "14.ipynb", trends_page()}
        names = [n for n in names if n in wanted]
    return names


def trends_page() -> str:
    """The notebook of the page that shows the trends (its file in data/pages holds the
    trends part)."""
    from kit.content import data_dir, site_in
    from kit.widgets.page import blocks, page_text

    for notebook, page_id, _ in site_in(data_dir()):
        if ("part", "trends") in blocks(page_text(page_id)):
            return notebook
    raise LookupError("no page of the journey shows the trends")


def bare_notebook() -> dict[str, Any]:
    return {
        "cells": [
            {
                "cell_type": "code",
                "id": "bare",
                "metadata": {},
                "execution_count": None,
                "outputs": [],
                "source": ["import ipywidgets as w\n", 'w.Button(description="Go")'],
            }
        ],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def served_notebooks(folder: Path, pages: list[str]) -> Path:
    """A copy of the pages measured (not the therapist's folder) plus the bare page. kit
    serve --notebooks serves the folder as it is; the pages find the kit's content through
    the installed package, not through the folder, so nothing else needs copying. Only the
    pages measured are copied, because with --preheat all every page here gets a kernel."""
    target = folder / "notebooks"
    target.mkdir()
    for name in pages:
        shutil.copy(NOTEBOOKS / name, target / name)
    (target / BARE).write_text(json.dumps(bare_notebook(), indent=1), encoding="utf-8")
    return target


def visit_order(pages: list[str], repeats: int, bare_every: int) -> list[tuple[int, str]]:
    """(repeat, notebook) in order: each repeat starts at a different page, and the bare
    page comes first and then after every ``bare_every`` pages, so that the reference is
    measured all through the run, under the same conditions as the pages."""
    order = []
    for repeat in range(repeats):
        shift = (repeat * len(pages)) // max(repeats, 1)
        rotated = pages[shift:] + pages[:shift]
        for i, name in enumerate(rotated):
            if i % bare_every == 0:
                order.append((repeat, BARE))
            order.append((repeat, name))
    order.append((repeats - 1, BARE))
    return order


async def tti_pass(
    server: Server, pages: list[str], repeats: int, bare_every: int, memory: bool
) -> list[Visit]:
    """Visit every page ``repeats`` times, interleaved with the bare page.

    Without pre-heating, a visit starts its kernel and the script shuts it down afterwards.
    With pre-heating, the visit takes the page's waiting kernel and Voila starts heating a
    new one a second later (its fill_delay). The next visit waits until that refill has run
    as far as it runs before a visitor comes: the kernel count is back to one per page, and
    the server and its kernels have been nearly idle for a second. Voila's own "Kernel pool of
    ... is filled" log line comes too early for this (it is written once the kernel has
    started, before the notebook has run), and standalone Voila has no /api/kernels.
    """
    visits = []
    order = visit_order(pages, repeats, bare_every)
    pool = len(server.kernels()) if server.preheat != "none" else None
    async with chromium() as browser:
        for n, (repeat, name) in enumerate(order, start=1):
            if pool is not None:
                await asyncio.to_thread(server.wait_quiet, pool, 1.0)
            found = await visit(browser, server, name, memory=memory and repeat == 0)
            visits.append(found)
            shown = f"{found.tti:.2f}s" if found.tti is not None else f"failed: {found.error}"
            extra = f", kernel {found.rss_mb:.0f} MB" if found.rss_mb else ""
            say(f"  [{server.preheat}] {n}/{len(order)} {name}: {shown}{extra}")
    return visits


def report_pages(
    results: Results, visits: list[Visit], pages: list[str], label: str, memory: bool
) -> None:
    trends = trends_page()
    section = f"1. Time to interactive, 10 years of data, {label}"
    times = {name: [v.tti for v in visits if v.page == name and v.tti] for name in [BARE, *pages]}

    def html(name: str) -> str:
        done = median([v.html_done for v in visits if v.page == name and v.tti])
        return f"HTML done at {done:.1f} s" if done is not None else ""

    bare = median(times[BARE])
    results.add(
        section,
        "bare page (one ipywidgets button)",
        bare,
        "s",
        note=f"median of {len(times[BARE])}; {html(BARE)}",
    )
    for name in pages:
        limit = 1.5 if name == trends else 1.2
        what = f"{name} (trends)" if name == trends else name
        failed = sum(1 for v in visits if v.page == name and v.tti is None)
        note = html(name) + (f"; {failed} visit(s) failed" if failed else "")
        results.add(section, what, median(times[name]), "s", bare, max_ratio=limit, note=note)
    if not memory:
        return
    section = "2. Kernel memory (VmRSS) once interactive, no pre-heat"
    rss = {n: [v.rss_mb for v in visits if v.page == n and v.rss_mb] for n in [BARE, *pages]}
    bare_rss = median(rss[BARE])
    results.add(section, "bare page's kernel", bare_rss, "MB")
    for name in pages:
        charts = max((v.charts or 0 for v in visits if v.page == name), default=0)
        has_charts = charts > 0 or name == trends
        note = f"draws charts ({charts})" if has_charts else ""
        results.add(
            section,
            name,
            median(rss[name]),
            "MB",
            bare_rss,
            max_ratio=None if has_charts else 1.3,
            note=note,
        )


def measure_pages(results: Results, folder: Path, data_dir: Path, quick: bool) -> None:
    pages = page_names(quick)
    notebooks = served_notebooks(folder, pages)
    for preheat, label in (("none", "no pre-heat"), ("all", "every page pre-heated")):
        repeats = 1 if quick else REPEATS if preheat == "none" else PREHEAT_REPEATS
        section = f"1. Time to interactive, 10 years of data, {label}"
        say(f"1. pages: kit serve --preheat {preheat}, {len(pages)} pages x {repeats}")
        with Server(folder, data_dir, notebooks, preheat) as server:
            if preheat != "none":
                # Every notebook in the folder gets a waiting kernel, the bare page included.
                heated = len(list(notebooks.glob("*.ipynb")))
                waited = server.wait_quiet(heated, 2.0)
                kernels = server.kernels()
                each = [rss_mb(pid) or 0 for pid in kernels.values()]
                say(f"  {len(kernels)} kernels heated in {waited:.0f}s")
                results.add(
                    section,
                    "memory of one waiting (pre-heated) kernel",
                    median(each),
                    "MB",
                    note=f"{len(kernels)} kernels, {sum(each):,.0f} MB, heated in {waited:.0f} s",
                )
            memory = preheat == "none"
            visits = asyncio.run(tti_pass(server, pages, repeats, BARE_EVERY, memory))
            dropped = server.log(whole=True).count(IOPUB_TIMEOUT)
            results.details[f"server_problems_preheat_{preheat}"] = server.problems()
        results.details[f"visits_preheat_{preheat}"] = [asdict(v) for v in visits]
        report_pages(results, visits, pages, label, memory)
        if dropped:
            results.add(
                section,
                f"server log: '{IOPUB_TIMEOUT}'",
                dropped,
                "count",
                note="Voila dropped a cell's output",
            )
