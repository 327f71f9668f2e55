"""Looking back: the person's words from the start beside where they are now, in plain
words, honest when the path went down, reached from the start page once there is enough."""

from __future__ import annotations

import datetime as dt

import pytest

import kit
from kit import clock
from kit.analysis.lookback import look_back, mood_path, ready
from kit.lookback import look_back_html
from kit.report import build_report
from kit.widgets.journey import Journey


def rows(moods: list[int], start: dt.date = dt.date(2026, 9, 1)) -> list[dict]:
    return [
        {"date": (start + dt.timedelta(days=i)).isoformat(), "mood": m, "contacted": False}
        for i, m in enumerate(moods)
    ]


@pytest.mark.parametrize(
    ("moods", "direction"),
    [([3] * 14 + [5] * 14 + [7] * 14, "up"), ([7] * 14 + [5] * 14 + [4] * 14, "down"),
     ([5] * 42, "same"), ([5] * 20 + [2] * 7 + [5] * 15, "same")],
)  # fmt: skip
def test_the_path_is_told_as_it_went(moods, direction) -> None:
    """Is the mood compared at the start and lately, up, down or about the same?"""
    assert mood_path(rows(moods)).direction == direction


def test_the_hardest_week_is_found() -> None:
    """Is the hardest week named, with its average, even when the path ends up?"""
    path = mood_path(rows([4] * 20 + [1, 2, 1, 2, 1, 2, 1] + [7] * 15))
    assert path.hardest_day == dt.date(2026, 9, 21)
    assert path.hardest == pytest.approx(1.4)
    assert path.direction == "up"


def test_the_hardest_week_over_years_with_gaps() -> None:
    """Over years of check-ins with missed days, is the hardest week the one a plain count
    over every seven days finds (the page reads ten years in one pass, not one per day)?"""
    import random

    chance = random.Random(7)  # noqa: S311 - made-up moods, not secrets
    start = dt.date(2020, 1, 1)
    found = [
        {"date": (start + dt.timedelta(days=d)).isoformat(), "mood": chance.randint(1, 10)}
        for d in range(1200)
        if chance.random() < 0.7
    ]
    rated = [(dt.date.fromisoformat(r["date"]), r["mood"]) for r in found]
    weeks = []
    for day, _ in rated:
        week = [m for d, m in rated if 0 <= (d - day).days < 7]
        if len(week) >= 4:
            weeks.append((sum(week) / len(week), day))
    lowest = min(mean for mean, _ in weeks)
    first_lowest = next(day for mean, day in weeks if mean == lowest)
    path = mood_path(found)
    assert (path.hardest_day, path.hardest) == (first_lowest, round(lowest, 1))


def test_too_little_to_compare() -> None:
    """With under four weeks of check-ins, is there no comparison (and no invitation)?"""
    assert mood_path(rows([5] * 20)) is None
    found = look_back(rows([5] * 12), dt.date(2026, 9, 15))
    assert not ready(found, 21, 10)
    assert ready(look_back(rows([5] * 12), dt.date(2026, 9, 25)), 21, 10)


@pytest.fixture
def kept(journal: kit.Journal) -> kit.Journal:
    """A journal kept for six weeks: a hard start, words from the start, then better."""
    today = clock.today(journal)
    for i in range(42):
        day = today - dt.timedelta(days=41 - i)
        journal.save("check-in", {"day": day.isoformat(), "mood": 3 if i < 14 else 7,
                                  "contacted": i < 3})  # fmt: skip
    journal.save("wellbeing", {"overall": 1, "note": "I can't <breathe> here."})
    journal.save("reasons", {"reasons": [{"reason": "I want to feel safe."}]})
    journal.save("future", {"where": "A flat by the sea."})
    journal.save("reasons", {"reasons": [{"reason": "Rewritten later."}]})
    journal.save("wellbeing", {"overall": 4})
    journal.save("wins", {"wins": [{"day": today.isoformat(), "category": "moved"}]})
    return journal


def test_then_beside_now_in_their_own_words(kept: kit.Journal) -> None:
    """Does the page show the first answers as first given (escaped), and now in plain
    words: the latest check, the mood's path, the runs and wins, no score?"""
    page = look_back_html(kept)
    assert "I can&#39;t &lt;breathe&gt; here." in page
    assert "I want to feel safe." in page, "the reasons as first written"
    assert "Rewritten later." not in page
    assert "A flat by the sea." in page
    assert "you answered: 4, on a scale where 1 is “Much worse”" in page
    assert "averaged 3 out of 10; in your last two weeks, 7" in page
    assert "higher than where you began" in page
    assert "39 check-ins in a row" in page
    assert "1 small win." in page
    assert "score" not in page.lower()


def test_a_harder_path_is_said_honestly(journal: kit.Journal) -> None:
    """When the last weeks were harder than the first, does the page say so, kindly?"""
    today = clock.today(journal)
    for i in range(30):
        day = (today - dt.timedelta(days=29 - i)).isoformat()
        journal.save("check-in", {"day": day, "mood": 7 if i < 14 else 3})
    page = look_back_html(journal)
    assert "harder than the first ones" in page
    assert "higher than where you began" not in page


def test_the_start_page_invites_once_there_is_enough(kept: kit.Journal, journal) -> None:
    """Does the start page invite the person to look back only after a few weeks?"""
    assert 'href="20.ipynb"' in Journey(kept).widget.value
    assert "keeping this journal for 41 days" in Journey(kept).widget.value


def test_no_invitation_at_the_start(journal: kit.Journal) -> None:
    journal.save("check-in", {"day": clock.today(journal).isoformat(), "mood": 5})
    assert "kit-invite" not in Journey(journal).widget.value


def test_the_report_carries_it_when_chosen(kept: kit.Journal) -> None:
    """Is looking back in the report when the person picks it, and only then?"""
    kept.save("look-back", {"to_first_day": "It gets lighter."})
    chosen = build_report(kept, ["look-back"])
    assert "<h2>Looking back</h2>" in chosen
    assert "I want to feel safe." in chosen
    assert "It gets lighter." in chosen
    assert "Looking back" not in build_report(kept, ["check-in"])
