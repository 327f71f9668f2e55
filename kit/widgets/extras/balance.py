"""Give and take: the tug-of-war chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..chart import Chart

if TYPE_CHECKING:
    from ..form import Form


def _balance_chart(form: Form) -> Chart:
    from ...analysis.balance import area_balances
    from ...plots.balance import balance_figure

    return Chart(lambda answers: balance_figure(area_balances(answers, form.sheet)))


EXTRAS = (_balance_chart,)
