"""A chart on a page: a plotly figure drawn from answers, redrawn after each save."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .inputs import full

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def show_figure(figure: Any) -> None:
    """Display a plotly figure as its JSON, for the page's plotly renderer.

    Displaying the figure object itself goes through plotly's notebook renderers, which
    import nbformat and jsonschema; one of jsonschema's format checkers builds a parser at
    import, about 3 s in a fresh kernel (measured with benchmarks/budget.py). The JSON is
    what those renderers would send anyway."""
    from IPython.display import display

    bundle = {PLOTLY_MIME: json.loads(figure.to_json(validate=False)), "text/plain": "A chart"}
    display(bundle, raw=True)


def chart_output(name: str, figure: Any) -> w.Output:
    """A finished figure on its own, in a box with the class ``kit-chart-<name>``."""
    out = w.Output(layout=full())
    out.add_class(f"kit-chart-{name}")
    with out:
        show_figure(figure)
    return out


class Chart:
    """A plotly figure drawn from the latest answers; nothing while there is nothing to draw."""

    def __init__(self, draw: Callable[[dict[str, Any] | None], Any]) -> None:
        self.draw = draw
        self.figure: Any = None
        self.widget = w.Output(layout=full())
        self.widget.add_class("kit-chart")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.figure = self.draw(answers)
        self.widget.clear_output(wait=True)
        if self.figure is not None:
            with self.widget:
                show_figure(self.figure)
