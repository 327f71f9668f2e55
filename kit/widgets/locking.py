"""The passphrase lock on the My data page: lock the journal, change the passphrase, or
take the lock off. Offered, never pressed on anyone: a lost passphrase cannot be recovered
without the recovery code, and the page says so before anything is locked."""

from __future__ import annotations

import html

import ipywidgets as w

from ..errors import KitError
from ..journal import Journal
from ._display import download_link
from .form import STYLE
from .inputs import full


def _password(label: str) -> w.Password:
    return w.Password(description=label, layout=w.Layout(width="28em"),
                      style={"description_width": "11em"})  # fmt: skip


def _say(line: w.HTML, words: str, problem: bool = False) -> None:
    kind = "kit-error" if problem else "kit-note"
    line.value = f'<p class="{kind}">{html.escape(words)}</p>' if words else ""


class LockSettings:
    """Lock, change or unlock one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.new = _password("New passphrase")
        self.again = _password("The same again")
        self.current = _password("Current passphrase")
        self.warning = w.HTML(
            "<p><strong>There is no way back without it.</strong> If you forget the "
            "passphrase and lose the recovery code, nothing can open this journal, not even "
            "the person who runs this server.</p>",
            layout=full(),
        )
        self.understood = w.Checkbox(value=False, indent=False, description="I understand")
        self.message = w.HTML(layout=full())
        self.code = w.HTML(layout=full())
        self.lock_button = w.Button(description="Lock my journal", button_style="primary",
                                    layout=w.Layout(width="auto"))  # fmt: skip
        self.lock_button.on_click(lambda _: self.lock())
        self.change_button = w.Button(description="Change the passphrase",
                                      layout=w.Layout(width="auto"))  # fmt: skip
        self.change_button.on_click(lambda _: self.change())
        self.remove_button = w.Button(description="Take the lock off", button_style="warning",
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
            words = (
                "Your journal is locked: everything in it is stored encrypted, and every page "
                "asks for the passphrase first. You can change the passphrase (type the "
                "current one, or your recovery code), or take the lock off, which stores it "
                "readable again for anyone who can read the file."
            )
            parts = [self.current, self.new, self.again,
                     w.HBox([self.change_button, self.remove_button])]  # fmt: skip
        else:
            words = (
                "A passphrase keeps what you write unreadable to anyone who opens the "
                "journal's file without it: someone at this computer, or whoever looks after "
                "the server. Every page will ask for it. Locking also gives you a recovery "
                "code, the only other way in: print it or write it down and keep it apart."
            )
            parts = [self.new, self.again, self.warning, self.understood, self.lock_button]
        heading = w.HTML(
            f'<h2 class="kit-section">Lock with a passphrase</h2><p>{html.escape(words)}</p>',
            layout=full(),
        )
        self.body.children = [heading, *parts]

    def lock(self) -> str | None:
        """Lock the journal; show the recovery code once. Returns it, or None if refused."""
        self.code.value = ""
        if self.new.value != self.again.value:
            _say(self.message, "The two passphrases are not the same. Nothing was locked.", True)
            return None
        if not self.understood.value:
            _say(self.message, "Please tick the box to say you have read what a lost "
                 "passphrase means. Nothing was locked.", True)  # fmt: skip
            return None
        try:
            code = self.journal.set_passphrase(self.new.value)
        except KitError as problem:
            _say(self.message, f"{problem} Nothing was locked.", True)
            return None
        self._arrange()
        _say(self.message, "Locked. Other pages that are open still show the journal as it "
             "was: reload them, and they will ask for the passphrase.")  # fmt: skip
        text = (
            "Journal recovery code\n\n"
            f"{code}\n\n"
            "This code opens the journal if the passphrase is forgotten. Keep it somewhere "
            "safe, apart from the computer.\n"
        )
        self.code.value = (
            '<div class="kit-recovery"><p><strong>Your recovery code</strong> (shown once, '
            "and not kept readable anywhere):</p>"
            f'<p class="kit-code"><code>{html.escape(code or "")}</code></p>'
            + download_link("recovery-code.txt", text.encode("utf-8"), "text/plain",
                            "Save it as a file to print")
            + "</div>"
        )  # fmt: skip
        return code

    def change(self) -> bool:
        if self.new.value != self.again.value:
            _say(self.message, "The two new passphrases are not the same. Nothing changed.", True)
            return False
        try:
            self.journal.set_passphrase(self.new.value, current=self.current.value)
        except KitError as problem:
            _say(self.message, str(problem), True)
            self.current.value = ""
            return False
        self._arrange()
        _say(self.message, "The passphrase is changed. Your recovery code still works.")
        return True

    def remove(self) -> bool:
        try:
            self.journal.set_passphrase(None, current=self.current.value)
        except KitError as problem:
            _say(self.message, str(problem), True)
            self.current.value = ""
            return False
        self._arrange()
        _say(self.message, "The lock is off: your journal is stored readable again, and "
             "pages no longer ask for a passphrase.")  # fmt: skip
        return True
