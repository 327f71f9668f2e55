"""Fade or clean break: the recommendation and its reasons, and a fade's weekly targets."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kit.analysis.contact import fade_progress, fade_targets, recommend
from kit.analysis.mood import step_milestones
from kit.plots.contact import fade_figure

CASES = {
    "nothing answered": ({}, False, None),
    "a safety flag": ({"style": "gentle-rain"}, True, ("clean-break", True)),
    "a safety flag, nothing else": ({}, True, ("clean-break", True)),
    "frightening before": ({"past_reactions": "frightening"}, False, ("clean-break", True)),
    "pulled back": ({"pulled_back": 4}, False, ("clean-break", False)),
    "lightning": ({"style": "lightning", "pulled_back": 2}, False, ("clean-break", False)),
    "gentle rain": ({"style": "gentle-rain", "pulled_back": 1}, False, ("fade", False)),
    "pleading and likely pulled back": ({"past_reactions": "pleading", "pulled_back": 3}, False,
                                        ("clean-break", False)),
    "gentle rain but pulled back": ({"style": "gentle-rain", "pulled_back": 4}, False,
                                    ("clean-break", False)),
    "calm, unsure": ({"past_reactions": "calm", "style": "unsure", "pulled_back": 2}, False,
                     ("fade", False)),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "flagged", "expected"), CASES.values(), ids=CASES.keys())
def test_recommendation(answers, flagged, expected) -> None:
    """Does each self-check lead to the expected suggestion, safety first, with reasons?"""
    advice = recommend(answers, flagged)
    if expected is None:
        assert advice is None
        return
    assert (advice.approach, advice.with_advocate) == expected
    assert advice.reasons


def test_shared_obligations_mean_practical_contact() -> None:
    """Are children, a home, work or money named as reasons some contact will go on?"""
    advice = recommend({"pulled_back": 4, "shared": ["children", "friends", "home"]}, False)
    assert advice.practical_contact == ["children", "home"]


TARGETS = {
    "from five over four weeks": (5, 4, [4, 2, 1, 0]),
    "one week": (3, 1, [0]),
    "already none": (0, 3, [0, 0, 0]),
    "daily over seven": (7, 7, [6, 5, 4, 3, 2, 1, 0]),
}


@pytest.mark.parametrize(("now", "weeks", "expected"), TARGETS.values(), ids=TARGETS.keys())
def test_fade_targets(now, weeks, expected) -> None:
    """Do the weekly targets step down evenly and end at no contact?"""
    assert fade_targets(now, weeks) == expected


def test_fade_progress_counts_logged_contact() -> None:
    """Is each week's logged contact counted from the check-ins, beside its target?"""
    answers = [True, True, False, None, True, False, False,
               False, True, False, False, False, False, False, True]  # fmt: skip
    rows = [{"date": (dt.date(2026, 3, 2) + dt.timedelta(days=i)).isoformat(), "contacted": a}
            for i, a in enumerate(answers)]  # fmt: skip
    progress = fade_progress(rows, dt.date(2026, 3, 2), contacts_now=4, weeks=2)
    assert [w.target for w in progress] == [2, 0]
    assert [w.logged for w in progress] == [3, 1]  # the 15th day is after the fade
    assert [w.checked_in for w in progress] == [6, 7]
    assert [w.start for w in progress] == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]
    figure = fade_figure(progress)
    assert list(figure.data[0].y) == [3, 1]
    assert list(figure.data[1].y) == [2, 0]
    assert fade_figure([]) is None


def test_clean_break_day_is_a_milestone() -> None:
    """Is a clean break's day marked on the mood chart, and a fade's not?"""
    plan = {"approach": "clean-break", "break_date": "2026-04-01"}
    assert step_milestones(None, plan) == [(pd.Timestamp("2026-04-01"), "No contact from here")]
    assert step_milestones(None, {**plan, "approach": "fade"}) == []
