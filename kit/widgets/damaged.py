"""A damaged journal file, met on a page: say so calmly, change nothing, and offer the two
ways back: restore the newest good backup, or move the damaged file aside and start anew.
Neither writes over the damaged file; it is kept, renamed, in case it can be rescued."""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as w

from .. import backup
from ..errors import DamagedJournalError, KitError
from .form import STYLE
from .inputs import full


class Damaged:
    """The offer for one damaged journal file; ``.widget`` goes on the page."""

    def __init__(self, problem: DamagedJournalError) -> None:
        self.path = Path(problem.path)
        self.found = backup.newest_good(self.path)
        self.message = w.HTML(layout=full())
        self.restore_button = w.Button(
            description=f"Restore the backup from {self.found[0]:%-d %B %Y}" if self.found
            else "Restore a backup", button_style="primary", layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.restore_button.on_click(lambda _: self.restore())
        self.aside_button = w.Button(description="Move it aside and start a new journal",
                                     layout=w.Layout(width="auto"))  # fmt: skip
        self.aside_button.on_click(lambda _: self.move_aside())
        if self.found is None:
            self.restore_button.layout.display = "none"
        choices = (
            "You can put back the newest good backup (the damaged file is kept beside it, "
            "renamed), or move the damaged file aside and start a new, empty journal."
            if self.found
            else "There is no good backup of it. You can move the damaged file aside (it is "
            "kept, renamed, in case it can be rescued) and start a new, empty journal."
        )
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                w.HTML(
                    f'<div class="kit-problem" role="alert">{html.escape(str(problem))}</div>'
                    f"<p>{html.escape(choices)}</p>",
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
        self.message.value = (
            f"<p><strong>{html.escape(words)}</strong> Reload the page to go on.</p>"
        )

    def restore(self) -> bool:
        try:
            moved, used = backup.restore(self.path)
        except KitError as problem:
            self.message.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return False
        self._done(f"Restored the backup of {used.stem.removeprefix('journal-')}. The damaged "
                   f"file was kept as {moved.name}.")  # fmt: skip
        return True

    def move_aside(self) -> bool:
        try:
            moved = backup.move_aside(self.path)
        except KitError as problem:
            self.message.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return False
        self._done(f"The damaged file was kept as {moved.name}; a new journal starts now.")
        return True
