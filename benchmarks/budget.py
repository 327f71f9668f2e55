"""The kit's performance budget, measured side by side in one run on this machine.

Run:  .venv/bin/python benchmarks/budget.py [--json results.json] [--quick]
(or `make bench`). This is not part of the test suite. On a 2-core machine it takes some
15 to 20 minutes (`--quick`, a smoke run with three pages, one repeat and six clients,
some three to four). `--only 5,6` runs only those sections.

Machines here are shared and noisy, so every page and operation is compared with a
reference measured in the same run, under the same conditions, and every figure is the
median of several repeats. What is measured:

1. Time to interactive (TTI) of every notebook page in headless Chromium, against a bare
   Voila page holding one ipywidgets button, served by the same `kit serve`, first without
   pre-heated kernels and then with every page pre-heated. The data folder holds ten years
   of demo data.
2. The resident memory (VmRSS) of each page's kernel once the page is interactive and its
   kernel has gone quiet, against the bare page's kernel.
3. The wall time of `import kit` against `import ipywidgets`, in fresh interpreters, less
   the start-up of an empty interpreter.
4. Journal operations on ten years of check-ins plus 1,000 worksheet responses, plain and
   locked: saving a check-in, opening, reading the check-ins into a DataFrame, and building
   the trends page's figures (this replaces the former benchmarks/trends.py).
5. Twenty browser clients opening the app at the same moment (at a spread of its pages)
   against one `kit serve` with its default pre-heating: the slowest and median TTI, and the
   kernels' memory afterwards.
6. The app: opening it pre-heated, moving from page to page by the Next links (from the
   click until the new page's first input is usable), showing pages already built again,
   and its one kernel's memory after the walk, against the bare page and against the same
   walk through the notebook pages (a Voila page and a kernel each).

Each step starts what it needs (servers in process groups of their own, on free loopback
ports, over temporary folders) and stops it afterwards, kernels included. Nothing is
written to the person's real data folder: every server gets --data-dir and KIT_DATA_DIR
pointing into the temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import datetime as dt
import gc
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kit.analysis.checkins import checkins
from kit.analysis.checkins import scores as scale_scores

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the tests' server and browser settings, shared with them

from tests.browser.conftest import KitServer  # noqa: E402
from tests.conftest import CHROMIUM, CHROMIUM_FLAGS  # noqa: E402
from tests.filling import answers_for  # noqa: E402

NOTEBOOKS = ROOT / "notebooks"
PYTHON = sys.executable
BARE = "bare.ipynb"
APP = "app.ipynb"  # the whole journal on one page, in one kernel
TEN_YEARS = 3650
RESPONSES = 1000
PASSPHRASE = "kettle garden tuesday"  # noqa: S105 - a made-up passphrase for a made-up journal
START_TIMEOUT = 120
# How long a page may take to become interactive: alone, and among twenty at once.
VISIT_TIMEOUT_MS = 90_000
CROWD_TIMEOUT_MS = 180_000
QUIET_TIMEOUT = 180
# Closed pages' kernels are shut down by this script, never culled by the server mid-run.
CULL_IDLE = 3600
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Each page is visited REPEATS times without pre-heating. With pre-heating every visit
# waits for Voila to heat the page's next kernel (some seconds each), so there are fewer
# repeats, to keep the whole run near a quarter of an hour. The bare page is visited first
# and then after every BARE_EVERY pages.
REPEATS = 3
PREHEAT_REPEATS = 2
BARE_EVERY = 5

# The page is interactive once a widget input inside the rendered outputs is visible and
# enabled. The template's own controls (the previous/next links and the Quick exit button)
# sit outside .jp-OutputArea-output, so they do not count. The bare page's button is itself
# the widget (it has the class jupyter-widgets), hence a descendant of the output, not of a
# .jupyter-widgets box.
INTERACTIVE_JS = """() => {
  const found = document.querySelectorAll(
    ".jp-OutputArea-output input, .jp-OutputArea-output textarea, " +
    ".jp-OutputArea-output select, .jp-OutputArea-output button");
  for (const el of found) {
    if (el.disabled) continue;
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== "hidden") {
      return "interactive";
    }
  }
  // A page that has loaded completely with no cell output at all (neither drawn nor still
  // waiting in the script Voila sends it in) never becomes interactive; say so after five
  // seconds, not at the timeout. Voila sends such a page when it gave up waiting for a
  // busy kernel's output ("Timeout waiting for IOPub output" in the server's log).
  const none = document.readyState === "complete" && !document.querySelector(
    ".jp-OutputArea-output, script[type='application/vnd.voila.cell-output+json']");
  if (!none) { window.kitEmptySince = undefined; return false; }
  window.kitEmptySince = window.kitEmptySince || performance.now();
  return performance.now() - window.kitEmptySince > 5000 ? "empty" : false;
}"""
EMPTY_PAGE = "the page came without its widgets"
IOPUB_TIMEOUT = "Timeout waiting for IOPub output"
# Voila writes the page's kernel id into the page config (lab template).
KERNEL_ID_JS = """() => {
  const config = document.getElementById("jupyter-config-data");
  return config ? JSON.parse(config.textContent).kernelId || null : null;
}"""
# When the last byte of the page's HTML came, in seconds from the start of the navigation:
# Voila streams the page while the notebook runs, so this is when the server was done.
HTML_DONE_JS = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return nav && nav.responseEnd ? nav.responseEnd / 1000 : null;
}"""
# A chart drawn on the page: a plotly plot, or a figure output in one of the kit's chart slots.
CHARTS_JS = """() => document.querySelectorAll(
  ".js-plotly-plot, .kit-chart .jp-OutputArea-child, [class*='kit-chart-'] .jp-OutputArea-child"
).length"""

STARTED = time.monotonic()


def say(message: str) -> None:
    """Progress, on stderr, so that a long run is not silent."""
    print(f"[{time.monotonic() - STARTED:6.0f}s] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float | None:
    found = [v for v in values if v is not None]
    return statistics.median(found) if found else None


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# --- results -------------------------------------------------------------------------


@dataclass
class Row:
    """One line of the table: a measure, its reference, and the target if there is one."""

    section: str
    measure: str
    value: float | None
    unit: str
    reference: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        section: str,
        measure: str,
        value: float | None,
        unit: str,
        reference: float | None = None,
        *,
        max_ratio: float | None = None,
        max_value: float | None = None,
        note: str = "",
    ) -> Row:
        """Add a row. With ``max_ratio`` the target is value/reference at most that; with
        ``max_value``, the value below that. Without either it is reported, not judged."""
        ratio = value / reference if value is not None and reference else None
        target, met = "", None
        if max_ratio is not None:
            target = f"<= {max_ratio:g}x"
            met = ratio is not None and ratio <= max_ratio
        elif max_value is not None:
            target = f"< {max_value:g} {unit}"
            met = value is not None and value < max_value
        row = Row(section, measure, value, unit, reference, ratio, target, met, note)
        self.rows.append(row)
        return row


def _number(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit in ("count", "traces"):
        return f"{value:,.0f}"
    digits = 0 if abs(value) >= 100 else 1 if abs(value) >= 10 else 2
    return f"{value:,.{digits}f} {unit}"


def table(results: Results) -> str:
    lines = []
    head = f"{'measure':<56} {'value':>12} {'reference':>12} {'ratio':>7} {'target':>11}  result"
    section = None
    for row in results.rows:
        if row.section != section:
            section = row.section
            lines += ["", f"== {section}", head]
        ratio = f"{row.ratio:.2f}x" if row.ratio is not None else "-"
        verdict = {True: "met", False: "MISSED", None: ""}[row.met]
        note = f"  ({row.note})" if row.note else ""
        lines.append(
            f"{row.measure:<56} {_number(row.value, row.unit):>12} "
            f"{_number(row.reference, row.unit):>12} {ratio:>7} {row.target:>11}  {verdict}{note}"
        )
    judged = [r for r in results.rows if r.met is not None]
    missed = [r for r in judged if not r.met]
    lines += ["", f"Targets met: {len(judged) - len(missed)} of {len(judged)}."]
    return "\n".join(lines)


# --- processes -----------------------------------------------------------------------


def _proc(pid: int, name: str) -> str:
    return (Path("/proc") / str(pid) / name).read_text(errors="replace")


def rss_mb(pid: int) -> float | None:
    """The process's resident set size (VmRSS), in MB; None if it is gone."""
    try:
        for line in _proc(pid, "status").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_ticks(pids: list[int]) -> int:
    """CPU time (user + system, in clock ticks) used so far by these processes."""
    total = 0
    for pid in pids:
        try:
            fields = _proc(pid, "stat").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total


def cpu_by_kind() -> dict[str, float]:
    """CPU seconds used so far by every process on the machine, summed by kind: the kernels,
    the browser (Chromium, all its processes), and everything else (the server among it).
    Processes that ended before the call are not counted, so call it while they live."""
    kinds: dict[str, float] = collections.defaultdict(float)
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        browsing = "chrom" in command or "playwright" in command  # the browser and its driver
        kind = "kernels" if "ipykernel" in command else "browser" if browsing else "rest"
        kinds[kind] += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return dict(kinds)


def _alive_kernel(pid: int) -> bool:
    """True while ``pid`` is still a running kernel (not gone, not a zombie, not reused)."""
    try:
        return "ipykernel" in _proc(pid, "cmdline") and " Z " not in _proc(pid, "stat")
    except OSError:
        return False


def kit_env(data_dir: Path) -> dict[str, str]:
    """The environment of every child process: the journal is always the temporary one."""
    env = dict(os.environ)
    env["KIT_DATA_DIR"] = str(data_dir)
    env.pop("VOILA_PREHEAT", None)
    return env


class Server(KitServer):
    """The tests' `kit serve` (tests/browser/conftest.py), with the benchmark's settings, a
    log per server, and the kernels it started counted and stopped: kernels run in process
    groups of their own (jupyter_client starts them so), so stopping the server's group
    does not reach one it left behind."""

    start_timeout = START_TIMEOUT

    def __init__(self, folder: Path, data_dir: Path, notebooks: Path | None, preheat: str) -> None:
        extra = ["--preheat", preheat, "--cull-idle", str(CULL_IDLE)]  # the last --cull-idle wins
        if notebooks is not None:
            extra += ["--notebooks", str(notebooks)]
        super().__init__(data_dir, folder / "server.log", *extra, env=kit_env(data_dir))
        self.preheat = preheat
        self.log_path = folder / f"server-{preheat}-{self.port}.log"

    def stop(self, grace: float = 15) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        kernels = list(self.kernels().values())
        super().stop(grace)
        deadline = time.monotonic() + 10
        while kernels and time.monotonic() < deadline:
            kernels = [pid for pid in kernels if _alive_kernel(pid)]
            time.sleep(0.2)
        for pid in kernels:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def problems(self) -> list[str]:
        """The warnings and errors in the server's log, each once, for the JSON: enough to
        see why a page failed (the kernels' usual warning about TCP is left out)."""
        found: list[str] = []
        for line in self.log(whole=True).splitlines():
            worth = any(word in line for word in ("WARNING", "ERROR", "Traceback"))
            usual = "without encryption" in line or "is not trusted" in line
            if worth and not usual and line[:300] not in found:
                found.append(line[:300])
        return found[-40:]

    def log(self, whole: bool = False) -> str:
        text = self.log_path.read_text(errors="replace")
        return text if whole else text[-6000:]

    # kernels

    def kernels(self) -> dict[str, int]:
        """The server's kernels running now, by kernel id: its ipykernel children, whose
        command line names the connection file kernel-<id>.json."""
        assert self.process is not None
        found = {}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
                cmdline = (status.parent / "cmdline").read_bytes().decode(errors="replace")
            except OSError:
                continue
            ppid = next((ln.split()[1] for ln in text.splitlines() if ln.startswith("PPid:")), "")
            if ppid != str(self.process.pid) or "ipykernel" not in cmdline:
                continue
            match = re.search(r"kernel-([0-9a-f-]+)\.json", cmdline)
            if match:
                found[match.group(1)] = int(status.parent.name)
        return found

    def shutdown_kernel(self, kernel_id: str) -> None:
        """Shut a page's kernel down, as Voila's own page does when it is closed.

        Killing the process would not do: the kernel restarter would start it again. Voila
        standalone has no /api/kernels listing, but has POST /voila/api/shutdown/<id>, which
        wants Tornado's XSRF check: a cookie and a header with the same value (the server
        runs without a token on loopback, so any value does).
        """
        pid = self.kernels().get(kernel_id)
        request = urllib.request.Request(  # noqa: S310 - our own loopback server
            f"{self.url}/voila/api/shutdown/{kernel_id}",
            method="POST",
            data=b"",
            headers={"Cookie": "_xsrf=budget", "X-XSRFToken": "budget"},
        )
        with contextlib.suppress(urllib.error.URLError, ConnectionError, TimeoutError):
            urllib.request.urlopen(request, timeout=30).close()  # noqa: S310
        deadline = time.monotonic() + 15
        while pid is not None and time.monotonic() < deadline and Path(f"/proc/{pid}").exists():
            time.sleep(0.05)

    def wait_quiet(self, count: int | None = None, window: float = 1.0) -> float:
        """Wait until the server and its kernels have been (nearly) idle for the last
        ``window`` seconds, and, if ``count`` is given, until that many kernels run. Returns
        the seconds waited.

        Idle kernels use next to no CPU, but the idle server does: with twenty kernels it
        polls them for some 5% of a core. So the kernels may use a tick or two in the
        window, and the server up to a fifth of a core (rendering a page takes all of one).
        """
        assert self.process is not None
        began = time.monotonic()
        step = 0.25
        kernel_allowance, server_allowance = 2, round(0.2 * CLOCK_TICKS * window)
        samples: collections.deque[tuple[float, int, int]] = collections.deque()
        seen: list[int] = []
        while time.monotonic() - began < QUIET_TIMEOUT:
            kernels = sorted(self.kernels().values())
            if kernels != seen:
                samples.clear()
                seen = kernels
            now = time.monotonic()
            samples.append((now, cpu_ticks([self.process.pid]), cpu_ticks(kernels)))
            while now - samples[0][0] > window + step / 2:
                samples.popleft()
            first, last = samples[0], samples[-1]
            if (
                (count is None or len(kernels) >= count)
                and now - first[0] >= window - step / 2
                and last[1] - first[1] <= server_allowance
                and last[2] - first[2] <= kernel_allowance
            ):
                return now - began
            time.sleep(step)
        say(f"  (the server did not go quiet within {QUIET_TIMEOUT}s; going on)")
        return time.monotonic() - began


# --- the browser ---------------------------------------------------------------------


@dataclass
class Visit:
    page: str
    tti: float | None
    kernel_id: str | None = None
    html_done: float | None = None
    rss_mb: float | None = None
    charts: int | None = None
    error: str | None = None


@contextlib.asynccontextmanager
async def chromium():
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()


async def new_page(browser: Any) -> Any:
    """A page in a fresh browser context of its own (no cache, no cookies)."""
    context = await browser.new_context(viewport={"width": 1100, "height": 900})
    context.set_default_timeout(CROWD_TIMEOUT_MS)
    return await context.new_page()


async def load(
    page: Any, url: str, polling: Any = "raf", timeout_ms: int = VISIT_TIMEOUT_MS
) -> tuple[float | None, str | None]:
    """Go to ``url`` and wait until the page is interactive. Returns the seconds from the
    start of goto to interactive (None if it never was) and what went wrong, if anything."""
    start = time.perf_counter()
    try:
        await page.goto(url, wait_until="commit")
        handle = await page.wait_for_function(INTERACTIVE_JS, polling=polling, timeout=timeout_ms)
        state = await handle.json_value()
    except Exception as problem:  # a page that never becomes interactive is reported
        return None, f"{type(problem).__name__}: {str(problem)[:200]}"
    if state != "interactive":
        return None, EMPTY_PAGE
    return time.perf_counter() - start, None


async def open_page(browser: Any, url: str) -> tuple[Any, float | None, str | None]:
    """A fresh page, loaded until interactive: (page, seconds or None, error or None). The
    caller closes ``page.context``."""
    page = await new_page(browser)
    return (page, *await load(page, url))


async def visit(browser: Any, server: Server, notebook: str, memory: bool) -> Visit:
    """One visit in a fresh context. With ``memory``, wait for the page's kernel to go quiet
    and read its memory. The page's kernel is shut down afterwards either way."""
    page, tti, error = await open_page(browser, server.page(notebook))
    result = Visit(notebook, tti, error=error)
    try:
        result.kernel_id = await page.evaluate(KERNEL_ID_JS)
        result.html_done = await page.evaluate(HTML_DONE_JS)
        if memory and tti is not None:
            await asyncio.to_thread(server.wait_quiet, None, 1.0)
            result.charts = await page.evaluate(CHARTS_JS)
            pid = server.kernels().get(result.kernel_id or "")
            result.rss_mb = rss_mb(pid) if pid else None
    except Exception as problem:
        result.error = result.error or f"{type(problem).__name__}: {str(problem)[:200]}"
    finally:
        await page.context.close()
    if result.kernel_id:
        await asyncio.to_thread(server.shutdown_kernel, result.kernel_id)
    return result


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


# --- 3: import times -------------------------------------------------------------------


def measure_imports(results: Results, folder: Path, quick: bool) -> None:
    repeats = 3 if quick else 7
    say(f"3. imports: fresh interpreters, {repeats} rounds")
    codes = {
        "empty": "pass",
        "kit": "import kit",
        "ipywidgets": "import ipywidgets",
        "kit.widgets": "import kit.widgets",
    }
    env = kit_env(folder / "import-data")
    times: dict[str, list[float]] = {name: [] for name in codes}
    for round_ in range(repeats):
        names = list(codes)
        names = names[round_ % len(names) :] + names[: round_ % len(names)]
        for name in names:
            start = time.perf_counter()
            subprocess.run([PYTHON, "-c", codes[name]], env=env, cwd=folder, check=True)
            times[name].append((time.perf_counter() - start) * 1000)
    empty = median(times["empty"]) or 0
    net = {name: (median(values) or 0) - empty for name, values in times.items()}
    section = "3. Imports, fresh interpreter, less an empty interpreter's start"
    results.add(section, "empty interpreter (python -c pass), subtracted", empty, "ms")
    results.add(section, "import ipywidgets", net["ipywidgets"], "ms")
    results.add(section, "import kit (vs import ipywidgets)", net["kit"], "ms", net["ipywidgets"])
    results.add(
        section,
        "import kit.widgets (ipywidgets included)",
        net["kit.widgets"],
        "ms",
        net["ipywidgets"],
    )
    results.details["imports_ms"] = times


# --- 4: journal operations ------------------------------------------------------------


SENTENCES = ["A walk by the river.", "Called my sister.", "Cooked for friends.",
             "It was a long day.", "I felt lighter after.", "Hard, but I managed."]  # fmt: skip


def build_journal(folder: Path) -> dict[str, int]:
    """Ten years of demo check-ins, topped up to 1,000 other responses with valid answers to
    the other worksheets, all through the kit's public API (save checks every answer)."""
    import kit
    from kit.demo import write_demo

    journal = write_demo(folder, days=TEN_YEARS)
    records = journal.all_records()
    others = sum(1 for r in records if r.worksheet != "check-in")
    rng = random.Random(11)  # noqa: S311 - made-up data, repeatable on purpose
    # The demo leaves about one day in eight without a check-in; fill those, so that every
    # one of the ten years' days has one.
    have = {r.answers["day"] for r in records if r.worksheet == "check-in"}
    for back in range(TEN_YEARS):
        day = (dt.date.today() - dt.timedelta(days=back)).isoformat()
        if day not in have:
            journal.save(
                "check-in",
                {
                    "day": day,
                    "mood": rng.randint(3, 8),
                    "urge": rng.randint(0, 6),
                    "contacted": False,
                },
            )
    sheets = [w for w in kit.worksheet_ids() if w not in ("check-in", "who5", "phq9", "gad7")]
    for n in range(max(0, RESPONSES - others)):
        sheet = kit.definition(sheets[n % len(sheets)])
        # The tests' valid answers to every kind of field, with words of ordinary length.
        journal.save(sheet.id, answers_for(sheet, [rng.choice(SENTENCES) for _ in range(60)]))
    days = len(checkins(journal))
    everything = journal.all_records()
    journal.close()
    others = sum(1 for r in everything if r.worksheet != "check-in")
    return {"check-in days": days, "responses": len(everything), "worksheet responses": others}


def figures(journal: Any) -> list:
    """Every trends chart for the whole journal (the "All" range), as the trends page builds
    them (formerly benchmarks/trends.py)."""
    import kit
    from kit.analysis.mood import mood_trend, tag_comparison
    from kit.plots import trends

    frame, scores = checkins(journal), scale_scores(journal)
    made = [
        trends.mood_figure(mood_trend(frame)),
        trends.urge_figure(frame),
        trends.calendar_figure(frame),
        trends.tags_figure(tag_comparison(frame)),
    ]
    for scale in ("who5", "phq9", "gad7"):
        made.append(trends.scale_figure(scores, scale, kit.definition(scale).scoring.bands))
    return [f for f in made if f is not None]


def timed_ms(action: Callable[[], Any], repeats: int) -> list[float]:
    """Each repeat's time. The garbage of earlier work is collected first, as timeit keeps
    collections out, so that one set off by earlier work does not land in one side of a
    comparison only: a full run once measured a locked checkins() at 2.4x the plain one,
    where timings taken side by side gave 1.1-1.6x."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


@contextlib.contextmanager
def derivations_timed() -> Iterator[list[float]]:
    """Time each Argon2id key derivation (kit.lock._derive) while the block runs."""
    import kit.lock

    original, times = kit.lock._derive, []

    def derive(*args: Any, **kwargs: Any) -> bytes:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times.append((time.perf_counter() - start) * 1000)

    kit.lock._derive = derive
    try:
        yield times
    finally:
        kit.lock._derive = original


def measure_journal(results: Results, folder: Path, quick: bool) -> None:
    from kit.backup import backup_folder
    from kit.demo import write_demo
    from kit.journal import open_journal

    saves, repeats = (50, 3) if quick else (200, 7)
    say("4. journal: building ten years of check-ins and 1,000 worksheet responses")
    plain_dir, locked_dir = folder / "journal-plain", folder / "journal-locked"
    sizes = build_journal(plain_dir)
    shutil.copytree(plain_dir, locked_dir, ignore=shutil.ignore_patterns("*-wal", "*-shm"))
    with open_journal(locked_dir) as journal:
        journal.set_passphrase(PASSPHRASE)
    results.details["journal"] = sizes
    say(f"  {sizes}")

    def opener(path: Path, locked: bool) -> Callable[[], Any]:
        return lambda: open_journal(path, PASSPHRASE if locked else None)

    # Opens take a few milliseconds, so plain and locked ones are taken in turns: measured
    # one kind after the other, a run once put the locked open at 2.25x the plain one,
    # where turns give 1.1-1.3x.
    say(f"  open, plain and locked in turns, {2 * repeats + 1} each")
    every_open: dict[str, list[float]] = {"plain": [], "locked": []}
    with derivations_timed() as derived:
        for _ in range(2 * repeats + 1):
            for kind, path in (("plain", plain_dir), ("locked", locked_dir)):
                gc.collect()
                start = time.perf_counter()
                opener(path, kind == "locked")().close()
                every_open[kind].append((time.perf_counter() - start) * 1000)
    measured: dict[str, dict[str, Any]] = {}
    for kind, path in (("plain", plain_dir), ("locked", locked_dir)):
        say(f"  {kind}: check-ins, figures, {saves} saves")
        opens = every_open[kind]
        with opener(path, kind == "locked")() as journal:
            figures(journal)  # once untimed, so that importing pandas and plotly is not timed
            checkins = timed_ms(journal.checkins, repeats)
            built = timed_ms(lambda j=journal: figures(j), repeats)
            made = figures(journal)
            today = {"day": dt.date.today().isoformat(), "mood": 6, "urge": 2}
            # The first save of a day also copies the journal into its daily backup.
            shutil.rmtree(backup_folder(journal.path), ignore_errors=True)
            first = timed_ms(lambda j=journal, a=today: j.save("check-in", a), 1)
            saved = timed_ms(lambda j=journal, a=today: j.save("check-in", a), saves)
        # Each locked open derives the key once, so the derivation can be taken off open by
        # open (a plain open derives nothing).
        kdf = derived if kind == "locked" else []
        without = [o - d for o, d in zip(opens, kdf, strict=True)] if kdf else opens
        measured[kind] = {
            "open": median(opens),
            "open_without_kdf": median(without),
            "kdf": median(kdf) if kdf else None,
            "checkins": median(checkins),
            "figures": median(built),
            "save": median(saved),
            "save_p99": percentile(saved, 0.99),
            "first_save": first[0],
            "figures_json_kb": sum(len(f.to_json()) for f in made) / 1024,
            "webgl_traces": sum(type(t).__name__ == "Scattergl" for f in made for t in f.data),
        }
        results.details[f"journal_{kind}_ms"] = {
            "open": opens,
            "kdf": kdf,
            "checkins": checkins,
            "figures": built,
            "saves": saved,
        }

    say("  one year, for comparison with the former benchmarks/trends.py")
    with write_demo(folder / "journal-one-year", days=365) as year:
        figures(year)
        one_checkins = median(timed_ms(year.checkins, repeats))
        one_figures = median(timed_ms(lambda: figures(year), repeats))

    plain, locked = measured["plain"], measured["locked"]
    section = "4. Journal, 10 years of check-ins + 1,000 responses"
    results.add(section, "save one check-in, median, plain", plain["save"], "ms", max_value=5)
    results.add(section, "save one check-in, 99th percentile, plain", plain["save_p99"], "ms")
    results.add(
        section,
        "save one check-in, median, locked (vs plain)",
        locked["save"],
        "ms",
        plain["save"],
        max_ratio=2,
    )
    results.add(
        section,
        "save one check-in, 99th percentile, locked",
        locked["save_p99"],
        "ms",
        plain["save_p99"],
        max_ratio=2,
    )
    results.add(
        section,
        "first save of the day (with daily backup), plain",
        plain["first_save"],
        "ms",
        note="one sample",
    )
    results.add(
        section,
        "first save of the day, locked",
        locked["first_save"],
        "ms",
        plain["first_save"],
        note="one sample",
    )
    results.add(section, "open, plain", plain["open"], "ms")
    results.add(
        section,
        "open, locked, without the key derivation",
        locked["open_without_kdf"],
        "ms",
        plain["open"],
        max_ratio=2,
    )
    results.add(
        section,
        "open, locked, with the key derivation",
        locked["open"],
        "ms",
        plain["open"],
        note="Argon2id is slow on purpose",
    )
    results.add(
        section,
        "Argon2id key derivation alone (64 MiB, 3 passes)",
        locked["kdf"],
        "ms",
        note="deliberate; once per open",
    )
    results.add(
        section,
        "checkins() into a DataFrame, plain (vs 1 year)",
        plain["checkins"],
        "ms",
        one_checkins,
        max_value=150,
    )
    results.add(
        section,
        "checkins() into a DataFrame, locked",
        locked["checkins"],
        "ms",
        plain["checkins"],
        max_ratio=2,
    )
    results.add(
        section,
        "trends figures (All range), plain (vs 1 year)",
        plain["figures"],
        "ms",
        one_figures,
    )
    results.add(
        section,
        "trends figures (All range), locked",
        locked["figures"],
        "ms",
        plain["figures"],
        max_ratio=2,
    )
    results.add(section, "trends figures, JSON sent to the browser", plain["figures_json_kb"], "KB")
    results.add(
        section, "trends figures, WebGL (Scattergl) traces", plain["webgl_traces"], "traces"
    )


# --- 5: twenty clients at once ----------------------------------------------------------


def client_mix(clients: int) -> list[str]:
    """Every client opens the app. Three in ten at the check-in, two in ten at the start
    page (the pages opened every day), the rest at a spread of the others, as a bookmark
    or a reload would."""
    others = ["01", _number_of(trends_page()), "02", "16", "05", "17", "09", "13", "03", "10"]
    checkin, start = round(0.3 * clients), round(0.2 * clients)
    rest = clients - checkin - start
    numbers = ["14"] * checkin + ["00"] * start + [others[n % len(others)] for n in range(rest)]
    return [f"{APP}#{number}" for number in numbers]


# CPU seconds by kind of process over the crowd's visits (see cpu_by_kind).
CROWD_CPU: dict[str, float] = {}


async def crowd(server: Server, pages: list[str], timeout_ms: int) -> list[Visit]:
    """Open every page in a context of its own, all at the same moment (the contexts are made
    first, then every navigation starts together)."""
    async with chromium() as browser:
        opened = await asyncio.gather(*(new_page(browser) for _ in pages))
        CROWD_CPU.clear()
        CROWD_CPU.update(cpu_by_kind())
        # Twenty pages polling on every animation frame would load the browser themselves.
        loads = (
            load(page, server.page(name), 100, timeout_ms)
            for page, name in zip(opened, pages, strict=True)
        )
        loaded = await asyncio.gather(*loads)
        visits = [
            Visit(name, tti, error=error) for name, (tti, error) in zip(pages, loaded, strict=True)
        ]
        for page, found in zip(opened, visits, strict=True):
            with contextlib.suppress(Exception):
                found.kernel_id = await page.evaluate(KERNEL_ID_JS)
                found.html_done = await page.evaluate(HTML_DONE_JS)
        # The kernels' memory once everything has settled, with the pages still open.
        await asyncio.to_thread(server.wait_quiet, None, 2.0)
        used = cpu_by_kind()
        CROWD_CPU.update({k: used.get(k, 0) - CROWD_CPU.get(k, 0) for k in used})
        for found in visits:
            pid = server.kernels().get(found.kernel_id or "")
            found.rss_mb = rss_mb(pid) if pid else None
        for page in opened:
            await page.context.close()
    return visits


def measure_clients(results: Results, folder: Path, data_dir: Path, quick: bool) -> None:
    clients = 6 if quick else 20
    pages = client_mix(clients)
    say(f"5. {clients} clients at once: kit serve with its default pre-heating")
    with Server(folder, data_dir, None, "daily") as server:
        waited = server.wait_quiet(1, 2.0)  # the app's waiting kernel
        say(f"  the app was heated in {waited:.0f}s; {clients} clients go")
        timeout_ms = VISIT_TIMEOUT_MS if quick else CROWD_TIMEOUT_MS
        visits = asyncio.run(crowd(server, pages, timeout_ms))
        kernels = server.kernels()
        total = sum(rss_mb(pid) or 0 for pid in kernels.values())
        server_rss = rss_mb(server.process.pid) if server.process else None
        dropped = server.log(whole=True).count(IOPUB_TIMEOUT)
        results.details["server_problems_clients"] = server.problems()
    cpu = {k: round(v, 1) for k, v in CROWD_CPU.items()}
    # The same crowd of bare pages, for the floor this machine sets: the twenty browsers run
    # on the same two cores as the server and its kernels.
    bare_folder = folder / "bare-crowd"
    bare_folder.mkdir()
    (bare_folder / BARE).write_text(json.dumps(bare_notebook(), indent=1), encoding="utf-8")
    say(f"5. {clients} clients at once on the bare page")
    with Server(folder, data_dir, bare_folder, "none") as server:
        bare_visits = asyncio.run(crowd(server, [BARE] * clients, timeout_ms))
    bare_times = [v.tti for v in bare_visits if v.tti is not None]
    bare_cpu = {k: round(v, 1) for k, v in CROWD_CPU.items()}
    results.details["clients_bare"] = [asdict(v) for v in bare_visits]
    results.details["clients_bare_cpu_seconds"] = bare_cpu
    times = [v.tti for v in visits if v.tti is not None]
    failed = [v for v in visits if v.tti is None]
    for v in failed:
        say(f"  {v.page} failed: {v.error}")
    section = f"5. {clients} clients at once, default pre-heat (daily), 10 years of data"
    mix = ", ".join(f"{p} x{pages.count(p)}" for p in sorted(set(pages)))
    bare_slowest = max(bare_times, default=None)
    results.add(
        section,
        "slowest time to interactive",
        max(times, default=None),
        "s",
        bare_slowest,
        note=f"of the {len(times)} pages that became interactive; the reference is "
        f"{clients} bare pages at once ({len(bare_times)} interactive)",
    )
    results.add(section, "median time to interactive", median(times), "s", note=mix)
    reasons = sorted({(v.error or "")[:60] for v in failed})
    results.add(
        section,
        "pages that never became interactive",
        len(failed),
        "count",
        note="; ".join(
            f"{sum(1 for v in failed if v.page == p)} x {p}"
            for p in sorted({v.page for v in failed})
        )
        + (f" ({' / '.join(reasons)})" if reasons else ""),
    )
    results.add(
        section,
        f"server log: '{IOPUB_TIMEOUT}'",
        dropped,
        "count",
        note="Voila dropped a cell's output" if dropped else "",
    )
    results.add(
        section,
        "all kernels' memory afterwards",
        total,
        "MB",
        note=f"{len(kernels)} kernels, pre-heated refills included",
    )
    results.add(section, "the server's own memory afterwards", server_rss, "MB")
    results.details["clients_cpu_seconds"] = cpu
    results.add(
        section,
        "CPU used by the kernels and the server, in all",
        cpu.get("kernels", 0) + cpu.get("rest", 0),
        "s",
        bare_cpu.get("kernels", 0) + bare_cpu.get("rest", 0),
        note=f"{os.cpu_count()} cores; the browsers on the same machine used "
        f"{cpu.get('browser', 0):.0f} s ({bare_cpu.get('browser', 0):.0f} s for bare pages)",
    )
    results.details["clients"] = [asdict(v) for v in visits]


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


def _number_of(notebook: str) -> str:
    return notebook.removesuffix(".ipynb").split("-", 1)[0]


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


async def bare_visits(server: Server, count: int) -> list[Visit]:
    async with chromium() as browser:
        return [await visit(browser, server, BARE, memory=True) for _ in range(count)]


def measure_app(results: Results, folder: Path, data_dir: Path, quick: bool) -> None:
    """Section 6: the app against the bare page and against the same walk through the
    notebook pages, in one run, on ten years of data."""
    notebooks = [notebook for notebook, _ in site_pages_now()]
    if quick:
        notebooks = notebooks[:4]
    numbers = [_number_of(n) for n in notebooks]
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
    trends = _number_of(trends_page())
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


# --- main ------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: fewer pages, repeats and clients"
    )
    parser.add_argument(
        "--only",
        type=lambda text: {int(n) for n in text.split(",")},
        default={1, 3, 4, 5, 6},
        help="the sections to run, as numbers: 1 (pages, with 2), 3, 4, 5, 6; all by default",
    )
    args = parser.parse_args()
    if not CHROMIUM.exists():
        print(f"No Chromium at {CHROMIUM} (set KIT_CHROMIUM).", file=sys.stderr)
        return 2
    results = Results()
    results.details["machine_at_start"] = machine()
    with tempfile.TemporaryDirectory(prefix="kit-budget-") as temp:
        folder = Path(temp)
        # This process opens journals only by path, but nothing may reach the real folder.
        os.environ["KIT_DATA_DIR"] = str(folder / "own-data")
        os.environ.pop("VOILA_PREHEAT", None)  # servers inherit this process's environment
        data_dir = folder / "ten-years"
        from kit.demo import write_demo

        say("writing ten years of demo data for the pages")
        write_demo(data_dir, days=TEN_YEARS).close()
        steps = {
            1: lambda: measure_pages(results, folder, data_dir, args.quick),
            3: lambda: measure_imports(results, folder, args.quick),
            4: lambda: measure_journal(results, folder, args.quick),
            5: lambda: measure_clients(results, folder, data_dir, args.quick),
            6: lambda: measure_app(results, folder, data_dir, args.quick),
        }
        for number in (3, 4, 1, 5, 6):
            if number in args.only:
                steps[number]()
    results.details["machine_at_end"] = machine()
    results.rows.sort(key=lambda r: int(r.section.split(".")[0]))
    print(table(results))
    print(
        "\nRatios compare measures taken in this run, on this machine; the absolute values "
        "depend on the machine and on whatever else it was doing."
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "quick": args.quick,
                    "sections": sorted(args.only),
                    "rows": [asdict(r) for r in results.rows],
                    "details": results.details,
                },
                indent=1,
            )
            + "\n",
            encoding="utf-8",
        )
        say(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
