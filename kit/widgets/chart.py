"""A chart on a page: a plotly figure drawn from answers, redrawn after each save."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import ipywidgets as w

from .inputs import full


class Chart:
    """A plotly figure drawn from the latest answers; nothing while there is nothing to draw."""

    def __init__(self, draw: Callable[[dict[str, Any] | None], Any]) -> None:
        self.draw = draw
        self.figure: Any = None
        self.widget = w.Output(layout=full())
        self.widget.add_class("kit-chart")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from IPython.display import display

        self.figure = self.draw(answers)
        self.widget.clear_output(wait=True)
        if self.figure is not None:
            with self.widget:
                display(self.figure)
