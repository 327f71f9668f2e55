"""Opening a locked journal on a page: the passphrase field comes first, and every part of
the page that needs the journal appears once it is open.

Each page runs in a kernel of its own, so each page asks once; within a page, the parts
wait for the one field. The passphrase is used to open the journal and then dropped: the
open journal holds the keys only while the page is open.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

import ipywidgets as w

from ..errors import KitError
from ..journal import DB_NAME, Journal, default_data_dir, open_journal
from ..lock import LockedError, NotLockedError
from ..templating import element
from ..text import t
from .form import STYLE
from .inputs import full

_journals: dict[Path, Journal] = {}
_waiting: list[Callable[[Journal], None]] = []
_asking: bool = False


def page_journal() -> Journal:
    """The journal this page works with, opened once per page (a kernel) and kept while it
    is open; LockedError if it is locked and not yet opened here."""
    where = default_data_dir() / DB_NAME
    journal = _journals.get(where)
    if journal is None or not journal.is_open():
        journal = _journals[where] = open_journal()
    return journal


def keep_open(journal: Journal) -> None:
    """This kernel's journal, once opened with its passphrase: every page uses it."""
    _journals[default_data_dir() / DB_NAME] = journal


def forget() -> None:
    """Forget the open journal (and with it the key): the next page asks again."""
    for journal in _journals.values():
        with contextlib.suppress(Exception):
            if journal.locked:
                journal.close()
    _journals.clear()


def when_open(fill: Callable[[Journal], None]) -> w.Widget:
    """A part of the page for a locked journal: the passphrase field (for the first part
    that asks) or a quiet line; ``fill`` is called with the journal once it is open."""
    global _asking
    _waiting.append(fill)
    if _asking:
        return w.HTML(element("p", t("locking.unlock.waiting"), "kit-help"), layout=full())
    _asking = True
    return Unlock(_opened).widget


def _opened(journal: Journal) -> None:
    global _asking
    from .. import clock

    _journals[default_data_dir() / DB_NAME] = journal
    with contextlib.suppress(KitError):  # the zone is kept for next time, if it can be
        clock.remember_reported(journal)
    _asking = False
    waiting, _waiting[:] = list(_waiting), []
    for fill in waiting:
        fill(journal)


class Unlock:
    """The passphrase field, with the recovery code as a second way in."""

    def __init__(self, on_open: Callable[[Journal], None], with_lines: bool = False) -> None:
        self.on_open = on_open
        self.passphrase = w.Password(description=t("locking.unlock.passphrase"),
                                     layout=w.Layout(width="28em"))  # fmt: skip
        self.code = w.Text(description=t("locking.unlock.code"), layout=w.Layout(width="28em"))
        self.code.layout.display = "none"
        self.open_button = w.Button(description=t("locking.unlock.open"), button_style="primary",
                                    layout=w.Layout(width="auto"))  # fmt: skip
        self.open_button.on_click(lambda _: self.open())
        self.use_code = w.Button(description=t("locking.unlock.use-code"),
                                 layout=w.Layout(width="auto"))  # fmt: skip
        self.use_code.on_click(lambda _: self._show_code())
        self.message = w.HTML(layout=full())
        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                w.HTML(
                    element("h3", t("locking.unlock.heading"))
                    + element("p", t("locking.unlock.words")),
                    layout=full(),
                ),
                self.passphrase,
                self.code,
                w.HBox([self.open_button, self.use_code]),
                self.message,
                *([_lines()] if with_lines else []),
            ],
            layout=full(),
        )
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-unlock")
        self.widget.kit_part = self  # so code (and tests) holding the widget can reach it

    def _show_code(self) -> None:
        self.code.layout.display = None
        self.use_code.layout.display = "none"

    def open(self) -> Journal | None:
        """Try the passphrase (or the recovery code); say plainly if it does not fit."""
        passphrase, code = self.passphrase.value, self.code.value.strip()
        self.passphrase.value = ""
        if not passphrase and not code:
            self.message.value = element("p", t("locking.unlock.type-first"), "kit-error")
            return None
        self.message.value = element("p", t("locking.unlock.opening"))
        try:
            try:
                journal = open_journal(passphrase=passphrase or None, recovery_code=code or None)
            except NotLockedError:  # the lock was taken off in another window meanwhile
                journal = open_journal()
        except LockedError as problem:
            self.message.value = element("p", str(problem), "kit-error")
            return None
        except KitError as problem:
            self.message.value = element("p", str(problem), "kit-error")
            return None
        self.code.value = ""
        self.message.value = ""
        self.widget.layout.display = "none"
        self.on_open(journal)
        return journal


def _lines() -> w.Widget:
    """The support lines, for every country (the journal holding the choice is locked)."""
    from ..resources import support_lines
    from .support import lines_html, lines_problem

    try:
        widget = w.HTML(lines_html(support_lines()), layout=full())
    except KitError:
        return lines_problem()
    widget.add_class("kit-support")
    return widget


def slot_for(widget_for: Callable[[Journal], w.Widget]) -> w.Widget:
    """A box that asks for the passphrase now, and holds ``widget_for(journal)`` once the
    journal is open."""
    box = w.VBox(layout=full())

    def fill(journal: Journal) -> None:
        box.children = [widget_for(journal)]

    box.children = [when_open(fill)]
    return box
