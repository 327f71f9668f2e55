"""Small wins: those found in check-ins, no-contact milestones, and wins over time.

Plain Python on plain rows (:func:`kit.analysis.checkins.checkin_days`): the small wins page
loads no pandas.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import TYPE_CHECKING, Any

from ..content import field_ids

if TYPE_CHECKING:
    from ..content import Definition

ACTIVITY_WINS = {"friends": "friends", "cooked": "meal", "exercise": "moved", "hobby": "hobby",
                 "therapy": "asked-help"}  # fmt: skip
NO_CONTACT_MILESTONES = (1, 7, 30, 100)


@dataclass(frozen=True)
class Win:
    """A win on a day: its category, and the person's words if there are any."""

    day: str
    category: str
    what: str = ""


def wins_in_checkins(rows: Iterable[Mapping[str, Any]]) -> list[Win]:
    """Wins the check-in rows show: days without contact or checking profiles, good
    activities, and the small win written that day."""
    contacted, profiles, activities, win = field_ids(
        "check-in", "contacted", "checked_profiles", "activities", "win"
    )
    found: list[Win] = []
    for row in rows:
        date = row["date"]
        if row.get(contacted) is False:
            found.append(Win(date, "no-contact"))
        if row.get(profiles) is False:
            found.append(Win(date, "no-profiles"))
        for activity in row.get(activities) or []:
            if activity in ACTIVITY_WINS:
                found.append(Win(date, ACTIVITY_WINS[activity]))
        if isinstance(row.get(win), str) and row[win].strip():
            found.append(Win(date, "own", row[win].strip()))
    return found


def logged_wins(answers: Mapping[str, Any] | None, sheet: Definition | str = "wins") -> list[Win]:
    """The wins in the log."""
    listed, day, category, what = field_ids(sheet, "wins", "wins.day", "wins.category", "wins.what")
    return [Win(w[day], w[category], w.get(what, "")) for w in (answers or {}).get(listed) or []]


def win_entry(win: Win, sheet: Definition | str = "wins") -> dict[str, str]:
    """A win as an entry of the log's list, under its fields' ids."""
    day, category, what = field_ids(sheet, "wins.day", "wins.category", "wins.what")
    return {day: win.day, category: win.category} | ({what: win.what} if win.what else {})


def not_yet_logged(found: list[Win], logged: list[Win]) -> list[Win]:
    """Found wins that are not in the log yet (same day, kind and words), newest first."""
    have = {(w.day, w.category, w.what) for w in logged}
    fresh = [w for w in found if (w.day, w.category, w.what) not in have]
    return sorted(fresh, key=lambda w: w.day, reverse=True)


def milestone_reached(no_contact_run: int) -> int | None:
    """The no-contact milestone this run has just reached (1, 7, 30, 100 check-ins), if any."""
    return no_contact_run if no_contact_run in NO_CONTACT_MILESTONES else None


def wins_over_time(logged: list[Win]) -> list[tuple[str, int]]:
    """How many wins so far, day by day (a running total): (day, total) for each day with
    wins, in date order."""
    per_day = Counter(w.day for w in logged)
    days = sorted(per_day)
    return list(zip(days, accumulate(per_day[d] for d in days), strict=True))
