"""Wins adding up: a running total over time."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def wins_figure(total: pd.Series) -> go.Figure | None:
    """The running total of wins, a step for each day with wins; None with no wins yet."""
    if total.empty:
        return None
    figure = go.Figure(
        go.Scatter(x=total.index, y=total.values, mode="lines+markers", line={"shape": "hv",
                   "color": "#2e6b3a", "width": 3}, marker={"symbol": "star", "size": 9},
                   name="Wins so far")
    )  # fmt: skip
    figure.update_layout(
        title={"text": f"{int(total.iloc[-1])} wins and counting", "font": {"size": 15}},
        yaxis={"rangemode": "tozero", "title": {"text": "Wins so far"}},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=320,
        plot_bgcolor="white",
        showlegend=False,
    )
    return figure
