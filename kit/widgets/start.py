"""The start page's live parts: where this journal is kept, and the support lines."""

from __future__ import annotations

import html
import os

import ipywidgets as w

from ..errors import KitError
from ..journal import DB_NAME, default_data_dir
from ..resources import support_lines
from ._display import await_visitor
from .form import STYLE
from .inputs import full
from .support import SupportLines, lines_html


def _show(widget: w.Widget) -> None:
    from IPython.display import display

    box = w.VBox([w.HTML(STYLE), widget], layout=full())
    box.add_class("kit-form")
    display(box)


# Set by `kit serve --ip` with an address other people can reach (kit/app/serve.py).
OPEN_TO_OTHERS = "KIT_OPEN_TO_OTHERS"


def journal_location_html(locked: bool | None = None) -> str:
    """Where this journal is kept, and whether it is locked (with the offer to lock it);
    and, when the server can be reached by others, that everyone who opens it shares this
    one journal (kit serve cannot tell them apart)."""
    where = html.escape(str(default_data_dir() / DB_NAME))
    words = f'<p>Your journal is kept in this file: <code class="kit-where">{where}</code></p>'
    if locked:
        words += "<p>It is locked with your passphrase: what you write is stored encrypted.</p>"
    elif locked is False:
        words += (
            '<p class="kit-lock-offer">If someone else could open that file, you can lock the '
            'journal with a passphrase on <a href="16.ipynb">My data</a>. It is up to you.</p>'
        )
    if os.environ.get(OPEN_TO_OTHERS) == "1":
        words += (
            '<div class="kit-problem kit-shared-address" role="note">This journal is served '
            "to anyone who can reach this address, and everyone who opens it reads and "
            "changes the same answers: it cannot tell people apart. If you are not the only "
            "person using this address, please ask whoever runs it for a log-in of your own."
            "</div>"
        )
    return words


def show_journal_location() -> None:
    """Display the file this journal is kept in."""
    from ..lock import LockedError
    from .unlock import page_journal

    await_visitor()
    try:
        locked: bool | None = page_journal().locked
    except LockedError:
        locked = True
    except KitError:
        locked = None
    _show(w.HTML(journal_location_html(locked)))


def show_support_lines() -> None:
    """Display the support lines for the country a person chose (all of them until then).

    The lines are shown even when the journal cannot be opened: then the choice of
    country just cannot be kept.
    """
    await_visitor()
    try:
        from .unlock import page_journal

        widget = SupportLines(page_journal()).widget
    except KitError:
        widget = w.HTML(lines_html(support_lines()), layout=full())
        widget.add_class("kit-support")
    _show(widget)
