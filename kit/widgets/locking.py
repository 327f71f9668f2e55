"""The passphrase lock on the My data page: lock the journal, change the passphrase, or
take the lock off. Offered, never pressed on anyone: a lost passphrase cannot be recovered
without the recovery code, and the page says so before anything is locked."""

from __future__ import annotations

import ipywidgets as w

from ..errors import KitError
from ..journal import Journal
from ..templating import element, render
from ..text import markup, t
from ._display import download_link
from .form import STYLE
from .inputs import full


def _password(label: str) -> w.Password:
    return w.Password(description=label, layout=w.Layout(width="28em"),
                      style={"description_width": "11em"})  # fmt: skip


def _say(line: w.HTML, words: str, problem: bool = False) -> None:
    kind = "kit-error" if problem else "kit-note"
    line.value = element("p", words, kind) if words else ""


class LockSettings:
    """Lock, change or unlock one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.new = _password(t("locking.settings.new"))
        self.again = _password(t("locking.settings.again"))
        self.current = _password(t("locking.settings.current"))
        self.warning = w.HTML(element("p", markup("locking.settings.warning")), layout=full())
        self.understood = w.Checkbox(value=False, indent=False,
                                     description=t("locking.settings.understood"))  # fmt: skip
        self.message = w.HTML(layout=full())
        self.code = w.HTML(layout=full())
        self.lock_button = w.Button(description=t("locking.settings.lock"), button_style="primary",
                                    layout=w.Layout(width="auto"))  # fmt: skip
        self.lock_button.on_click(lambda _: self.lock())
        self.change_button = w.Button(description=t("locking.settings.change"),
                                      layout=w.Layout(width="auto"))  # fmt: skip
        self.change_button.on_click(lambda _: self.change())
        self.remove_button = w.Button(description=t("locking.settings.remove"),
                                      button_style="warning",
                                      layout=w.Layout(width="auto"))  # fmt: skip
        self.remove_button.on_click(lambda _: self.remove())
        self.body = w.VBox(layout=full())
        self.widget = w.VBox([w.HTML(STYLE), self.body, self.message, self.code], layout=full())
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-lock")
        self._arrange()

    def _arrange(self) -> None:
        for field in (self.new, self.again, self.current):
            field.value = ""
        self.understood.value = False
        if self.journal.locked:
            words = t("locking.settings.locked-words")
            parts = [self.current, self.new, self.again,
                     w.HBox([self.change_button, self.remove_button])]  # fmt: skip
        else:
            words = t("locking.settings.open-words")
            parts = [self.new, self.again, self.warning, self.understood, self.lock_button]
        heading = w.HTML(
            element("h2", t("locking.settings.heading"), "kit-section") + element("p", words),
            layout=full(),
        )
        self.body.children = [heading, *parts]

    def lock(self) -> str | None:
        """Lock the journal; show the recovery code once. Returns it, or None if refused."""
        self.code.value = ""
        if self.new.value != self.again.value:
            _say(self.message, t("locking.settings.lock-not-same"), True)
            return None
        if not self.understood.value:
            _say(self.message, t("locking.settings.tick-first"), True)
            return None
        try:
            code = self.journal.set_passphrase(self.new.value)
        except KitError as problem:
            _say(self.message, t("locking.settings.not-locked", problem=str(problem)), True)
            return None
        self._arrange()
        _say(self.message, t("locking.settings.locked"))
        text = t("locking.code.file", code=code or "")
        download = download_link("recovery-code.txt", text.encode("utf-8"), "text/plain",
                                 t("locking.code.save"))  # fmt: skip
        self.code.value = render("recovery_code.html", code=code or "", download=download)
        return code

    def change(self) -> bool:
        if self.new.value != self.again.value:
            _say(self.message, t("locking.settings.change-not-same"), True)
            return False
        try:
            self.journal.set_passphrase(self.new.value, current=self.current.value)
        except KitError as problem:
            _say(self.message, str(problem), True)
            self.current.value = ""
            return False
        self._arrange()
        _say(self.message, t("locking.settings.changed"))
        return True

    def remove(self) -> bool:
        try:
            self.journal.set_passphrase(None, current=self.current.value)
        except KitError as problem:
            _say(self.message, str(problem), True)
            self.current.value = ""
            return False
        self._arrange()
        _say(self.message, t("locking.settings.removed"))
        return True
