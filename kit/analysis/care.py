"""Care at the lowest point: which answers bring help onto the page at once.

The rules are data: a worksheet lists them as ``[[care]]`` tables (see
``data/worksheets/check-in.toml``). Each says what the page offers (``show``) when an
answer reaches a point: a field at or below ``at_most`` or at or above ``at_least``, or a
scored scale's total in one of its published bands (``band``, counted from the lowest
totals up). What is offered:

* ``lowest``: the crisis lines for the person's country first, then the person they chose
  for a bad night, then the bad-day page;
* ``low``: their own reasons, a few kind words, and their person for a bad night;
* ``urge``: their person for the moment the urge hits, and their own reasons;
* ``hard-date``: their person for a hard date, when one of the hard dates they listed is
  ``days_before`` days away or less.

A rule routes to help; it never scores or grades anything. For each field (and for the
total) the first rule that fits, in the order the worksheet gives them, is the one shown,
so a worksheet lists ``lowest`` before ``low``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..content import Definition

SHOWS = ("lowest", "low", "urge", "hard-date")
TOTAL = "total"  # the anchor of a rule on a scale's total


@dataclass(frozen=True)
class CareRule:
    """One ``[[care]]`` table of a worksheet, checked."""

    show: str
    field: str | None = None
    at_most: float | None = None
    at_least: float | None = None
    band: int | None = None
    days_before: int | None = None
    words: str | None = None
    """The id prefix of the messages that head this help (``care.<show>`` by default)."""

    @property
    def anchor(self) -> str:
        """Where on the page the help goes: under its field, or under the last item."""
        if self.field:
            return self.field
        return TOTAL if self.band is not None else self.show

    @property
    def message_prefix(self) -> str:
        return self.words or f"care.{self.show}"

    def fits(self, sheet: Definition, answers: Mapping[str, Any] | None) -> bool:
        """Whether these answers (on the page, or saved) reach this rule's point."""
        answers = answers or {}
        if self.band is not None:
            return _band_of(sheet, answers) == self.band
        if self.field is None:
            return False
        value = answers.get(self.field)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.at_most is not None and value > self.at_most:
            return False
        return not (self.at_least is not None and value < self.at_least)


def _band_of(sheet: Definition, answers: Mapping[str, Any]) -> int | None:
    """Which band (1 = the lowest totals) a complete scale's answers fall in, else None."""
    scoring = sheet.scoring
    if scoring is None:
        return None
    items = [answers.get(f.id) for f in sheet.fields]
    if any(isinstance(v, bool) or not isinstance(v, int) for v in items):
        return None
    total = scoring.multiplier * sum(items)  # type: ignore[arg-type]
    return next(i for i, b in enumerate(scoring.bands, start=1) if total <= b.upto)


def raised(sheet: Definition, answers: Mapping[str, Any] | None) -> dict[str, CareRule]:
    """For each place on the page, the first rule these answers reach (none: absent)."""
    found: dict[str, CareRule] = {}
    for rule in sheet.care:
        if rule.show == "hard-date" or rule.anchor in found:
            continue
        if rule.fits(sheet, answers):
            found[rule.anchor] = rule
    return found


def shows(sheet: Definition, answers: Mapping[str, Any] | None) -> set[str]:
    """What these answers bring up anywhere on the page (``{"lowest", "urge"}``, say)."""
    return {rule.show for rule in raised(sheet, answers).values()}


@dataclass(frozen=True)
class HardDate:
    """A hard date the person listed, on its next coming day."""

    day: dt.date
    what: str


def coming_hard_dates(
    entries: Iterable[Mapping[str, Any]] | None,
    today: dt.date,
    days_before: int,
    sheet: Definition,
) -> list[HardDate]:
    """The hard dates from ``today`` to ``days_before`` days ahead, soonest first: the
    entries of the list of hard dates on "Your people" (``sheet``).

    A hard date comes back every year (an anniversary, a birthday, the holidays), so only
    its month and day count; 29 February falls on 28 February in other years.
    """
    date_id, what_id = (sheet.by_role(r).id for r in ("hard_dates.date", "hard_dates.what"))
    coming = []
    for entry in entries or ():
        try:
            listed = dt.date.fromisoformat(entry[date_id])
        except (KeyError, TypeError, ValueError):
            continue
        for year in (today.year, today.year + 1):
            try:
                day = listed.replace(year=year)
            except ValueError:
                day = dt.date(year, 2, 28)
            if 0 <= (day - today).days <= days_before:
                coming.append(HardDate(day, str(entry.get(what_id) or "")))
                break
    return sorted(coming, key=lambda h: h.day)
