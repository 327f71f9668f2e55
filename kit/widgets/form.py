"""The worksheet form: a definition in, a page of inputs with a Save button out.

The form holds no state of its own beyond its inputs, and everything it does can be
driven from Python (``form.inputs[...].value = ...``, then ``form.save_button.click()``),
which is how the tests fill it in without a browser.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from ..content import Definition
from ..errors import JournalError, ValidationError
from ..journal import Journal, Record
from ..templating import element
from ..text import t, tn
from ._display import DisplayOnce, saved_when
from .inputs import Input, full, make_input

log = logging.getLogger(__name__)

# The kit's stylesheet, sent once with each page's first widget.
STYLE = element("style", Markup((Path(__file__).parent / "style.css").read_text(encoding="utf-8")))  # noqa: S704 (the kit's own style sheet)


def _day_label(day: str) -> str:
    from ..text import day_text

    return day_text(dt.date.fromisoformat(day), "medium")


def problem_box(message: str) -> w.HTML:
    """A calm, escaped message in place of something that could not be done."""
    return w.HTML(STYLE + element("div", message, "kit-problem", role="alert"), layout=full())


class Form(DisplayOnce):
    """A worksheet on the page, bound to a journal."""

    def __init__(self, sheet: Definition, journal: Journal) -> None:
        self.sheet = sheet
        self.journal = journal
        self.inputs: dict[str, Input] = {}
        self._filling = False
        self._saved_callbacks: list[Callable[[Record], None]] = []
        self._shown_callbacks: list[Callable[[dict[str, Any] | None], None]] = []

        # What must come before anything else (the crisis lines, for one): see pages.py.
        self.alerts = w.VBox(layout=full())
        from .drafts import Drafts

        self.drafts = Drafts(self)
        parts: list[w.Widget] = [
            self.alerts,
            w.HTML(STYLE + element("h2", sheet.title)),
            self.drafts.bar,
        ]
        if sheet.intro:
            parts.append(w.HTML(element("p", sheet.intro, "kit-intro"), layout=full()))
        # What a page adds before its questions (suggestions, for one): see pages.py.
        self.before = w.VBox(layout=full())
        parts.append(self.before)
        for section in sheet.sections:
            parts.append(w.HTML(element("h3", section.title), layout=full()))
            if section.intro:
                parts.append(w.HTML(element("p", section.intro, "kit-intro"), layout=full()))
            for field in section.fields:
                field_input = make_input(field)
                field_input.on_change(self._edited)
                self.inputs[field.id] = field_input
                parts.append(field_input.box)

        for field_input in self.inputs.values():
            if field_input.field.options_from:
                field_input.bind(self.inputs[field_input.field.options_from])

        if sheet.attribution:
            parts.append(w.HTML(element("p", sheet.attribution, "kit-attribution"), layout=full()))

        self.save_button = w.Button(description=t("widgets.form.save"), button_style="primary")
        self.save_button.add_class("kit-save")
        self.save_button.on_click(lambda _: self.save())
        self.status = w.Label("", layout=w.Layout(margin="0 0 0 1em"))
        self.status.add_class("kit-status")
        parts.append(w.HBox([self.save_button, self.status], layout=w.Layout(align_items="center")))
        # What a page adds below Save (a summary, a chart, the safety route): see pages.py.
        self.extras = w.VBox(layout=full())
        parts += [self.extras, self.drafts.watch]
        self.widget = w.VBox(parts, layout=full())
        self.widget.add_class("kit-form")
        self.widget.add_class(f"kit-sheet-{sheet.id}")

        self.saved: dict[str, Any] | None = None
        """The answers as last saved (for a daily sheet: for the day shown), or None."""
        if sheet.daily:
            # Once a day: open on today, and show whichever day the date is moved to.
            self._day: str | None = None
            self.inputs[sheet.daily].on_change(self._day_changed)
            from .. import clock

            self.show_day(clock.today(journal).isoformat())
            self.drafts.offer()
            return
        last = journal.latest_record(sheet.id)
        if last is not None:
            self.saved = last.answers
            self.set_values(last.answers)
            self.status.value = t(
                "widgets.form.last-saved", when=saved_when(last.saved_at, journal)
            )
        else:  # a first visit starts from the worksheet's suggested entries, if any
            self.set_values({f.id: list(f.defaults) for f in sheet.fields if f.defaults})
        self.drafts.offer()

    def refresh(self) -> None:
        """Show the journal as it is now, as when the page is shown again: the answers as
        last saved (unless the page holds changes not saved yet, which stay), and every
        extra reads what it takes from other pages again."""
        unsaved = {k: v for k, v in self.values().items() if k != self.sheet.daily}
        saved = {k: v for k, v in (self.saved or {}).items() if k != self.sheet.daily}
        if unsaved != saved:
            for callback in self._shown_callbacks:
                callback(self.saved)
            return
        if self.sheet.daily:
            self.show_day(self._day or self.values().get(self.sheet.daily))
            return
        last = self.journal.latest_record(self.sheet.id)
        if last is not None and last.answers != self.saved:
            self.saved = last.answers
            self.set_values(last.answers)
            self.status.value = t(
                "widgets.form.last-saved", when=saved_when(last.saved_at, self.journal)
            )
        for callback in self._shown_callbacks:
            callback(self.saved)

    # --- once-a-day worksheets ---------------------------------------------------------

    def show_day(self, day: str) -> None:
        """Fill the page with what was saved for ``day`` (blank if nothing was)."""
        self._day = day
        record = self.journal.for_day(self.sheet.id, day)
        self.saved = record.answers if record else None
        self.set_values(record.answers if record else {self.sheet.daily: day})
        for callback in self._shown_callbacks:
            callback(self.saved)
        label = _day_label(day)
        self.status.value = (
            t(
                "widgets.form.last-saved-for",
                when=saved_when(record.saved_at, self.journal),
                day=label,
            )
            if record
            else t("widgets.form.nothing-for", day=label)
        )

    def _day_changed(self) -> None:
        day = self.inputs[self.sheet.daily].value
        if day and day != self._day:
            self.show_day(day)

    # --- values ----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The answers on the page now, as they would be saved (unanswered ones left out)."""
        return {key: i.value for key, i in self.inputs.items() if i.value is not None}

    def set_values(self, answers: dict[str, Any]) -> None:
        """Fill the page with these answers; questions not in ``answers`` are cleared."""
        self._filling = True  # filling the page is not an edit: no draft is kept for it
        try:
            for key, field_input in self.inputs.items():
                field_input.value = answers.get(key)
        finally:
            self._filling = False

    # --- actions ---------------------------------------------------------------------

    def on_saved(self, callback: Callable[[Record], None]) -> None:
        """Call ``callback(record)`` after each successful save."""
        self._saved_callbacks.append(callback)

    def on_shown(self, callback: Callable[[dict[str, Any] | None], None]) -> None:
        """Call ``callback(saved answers)`` when a daily sheet is moved to another day."""
        self._shown_callbacks.append(callback)

    def save(self) -> Record | None:
        """Check and save the answers on the page; show what happened. Never raises."""
        for field_input in self.inputs.values():
            field_input.show_error(None)
        try:
            record = self.journal.save(self.sheet.id, self.values())
        except ValidationError as problem:
            for key, message in problem.errors.items():
                if key in self.inputs:
                    self.inputs[key].show_error(message)
            self.status.value = tn("widgets.form.to-look-at", len(problem.errors))
            return None
        except JournalError as problem:
            self.status.value = t("widgets.form.not-saved", problem=str(problem))
            return None
        except Exception:
            log.exception("saving %s failed", self.sheet.id)
            self.status.value = t("widgets.form.went-wrong")
            return None
        self.saved = record.answers
        self.set_values(record.answers)
        self.drafts.saved()
        when = saved_when(record.saved_at, self.journal)
        if self.sheet.daily:
            day = _day_label(record.answers[self.sheet.daily])
            self.status.value = t("widgets.form.saved-for", when=when, day=day)
        else:
            self.status.value = t("widgets.form.saved", when=when)
        for callback in self._saved_callbacks:
            callback(record)
        return record

    def _edited(self) -> None:
        if self._filling:
            return
        self.drafts.keep()
        self.status.value = t("draft.kept")
