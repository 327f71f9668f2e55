"""Your people: who covers which role, and the professional and crisis lines."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..chart import Chart
from ..support import with_lines

if TYPE_CHECKING:
    from ..form import Form


def _roles_chart(form: Form) -> Chart:
    from ...analysis.support import role_coverage
    from ...plots.support import roles_figure

    return Chart(lambda answers: roles_figure(role_coverage(form.sheet, answers)))


class Lines:
    """Professional and crisis lines, for the country chosen once."""

    where = "below"

    def __init__(self, form: Form) -> None:
        from markupsafe import Markup

        from ...text import markup

        heading = Markup("<h3>{}</h3>").format(markup("extras.support.heading"))
        self.widget = with_lines(str(heading), form.journal)

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The lines are data; they do not change with these answers."""


EXTRAS = (_roles_chart, Lines)
