"""A chart on a page: a plotly figure drawn from answers, redrawn after each save."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .inputs import full
from .soon import soon

PLOTLY_MIME = "application/vnd.plotly.v1+json"


def figure_output(figure: Any) -> dict[str, Any]:
    """A plotly figure as a finished ``display_data`` output, for an Output widget's
    ``outputs``.

    Why not ``with out: display(figure)``: under Voila, output captured that way goes to
    nbclient, which writes it into the widget and sends the widget's new state back to the
    kernel on the shell socket while it waits on that socket for the cell's reply. ZeroMQ
    wakes a waiting reader only on an edge, and a send can use that edge up: on the trends
    page (seven charts) the reply was lost every time and the page never finished loading.
    Setting ``outputs`` from the kernel sends nothing back.

    Why JSON: displaying the figure object goes through plotly's notebook renderers, which
    import nbformat and jsonschema; one of jsonschema's format checkers builds a parser at
    import, about 3 s in a fresh kernel (measured with benchmarks/budget.py). The JSON is
    what those renderers would send anyway.
    """
    spec = json.loads(figure.to_json(validate=False))
    # Charts fit the width of the page (a phone's too), and carry no zoom and pan toolbar:
    # its buttons are too small to touch, and a journal's charts need none of them. Long
    # titles are broken into lines short enough for a phone's width.
    layout = spec.setdefault("layout", {})
    layout["autosize"] = True
    title = layout.get("title")
    if isinstance(title, dict) and isinstance(title.get("text"), str):
        title["text"] = _lines(title["text"])
        lines = title["text"].count("<br>") + 1
        layout.setdefault("margin", {})["t"] = max(layout["margin"].get("t", 0), 28 + 22 * lines)
    for axis in ("xaxis", "yaxis"):
        named = (layout.get(axis) or {}).get("title")
        if isinstance(named, dict) and isinstance(named.get("text"), str):
            named["text"] = _lines(named["text"])
    spec["config"] = {"displayModeBar": False}
    from ..text import t

    data = {PLOTLY_MIME: spec, "text/plain": t("widgets.chart.plain")}
    return {"output_type": "display_data", "data": data, "metadata": {}}


LINE = 38  # characters: a title line that fits a phone's width


def _lines(text: str) -> str:
    """A chart's title broken into lines of about LINE characters, at spaces."""
    if "<br>" in text or len(text) <= LINE:
        return text
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > LINE:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return "<br>".join([*lines, line])


def chart_output(name: str, figure: Any) -> w.Output:
    """A finished figure on its own, in a box with the class ``kit-chart-<name>``."""
    out = w.Output(layout=full(), outputs=(figure_output(figure),))
    out.add_class(f"kit-chart-{name}")
    return out


class Chart:
    """A plotly figure drawn from the latest answers; nothing while there is nothing to draw."""

    where = "below"

    def __init__(self, draw: Callable[[dict[str, Any] | None], Any]) -> None:
        self.draw = draw
        self.figure: Any = None
        self.widget = w.Output(layout=full())
        self.widget.add_class("kit-chart")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Draw again (in the app, once the page is on the screen: see ``soon``)."""
        soon(lambda: self._draw(answers))

    def _draw(self, answers: dict[str, Any] | None) -> None:
        self.figure = self.draw(answers)
        self.widget.outputs = () if self.figure is None else (figure_output(self.figure),)
