"""What every page, or every scale, shows below its questions."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...analysis.summary import summary
from ...text import t
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
        items = "".join(
            f"<dt>{html.escape(question)}</dt><dd>{html.escape(answer)}</dd>"
            for question, answer in pairs
        )
        self.widget.value = (
            f'<div class="kit-summary"><h3>{html.escape(t("extras.summary.heading"))}</h3>'
            f"<dl>{items}</dl></div>"
        )


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
        self.widget.value = f'<div class="kit-score">{score}<br>{html.escape(result.note)}</div>'
