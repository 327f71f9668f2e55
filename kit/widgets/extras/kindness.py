"""Kindness on bad days: the bad-day protocol."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...text import t
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


class BadDayProtocol:
    """Reasons, kind words and the chosen person, when today is bad (or when asked); the
    crisis lines first at the lowest point; a hard date coming, with its person."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.journal = form.journal
        self._read()
        self.asked = False
        self.ask = w.Button(description=t("care.ask"), layout=w.Layout(width="auto"))
        self.ask.on_click(lambda _: self.open())
        self.panel = w.VBox(layout=full())
        self.panel.add_class("kit-bad-day")
        self.widget = w.VBox([self.ask, self.panel], layout=full())
        self.update()

    def _read(self) -> None:
        """Today's check-in and the latest PHQ-9, and what their care rules raise."""
        from ... import clock
        from ...analysis import care
        from ...content import definition

        self.today = clock.today(self.journal)
        checkin, phq9 = definition("check-in"), definition("phq9")
        today = self.journal.for_day("check-in", self.today)
        self.raised = care.shows(checkin, today.answers if today else None) | care.shows(
            phq9, self.journal.latest("phq9")
        )
        self.hard_date = next((r for r in checkin.care if r.show == "hard-date"), None)

    def open(self) -> None:
        self.asked = True
        self.update()

    def update(self) -> None:
        from ...analysis.kindness import bad_day
        from ..care import hard_date_parts, low_parts, lowest_parts

        state = bad_day(self.raised, self.asked)
        self.ask.layout.display = "none" if state.show else None
        parts: list[w.Widget] = []
        if self.hard_date is not None:
            parts += hard_date_parts(self.journal, self.today, self.hard_date)
        if state.crisis_first:
            parts += lowest_parts(self.journal, "care.kindness-lowest")[:1]
        if state.show:
            parts += low_parts(self.journal, "care.low")
        self.panel.children = parts

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Today's mood, the latest PHQ-9, the reasons and the person come from other
        pages: read them again."""
        self._read()
        self.update()


EXTRAS = (BadDayProtocol,)
