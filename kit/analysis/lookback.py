"""Looking back: the person's own words from the start beside where they are now.

Plain Python on plain rows (:func:`kit.analysis.checkins.checkin_days`) and records: what
changed, said in plain words by the page (``data/messages/<language>/lookback.po``), never a
score. The mood's path is told as it went: when the last weeks were harder than the first,
it says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..content import field_id, field_ids
from .streaks import column, streak

WINDOW = 14  # days at the start and at the end that are compared
STEADY = 0.5  # a change of mood smaller than this is "about the same"


@dataclass(frozen=True)
class MoodPath:
    """The mood at the start and lately (means of the check-ins in each window), the
    hardest week, and which way it went: "up", "down" or "same"."""

    first: float
    last: float
    direction: str
    hardest_day: dt.date | None = None
    hardest: float | None = None


@dataclass(frozen=True)
class LookBack:
    """What there is to look back on (nothing of it is a score)."""

    first_day: dt.date | None
    days: int
    checkins: int
    mood: MoodPath | None = None
    longest_no_contact: int = 0
    wins: int = 0
    milestones: list[tuple[dt.date, str]] = field(default_factory=list)


def _mean(values: list[float]) -> float:
    return sum(values) / len(values)


def mood_path(rows: Sequence[Mapping[str, Any]]) -> MoodPath | None:
    """The mood's path, from check-in rows oldest first (None with too little to compare)."""
    mood = field_id("check-in", "mood")
    rated = [(dt.date.fromisoformat(r["date"]), r[mood]) for r in rows if r.get(mood)]
    if len(rated) < 4 or (rated[-1][0] - rated[0][0]).days < 2 * WINDOW:
        return None
    start, end = rated[0][0], rated[-1][0]
    first = _mean([m for d, m in rated if (d - start).days < WINDOW])
    last = _mean([m for d, m in rated if (end - d).days < WINDOW])
    direction = "same" if abs(last - first) < STEADY else ("up" if last > first else "down")
    # The hardest week: the lowest mean over the seven days from a check-in on, of weeks
    # with four check-ins or more. The rows are oldest first, so each week is the run of
    # rows from i up to (not including) end; one pass over ten years, not one per row.
    hardest_day, hardest = None, None
    end_at, total = 0, 0.0
    for i, (day, _) in enumerate(rated):
        while end_at < len(rated) and (rated[end_at][0] - day).days < 7:
            total += rated[end_at][1]
            end_at += 1
        count = end_at - i
        if count >= 4 and (hardest is None or total / count < hardest):
            hardest_day, hardest = day, total / count
        total -= rated[i][1]
    return MoodPath(round(first, 1), round(last, 1), direction, hardest_day,
                    None if hardest is None else round(hardest, 1))  # fmt: skip


def look_back(
    rows: Sequence[Mapping[str, Any]],
    today: dt.date,
    wins: Mapping[str, Any] | None = None,
    milestones: Mapping[str, Any] | None = None,
) -> LookBack:
    """Everything the page looks back on, from check-in rows and the saved wins and
    milestones."""
    first_day = dt.date.fromisoformat(rows[0]["date"]) if rows else None
    listed, day, what = field_ids("milestones", "milestones", "milestones.date", "milestones.what")
    marked = sorted(
        (dt.date.fromisoformat(m[day]), m[what]) for m in (milestones or {}).get(listed) or []
    )
    return LookBack(
        first_day=first_day,
        days=(today - first_day).days if first_day else 0,
        checkins=len(rows),
        mood=mood_path(rows),
        longest_no_contact=streak(column(rows, field_id("check-in", "contacted"))).longest,
        wins=len((wins or {}).get(field_id("wins", "wins")) or []),
        milestones=marked,
    )


def ready(found: LookBack, after_days: int, after_checkins: int) -> bool:
    """Whether there is enough to look back on for the start page to invite the person."""
    return found.days >= after_days and found.checkins >= after_checkins
