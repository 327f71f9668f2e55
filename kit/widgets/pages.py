"""What each page shows beside its questions, refreshed with the answers after every save.

Every worksheet ends with a summary of what was saved. Some add more: a worksheet with
``[[care]]`` rules brings help the moment an answer is low (kit.widgets.care), the
well-being check adds the safety route, and worksheets with a chart add it here (charts
are drawn by pure functions in ``kit.plots``; plotly is only imported on pages that draw
one).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from ..analysis.summary import summary
from . import steps
from .chart import Chart
from .form import Form
from .inputs import full
from .safety import SafetyPanel
from .support import with_lines


class Summary:
    """The "What you saved" list: the saved answers in words, escaped."""

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
            f'<div class="kit-summary"><h3>What you saved</h3><dl>{items}</dl></div>'
        )


def _safety(form: Form) -> SafetyPanel:
    return SafetyPanel(form.journal)


def _balance_chart(form: Form) -> Chart:
    from ..analysis.balance import area_balances
    from ..plots.balance import balance_figure

    return Chart(lambda answers: balance_figure(area_balances(answers)))


def _values_chart(form: Form) -> Chart:
    from ..analysis.values import clash_score, goal_clashes, value_clashes
    from ..plots.values import clash_figure

    def draw(answers: dict[str, Any] | None) -> Any:
        values, goals = value_clashes(form.sheet, answers), goal_clashes(answers)
        return clash_figure(values + goals, clash_score(values, goals))

    return Chart(draw)


def _decisional_chart(form: Form) -> Chart:
    from ..analysis.reasons import decisional_balance
    from ..plots.reasons import decisional_figure

    return Chart(lambda answers: decisional_figure(decisional_balance(answers)))


class Suggestions:
    """Reasons drafted from the other "why" pages, each with a button to take it up."""

    where = "before"

    def __init__(self, form: Form) -> None:
        from ..analysis.reasons import draft_reasons
        from ..content import definition

        journal = form.journal
        self.form = form
        self.drafts = draft_reasons(
            definition("wellbeing"),
            definition("values"),
            *(journal.latest(sheet) for sheet in ("wellbeing", "balance", "values", "future")),
        )
        rows: list[w.Widget] = []
        for draft in self.drafts:
            button = w.Button(description="Add to my reasons", layout=w.Layout(width="auto"))
            button.on_click(lambda b, text=draft: self.take(text, b))
            text = w.HTML(f'<span class="kit-draft">{html.escape(draft)}</span>', layout=full())
            row = w.HBox([button, text], layout=w.Layout(align_items="center"))
            row.add_class("kit-suggestion")
            rows.append(row)
        if rows:
            heading = (
                "<h3>Suggestions from your other pages</h3>"
                '<p class="kit-help">Only suggestions. Add the ones that ring true, then rewrite '
                "them below so they sound like you.</p>"
            )
        else:
            heading = (
                '<p class="kit-help">When you have filled in the other pages (how you are, give '
                "and take, what matters to you, and your future), suggestions drawn from them "
                "will appear here. You can always write your own.</p>"
            )
        self.widget = w.VBox([w.HTML(heading, layout=full()), *rows], layout=full())

    def take(self, text: str, button: w.Button | None = None) -> None:
        """Add a suggestion to the reasons on the page (once), ready to be rewritten."""
        reasons = self.form.inputs["reasons"]
        if text not in [r.get("reason") for r in reasons.value or []]:
            reasons.append({"reason": text})
        if button is not None:
            button.description = "Added"
            button.disabled = True

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Suggestions come from the other pages, which saving this one does not change."""


class ScorePanel:
    """The total and published band of a saved scale, labelled as a self-check."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ..analysis.scales import score_answers

        if not answers:
            self.widget.value = ""
            return
        result = score_answers(self.form.sheet, answers)
        self.widget.value = (
            f'<div class="kit-score"><strong>Your score: {result.total} of {result.maximum}'
            f" ({html.escape(result.band)})</strong><br>{html.escape(result.note)}</div>"
        )


def _look_back(form: Form) -> Any:
    from .lookback import LookBackPanel

    return LookBackPanel(form)


def _roles_chart(form: Form) -> Chart:
    from ..analysis.support import role_coverage
    from ..plots.support import roles_figure

    return Chart(lambda answers: roles_figure(role_coverage(form.sheet, answers)))


def _belief_chart(form: Form) -> Chart:
    from ..analysis.whatifs import belief_changes
    from ..plots.whatifs import belief_figure

    return Chart(lambda answers: belief_figure(belief_changes(answers)))


class Lines:
    """Professional and crisis lines, for the country chosen once."""

    def __init__(self, form: Form) -> None:
        self.widget = with_lines("<h3>Professional and crisis lines</h3>", form.journal)

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The lines are data; they do not change with these answers."""


# Page id -> what it adds below Save, before the summary (each takes the form and has
# .widget and .refresh).
EXTRAS: dict[str, list[Callable[[Form], Any]]] = {
    "wellbeing": [_safety],
    "balance": [_balance_chart],
    "values": [_values_chart],
    "reasons": [_decisional_chart, Suggestions],
    "conversation": [
        steps.SaferChannels,
        steps.FromMyReasons,
        steps.IStatement,
        steps.WordingCheck,
        steps.DraftDownload,
    ],
    "contact-plan": [steps.ContactAdvice, steps.FadeChart],
    "digital-detox": [steps.DetoxSafety, steps.DetoxProgressPanel],
    "support": [_roles_chart, Lines],
    "kindness": [steps.BadDayProtocol],
    "what-ifs": [_belief_chart],
    "wins": [steps.WinsFound, steps.Celebration],
    "who5": [ScorePanel],
    "look-back": [_look_back],
    "phq9": [ScorePanel],
    "gad7": [ScorePanel],
}


def add_page_extras(form: Form) -> list[Any]:
    """Attach the page's extras and its summary; refresh them with each save's answers.

    An extra goes where its ``where`` says: "alerts" (the very top), "before" (above the
    questions), "below" (under Save, the default), or "placed" (it put itself somewhere).
    """
    from .care import care_extras

    extras = care_extras(form) + [make(form) for make in EXTRAS.get(form.sheet.id, [])]
    extras.append(Summary(form))
    for slot in ("alerts", "before", "below"):
        widgets = [e.widget for e in extras if getattr(e, "where", "below") == slot]
        getattr(form, "extras" if slot == "below" else slot).children = widgets
    for extra in extras:
        extra.refresh(form.saved)
        form.on_saved(lambda record, extra=extra: extra.refresh(record.answers))
        form.on_shown(extra.refresh)
    return extras
