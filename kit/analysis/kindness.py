"""The bad-day protocol: when to show it, and when the crisis lines must come first.

What counts as a low day, or the lowest point, is not decided here: it is what the
worksheets' ``[[care]]`` rules raise (see :mod:`kit.analysis.care`) for today's check-in
and the latest PHQ-9.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class BadDay:
    """Whether to show the protocol, and whether the crisis lines go first."""

    show: bool
    crisis_first: bool


def bad_day(raised: Iterable[str], asked: bool) -> BadDay:
    """A low day (``low``) or asking shows the protocol; the lowest point (``lowest``)
    shows it with the crisis lines first."""
    raised = set(raised)
    crisis = "lowest" in raised
    return BadDay(show=asked or crisis or "low" in raised, crisis_first=crisis)
