"""Objects that put a widget on the page, and show it once however often they are displayed."""

from __future__ import annotations

import base64
import html
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

if TYPE_CHECKING:
    from ..journal import Journal


class DisplayOnce:
    """``kit.show(...)`` and friends display the object and return it; when that return
    value ends a cell, IPython displays it again. Showing it once is enough."""

    widget: w.Widget
    _displayed: bool = False

    def _ipython_display_(self) -> None:
        if not self._displayed:
            self._displayed = True
            from IPython.display import display

            display(self.widget)


_visitor_arrived = False


def await_visitor() -> None:
    """Under Voila's pre-heated kernels, wait here until someone asks for the page.

    A pre-heated kernel runs the notebook before anyone visits, so that the import of the
    kit is done ahead of time; everything that reads the journal comes after this call, so
    a page never shows answers older than the visit. Outside pre-heating it returns at once.
    """
    global _visitor_arrived
    if _visitor_arrived or os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    from voila.utils import wait_for_request

    wait_for_request()
    _visitor_arrived = True


def show_built(build: Callable[[], Any]) -> Any:
    """Wait for the visitor, build a page part and display it. If it cannot be built, display
    calm words instead (the kit's own reason, or, for anything unexpected, that something
    went wrong, with the details in the server's log) and return None."""
    from IPython.display import display

    from ..errors import KitError
    from .form import problem_box

    await_visitor()
    try:
        page = build()
    except KitError as problem:
        display(problem_box(str(problem)))
        return None
    except Exception:
        display(problem_box(went_wrong()))
        return None
    display(page)
    return page


def show_page(make: Callable[[Journal], DisplayOnce], journal: Journal | None) -> Any:
    """Build a page for ``journal`` (the default one if None) and display it; if the journal
    cannot be opened, display a calm message instead and return None."""
    from ..journal import open_journal

    return show_built(lambda: make(journal if journal is not None else open_journal()))


SOMETHING_WENT_WRONG = (
    "Something went wrong on our side, so this part of the page cannot be shown. Nothing you "
    "saved has changed. Reloading the page may help; the other pages still work."
)


def went_wrong() -> str:
    """Log the exception being handled (to the server's log, never the page) and return
    the calm words the page shows instead."""
    logging.getLogger("kit").exception("a page could not be shown")
    return SOMETHING_WENT_WRONG


def download_link(name: str, data: bytes, mime: str, label: str) -> str:
    """An escaped link that saves ``data`` as ``name`` when clicked (nothing is uploaded)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="kit-download" download="{html.escape(name)}" '
        f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )
