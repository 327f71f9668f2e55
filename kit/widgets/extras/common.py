"""What every page, or every scale, shows below its questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
from markupsafe import Markup

from ...analysis.summary import summary
from ...templating import element, render
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


class Summary:
    """The "What you saved" list: the saved answers in words, escaped."""

    where = "below"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        pairs = summary(self.form.sheet, answers)
        if not pairs:
            self.widget.value = ""
            return
        self.widget.value = render("summary.html", pairs=pairs)


class ScorePanel:
    """The total and published band of a saved scale, labelled as a self-check."""

    where = "below"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.scales import score_answers

        if not answers:
            self.widget.value = ""
            return
        result = score_answers(self.form.sheet, answers)
        from ...text import markup

        score = markup("extras.score", total=result.total, maximum=result.maximum,
                       band=result.band)  # fmt: skip
        self.widget.value = element(
            "div", Markup("{}<br>{}").format(score, result.note), "kit-score"
        )
