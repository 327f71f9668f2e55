"""The bad-day protocol: when to show it, and when the crisis lines must come first."""

from __future__ import annotations

from dataclasses import dataclass

LOW_MOOD = 3  # a check-in mood of 3 or less makes a bad day
LOWEST = 1


@dataclass(frozen=True)
class BadDay:
    """Whether to show the protocol, and whether the crisis lines go first."""

    show: bool
    crisis_first: bool


def bad_day(today_mood: int | None, phq9_item9: int | None, asked: bool) -> BadDay:
    """A low check-in today, or asking for it, shows the protocol; the lowest mood, or any
    answer above 0 on PHQ-9 item 9, puts the crisis lines first."""
    crisis = (today_mood is not None and today_mood <= LOWEST) or bool(phq9_item9)
    low = today_mood is not None and today_mood <= LOW_MOOD
    return BadDay(show=asked or low or crisis, crisis_first=crisis)
