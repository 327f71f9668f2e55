"""What the browser tells the kernel about the visit: its time zone, so that "today" is the
person's own day (see :mod:`kit.clock`).

A small front-end piece, written with anywidget (its JavaScript is ``visit.js``, loaded
from the page itself, so it works under the kit's Content-Security-Policy once ``blob:``
scripts are allowed). One per kernel: it reports once, when the page has loaded, and pages
built before the report was in are built again if the day or the time shown would differ.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from .. import clock, languages


class Visit(anywidget.AnyWidget):
    """The browser's side of a visit: its time zone (an IANA name), reported on load."""

    _esm = Path(__file__).with_name("visit.js")
    zone = traitlets.Unicode("").tag(sync=True)
    languages = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self) -> None:
        super().__init__()
        self.layout.display = "none"
        self._listeners: list[Callable[[], None]] = []
        self.observe(self._languages, names="languages")
        self.observe(self._reported, names="zone")

    def on_zone(self, callback: Callable[[], None]) -> None:
        """Call ``callback()`` whenever the browser reports a zone (after it is in use)."""
        self._listeners.append(callback)

    def _languages(self, change: dict) -> None:
        languages.set_reported(change["new"])
        for callback in list(self._listeners):
            callback()

    def _reported(self, change: dict) -> None:
        clock.set_reported(change["new"])
        for callback in list(self._listeners):
            callback()


_visit: Visit | None = None


def the_visit() -> tuple[Visit, bool]:
    """This kernel's visit piece, and whether it is new (and so still to be displayed)."""
    global _visit
    if _visit is None:
        _visit = Visit()
        return _visit, True
    return _visit, False
