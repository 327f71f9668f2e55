"""The tug-of-war chart: what they give pulls left, what you give pulls right."""

from __future__ import annotations

import plotly.graph_objects as go

from ..analysis.balance import AreaBalance, balance_index, describe_index
from ..text import t
from . import looks, number, typed

YOU = "#1d4f73"
THEM = "#b5651d"


def balance_figure(areas: list[AreaBalance]) -> go.Figure | None:
    """A diverging bar per area; None when no area is rated on both sides."""
    if not areas:
        return None
    names = [typed(a.area) for a in areas][::-1]  # first area at the top
    them = [-a.them for a in areas][::-1]
    you = [a.you for a in areas][::-1]
    index = balance_index(areas)
    figure = go.Figure(
        [
            go.Bar(
                name=t("charts.balance.they-give"), y=names, x=them, orientation="h",
                marker={"color": THEM, "pattern": {"shape": "/"}},
                text=[str(-v) for v in them], textposition="inside",
                hovertemplate=t("charts.balance.hover-they", area="%{y}", value="%{text}")
                + "<extra></extra>",
            ),
            go.Bar(
                name=t("charts.balance.you-give"), y=names, x=you, orientation="h",
                marker={"color": YOU},
                text=[str(v) for v in you], textposition="inside",
                hovertemplate=t("charts.balance.hover-you", area="%{y}", value="%{text}")
                + "<extra></extra>",
            ),
        ]
    )  # fmt: skip
    figure.update_layout(
        title={
            "text": t(
                "balance.chart-title",
                index=number(index, "+0.00;-0.00"),
                words=describe_index(index),
            ),
            "font": {"size": 15},
        },
        barmode="relative",
        xaxis={
            "range": [-4.5, 4.5],
            "tickvals": [-4, -2, 0, 2, 4],
            "ticktext": ["4", "2", "0", "2", "4"],
            "title": {"text": t("charts.balance.axis")},
            "zeroline": True,
            "zerolinewidth": 2,
        },
        yaxis={"automargin": True},
        legend={"orientation": "h", "y": -0.25},
        height=160 + 34 * len(areas),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        plot_bgcolor="white",
    )
    return looks(figure)
