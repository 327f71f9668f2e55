"""The trends page's charts. Each takes data and returns a figure, or None when empty.

With many points (years of daily check-ins) the scatter traces switch to WebGL
(``Scattergl``), which keeps the page quick; the heat-map draws one year at most.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from ..content import field_id, field_ids
from ..text import t, tn
from . import looks, number, typed, weekdays

MOOD, ROLLING, URGE, CONTACT = "#1d4f73", "#b5651d", "#6a3d9a", "#a4161a"
WEBGL_FROM = 500  # points


def _scatter(n: int):
    return go.Scattergl if n >= WEBGL_FROM else go.Scatter


def _layout(figure: go.Figure, title: str, height: int = 340, dates=(), **more) -> go.Figure:
    figure.update_layout(
        title={"text": title, "font": {"size": 15}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
        height=height,
        **more,
    )
    return looks(figure, dates)


def mood_figure(
    trend: pd.DataFrame, milestones: list[tuple[pd.Timestamp, str]] = ()
) -> go.Figure | None:
    """Daily mood as dots, the 7-day mean as a line, milestones as labelled lines."""
    if trend.empty:
        return None
    scatter = _scatter(len(trend))
    figure = go.Figure(
        [
            scatter(x=trend.index, y=trend["mood"], mode="markers",
                    name=t("charts.trends.mood-day"),
                    marker={"color": MOOD, "size": 6, "symbol": "circle"}),
            scatter(x=trend.index, y=trend["rolling"].round(1), mode="lines",
                    name=t("charts.trends.mood-average"),
                    line={"color": ROLLING, "width": 3, "dash": "solid"}),
        ]
    )  # fmt: skip
    start, end = trend.index.min(), trend.index.max()
    for day, what in milestones:
        if start - pd.Timedelta(days=1) <= day <= end + pd.Timedelta(days=1):
            figure.add_vline(x=day, line={"color": "#4a4a4a", "dash": "dot"})
            figure.add_annotation(x=day, y=10.4, text=typed(what), showarrow=False,
                                  textangle=-30, font={"size": 11})  # fmt: skip
    return _layout(
        figure, t("charts.trends.mood-title"), dates=trend.index,
        yaxis={"range": [0.5, 10.9], "title": {"text": t("charts.trends.mood-axis")}},
    )  # fmt: skip


def urge_figure(frame: pd.DataFrame) -> go.Figure | None:
    """The urge to contact them (0-10), with the days you did marked by a cross."""
    urge_id, contacted_id = field_ids("check-in", "urge", "contacted")
    urge = frame[urge_id].dropna() if urge_id in frame else pd.Series(dtype=float)
    contacted = (
        frame.index[frame[contacted_id] == True]  # noqa: E712
        if contacted_id in frame
        else []
    )
    if urge.empty and not len(contacted):
        return None
    scatter = _scatter(len(urge))
    traces = [scatter(x=urge.index, y=urge, mode="lines+markers", name=t("charts.trends.urge"),
                      line={"color": URGE}, marker={"symbol": "circle", "size": 5})]  # fmt: skip
    if len(contacted):
        traces.append(
            scatter(x=contacted, y=[10.3] * len(contacted), mode="markers",
                    name=t("charts.trends.contacted"),
                    marker={"color": CONTACT, "symbol": "x", "size": 9})
        )  # fmt: skip
    figure = go.Figure(traces)
    return _layout(figure, t("charts.trends.urge-title"), yaxis={"range": [-0.5, 10.8]},
                   dates=[*urge.index, *contacted])  # fmt: skip


# The message naming each scale on its chart.
SCALE_NAMES = {"who5": "charts.trends.scale.who5", "phq9": "charts.trends.scale.phq9",
               "gad7": "charts.trends.scale.gad7"}  # fmt: skip


def scale_figure(scores: pd.DataFrame, scale: str, bands) -> go.Figure | None:
    """One scale's totals over time, over shaded and labelled bands."""
    mine = scores[scores["scale"] == scale]
    if mine.empty:
        return None
    figure = go.Figure(
        go.Scatter(x=mine["saved_at"], y=mine["total"], mode="lines+markers+text",
                   text=mine["total"], textposition="top center", name=t(SCALE_NAMES[scale]),
                   line={"color": MOOD}, marker={"size": 8})
    )  # fmt: skip
    low = -0.5
    shades = ["#f3f6f9", "#e6edf3"]
    for i, band in enumerate(bands):
        figure.add_hrect(y0=low, y1=band.upto + 0.5, fillcolor=shades[i % 2], line_width=0,
                         layer="below", annotation_text=band.label,
                         annotation_position="top left", annotation_font_size=10)  # fmt: skip
        low = band.upto + 0.5
    maximum = int(mine["maximum"].iloc[0])
    return _layout(figure, t(SCALE_NAMES[scale]), yaxis={"range": [-0.5, maximum + 0.5]},
                   showlegend=False, dates=mine["saved_at"])  # fmt: skip


def calendar_figure(frame: pd.DataFrame, today: dt.date | None = None) -> go.Figure | None:
    """A year of mood as a calendar: one column a week, one row a weekday, the mood written in."""
    mood_id = field_id("check-in", "mood")
    mood = frame[mood_id].dropna() if mood_id in frame else pd.Series(dtype=float)
    if mood.empty:
        return None
    end = pd.Timestamp(today or mood.index.max())
    start = (end - pd.Timedelta(days=364)).normalize()
    start -= pd.Timedelta(days=start.weekday())  # weeks start on Monday
    days = pd.date_range(start, end, freq="D")
    values = mood.reindex(days)
    weeks = (days - start).days // 7
    grid = [[None] * (int(weeks.max()) + 1) for _ in range(7)]
    labels = [[""] * (int(weeks.max()) + 1) for _ in range(7)]
    for day, week, value in zip(days, weeks, values, strict=True):
        if pd.notna(value):
            grid[day.weekday()][week] = float(value)
            labels[day.weekday()][week] = f"{int(value)}"
    from ..text import day_text

    weeks_shown = [start + pd.Timedelta(weeks=w) for w in range(len(grid[0]))]
    week_words = [day_text(w.date(), "medium") for w in weeks_shown]
    hover = t("charts.trends.calendar-hover", week="%{customdata}", day="%{y}", mood="%{z}")
    figure = go.Figure(
        go.Heatmap(z=grid, x=weeks_shown, y=weekdays(), text=labels,
                   customdata=[week_words for _ in range(7)],
                   texttemplate="%{text}", textfont={"size": 8}, zmin=1, zmax=10,
                   colorscale="Blues",
                   colorbar={"title": {"text": t("charts.trends.calendar-scale")}},
                   xgap=2, ygap=2, hovertemplate=hover + "<extra></extra>")
    )  # fmt: skip
    return _layout(figure, t("charts.trends.calendar-title"), yaxis={"autorange": "reversed"},
                   height=260, dates=weeks_shown)  # fmt: skip


def tags_figure(comparison: pd.DataFrame) -> go.Figure | None:
    """How mood differs on days with each tag, only where both sides have enough days."""
    shown = comparison.dropna(subset=["difference"]).sort_values("difference")
    if shown.empty:
        return None
    labels = [
        tn(
            "charts.trends.tag",
            int(row.with_days),
            tag=typed(row.tag),
            without=int(row.without_days),
        )
        for row in shown.itertuples()
    ]
    figure = go.Figure(
        go.Bar(x=shown["difference"].round(1), y=labels, orientation="h",
               marker={"color": [MOOD if d >= 0 else ROLLING for d in shown["difference"]],
                       "pattern": {"shape": ["" if d >= 0 else "/" for d in shown["difference"]]}},
               text=[number(d, "+0.0;-0.0") for d in shown["difference"]],
               textposition="outside")
    )  # fmt: skip
    return _layout(figure, t("charts.trends.tags-title"),
                   xaxis={"title": {"text": t("charts.trends.tags-axis")}},
                   height=160 + 30 * len(shown))  # fmt: skip
