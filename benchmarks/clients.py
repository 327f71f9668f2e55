"""5: twenty browser clients opening the app at the same moment against one `kit serve`."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from benchmarks.harness import (
    APP,
    BARE,
    CROWD_TIMEOUT_MS,
    HTML_DONE_JS,
    IOPUB_TIMEOUT,
    KERNEL_ID_JS,
    VISIT_TIMEOUT_MS,
    Results,
    Server,
    Visit,
    chromium,
    cpu_by_kind,
    load,
    median,
    new_page,
    number_of,
    rss_mb,
    say,
)
from benchmarks.pages import bare_notebook, trends_page

# --- 5: twenty clients at once ----------------------------------------------------------


def client_mix(clients: int) -> list[str]:
    """Every client opens the app. Three in ten at the check-in, two in ten at the start
    page (the pages opened every day), the rest at a spread of the others, as a bookmark
    or a reload would."""
    others = ["01", number_of(trends_page()), "02", "16", "05", "17", "09", "13", "03", "10"]
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
