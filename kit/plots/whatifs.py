"""Belief before and after, one row per what-if: a hollow dot, an arrow of a line, a full dot."""

from __future__ import annotations

import plotly.graph_objects as go

from ..analysis.whatifs import BeliefChange
from ..text import t
from . import looks, typed


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def belief_figure(changes: list[BeliefChange]) -> go.Figure | None:
    """Before (hollow) and after (filled) for each what-if; None with no complete record."""
    if not changes:
        return None
    names = [f"{i}. {typed(_short(c.thought))}" for i, c in enumerate(changes, start=1)][::-1]
    ordered = changes[::-1]
    figure = go.Figure()
    for name, change in zip(names, ordered, strict=True):
        figure.add_trace(go.Scatter(x=[change.before, change.after], y=[name, name], mode="lines",
                                    line={"color": "#9aa5b1", "width": 2}, showlegend=False,
                                    hoverinfo="skip"))  # fmt: skip
    figure.add_trace(
        go.Scatter(
            x=[c.before for c in ordered],
            y=names,
            mode="markers",
            name=t("charts.beliefs.before"),
            marker={"symbol": "circle-open", "size": 12, "color": "#b5651d", "line": {"width": 2}},
        )
    )
    figure.add_trace(go.Scatter(x=[c.after for c in ordered], y=names, mode="markers",
                                name=t("charts.beliefs.after"),
                                marker={"symbol": "circle", "size": 12,
                                        "color": "#1d4f73"}))  # fmt: skip
    figure.update_layout(
        title={
            "text": t("charts.beliefs.title"),
            "font": {"size": 15},
        },
        xaxis={"range": [-5, 105], "title": {"text": t("charts.beliefs.axis")}},
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=180 + 34 * len(changes),
        plot_bgcolor="white",
    )
    return looks(figure)
