"""Widgets: worksheets on the page. The only part of the kit that imports ipywidgets."""

from __future__ import annotations

from ..content import definition
from ..journal import Journal
from ._display import show_page
from .form import Form
from .journey import show_journey
from .mydata import show_my_data
from .pages import add_page_extras
from .start import show_journal_location, show_support_lines
from .trends import show_trends

__all__ = [
    "Form",
    "show",
    "show_journal_location",
    "show_journey",
    "show_my_data",
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

    return show_page(build, journal)
