"""What each page shows below its Save button, refreshed after every save.

Every worksheet ends with a summary of what was saved. Some add more: the well-being check
adds the safety route, and worksheets with a chart add it here (charts are drawn by pure
functions in ``kit.plots``; plotly is only imported on pages that draw one).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..analysis.summary import summary
from .form import Form
from .inputs import full
from .safety import SafetyPanel


class Summary:
    """ "What you saved": the latest answers in words, escaped."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())
        self.refresh()

    def refresh(self, *_: Any) -> None:
        pairs = summary(self.form.sheet, self.form.journal.latest(self.form.sheet.id))
        if not pairs:
            self.widget.value = ""
            return
        items = "".join(
            f"<dt>{html.escape(question)}</dt><dd>{html.escape(answer)}</dd>"
            for question, answer in pairs
        )
        self.widget.value = (
            f'<div class="kit-summary"><h3>What you saved</h3><dl>{items}</dl></div>'
        )


class Chart:
    """A plotly figure drawn from the latest answers; nothing while there is nothing to draw."""

    def __init__(self, form: Form, draw: Callable[[dict[str, Any] | None], Any]) -> None:
        self.form = form
        self.draw = draw
        self.widget = w.Output(layout=full())
        self.widget.add_class("kit-chart")
        self.refresh()

    def refresh(self, *_: Any) -> None:
        from IPython.display import display

        self.figure = self.draw(self.form.journal.latest(self.form.sheet.id))
        self.widget.clear_output(wait=True)
        if self.figure is not None:
            with self.widget:
                display(self.figure)


def _safety(form: Form) -> SafetyPanel:
    return SafetyPanel(form.journal)


def _balance_chart(form: Form) -> Chart:
    from ..analysis.balance import area_balances
    from ..plots.balance import balance_figure

    return Chart(form, lambda answers: balance_figure(area_balances(answers)))


def _values_chart(form: Form) -> Chart:
    from ..analysis.values import clash_score, goal_clashes, value_clashes
    from ..plots.values import clash_figure

    def draw(answers: dict[str, Any] | None) -> Any:
        values, goals = value_clashes(form.sheet, answers), goal_clashes(answers)
        return clash_figure(values + goals, clash_score(values, goals))

    return Chart(form, draw)


# Page id -> what it adds before the summary (each takes the form, has .widget and .refresh).
EXTRAS: dict[str, list[Callable[[Form], Any]]] = {
    "wellbeing": [_safety],
    "balance": [_balance_chart],
    "values": [_values_chart],
}


def add_page_extras(form: Form) -> list[Any]:
    """Attach the page's extras and its summary below Save; refresh them on every save."""
    extras = [make(form) for make in EXTRAS.get(form.sheet.id, [])] + [Summary(form)]
    form.extras.children = [extra.widget for extra in extras]
    for extra in extras:
        form.on_saved(extra.refresh)
    return extras
