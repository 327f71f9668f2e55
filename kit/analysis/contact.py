"""Fade or clean break: where the self-check leans, with its reasons, and a fade's weekly
targets.

A leaning explains itself and stays an observation; the person chooses. With a safety
concern the page says what advocates often suggest and why, and that an advocate can help
plan the safest way: the kit never says what keeps anyone safe.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..content import field_id, field_ids

if TYPE_CHECKING:
    from ..content import Definition

# What a person may share that means some contact goes on (values of the `shared` field).
UNAVOIDABLE = ("children", "home", "work", "money")


@dataclass(frozen=True)
class Recommendation:
    """Where the self-check's answers lean ("fade" or "clean-break"), and the observations
    behind it, each the id of a message the page shows (``contact.note.*``).

    It is an observation the person can disagree with, never a verdict: with a safety
    concern it says what advocates often suggest, and that an advocate can help plan the
    safest way; it never says what keeps anyone safe.
    """

    approach: str
    reasons: list[str] = field(default_factory=list)
    with_advocate: bool = False
    practical_contact: list[str] = field(default_factory=list)
    """The shared things (option values of `shared`) that mean some contact goes on."""


def recommend(
    answers: Mapping[str, Any] | None, flagged: bool, sheet: Definition | str = "contact-plan"
) -> Recommendation | None:
    """Where these self-check answers lean (None until something is answered)."""
    a = answers or {}
    pulled, shared_id, past, style = field_ids(
        sheet, "pulled_back", "shared", "past_reactions", "style"
    )
    shared = [s for s in a.get(shared_id, []) if s in UNAVOIDABLE]
    if flagged or a.get(past) == "frightening":
        notes = ["contact.note.safety"]
        return Recommendation("clean-break", notes, with_advocate=True, practical_contact=shared)
    if not any(k in a for k in (pulled, past, style)):
        return None
    notes: list[str] = []
    cut = 0
    if a.get(pulled, 0) >= 3:
        cut += 2
        notes.append("contact.note.pulled-back")
    if a.get(past) == "pleading":
        cut += 1
        notes.append("contact.note.pleading")
    if a.get(style) == "lightning":
        cut += 1
        notes.append("contact.note.lightning")
    if a.get(style) == "gentle-rain":
        cut -= 1
        notes.append("contact.note.gentle-rain")
    if a.get(pulled) is not None and a[pulled] <= 1:
        cut -= 1
        notes.append("contact.note.not-pulled-back")
    approach = "clean-break" if cut > 0 else "fade"
    if not notes:
        notes.append("contact.note.nothing-strong")
    return Recommendation(approach, notes, practical_contact=shared)


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
    (plain rows from :func:`kit.analysis.checkins.checkin_days`)."""
    key = field_id("check-in", "contacted")
    contacted = {dt.date.fromisoformat(r["date"]): r[key] for r in rows if r.get(key) is not None}
    progress = []
    for i, target in enumerate(fade_targets(contacts_now, weeks)):
        begin = start + dt.timedelta(weeks=i)
        week = [a for day, a in contacted.items() if begin <= day < begin + dt.timedelta(days=7)]
        progress.append(FadeWeek(i + 1, begin, target, sum(a is True for a in week), len(week)))
    return progress
