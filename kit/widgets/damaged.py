"""A damaged journal file, met on a page: say so calmly, change nothing, and offer the two
ways back: restore the newest good backup, or move the damaged file aside and start anew.
Neither writes over the damaged file; it is kept, renamed, in case it can be rescued."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import ipywidgets as w

from .. import backup
from ..errors import DamagedJournalError, KitError
from ..templating import element
from ..text import day_text, markup, t
from .form import STYLE
from .inputs import full


class Damaged:
    """The offer for one damaged journal file; ``.widget`` goes on the page."""

    def __init__(self, problem: DamagedJournalError) -> None:
        self.path = Path(problem.path)
        self.found = backup.newest_good(self.path)
        self.message = w.HTML(layout=full())
        self.restore_button = w.Button(
            description=t("damaged.restore.from", day=day_text(self.found[0])) if self.found
            else t("damaged.restore"), button_style="primary", layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.restore_button.on_click(lambda _: self.restore())
        self.aside_button = w.Button(description=t("damaged.move-aside"),
                                     layout=w.Layout(width="auto"))  # fmt: skip
        self.aside_button.on_click(lambda _: self.move_aside())
        if self.found is None:
            self.restore_button.layout.display = "none"
        choices = t("damaged.choices.backup") if self.found else t("damaged.choices.no-backup")
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                w.HTML(
                    element("div", str(problem), "kit-problem", role="alert")
                    + element("p", choices),
                    layout=full(),
                ),
                w.HBox([self.restore_button, self.aside_button]),
                self.message,
            ],
            layout=full(),
        )
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-damaged")
        self.widget.kit_part = self

    def _done(self, words: str) -> None:
        self.restore_button.disabled = self.aside_button.disabled = True
        self.message.value = element("p", markup("damaged.done", done=words))

    def restore(self) -> bool:
        try:
            moved, used = backup.restore(self.path)
        except KitError as problem:
            self.message.value = element("p", str(problem), "kit-error")
            return False
        self._done(t("damaged.restored", day=_day_of(used), name=moved.name))
        return True

    def move_aside(self) -> bool:
        try:
            moved = backup.move_aside(self.path)
        except KitError as problem:
            self.message.value = element("p", str(problem), "kit-error")
            return False
        self._done(t("damaged.moved", name=moved.name))
        return True


def _day_of(used: Path) -> str:
    """The day a backup was made (its file is named after it), written out."""
    stamp = used.stem.removeprefix("journal-")
    try:
        return day_text(dt.date.fromisoformat(stamp))
    except ValueError:
        return stamp
