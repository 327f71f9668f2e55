"""Runs of check-ins answering no ("contacted", "checked their profiles"), without pandas.

The pages that show a streak (contact plan, digital detox, small wins) read plain rows from
:func:`kit.analysis.checkins.checkin_days`; the trends page passes a DataFrame column. Both
are a sequence of answers, oldest first.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Streak:
    """Consecutive check-ins answering no: the run going on now, and the longest run."""

    current: int
    longest: int


def streak(answers: Iterable[Any]) -> Streak:
    """Runs of answers that are no (``False``), oldest first.

    A yes ends a run. A day without a check-in, or without that answer, neither ends a run
    nor adds to it: a missed entry should not cost anyone their streak.
    """
    current = longest = 0
    for answer in answers:
        if answer is True:
            current = 0
        elif answer is False:
            current += 1
            longest = max(longest, current)
    return Streak(current, longest)


def column(rows: Iterable[Mapping[str, Any]], name: str) -> list[Any]:
    """One answer from each plain check-in row (None where it was not given)."""
    return [row.get(name) for row in rows]
