"""Trends from check-ins: rolling mood over gaps, streaks, tags, ranges, and the charts."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import kit
from kit.analysis.mood import (
    in_range,
    milestones_from,
    mood_trend,
    tag_comparison,
)
from kit.analysis.streaks import column, streak
from kit.plots import trends


def frame(rows: dict[str, dict]) -> pd.DataFrame:
    """A check-in frame like kit.analysis.checkins.checkins(journal), from {day: answers}."""
    data = [{"mood": None, "tags": [], "urge": None, "contacted": None, **r} for r in rows.values()]
    out = pd.DataFrame(data)
    out.index = pd.DatetimeIndex(pd.to_datetime(list(rows)), name="date")
    return out


def test_rolling_mean_uses_calendar_days_across_gaps() -> None:
    """Is the 7-day mean over calendar days, so a long gap is not averaged across?"""
    trend = mood_trend(frame({"2026-01-01": {"mood": 2}, "2026-01-02": {"mood": 4},
                              "2026-01-20": {"mood": 8}}))  # fmt: skip
    assert list(trend["rolling"]) == [2.0, 3.0, 8.0]


def test_single_day() -> None:
    """Does a single check-in give a single point, and its own mean?"""
    trend = mood_trend(frame({"2026-01-01": {"mood": 5}}))
    assert list(trend["mood"]) == [5.0]
    assert trends.mood_figure(trend) is not None


STREAKS = {
    "no answers": ([], (0, 0)),
    "all no": ([False, False, False], (3, 3)),
    "a yes resets": ([False, False, True, False], (1, 2)),
    "missing answers neither break nor count": ([False, None, False], (2, 2)),
    "ends on yes": ([False, True], (0, 1)),
}


@pytest.mark.parametrize(("answers", "expected"), STREAKS.values(), ids=STREAKS.keys())
def test_streaks(answers, expected) -> None:
    """Do streaks count check-ins answering no, a yes resetting, a gap costing nothing?"""
    rows = {f"2026-02-{i + 1:02d}": {"contacted": a} for i, a in enumerate(answers)}
    from_rows = streak(column([{"date": d, **r} for d, r in rows.items()], "contacted"))
    from_frame = streak(frame(rows).get("contacted", []))
    assert (from_rows.current, from_rows.longest) == expected
    assert from_frame == from_rows


def test_tag_comparison_makes_no_claim_under_five_days() -> None:
    """Are both counts shown, with a difference only when each side has 5 days or more?"""
    rows = {}
    for i in range(12):
        tags = ["friends"] if i < 6 else []
        tags += ["gym"] if i < 3 else []
        rows[f"2026-03-{i + 1:02d}"] = {"mood": 8 if i < 6 else 4, "tags": tags}
    table = tag_comparison(frame(rows)).set_index("tag")
    assert table.loc["friends", "with_days"] == 6
    assert table.loc["friends", "without_days"] == 6
    assert table.loc["friends", "difference"] == pytest.approx(4.0)
    assert table.loc["gym", "with_days"] == 3
    assert pd.isna(table.loc["gym", "difference"])
    figure = trends.tags_figure(tag_comparison(frame(rows)))
    (bars,) = figure.data
    assert len(bars.y) == 1
    assert "friends (6 days with, 6 without)" in bars.y[0]


def test_ranges() -> None:
    """Do the ranges keep the last 30 or 90 days up to today, or everything?"""
    rows = {d.isoformat(): {"mood": 5} for d in pd.date_range("2025-01-01", "2026-01-31").date}
    data = frame(rows)
    today = dt.date(2026, 1, 31)
    assert len(in_range(data, 30, today)) == 30
    assert len(in_range(data, 90, today)) == 90
    assert len(in_range(data, None, today)) == len(data)


def test_milestones_in_date_order() -> None:
    """Are hand-added milestones read in date order?"""
    answers = {"milestones": [{"date": "2026-05-01", "what": "Told them"},
                              {"date": "2026-04-20", "what": "Decided"}]}  # fmt: skip
    assert milestones_from(answers) == [
        (pd.Timestamp("2026-04-20"), "Decided"),
        (pd.Timestamp("2026-05-01"), "Told them"),
    ]
    assert milestones_from(None) == []


def test_empty_data_draws_nothing() -> None:
    """With no check-ins, is every chart None rather than broken?"""
    empty = frame({})
    assert trends.mood_figure(mood_trend(empty)) is None
    assert trends.urge_figure(empty) is None
    assert trends.calendar_figure(empty) is None
    assert trends.tags_figure(tag_comparison(empty)) is None
    scores = pd.DataFrame(columns=["date", "saved_at", "scale", "total", "maximum", "band"])
    assert trends.scale_figure(scores, "who5", kit.definition("who5").scoring.bands) is None


def test_many_points_use_webgl_and_milestones_show() -> None:
    """With years of check-ins, does the mood chart switch to WebGL, milestones marked?"""
    days = pd.date_range("2020-01-01", periods=3650)
    rows = {d.date().isoformat(): {"mood": 1 + d.day % 10} for d in days}
    figure = trends.mood_figure(mood_trend(frame(rows)), [(pd.Timestamp("2022-06-01"), "Decided")])
    assert {type(t).__name__ for t in figure.data} == {"Scattergl"}
    assert any(a.text == "Decided" for a in figure.layout.annotations)


def test_calendar_writes_the_mood_in() -> None:
    """Does the year calendar put each mood in its weekday row, with the number written?"""
    figure = trends.calendar_figure(frame({"2026-06-01": {"mood": 7}}), dt.date(2026, 6, 7))
    (heat,) = figure.data
    monday = list(heat.y).index("Mon")
    assert 7.0 in heat.z[monday]
    assert "7" in heat.text[monday]


def test_urge_marks_contact_days() -> None:
    """Are the days they were contacted marked with a cross, not colour alone?"""
    figure = trends.urge_figure(frame({"2026-01-01": {"urge": 8, "contacted": True},
                                       "2026-01-02": {"urge": 3, "contacted": False}}))  # fmt: skip
    assert list(figure.data[0].y) == [8, 3]
    contacted = figure.data[1]
    assert list(contacted.x) == [pd.Timestamp("2026-01-01")]
    assert contacted.marker.symbol == "x"
