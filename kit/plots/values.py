"""Where values and goals pull apart: one bar per value or goal, widest gaps first."""

from __future__ import annotations

import plotly.graph_objects as go

from ..analysis.values import Clash
from ..text import t
from . import looks, typed

COLOURS = {"value": "#1d4f73", "goal": "#b5651d"}
PATTERNS = {"value": "", "goal": "/"}
NAMES = {"value": "charts.values.values", "goal": "charts.values.goals"}  # message ids


def clash_figure(clashes: list[Clash], score: float | None) -> go.Figure | None:
    """Horizontal bars of each clash (0-100); None when nothing has been rated."""
    if not clashes:
        return None
    figure = go.Figure()
    for part in ("value", "goal"):
        mine = sorted((c for c in clashes if c.part == part), key=lambda c: c.clash)
        if not mine:
            continue
        figure.add_trace(
            go.Bar(
                name=t(NAMES[part]),
                y=[typed(c.name) for c in mine],
                x=[round(100 * c.clash) for c in mine],
                orientation="h",
                marker={"color": COLOURS[part], "pattern": {"shape": PATTERNS[part]}},
                text=[f"{round(100 * c.clash)}" for c in mine],
                textposition="outside",
                hovertemplate=t("charts.values.hover", name="%{y}", value="%{x}")
                + "<extra></extra>",
            )
        )
    title = (
        t("values.chart-title")
        if score is None
        else t("values.chart-title-score", score=f"{score:.0f}")
    )
    figure.update_layout(
        title={"text": title, "font": {"size": 15}},
        xaxis={"range": [0, 110], "title": {"text": t("values.chart-axis")}},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.25},
        height=180 + 30 * len(clashes),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
        barmode="group",
    )
    return looks(figure)
