"""Small wins: wins spotted in the check-ins, milestones, and the wins adding up."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
from markupsafe import Markup

from ...analysis.checkins import checkin_days
from ...templating import element
from ...text import t, tn
from ..chart import Chart
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


def _found(day: str, what: str) -> str:
    """A win found in a check-in: its day, as the language writes it, and what it was."""
    import datetime as dt

    from ...text import day_text

    try:
        shown = day_text(dt.date.fromisoformat(day), "medium")
    except (TypeError, ValueError):
        shown = day
    return t("extras.wins.found", day=shown, what=what)


class WinsFound:
    """Wins spotted in recent check-ins, each with a one-click "Yes, that counts"."""

    where = "before"
    SHOWN = 12

    def __init__(self, form: Form) -> None:
        self.form = form
        self.rows = w.VBox(layout=full())
        self.widget = w.VBox(
            [w.HTML(element("h3", t("extras.wins.spotted"))), self.rows],
            layout=full(),
        )
        self.widget.add_class("kit-wins-found")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.wins import logged_wins, not_yet_logged, wins_in_checkins

        kinds = self.form.sheet.by_role("wins.category")
        labels = {str(o): o.label for o in kinds.options}
        found = wins_in_checkins(checkin_days(self.form.journal))
        fresh = not_yet_logged(found, logged_wins(answers, self.form.sheet))[: self.SHOWN]
        rows = []
        for win in fresh:
            text = win.what or labels[win.category]
            button = w.Button(description=t("extras.wins.counts"), layout=w.Layout(width="auto"))
            button.on_click(lambda _, found=win: self.count(found))
            row = w.HBox([button, w.HTML(element("span", _found(win.day, text)))])
            row.add_class("kit-win-found")
            rows.append(row)
        if not rows:
            rows = [w.HTML(element("p", t("extras.wins.none-new"), "kit-help"))]
        self.rows.children = rows

    def count(self, win) -> None:
        """Log the win and save straight away: one click."""
        from ...analysis.wins import win_entry

        wins = self.form.inputs[self.form.sheet.by_role("wins").id]
        wins.append(win_entry(win, self.form.sheet))
        self.form.save()


class Celebration:
    """After a save: a quiet word, a no-contact milestone when one is reached, the streaks,
    and the wins adding up."""

    where = "below"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.words = w.HTML(layout=full())
        self.chart = Chart(self._total)
        self.widget = w.VBox([self.words, self.chart.widget], layout=full())
        self.wins = form.sheet.by_role("wins").id
        self._seen = len((form.saved or {}).get(self.wins) or [])

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.streaks import column, streak
        from ...analysis.wins import milestone_reached
        from ...content import field_ids

        rows = checkin_days(self.form.journal)
        contacted, checked = field_ids("check-in", "contacted", "checked_profiles")
        contact = streak(column(rows, contacted))
        profiles = streak(column(rows, checked))
        lines = []
        count = len((answers or {}).get(self.wins) or [])
        if count > self._seen:
            lines.append(t("wins.noted"))
        self._seen = count
        reached = milestone_reached(contact.current)
        if reached:
            lines.append(t(f"wins.milestone.{reached}"))
        for run, what in ((contact, "contact"), (profiles, "profiles")):
            if run.longest:
                lines.append(tn(f"wins.run.{what}", run.current, longest=run.longest))
        self.words.value = Markup("").join(element("p", x) for x in lines)
        self.chart.refresh(answers)

    @property
    def figure(self) -> Any:
        return self.chart.figure

    @staticmethod
    def _total(answers: dict[str, Any] | None) -> Any:
        from ...analysis.wins import logged_wins, wins_over_time
        from ...plots.wins import wins_figure

        return wins_figure(wins_over_time(logged_wins(answers)))


EXTRAS = (WinsFound, Celebration)
