"""A realistic, made-up six months of journal, for trying the app, screenshots and benchmarks.

It is always written into a demo folder of its own, never into a person's journal: the
target must be empty or hold an earlier demo (marked by the ``demo`` setting).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

from .content import definition
from .errors import KitError
from .fields import validate_answers
from .journal import DB_NAME, Journal, default_data_dir, open_journal

DEMO_SETTING = "demo"


def default_demo_dir() -> Path:
    """Beside the person's data folder, never inside it: ``<data folder>-demo``."""
    own = default_data_dir()
    return own.with_name(own.name + "-demo")


def _clean(worksheet: str, answers: dict[str, Any]) -> dict[str, Any]:
    return validate_answers(definition(worksheet).fields, answers)


def demo_rows(days: int = 183, today: dt.date | None = None, seed: int = 7) -> list[tuple]:
    """Made-up responses: a hard start that slowly eases, with setbacks, as real ones do."""
    rng = random.Random(seed)  # noqa: S311 - made-up data, repeatable on purpose
    today = today or dt.date.today()
    start = today - dt.timedelta(days=days - 1)
    rows: list[tuple] = []

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, rng.randrange(60)), dt.UTC)

    activities = ["friends", "family", "exercise", "outdoors", "work", "hobby", "rest"]
    emotions = ["sad", "lonely", "anxious", "missing-them", "relieved", "calm", "hopeful", "proud"]
    for i in range(days):
        day = start + dt.timedelta(days=i)
        if rng.random() < 0.12:  # a missed day now and then
            continue
        progress = i / max(days - 1, 1)
        mood = round(3 + 4 * progress + rng.gauss(0, 1.3) - (1.5 if 60 <= i < 68 else 0))
        doing = rng.sample(activities, rng.randint(0, 3))
        answers = {
            "day": day.isoformat(),
            "mood": max(1, min(10, mood + (1 if "friends" in doing else 0))),
            "emotions": rng.sample(emotions[:4] if progress < 0.4 else emotions[3:], 2),
            "energy": max(0, min(10, round(4 + 4 * progress + rng.gauss(0, 1.5)))),
            "sleep": round(max(3.0, min(10.0, 6 + 1.5 * progress + rng.gauss(0, 1))) * 2) / 2,
            "anxiety": max(0, min(10, round(7 - 5 * progress + rng.gauss(0, 1.5)))),
            "urge": max(0, min(10, round(8 - 7 * progress + rng.gauss(0, 1.2)))),
            "contacted": rng.random() < max(0.02, 0.35 - progress),
            "checked_profiles": rng.random() < max(0.05, 0.6 - progress),
            "activities": doing,
        }
        if rng.random() < 0.3:
            answers["win"] = rng.choice(
                ["Cooked a real dinner", "Went for a long walk", "Laughed with a friend",
                 "Didn't check their page", "Slept through the night"]
            )  # fmt: skip
        rows.append(("check-in", at(day, 21), _clean("check-in", answers)))
        if i % 7 == 3:
            level = max(0, min(5, round(1 + 3 * progress + rng.gauss(0, 0.6))))
            items = {
                f"q{n}": max(0, min(5, level + rng.choice([-1, 0, 0, 1]))) for n in range(1, 6)
            }
            rows.append(("who5", at(day, 20), _clean("who5", items)))
        if i % 30 == 10:
            level = max(0, min(3, round(2 - 2 * progress)))
            phq = {f"q{n}": max(0, min(3, level + rng.choice([-1, 0, 1]))) for n in range(1, 10)}
            phq["q9"] = 0
            rows.append(("phq9", at(day, 20), _clean("phq9", phq)))
            gad = {f"q{n}": max(0, min(3, level + rng.choice([-1, 0, 1]))) for n in range(1, 8)}
            rows.append(("gad7", at(day, 20), _clean("gad7", gad)))
    first = start + dt.timedelta(days=2)
    rows.append(("wellbeing", at(first, 19), _clean("wellbeing", {
        "overall": 2, "drained": 3, "anxious": 3, "eggshells": 2, "unheard": 3,
        "note": "Made up for the demo: a tiring autumn."})))  # fmt: skip
    rows.append(("balance", at(first, 19), _clean("balance", {"areas": [
        {"area": "Emotional support", "you": 4, "them": 1},
        {"area": "Chores and everyday jobs", "you": 3, "them": 2},
        {"area": "Making plans, taking the initiative", "you": 4, "them": 1}]})))  # fmt: skip
    rows.append(
        (
            "future",
            at(first, 19),
            _clean(
                "future",
                {
                    "where": "A flat with a balcony full of plants.",
                    "includes_them": "unsure",
                    "sure": 60,
                },
            ),
        )
    )
    decided = (start + dt.timedelta(days=20)).isoformat()
    told = (start + dt.timedelta(days=35)).isoformat()
    marks = {
        "milestones": [{"date": decided, "what": "Decided"}, {"date": told, "what": "Told them"}]
    }
    rows.append(("milestones", at(first + dt.timedelta(days=30), 19), _clean("milestones", marks)))
    return [(w, definition(w).version, when, answers) for w, when, answers in rows]


def write_demo(folder: Path | None = None, days: int = 183) -> Journal:
    """Write the demo journal into ``folder`` (replacing an earlier demo there) and open it."""
    target = (folder or default_demo_dir()).expanduser().resolve()
    if target == default_data_dir().expanduser().resolve():
        raise KitError(f"{target} is your own data folder; the demo never writes there.")
    path = target / DB_NAME
    if path.exists():
        with open_journal(target) as existing:
            if existing.setting(DEMO_SETTING) is not True:
                raise KitError(
                    f"{target} already holds a journal that is not a demo; the demo leaves it "
                    "alone. Choose an empty folder."
                )
        for leftover in target.glob(DB_NAME + "*"):
            leftover.unlink()
    journal = open_journal(target)
    journal.set_setting(DEMO_SETTING, True)
    journal.add_responses(demo_rows(days))
    return journal
