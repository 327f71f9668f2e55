"""The language picker, on the start page and My data (``::: language`` in a page's file).

It lists the languages the content has, each in its own words ("English", "Español"), and
keeps the person's choice in their journal (:mod:`kit.languages`); the app then builds its
pages again in that language. With one language only, it shows nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import ipywidgets as w
from markupsafe import Markup

from .. import languages
from ..errors import KitError
from ..text import language, markup, t
from .inputs import full

if TYPE_CHECKING:
    from ..journal import Journal


class LanguagePicker:
    """A drop-down of the content's languages; picking one keeps it and speaks it."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        codes = languages.available()
        self.picker = w.Dropdown(
            options=[(languages.name(code), code) for code in codes],
            value=language() if language() in codes else codes[0],
            description=t("content.language.label"),
            style={"description_width": "initial"},
        )
        self.message = w.HTML(layout=full())
        help_ = w.HTML(str(Markup('<p class="kit-help">{}</p>').format(
            markup("content.language.help"))), layout=full())  # fmt: skip
        self.widget = w.VBox(
            [self.picker, help_, self.message] if len(codes) > 1 else [], layout=full()
        )
        self.widget.add_class("kit-language")
        self.picker.observe(self._picked, names="value")

    def _picked(self, change: dict) -> None:
        from .soon import after

        # A moment later: this drop-down is itself one of the parts built again.
        after(0, lambda: self._choose(change["new"]))

    def _choose(self, code: str) -> None:
        try:
            languages.choose(self.journal, code)
        except KitError:  # it could not be kept; the page says so where the picker is
            self.message.value = str(
                Markup('<p class="kit-help" role="alert">{}</p>').format(
                    markup("widgets.went-wrong")
                )
            )

    def refresh(self) -> None:
        if self.picker.value != language() and language() in languages.available():
            self.picker.unobserve(self._picked, names="value")
            self.picker.value = language()
            self.picker.observe(self._picked, names="value")
