"""3: the wall time of `import kit` against `import ipywidgets`, in fresh interpreters."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from benchmarks.harness import PYTHON, Results, kit_env, median, say

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
