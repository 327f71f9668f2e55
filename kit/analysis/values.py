"""Values and life goals: how much room the relationship leaves for what matters to you.

Each of your top values gets a clash between 0 (you live it fully, and they share it
fully) and 1 (not at all, on both counts): ((5 - lives) + (5 - shares)) / 8, or the one
rating given over 4. Higher-ranked values weigh more (the top of n weighs n, the last 1).
Each life goal gets 0 (you could meet in the middle), 0.5 (maybe) or 1 (no).
The clash score is the mean of the two parts that have answers, from 0 to 100.
It describes; it does not decide.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..content import Definition, field_ids

MIDDLE = {"yes": 0.0, "maybe": 0.5, "no": 1.0}
TOP = 5  # the top of the 1-5 ratings


@dataclass(frozen=True)
class Clash:
    """One value or life goal, and how far apart things are on it (0 to 1)."""

    name: str
    part: str  # "value" or "goal"
    clash: float
    weight: float = 1.0


def value_clashes(sheet: Definition, answers: Mapping[str, Any] | None) -> list[Clash]:
    """A clash for each ranked value that has at least one rating, in rank order."""
    answers = answers or {}
    top_id, lives_id, shares_id = field_ids(sheet, "top_values", "lives", "shares")
    top = answers.get(top_id) or []
    lives, shares = answers.get(lives_id) or {}, answers.get(shares_id) or {}
    labels = {str(o): o.label for o in sheet.by_role("top_values").options}
    clashes = []
    for position, value in enumerate(top):
        given = [r for r in (lives.get(value), shares.get(value)) if r is not None]
        if not given:
            continue
        clash = sum(TOP - r for r in given) / (4 * len(given))
        clashes.append(Clash(labels.get(value, value), "value", clash, len(top) - position))
    return clashes


def goal_clashes(
    answers: Mapping[str, Any] | None, sheet: Definition | str = "values"
) -> list[Clash]:
    """A clash for each life goal where the middle ground was answered."""
    listed, topic, middle = field_ids(sheet, "life_goals", "life_goals.topic", "life_goals.middle")
    goals = (answers or {}).get(listed) or []
    return [Clash(g[topic], "goal", MIDDLE[g[middle]]) for g in goals if g.get(middle)]


def clash_score(values: list[Clash], goals: list[Clash]) -> float | None:
    """0 (plenty of room for both of you) … 100 (little room); None with nothing to go on."""
    parts = []
    if values:
        parts.append(sum(c.clash * c.weight for c in values) / sum(c.weight for c in values))
    if goals:
        parts.append(sum(c.clash for c in goals) / len(goals))
    if not parts:
        return None
    return round(100 * sum(parts) / len(parts), 1)


def biggest_gaps(clashes: list[Clash], how_many: int = 3) -> list[Clash]:
    """The widest gaps (clash of a half or more), widest first; ties keep their order."""
    wide = [c for c in clashes if c.clash >= 0.5]
    return sorted(wide, key=lambda c: -c.clash)[:how_many]
