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
import json
import os
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # benchmarks/ and support/ as packages, from any folder

from benchmarks.app import measure_app  # noqa: E402
from benchmarks.clients import measure_clients  # noqa: E402
from benchmarks.harness import TEN_YEARS, Results, machine, say, table  # noqa: E402
from benchmarks.imports import measure_imports  # noqa: E402
from benchmarks.journal_ops import measure_journal  # noqa: E402
from benchmarks.pages import measure_pages  # noqa: E402
from support.tools import CHROMIUM  # noqa: E402


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
