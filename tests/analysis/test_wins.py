"""Small wins: found in check-ins, not offered twice, milestones, and the running total."""

from __future__ import annotations

import pytest

from kit.analysis.wins import (
    Win,
    logged_wins,
    milestone_reached,
    not_yet_logged,
    wins_in_checkins,
    wins_over_time,
)
from kit.plots.wins import wins_figure


def days(rows: dict[str, dict]) -> list[dict]:
    """Plain check-in rows like kit.analysis.checkins.checkin_days(journal), from {day: answers}."""
    return [{"date": day, "contacted": None, "checked_profiles": None, "activities": [],
             "win": None, **r} for day, r in rows.items()]  # fmt: skip


def test_wins_found_in_check_ins() -> None:
    """Are no contact, no profile checks, good activities and written wins all found?"""
    found = wins_in_checkins(days({
        "2026-06-01": {"contacted": False, "checked_profiles": True,
                       "activities": ["friends", "work", "cooked"], "win": " Slept well "},
        "2026-06-02": {"contacted": True, "checked_profiles": False},
    }))  # fmt: skip
    assert found == [
        Win("2026-06-01", "no-contact"),
        Win("2026-06-01", "friends"),
        Win("2026-06-01", "meal"),
        Win("2026-06-01", "own", "Slept well"),
        Win("2026-06-02", "no-profiles"),
    ]


def test_logged_wins_are_not_offered_again() -> None:
    """Is a win already in the log left out of what is offered, newest first?"""
    found = [Win("2026-06-01", "no-contact"), Win("2026-06-02", "no-contact"),
             Win("2026-06-02", "own", "Called Mum")]  # fmt: skip
    logged = logged_wins({"wins": [{"day": "2026-06-01", "category": "no-contact"}]})
    assert not_yet_logged(found, logged) == [Win("2026-06-02", "no-contact"),
                                             Win("2026-06-02", "own", "Called Mum")]  # fmt: skip


@pytest.mark.parametrize(("run", "expected"), [(0, None), (1, 1), (2, None), (7, 7), (30, 30),
                                               (99, None), (100, 100)])  # fmt: skip
def test_no_contact_milestones(run, expected) -> None:
    """Are 1, 7, 30 and 100 check-ins without contact each marked, and nothing else?"""
    assert milestone_reached(run) == expected


def test_wins_add_up_over_time() -> None:
    """Is the running total counted by day, in date order?"""
    total = wins_over_time([Win("2026-06-03", "meal"), Win("2026-06-01", "moved"),
                            Win("2026-06-03", "hobby")])  # fmt: skip
    assert total == [("2026-06-01", 1), ("2026-06-03", 3)]
    assert "3 wins and counting" in wins_figure(total).layout.title.text
    assert wins_figure(wins_over_time([])) is None
