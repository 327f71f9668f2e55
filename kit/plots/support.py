"""Who covers which role: a bar per role, with a note where no one does yet."""

from __future__ import annotations

import plotly.graph_objects as go

from ..text import list_text, t
from . import looks


def roles_figure(coverage: dict[str, list[str]]) -> go.Figure | None:
    """People per role, named on hover; None while nobody is listed."""
    if not any(coverage.values()):
        return None
    roles = list(coverage)[::-1]
    counts = [len(coverage[r]) for r in roles]
    figure = go.Figure(
        go.Bar(y=roles, x=counts, orientation="h", marker={"color": "#1d4f73"},
               text=[_names(coverage[r]) for r in roles],
               textposition="outside", hovertemplate="%{y}: %{x}<extra></extra>")
    )  # fmt: skip
    figure.update_layout(
        title={"text": t("charts.roles.title"), "font": {"size": 15}},
        xaxis={
            "title": {"text": t("charts.roles.axis")},
            "dtick": 1,
            "range": [0, max(counts) + 2],
        },
        yaxis={"automargin": True},
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        height=300,
        plot_bgcolor="white",
    )
    return looks(figure)


def _names(names: list[str]) -> str:
    """The people in a role, joined as the language joins a list; "no one yet" for none.
    (list_text escapes each name, as a plotly label needs.)"""
    return str(list_text(names)) if names else t("charts.roles.no-one")
