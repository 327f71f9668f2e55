"""4: journal operations on ten years of check-ins plus 1,000 responses, plain and locked:
saving, opening, reading the check-ins and building the trends page's figures."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import random
import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from benchmarks.harness import PASSPHRASE, RESPONSES, TEN_YEARS, Results, median, percentile, say
from kit.analysis.checkins import checkins as checkin_frame
from kit.analysis.checkins import scores as scale_scores
from support.filling import answers_for

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
        # Valid answers to every kind of field (support/filling.py), with words of ordinary length.
        journal.save(sheet.id, answers_for(sheet, [rng.choice(SENTENCES) for _ in range(60)]))
    days = len(checkin_frame(journal))
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

    frame, scores = checkin_frame(journal), scale_scores(journal)
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
            checkins = timed_ms(lambda j=journal: checkin_frame(j), repeats)
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
        one_checkins = median(timed_ms(lambda: checkin_frame(year), repeats))
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
