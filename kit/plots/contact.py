"""A fade, week by week: the target for each week beside the contact logged in check-ins."""

from __future__ import annotations

import plotly.graph_objects as go

from ..analysis.contact import FadeWeek
from ..text import t
from . import looks


def fade_figure(progress: list[FadeWeek]) -> go.Figure | None:
    """Bars of days in touch each week, a stepped line of the targets; None without a plan."""
    if not progress:
        return None
    labels = [t("charts.fade.week", n=w.week) for w in progress]
    logged, targets = [w.logged for w in progress], [w.target for w in progress]
    figure = go.Figure(
        [
            go.Bar(x=labels, y=logged, name=t("charts.fade.logged"),
                   marker={"color": "#6a3d9a", "pattern": {"shape": "/"}},
                   text=logged, textposition="outside"),
            go.Scatter(x=labels, y=targets, name=t("charts.fade.target"), mode="lines+markers",
                       line={"color": "#1d4f73", "shape": "hv", "width": 3},
                       marker={"symbol": "diamond", "size": 9}),
        ]
    )  # fmt: skip
    figure.update_layout(
        title={"text": t("charts.fade.title"), "font": {"size": 15}},
        yaxis={"range": [0, 7.8], "title": {"text": t("charts.fade.axis")}},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=340,
        plot_bgcolor="white",
    )
    return looks(figure)
