"""Widgets: worksheets on the page. The only part of the kit that imports ipywidgets."""

from __future__ import annotations

from typing import Any

from ..content import definition
from ..journal import Journal
from .app import show_app
from .form import Form
from .journey import show_journey
from .mydata import show_my_data
from .pages import add_page_extras
from .parts import show_part
from .start import show_journal_location, show_support_lines
from .trends import show_trends

__all__ = [
    "Form",
    "show",
    "show_app",
    "show_journal_location",
    "show_journey",
    "show_my_data",
    "show_page",
    "show_support_lines",
    "show_trends",
]


def show(worksheet_id: str, journal: Journal | None = None) -> Form | None:
    """Display a worksheet bound to ``journal`` (the default journal if None) and return it.

    If the worksheet or the journal cannot be opened, a calm message is shown instead of
    the form (never a traceback) and None is returned; nothing is written.
    """

    def build(opened: Journal) -> Form:
        form = Form(definition(worksheet_id), opened)
        add_page_extras(form)
        return form

    return show_part(build, journal)


def show_page(page: str, journal: Journal | None = None) -> Any:
    """Display a whole page of the journal (its words from ``data/pages/<page>.md`` and its
    live parts), as the app shows it; ``page`` is a worksheet id, ``start`` or ``my-data``.

    With a locked journal, what needs no journal (where it is kept, the support lines)
    shows at once, and the rest once the passphrase is typed. Returns the page, or None.
    """
    from IPython.display import display

    from ..lock import LockedError
    from ._display import begin_page
    from .page import Page
    from .unlock import page_journal, when_open

    if journal is None:
        try:
            page_journal()
        except LockedError:
            begin_page()
            built = Page(page, None, waiting=when_open)
            display(built.widget)
            built.mark_shown()  # shown; the cell's value is not shown again
            return built
        except Exception:  # noqa: S110 - show_part says calmly why it could not open
            pass
    return show_part(lambda opened: Page(page, opened), journal)
