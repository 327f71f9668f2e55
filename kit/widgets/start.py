"""The start page's live parts: where this journal is kept, and the support lines."""

from __future__ import annotations

import html

import ipywidgets as w

from ..errors import KitError
from ..journal import DB_NAME, default_data_dir, open_journal
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


def show_journal_location() -> None:
    """Display the file this journal is kept in."""
    await_visitor()
    where = html.escape(str(default_data_dir() / DB_NAME))
    _show(
        w.HTML(f'<p>Your journal is kept in this file: <code class="kit-where">{where}</code></p>')
    )


def show_support_lines() -> None:
    """Display the support lines for the country a person chose (all of them until then).

    The lines are shown even when the journal cannot be opened: then the choice of
    country just cannot be kept.
    """
    await_visitor()
    try:
        widget = SupportLines(open_journal()).widget
    except KitError:
        widget = w.HTML(lines_html(support_lines()), layout=full())
    _show(widget)
