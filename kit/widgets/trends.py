"""The trends page: how far you've come, streaks, and the charts, for a chosen range."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from ..analysis.checkins import checkins, scores
from ..content import definition
from ..journal import Journal
from ..templating import element
from ..text import language, t, tn
from ._display import DisplayOnce
from .chart import chart_output
from .form import STYLE
from .inputs import full
from .parts import show_part
from .soon import soon


def _words(frame: Any, scores: Any) -> Markup:
    """How far you've come, and the streaks, in a few escaped sentences."""
    from ..analysis.streaks import streak
    from ..content import field_ids

    if frame.empty and scores.empty:
        return element("p", t("trends.empty"))
    parts = []
    mood_id, contacted, checked = field_ids("check-in", "mood", "contacted", "checked_profiles")
    mood = frame[mood_id].dropna()
    if len(mood) >= 14:
        first, recent = mood.iloc[:7].mean(), mood.iloc[-7:].mean()
        parts.append(t("trends.mood", first=_one_place(first), recent=_one_place(recent)))
    elif len(mood):
        parts.append(tn("trends.so-far", len(mood)))
    contact = streak(frame.get(contacted, []))
    profiles = streak(frame.get(checked, []))
    for run, what in ((contact, "contact"), (profiles, "profiles")):
        if run.longest:
            parts.append(tn(f"wins.run.{what}", run.current, longest=run.longest))
    return Markup("").join(element("p", p) for p in parts)


def _one_place(number: float) -> str:
    """A mean as the language writes it, with one decimal place (6.5, or 6,5)."""
    from babel.numbers import format_decimal

    return format_decimal(round(float(number), 1), format="#,##0.0", locale=language())


def _range_words(key: str) -> str:
    """The words on the button for one of the ranges (``RANGES``' keys)."""
    words = {
        "30 days": t("trends.range.30-days"),
        "90 days": t("trends.range.90-days"),
        "Year": t("trends.range.year"),
        "All": t("trends.range.all"),
    }
    return words.get(key, key)


class Trends(DisplayOnce):
    """The trends page for one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal, today: dt.date | None = None) -> None:
        from .. import clock
        from ..analysis.mood import RANGES

        self.journal = journal
        self.today = today or clock.today(journal)
        self.range = w.ToggleButtons(
            options=[(_range_words(key), key) for key in RANGES],
            value="90 days",
            description=t("trends.show"),
        )
        self.range.add_class("kit-range")
        self.words = w.HTML(layout=full())
        self.charts = w.VBox(layout=full())
        self.widget = w.VBox([w.HTML(STYLE), self.words, self.range, self.charts], layout=full())
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-trends")
        self.range.observe(lambda _: self.draw(), names="value")
        self.refresh()

    def figures(self) -> dict[str, Any]:
        """The charts for the chosen range, by name; a chart with nothing to draw is left out."""
        from ..analysis.mood import (
            RANGES,
            in_range,
            milestones_from,
            mood_trend,
            step_milestones,
            tag_comparison,
        )
        from ..plots import trends

        days = RANGES[self.range.value]
        frame = in_range(self.all_checkins, days, self.today)
        scores = in_range(self.all_scores.set_index("date"), days, self.today).reset_index()
        milestones = sorted(
            milestones_from(self.journal.latest("milestones"))
            + step_milestones(
                self.journal.latest("conversation"), self.journal.latest("contact-plan")
            )
        )
        candidates = {
            "mood": trends.mood_figure(mood_trend(frame), milestones),
            "urge": trends.urge_figure(frame),
            "calendar": trends.calendar_figure(
                in_range(self.all_checkins, 365, self.today), self.today
            ),
            "tags": trends.tags_figure(tag_comparison(frame)),
        }
        for scale in ("who5", "phq9", "gad7"):
            bands = definition(scale).scoring.bands  # type: ignore[union-attr]
            candidates[scale] = trends.scale_figure(scores, scale, bands)
        return {name: figure for name, figure in candidates.items() if figure is not None}

    def refresh(self) -> None:
        """Read the journal again, then draw."""
        self.all_checkins = checkins(self.journal)
        self.all_scores = scores(self.journal)
        self.words.value = _words(self.all_checkins, self.all_scores)
        self.draw()

    def draw(self) -> None:
        """Draw the charts for the chosen range (changing the range reads nothing again); in
        the app, once the page is on the screen (see ``soon``)."""
        soon(self._draw)

    def _draw(self) -> None:
        self.charts.children = [chart_output(n, f) for n, f in self.figures().items()]


def show_trends(journal: Journal | None = None) -> Trends | None:
    """Display the trends page (the default journal if None); a calm message if it can't."""
    return show_part(Trends, journal)
