"""The trends page's charts. Each takes data and returns a figure, or None when empty.

With many points (years of daily check-ins) the scatter traces switch to WebGL
(``Scattergl``), which keeps the page quick; the heat-map draws one year at most.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from . import typed

MOOD, ROLLING, URGE, CONTACT = "#1d4f73", "#b5651d", "#6a3d9a", "#a4161a"
WEBGL_FROM = 500  # points


def _scatter(n: int):
    return go.Scattergl if n >= WEBGL_FROM else go.Scatter


def _layout(figure: go.Figure, title: str, height: int = 340, **more) -> go.Figure:
    figure.update_layout(
        title={"text": title, "font": {"size": 15}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="white",
        height=height,
        **more,
    )
    return figure


def mood_figure(
    trend: pd.DataFrame, milestones: list[tuple[pd.Timestamp, str]] = ()
) -> go.Figure | None:
    """Daily mood as dots, the 7-day mean as a line, milestones as labelled lines."""
    if trend.empty:
        return None
    scatter = _scatter(len(trend))
    figure = go.Figure(
        [
            scatter(x=trend.index, y=trend["mood"], mode="markers", name="Mood that day",
                    marker={"color": MOOD, "size": 6, "symbol": "circle"}),
            scatter(x=trend.index, y=trend["rolling"].round(1), mode="lines",
                    name="7-day average", line={"color": ROLLING, "width": 3, "dash": "solid"}),
        ]
    )  # fmt: skip
    start, end = trend.index.min(), trend.index.max()
    for day, what in milestones:
        if start - pd.Timedelta(days=1) <= day <= end + pd.Timedelta(days=1):
            figure.add_vline(x=day, line={"color": "#4a4a4a", "dash": "dot"})
            figure.add_annotation(x=day, y=10.4, text=typed(what), showarrow=False,
                                  textangle=-30, font={"size": 11})  # fmt: skip
    return _layout(
        figure, "Your mood", yaxis={"range": [0.5, 10.9], "title": {"text": "Mood (1-10)"}}
    )


def urge_figure(frame: pd.DataFrame) -> go.Figure | None:
    """The urge to contact them (0-10), with the days you did marked by a cross."""
    urge = frame["urge"].dropna() if "urge" in frame else pd.Series(dtype=float)
    contacted = frame.index[frame["contacted"] == True] if "contacted" in frame else []  # noqa: E712
    if urge.empty and not len(contacted):
        return None
    scatter = _scatter(len(urge))
    traces = [scatter(x=urge.index, y=urge, mode="lines+markers", name="Urge to contact",
                      line={"color": URGE}, marker={"symbol": "circle", "size": 5})]  # fmt: skip
    if len(contacted):
        traces.append(
            scatter(x=contacted, y=[10.3] * len(contacted), mode="markers", name="Contacted them",
                    marker={"color": CONTACT, "symbol": "x", "size": 9})
        )  # fmt: skip
    figure = go.Figure(traces)
    return _layout(figure, "The urge to contact them", yaxis={"range": [-0.5, 10.8]})


SCALE_NAMES = {"who5": "WHO-5 well-being (0-100)", "phq9": "PHQ-9 mood (0-27)",
               "gad7": "GAD-7 anxiety (0-21)"}  # fmt: skip


def scale_figure(scores: pd.DataFrame, scale: str, bands) -> go.Figure | None:
    """One scale's totals over time, over shaded and labelled bands."""
    mine = scores[scores["scale"] == scale]
    if mine.empty:
        return None
    figure = go.Figure(
        go.Scatter(x=mine["saved_at"], y=mine["total"], mode="lines+markers+text",
                   text=mine["total"], textposition="top center", name=SCALE_NAMES[scale],
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
    return _layout(figure, SCALE_NAMES[scale], yaxis={"range": [-0.5, maximum + 0.5]},
                   showlegend=False)  # fmt: skip


def calendar_figure(frame: pd.DataFrame, today: dt.date | None = None) -> go.Figure | None:
    """A year of mood as a calendar: one column a week, one row a weekday, the mood written in."""
    mood = frame["mood"].dropna() if "mood" in frame else pd.Series(dtype=float)
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
    figure = go.Figure(
        go.Heatmap(z=grid, x=[start + pd.Timedelta(weeks=w) for w in range(len(grid[0]))],
                   y=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], text=labels,
                   texttemplate="%{text}", textfont={"size": 8}, zmin=1, zmax=10,
                   colorscale="Blues", colorbar={"title": {"text": "Mood"}}, xgap=2, ygap=2,
                   hovertemplate="Week of %{x|%d %b %Y}, %{y}: mood %{z}<extra></extra>")
    )  # fmt: skip
    return _layout(figure, "A year of moods", yaxis={"autorange": "reversed"}, height=260)


def tags_figure(comparison: pd.DataFrame) -> go.Figure | None:
    """How mood differs on days with each tag, only where both sides have enough days."""
    shown = comparison.dropna(subset=["difference"]).sort_values("difference")
    if shown.empty:
        return None
    labels = [
        f"{typed(row.tag)} ({row.with_days} days with, {row.without_days} without)"
        for row in shown.itertuples()
    ]
    figure = go.Figure(
        go.Bar(x=shown["difference"].round(1), y=labels, orientation="h",
               marker={"color": [MOOD if d >= 0 else ROLLING for d in shown["difference"]],
                       "pattern": {"shape": ["" if d >= 0 else "/" for d in shown["difference"]]}},
               text=[f"{d:+.1f}" for d in shown["difference"]], textposition="outside")
    )  # fmt: skip
    return _layout(figure, "Mood on days with each tag, compared with days without",
                   xaxis={"title": {"text": "Difference in average mood"}},
                   height=160 + 30 * len(shown))  # fmt: skip
