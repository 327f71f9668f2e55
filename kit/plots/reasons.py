"""The decisional balance: the weight on each side of staying and of leaving."""

from __future__ import annotations

import plotly.graph_objects as go

from ..text import t
from . import looks

GAINS, COSTS = "#2e6b3a", "#a4161a"


def decisional_figure(totals: dict[str, int]) -> go.Figure | None:
    """Gains and costs of staying and of leaving, side by side; None while all are empty."""
    if not any(totals.values()):
        return None
    sides = [t("charts.decisional.staying"), t("charts.decisional.leaving")]
    gains = [totals["stay_gains"], totals["leave_gains"]]
    costs = [totals["stay_costs"], totals["leave_costs"]]
    figure = go.Figure(
        [
            go.Bar(name=t("charts.decisional.gains"), x=sides, y=gains, marker={"color": GAINS},
                   text=gains, textposition="outside"),
            go.Bar(name=t("charts.decisional.costs"), x=sides, y=costs,
                   marker={"color": COSTS, "pattern": {"shape": "x"}},
                   text=costs, textposition="outside"),
        ]
    )  # fmt: skip
    figure.update_layout(
        title={"text": t("charts.decisional.title"), "font": {"size": 15}},
        barmode="group",
        yaxis={"title": {"text": t("charts.decisional.axis")}, "rangemode": "tozero"},
        legend={"orientation": "h", "y": -0.2},
        height=360,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
    )
    return looks(figure)
