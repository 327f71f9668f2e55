"""Fade or clean break: a recommendation with its reasons, and a fade's weekly targets.

A recommendation explains itself and stays a suggestion; the person chooses. A safety
concern always leads to a clean break by a safe channel with an advocate's help.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

UNAVOIDABLE = {"children": "children", "home": "a home", "work": "work", "money": "money"}


@dataclass(frozen=True)
class Recommendation:
    """ "fade" or "clean-break", why, and whether an advocate should help."""

    approach: str
    reasons: list[str] = field(default_factory=list)
    with_advocate: bool = False
    practical_contact: list[str] = field(default_factory=list)


def recommend(answers: Mapping[str, Any] | None, flagged: bool) -> Recommendation | None:
    """The suggestion for these self-check answers (None until something is answered)."""
    a = answers or {}
    shared = [UNAVOIDABLE[s] for s in a.get("shared", []) if s in UNAVOIDABLE]
    if flagged:
        return Recommendation(
            "clean-break",
            ["Your answers on how you are raised a safety concern. A clean break, told by a "
             "letter, a message or through an advocate, keeps you safest."],
            with_advocate=True,
            practical_contact=shared,
        )  # fmt: skip
    if not any(k in a for k in ("pulled_back", "past_reactions", "style")):
        return None
    reasons: list[str] = []
    cut = 0
    if a.get("past_reactions") == "frightening":
        reasons.append("They have frightened you before: a clean break, with an advocate's help, "
                       "is the safer way.")  # fmt: skip
        return Recommendation("clean-break", reasons, with_advocate=True, practical_contact=shared)
    if a.get("pulled_back", 0) >= 3:
        cut += 2
        reasons.append("You think you would be pulled back in: every contact is a chance to slip.")
    if a.get("past_reactions") == "pleading":
        cut += 1
        reasons.append("They plead and promise: a slow fade gives that many more chances.")
    if a.get("style") == "lightning":
        cut += 1
        reasons.append("You know one clean cut suits you.")
    if a.get("style") == "gentle-rain":
        cut -= 1
        reasons.append("You know small steps suit you.")
    if a.get("pulled_back") is not None and a["pulled_back"] <= 1:
        cut -= 1
        reasons.append("You don't expect to be pulled back in.")
    approach = "clean-break" if cut > 0 else "fade"
    if not reasons:
        reasons.append("Nothing here points strongly to a clean break, so a gentle fade may do.")
    return Recommendation(approach, reasons, practical_contact=shared)


def fade_targets(contacts_now: int, weeks: int) -> list[int]:
    """Days of contact allowed in each week, stepping down evenly to none in the last week."""
    if weeks < 1:
        return []
    return [round(contacts_now * (weeks - 1 - i) / weeks) for i in range(weeks)]


@dataclass(frozen=True)
class FadeWeek:
    """One week of a fade: its target, and what the check-ins of that week logged."""

    week: int
    start: dt.date
    target: int
    logged: int  # days in touch
    checked_in: int  # days that answered "contacted" at all


def fade_progress(
    rows: Iterable[Mapping[str, Any]], start: dt.date, contacts_now: int, weeks: int
) -> list[FadeWeek]:
    """For each week of the fade: the target, and the days contact was logged in check-ins
    (plain rows from ``Journal.checkin_days()``)."""
    contacted = {
        dt.date.fromisoformat(r["date"]): r["contacted"]
        for r in rows
        if r.get("contacted") is not None
    }
    progress = []
    for i, target in enumerate(fade_targets(contacts_now, weeks)):
        begin = start + dt.timedelta(weeks=i)
        week = [a for day, a in contacted.items() if begin <= day < begin + dt.timedelta(days=7)]
        progress.append(FadeWeek(i + 1, begin, target, sum(a is True for a in week), len(week)))
    return progress
