"""Small wins: those found in check-ins, no-contact milestones, and wins over time."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

ACTIVITY_WINS = {"friends": "friends", "cooked": "meal", "exercise": "moved", "hobby": "hobby",
                 "therapy": "asked-help"}  # fmt: skip
NO_CONTACT_MILESTONES = (1, 7, 30, 100)


@dataclass(frozen=True)
class Win:
    """A win on a day: its category, and the person's words if there are any."""

    day: str
    category: str
    what: str = ""


def wins_in_checkins(frame: pd.DataFrame) -> list[Win]:
    """Wins the check-ins show: days without contact or checking profiles, good activities,
    and the small win written that day."""
    found: list[Win] = []
    for day, row in frame.iterrows():
        date = day.date().isoformat()
        if row.get("contacted") is False:
            found.append(Win(date, "no-contact"))
        if row.get("checked_profiles") is False:
            found.append(Win(date, "no-profiles"))
        for activity in row.get("activities") or []:
            if activity in ACTIVITY_WINS:
                found.append(Win(date, ACTIVITY_WINS[activity]))
        if isinstance(row.get("win"), str) and row["win"].strip():
            found.append(Win(date, "own", row["win"].strip()))
    return found


def logged_wins(answers: Mapping[str, Any] | None) -> list[Win]:
    """The wins in the log."""
    return [
        Win(w["day"], w["category"], w.get("what", "")) for w in (answers or {}).get("wins") or []
    ]


def not_yet_logged(found: list[Win], logged: list[Win]) -> list[Win]:
    """Found wins that are not in the log yet (same day, kind and words), newest first."""
    have = {(w.day, w.category, w.what) for w in logged}
    fresh = [w for w in found if (w.day, w.category, w.what) not in have]
    return sorted(fresh, key=lambda w: w.day, reverse=True)


def milestone_reached(no_contact_run: int) -> int | None:
    """The no-contact milestone this run has just reached (1, 7, 30, 100 check-ins), if any."""
    return no_contact_run if no_contact_run in NO_CONTACT_MILESTONES else None


def wins_over_time(logged: list[Win]) -> pd.Series:
    """How many wins so far, day by day (a running total)."""
    if not logged:
        return pd.Series(dtype=int)
    per_day = pd.Series(1, index=pd.to_datetime([w.day for w in logged])).groupby(level=0).sum()
    return per_day.sort_index().cumsum()
