"""Sharing with your therapist: choose what and which dates, share, and withdraw later.

When the host names the person's folder in the therapist's inbox (the ``share_inbox`` setting), a
share goes straight there; otherwise the two files are offered as downloads to send or
bring. Nothing is chosen for the person: every worksheet starts unticked. Charts are drawn
only when something is shared, so this page loads neither pandas nor plotly until then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import ipywidgets as w
from markupsafe import Markup

from .. import share as sharing
from ..content import definition, worksheet_ids
from ..errors import JournalError, KitError
from ..journal import Journal
from ..settings import current
from ..templating import element
from ..text import t
from ._display import DisplayOnce, download_link
from .form import STYLE
from .inputs import full
from .parts import show_part


def _button(label: str, action: Callable[[], None], style: str = "") -> w.Button:
    button = w.Button(description=label, button_style=style, layout=w.Layout(width="auto"))
    button.on_click(lambda _: action())
    return button


def _error_line() -> w.Label:
    """An inline message under a choice (a Label: its text is never read as HTML)."""
    line = w.Label("", layout=full())
    line.add_class("kit-error")
    line.layout.display = "none"
    return line


def _say(line: w.Label, message: str | None) -> None:
    line.value = message or ""
    line.layout.display = None if message else "none"


def _problem(message: str) -> Markup:
    return element("p", message, "kit-error")


class Share(DisplayOnce):
    """The sharing part of a page for one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        configured = current().share_inbox.strip()
        self.inbox = Path(configured).expanduser() if configured else None

        answered = [s for s in worksheet_ids() if journal.latest_record(s) is not None]
        self.pick = {
            sheet: w.Checkbox(value=False, description=definition(sheet).title, indent=False)
            for sheet in answered
        }
        self.pick_error = _error_line()
        self.start = w.DatePicker(description=t("sharing.page.from"), value=None)
        self.end = w.DatePicker(description=t("sharing.page.to"), value=None)
        self.dates_error = _error_line()
        self.share_button = _button(t("sharing.page.share"), self.share, "primary")
        self.result = w.HTML(layout=full())

        if self.inbox is not None:
            words = t("sharing.page.words-inbox")
        else:
            words = t("sharing.page.words-download")
        nothing = (
            [w.HTML(element("p", t("sharing.page.nothing-saved")), layout=full())]
            if not answered
            else []
        )

        self.history = w.VBox(layout=full())
        self.withdraw_buttons: dict[str, w.Button] = {}
        self.withdraw_result = w.HTML(layout=full())

        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                w.HTML(element("h3", t("sharing.page.heading")) + element("p", words),
                       layout=full()),
                *nothing,
                w.VBox(list(self.pick.values())),
                self.pick_error,
                w.HBox([self.start, self.end]),
                self.dates_error,
                self.share_button,
                self.result,
                w.HTML(element("h3", t("sharing.page.history")), layout=full()),
                self.history,
                self.withdraw_result,
            ],
            layout=full(),
        )  # fmt: skip
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-share")
        self.show_history()

    # --- actions (each also callable from Python, which is how tests drive them) ----------

    def share(self) -> sharing.Share | None:
        """Share what is ticked, for the dates chosen; say what happened. Never raises."""
        for line in (self.pick_error, self.dates_error):
            _say(line, None)
        self.result.value = ""
        chosen = [sheet for sheet, box in self.pick.items() if box.value]
        try:
            done = sharing.make_share(
                self.journal, chosen, self.start.value, self.end.value, inbox=self.inbox
            )
        except sharing.ShareError as problem:
            where = {"worksheets": self.pick_error, "dates": self.dates_error}.get(
                problem.field or ""
            )
            if where is not None:
                _say(where, str(problem))
            else:
                self.result.value = _problem(str(problem))
            return None
        except KitError as problem:
            self.result.value = _problem(str(problem))
            return None
        if done.folder is not None:
            self.result.value = element(
                "p", Markup("{} {}").format(element("strong", t("sharing.page.shared")),
                                            t("sharing.page.shared-words"))
            )  # fmt: skip
        else:
            self.result.value = (
                download_link(f"{done.id}.html", done.report, "text/html",
                              t("sharing.page.save-report"))
                + " · "
                + download_link(f"{done.id}.json", done.bundle, "application/json",
                                t("sharing.page.save-data"))
                + element("p", t("sharing.page.saved-files"))
            )  # fmt: skip
        self.show_history()
        return done

    def withdraw(self, share_id: str) -> None:
        """Withdraw one share and say plainly what that did, and what it could not do."""
        try:
            done = sharing.withdraw(self.journal, share_id)
        except KitError as problem:
            self.withdraw_result.value = _problem(str(problem))
            return
        if done.folder is not None:
            said = t("sharing.page.withdrawn-inbox")
        else:
            said = t("sharing.page.withdrawn-download")
        self.withdraw_result.value = element("p", said)
        self.show_history()

    def show_history(self) -> None:
        """List every share, newest first, each with a way to withdraw it."""
        try:
            made = sharing.shares(self.journal)
        except JournalError as problem:
            self.history.children = [w.HTML(_problem(str(problem)), layout=full())]
            return
        self.withdraw_buttons = {}
        rows: list[w.Widget] = []
        for item in made:
            line = w.HTML(element("p", item.describe()), layout=w.Layout(flex="1"))
            row: list[w.Widget] = [line]
            if item.withdrawn_at is None:
                label = (
                    t("sharing.page.withdraw") if item.folder is not None
                    else t("sharing.page.mark-withdrawn")
                )  # fmt: skip
                button = _button(label, lambda s=item.id: self.withdraw(s))
                self.withdraw_buttons[item.id] = button
                row.append(button)
            rows.append(w.HBox(row, layout=full()))
        if not rows:
            rows = [w.HTML(element("p", t("sharing.page.nothing-shared")), layout=full())]
        self.history.children = rows


def show_share(journal: Journal | None = None) -> Share | None:
    """Display the sharing part on its own (the default journal if None)."""
    return show_part(Share, journal)
