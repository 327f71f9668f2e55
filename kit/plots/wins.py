"""Wins adding up: a running total over time."""

from __future__ import annotations

import plotly.graph_objects as go

from ..text import t, tn
from . import looks


def wins_figure(total: list[tuple[str, int]]) -> go.Figure | None:
    """The running total of wins, a step for each day with wins; None with no wins yet."""
    if not total:
        return None
    days, counts = zip(*total, strict=True)
    figure = go.Figure(
        go.Scatter(x=list(days), y=list(counts), mode="lines+markers", line={"shape": "hv",
                   "color": "#2e6b3a", "width": 3}, marker={"symbol": "star", "size": 9},
                   name=t("charts.wins.so-far"))
    )  # fmt: skip
    figure.update_layout(
        title={
            "text": tn("charts.wins.title", counts[-1]),
            "font": {"size": 15},
        },
        xaxis={"type": "date"},
        yaxis={"rangemode": "tozero", "title": {"text": t("charts.wins.so-far")}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=320,
        plot_bgcolor="white",
        showlegend=False,
    )
    return looks(figure, days)
