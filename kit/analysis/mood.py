"""Trends from the daily check-ins: rolling mood, tags, ranges, milestones (streaks are in
``kit.analysis.streaks``, which needs no pandas).

Every function takes the DataFrame from :func:`kit.analysis.checkins.checkins` (indexed by
day) or plain values, and returns values; none of them displays anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd

from ..content import field_id, field_ids
from ..text import t

RANGES = {"30 days": 30, "90 days": 90, "Year": 365, "All": None}
MIN_DAYS = 5  # no claim about a tag with fewer days than this on either side


def in_range(frame: pd.DataFrame, days: int | None, today: dt.date | None = None) -> pd.DataFrame:
    """The rows of the last ``days`` days up to ``today`` (all rows when days is None)."""
    if days is None or frame.empty:
        return frame
    end = pd.Timestamp(today or dt.date.today())
    return frame[frame.index > end - pd.Timedelta(days=days)]


def mood_trend(frame: pd.DataFrame) -> pd.DataFrame:
    """Mood per day and its 7-day rolling mean over calendar days (gaps are not filled in)."""
    mood = frame.get(field_id("check-in", "mood"), pd.Series(dtype=float)).dropna().astype(float)
    rolling = mood.rolling("7D", min_periods=1).mean()
    return pd.DataFrame({"mood": mood, "rolling": rolling})


def tag_comparison(frame: pd.DataFrame, min_days: int = MIN_DAYS) -> pd.DataFrame:
    """Mean mood on days with and without each tag, with both counts.

    ``difference`` is only given when both sides have at least ``min_days`` days; below
    that, the numbers are shown but no claim is made.
    """
    columns = ["tag", "with_mean", "with_days", "without_mean", "without_days", "difference"]
    mood = field_id("check-in", "mood")
    rated = frame[frame[mood].notna()] if mood in frame else frame
    tags = sorted({t for ts in rated.get("tags", []) for t in ts})
    rows = []
    for tag in tags:
        has = rated["tags"].map(lambda ts, t=tag: t in ts)
        with_, without = rated.loc[has, mood], rated.loc[~has, mood]
        enough = len(with_) >= min_days and len(without) >= min_days
        rows.append(
            {
                "tag": tag,
                "with_mean": with_.mean() if len(with_) else None,
                "with_days": len(with_),
                "without_mean": without.mean() if len(without) else None,
                "without_days": len(without),
                "difference": with_.mean() - without.mean() if enough else None,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def milestones_from(answers: Mapping[str, Any] | None) -> list[tuple[pd.Timestamp, str]]:
    """The milestones saved by hand, as (day, what), in date order."""
    listed, day, what = field_ids("milestones", "milestones", "milestones.date", "milestones.what")
    entries = (answers or {}).get(listed) or []
    return sorted((pd.Timestamp(e[day]), e[what]) for e in entries)


def step_milestones(
    conversation: Mapping[str, Any] | None, contact_plan: Mapping[str, Any] | None = None
) -> list[tuple[pd.Timestamp, str]]:
    """Milestones the steps know of: the honest conversation, and a clean break's day."""
    found = []
    happened = field_id("conversation", "happened_on")
    if (conversation or {}).get(happened):
        found.append((pd.Timestamp(conversation[happened]), t("analysis.milestone.conversation")))
    plan = contact_plan or {}
    approach, break_date = field_ids("contact-plan", "approach", "break_date")
    if plan.get(approach) == "clean-break" and plan.get(break_date):
        found.append((pd.Timestamp(plan[break_date]), t("analysis.milestone.no-contact")))
    return found
