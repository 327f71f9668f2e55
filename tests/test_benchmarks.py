"""The benchmark is not run by the suite (it takes twenty minutes and its timings are not
assertions), but it must still start: its imports reach into kit and into support/ (the
servers and browser settings it shares with the tests), which change under it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_benchmark_starts_from_any_folder(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "budget.py"), "--help"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--quick" in done.stdout
    assert "--json" in done.stdout


def test_make_bench_runs_it() -> None:
    makefile = (REPO / "Makefile").read_text()
    assert re.search(r"^bench: .*\n\t\$\(BIN\)/python benchmarks/budget.py", makefile, re.M)


def test_the_languages_benchmark_starts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "languages.py"), "--help"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--rounds" in done.stdout


def test_the_hub_load_benchmark_starts(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "hubload.py"), "--help"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "--clients" in done.stdout
    assert "--browsers" in done.stdout
    assert "--signed-up" in done.stdout
    short = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "hubload.py"), "--signed-up", "5",
         "--cull-servers", "10"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert short.returncode == 2
    assert "--cull-servers must be at least 60" in short.stderr


def test_a_visit_not_done_in_time_says_where_it_was_stuck(monkeypatch) -> None:
    """hubload reports the step a hung client was at, not a blank visit."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    from benchmarks import hubload

    async def hangs(hub, visit, saves, processes):
        visit.step = "open the app"
        await asyncio.sleep(60)

    monkeypatch.setattr(hubload, "light_client", hangs)
    monkeypatch.setattr(hubload, "CLIENT_TIMEOUT", -29.8)  # 0.2 s with the margin
    # A loop of its own in a thread: a browser test before this one may have left the
    # Playwright loop running in this one, where asyncio.run refuses to start.
    with ThreadPoolExecutor(1) as thread:
        running = thread.submit(asyncio.run, hubload.one_visit(None, "someone", None, 1, None))
        visit = running.result(timeout=60)
    assert (visit.name, visit.kind, visit.ok, visit.step) == ("someone", "light", False,
                                                             "open the app")  # fmt: skip
    assert visit.error.startswith("not done in")
