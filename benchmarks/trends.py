"""How quick is the trends page with ten years of daily check-ins?

Run:  .venv/bin/python benchmarks/trends.py [--json results.json]

Builds made-up journals of one and ten years (demo data, in a temporary folder), then times,
side by side in one run: reading the check-ins into a DataFrame, and building every trends
chart for the "All" range, plus the size of the figures sent to the browser. Machines here
are shared and noisy, so each figure is the median of several runs, and the ten-year numbers
are also given as a ratio to the one-year ones.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

import kit
from kit.analysis.mood import mood_trend, tag_comparison
from kit.demo import write_demo
from kit.plots import trends

REPEATS = 7


def median_ms(action, repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def figures(journal: kit.Journal) -> list:
    frame, scores = journal.checkins(), journal.scores()
    made = [
        trends.mood_figure(mood_trend(frame)),
        trends.urge_figure(frame),
        trends.calendar_figure(frame),
        trends.tags_figure(tag_comparison(frame)),
    ]
    for scale in ("who5", "phq9", "gad7"):
        made.append(trends.scale_figure(scores, scale, kit.definition(scale).scoring.bands))
    return [f for f in made if f is not None]


def measure(days: int, folder: Path) -> dict[str, float]:
    journal = write_demo(folder / f"demo-{days}", days=days)
    checkins = journal.checkins()
    built = figures(journal)
    result = {
        "days": days,
        "check-ins": len(checkins),
        "checkins_ms": median_ms(journal.checkins),
        "figures_ms": median_ms(lambda: figures(journal)),
        "figures_json_kb": sum(len(f.to_json()) for f in built) / 1024,
        "webgl_traces": sum(type(t).__name__ == "Scattergl" for f in built for t in f.data),
    }
    journal.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        one, ten = measure(365, Path(folder)), measure(3650, Path(folder))
    print(f"{'measure':<28}{'1 year':>12}{'10 years':>12}{'ratio':>8}")
    for key in ("check-ins", "checkins_ms", "figures_ms", "figures_json_kb", "webgl_traces"):
        ratio = f"{ten[key] / one[key]:.1f}x" if one[key] else "-"
        print(f"{key:<28}{one[key]:>12.1f}{ten[key]:>12.1f}{ratio:>8}")
    print("Target: ten years of check-ins into a DataFrame under 150 ms.")
    if args.json:
        args.json.write_text(json.dumps({"one_year": one, "ten_years": ten}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
