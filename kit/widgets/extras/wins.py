"""Small wins: wins spotted in the check-ins, milestones, and the wins adding up."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...text import t, tn
from ..chart import Chart
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


class WinsFound:
    """Wins spotted in recent check-ins, each with a one-click "Yes, that counts"."""

    where = "before"
    SHOWN = 12

    def __init__(self, form: Form) -> None:
        self.form = form
        self.rows = w.VBox(layout=full())
        self.widget = w.VBox(
            [w.HTML("<h3>Spotted in your check-ins</h3>"), self.rows], layout=full()
        )
        self.widget.add_class("kit-wins-found")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.wins import logged_wins, not_yet_logged, wins_in_checkins

        kinds = next(f for f in self.form.sheet.field("wins").fields if f.id == "category")
        labels = {str(o): o.label for o in kinds.options}
        fresh = not_yet_logged(
            wins_in_checkins(self.form.journal.checkin_days()), logged_wins(answers)
        )[: self.SHOWN]
        rows = []
        for win in fresh:
            text = win.what or labels[win.category]
            button = w.Button(description="Yes, that counts", layout=w.Layout(width="auto"))
            button.on_click(lambda _, found=win: self.count(found))
            row = w.HBox(
                [button, w.HTML(f"<span>{html.escape(win.day)}: {html.escape(text)}</span>")]
            )
            row.add_class("kit-win-found")
            rows.append(row)
        if not rows:
            rows = [
                w.HTML(
                    '<p class="kit-help">Nothing new spotted. Your check-ins feed this list.</p>'
                )
            ]
        self.rows.children = rows

    def count(self, win) -> None:
        """Log the win and save straight away: one click."""
        wins = self.form.inputs["wins"]
        entry = {"day": win.day, "category": win.category} | (
            {"what": win.what} if win.what else {}
        )
        wins.append(entry)
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
        self._seen = len((form.saved or {}).get("wins") or [])

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.streaks import column, streak
        from ...analysis.wins import milestone_reached

        rows = self.form.journal.checkin_days()
        contact = streak(column(rows, "contacted"))
        profiles = streak(column(rows, "checked_profiles"))
        lines = []
        count = len((answers or {}).get("wins") or [])
        if count > self._seen:
            lines.append(t("wins.noted"))
        self._seen = count
        reached = milestone_reached(contact.current)
        if reached:
            lines.append(t(f"wins.milestone.{reached}"))
        for run, what in ((contact, "contact"), (profiles, "profiles")):
            if run.longest:
                lines.append(tn(f"wins.run.{what}", run.current, longest=run.longest))
        self.words.value = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
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
