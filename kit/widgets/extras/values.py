"""Values and life goals: where they pull apart."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..chart import Chart

if TYPE_CHECKING:
    from ..form import Form


def _values_chart(form: Form) -> Chart:
    from ...analysis.values import clash_score, goal_clashes, value_clashes
    from ...plots.values import clash_figure

    def draw(answers: dict[str, Any] | None) -> Any:
        values, goals = value_clashes(form.sheet, answers), goal_clashes(answers, form.sheet)
        return clash_figure(values + goals, clash_score(values, goals))

    return Chart(draw)


EXTRAS = (_values_chart,)
