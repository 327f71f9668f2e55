"""Drafts: what is typed on a worksheet's page is kept in the journal a moment after typing
stops, and comes back on the next visit, marked as a draft, until it is saved or
discarded (see :meth:`kit.Journal.save_draft`).

Typed text reaches the kernel only when its box is left (see ``SYNC_ON_LEAVE`` in
:mod:`kit.widgets.inputs`), so a small front-end piece (``drafts.js``) listens to the
typing and sends the text of the page's own text questions two seconds after the last
key, or at once when the person leaves (Escape, quick exit, a closed tab). Everything
else a person picks reaches the kernel as it happens.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anywidget
import ipywidgets as w
import traitlets
from markupsafe import Markup

from ..errors import KitError
from ..text import markup, t
from .inputs import full

if TYPE_CHECKING:
    from .form import Form

log = logging.getLogger(__name__)
DELAY_MS = 2000


class TypingWatch(anywidget.AnyWidget):
    """The page's side of drafts: the text typed into the form's own text questions."""

    _esm = Path(__file__).with_name("drafts.js")
    fields = traitlets.List(traitlets.Unicode()).tag(sync=True)
    delay_ms = traitlets.Int(DELAY_MS).tag(sync=True)
    typed = traitlets.Dict().tag(sync=True)


class Drafts:
    """Keeps a form's unsaved answers as its draft, and offers a draft back on opening."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.restoring = False
        texts = [f.id for f in form.sheet.fields if f.kind in ("text", "longtext")]
        self.watch = TypingWatch(fields=texts, layout=w.Layout(display="none"))
        self.watch.observe(self._typed, names="typed")
        self.message = w.HTML(layout=full())
        self.save_button = w.Button(description=t("draft.save"), button_style="primary",
                                    layout=w.Layout(width="auto"))  # fmt: skip
        self.save_button.on_click(lambda _: self.form.save())
        self.discard_button = w.Button(description=t("draft.discard"),
                                       layout=w.Layout(width="auto"))  # fmt: skip
        self.discard_button.on_click(lambda _: self.discard())
        self.bar = w.VBox(
            [self.message, w.HBox([self.save_button, self.discard_button])], layout=full()
        )
        self.bar.add_class("kit-draft-bar")
        self.bar.layout.display = "none"
        self.kept_at: Any = None

    # --- keeping --------------------------------------------------------------------

    def _typed(self, change: dict[str, Any]) -> None:
        self.keep(change["new"])

    def keep(self, typed: dict[str, Any] | None = None) -> None:
        """Keep the page's answers as they are now (with any text still being typed) as the
        draft; when they are what was saved, there is no draft to keep."""
        if self.restoring:
            return
        on_page = self.form.values()
        for key, text in (typed or self.watch.typed or {}).items():
            if key in self.form.inputs and isinstance(text, str):
                if text.strip():
                    on_page[key] = text
                else:
                    on_page.pop(key, None)
        journal, sheet_id = self.form.journal, self.form.sheet.id
        given = {k: v for k, v in on_page.items() if k != self.form.sheet.daily}
        try:
            if on_page == (self.form.saved or {}) or not given:
                journal.discard_draft(sheet_id)
                return
            journal.save_draft(sheet_id, on_page)
        except KitError:
            log.exception("a draft of %s could not be kept", sheet_id)

    # --- offering it back -----------------------------------------------------------------

    def offer(self) -> bool:
        """Put a draft newer than the last save back on the page, marked as a draft."""
        from ._display import saved_when

        form = self.form
        try:
            found = form.journal.draft(form.sheet.id)
            last = form.journal.latest_record(form.sheet.id)
        except KitError:
            return False
        if found is None:
            return False
        if last is not None and last.saved_at >= found.saved_at:
            self._forget()  # saved since, elsewhere: the draft is older than the answers
            return False
        try:
            day = found.answers.get(form.sheet.daily) if form.sheet.daily else None
            if isinstance(day, str) and day:
                form.show_day(day)
            form.set_values(found.answers)
        except Exception:  # a draft that no longer fits the page is not worth a broken page
            log.exception("the draft of %s could not be shown", form.sheet.id)
            self._forget()
            form.set_values(form.saved or {})
            return False
        when = saved_when(found.saved_at, form.journal)
        self.kept_at = found.saved_at
        self.message.value = str(
            Markup('<p class="kit-draft-note"><strong>{}</strong> {}</p>').format(
                markup("draft.back.heading"), markup("draft.back.words", when=when)
            )
        )
        self.bar.layout.display = None
        form.status.value = t("draft.status", when=when)
        return True

    def discard(self) -> None:
        """Forget the draft and show the answers as last saved."""
        self._forget()
        form = self.form
        daily = {form.sheet.daily: form.values().get(form.sheet.daily)} if form.sheet.daily else {}
        form.set_values(form.saved or daily)
        self.watch.typed = {}
        self.bar.layout.display = "none"
        self.form.status.value = t("draft.discarded")

    def saved(self) -> None:
        """The page was saved: the journal dropped the draft in the same step."""
        self.bar.layout.display = "none"
        self.watch.typed = {}

    def _forget(self) -> None:
        try:
            self.form.journal.discard_draft(self.form.sheet.id)
        except KitError:
            log.exception("the draft of %s could not be discarded", self.form.sheet.id)
