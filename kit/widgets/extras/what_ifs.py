"""The what-ifs: belief before and after each thought."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import Chart

if TYPE_CHECKING:
    from ..form import Form


def _belief_chart(form: Form) -> Chart:
    from ...analysis.whatifs import belief_changes
    from ...plots.whatifs import belief_figure

    return Chart(lambda answers: belief_figure(belief_changes(answers, form.sheet)))


EXTRAS = (_belief_chart,)
