"""My reasons: the decisional balance, and suggestions drawn from the other pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...templating import element
from ...text import t
from ..chart import Chart
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


def _decisional_chart(form: Form) -> Chart:
    from ...analysis.reasons import decisional_balance
    from ...plots.reasons import decisional_figure

    return Chart(lambda answers: decisional_figure(decisional_balance(answers, form.sheet)))


class Suggestions:
    """Reasons drafted from the other "why" pages, each with a button to take it up."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.drafts: list[str] = []
        self.widget = w.VBox(layout=full())
        self._read()

    def _read(self) -> None:
        """Draft the suggestions from what the other pages say now."""
        from ...analysis.reasons import draft_reasons
        from ...content import definition

        journal = self.form.journal
        drafts = draft_reasons(
            definition("wellbeing"),
            definition("values"),
            *(journal.latest(sheet) for sheet in ("wellbeing", "balance", "values", "future")),
        )
        if drafts == self.drafts and self.widget.children:
            return
        self.drafts = drafts
        rows: list[w.Widget] = []
        for draft in self.drafts:
            button = w.Button(description=t("extras.reasons.add"), layout=w.Layout(width="auto"))
            button.on_click(lambda b, text=draft: self.take(text, b))
            text = w.HTML(element("span", draft, "kit-draft"), layout=full())
            row = w.HBox([button, text], layout=w.Layout(align_items="center"))
            row.add_class("kit-suggestion")
            rows.append(row)
        if rows:
            heading = element("h3", t("extras.reasons.heading")) + element(
                "p", t("extras.reasons.only-suggestions"), "kit-help"
            )
        else:
            heading = element("p", t("extras.reasons.none-yet"), "kit-help")
        self.widget.children = [w.HTML(heading, layout=full()), *rows]

    def take(self, text: str, button: w.Button | None = None) -> None:
        """Add a suggestion to the reasons on the page (once), ready to be rewritten."""
        listed, reason = (self.form.sheet.by_role(r).id for r in ("reasons", "reasons.reason"))
        reasons = self.form.inputs[listed]
        if text not in [r.get(reason) for r in reasons.value or []]:
            reasons.append({reason: text})
        if button is not None:
            button.description = t("extras.reasons.added")
            button.disabled = True

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Suggestions come from the other pages: read them again."""
        self._read()


EXTRAS = (_decisional_chart, Suggestions)
