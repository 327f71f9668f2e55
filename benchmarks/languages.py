"""What speaking a language costs: every page built in English and in Spanish, side by side.

    .venv/bin/python benchmarks/languages.py [--rounds 5]

Over a made-up journal of six months, in one process (as the app's kernel is): the time to
build every page of the journey from nothing (definitions and catalogues read afresh, as
after a switch of language, then again with them read), and the time to look up one
message. Ratios are Spanish over English in the same run; the machine is shared, so only
the ratios are worth comparing between runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kit import content, text
from kit.demo import write_demo
from kit.widgets.page import Page


def build_every_page(journal) -> float:
    started = time.perf_counter()
    for _, page_id, _ in content.site():
        Page(page_id, journal)
    return time.perf_counter() - started


def fresh() -> None:
    """Forget every definition, catalogue and journey read so far."""
    content._definition.cache_clear()
    content.journey_in.cache_clear()
    content.site_in.cache_clear()
    text._catalogue.cache_clear()


def lookup(rounds: int = 20_000) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        text.t("content.start.title")
    return (time.perf_counter() - started) / rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as folder:
        journal = write_demo(Path(folder), days=183)
        import ipywidgets  # noqa: F401 - imported once, outside the timings

        build_every_page(journal)  # everything imported once
        rows = {}
        for code in ("en", "es"):
            text.set_language(code)
            cold, warm, each = [], [], []
            for _ in range(rounds):
                fresh()
                cold.append(build_every_page(journal))
                warm.append(build_every_page(journal))
                each.append(lookup())
            rows[code] = (statistics.median(cold), statistics.median(warm),
                          statistics.median(each))  # fmt: skip
        journal.close()
    print(f"{'':28}{'English':>10}{'Spanish':>10}{'es ÷ en':>9}")
    names = ("every page, read afresh (s)", "every page, read before (s)", "one message (µs)")
    for i, name in enumerate(names):
        scale = 1e6 if i == 2 else 1
        en, es = rows["en"][i] * scale, rows["es"][i] * scale
        print(f"{name:28}{en:10.2f}{es:10.2f}{es / en:8.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
