"""Who covers which role: a bar per role, with a note where no one does yet."""

from __future__ import annotations

import plotly.graph_objects as go

from . import typed


def roles_figure(coverage: dict[str, list[str]]) -> go.Figure | None:
    """People per role, named on hover; None while nobody is listed."""
    if not any(coverage.values()):
        return None
    roles = list(coverage)[::-1]
    counts = [len(coverage[r]) for r in roles]
    figure = go.Figure(
        go.Bar(y=roles, x=counts, orientation="h", marker={"color": "#1d4f73"},
               text=[", ".join(typed(n) for n in coverage[r]) or "no one yet" for r in roles],
               textposition="outside", hovertemplate="%{y}: %{x}<extra></extra>")
    )  # fmt: skip
    figure.update_layout(
        title={"text": "Who covers which role", "font": {"size": 15}},
        xaxis={"title": {"text": "People"}, "dtick": 1, "range": [0, max(counts) + 2]},
        yaxis={"automargin": True},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=300,
        plot_bgcolor="white",
    )
    return figure
