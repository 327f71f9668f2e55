"""What every measurement of the budget shares: the results and their table, the server
and its kernels' memory and CPU, the browser and a visit to a page, the machine."""

from __future__ import annotations

import asyncio
import collections
import contextlib
import datetime as dt
import os
import re
import signal
import statistics
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # support/: the servers and browser settings the tests use too

from support.servers import KitServer  # noqa: E402
from support.tools import chromium  # noqa: E402

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
    """The tests' `kit serve` (support/servers.py), with the benchmark's settings, a
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


def machine() -> dict[str, Any]:
    return {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
    }


def number_of(notebook: str) -> str:
    return notebook.removesuffix(".ipynb").split("-", 1)[0]


async def bare_visits(server: Server, count: int) -> list[Visit]:
    async with chromium() as browser:
        return [await visit(browser, server, BARE, memory=True) for _ in range(count)]
