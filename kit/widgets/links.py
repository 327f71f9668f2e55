"""Links between pages, found from ``data/journey.toml``: reordering the journey, or
moving a page to another notebook, needs no change in code."""

from __future__ import annotations

from markupsafe import Markup

from ..content import page_address


def page_link(page: str, text: str | None = None) -> Markup:
    """An escaped link to a page (a worksheet id, or ``start``, ``my-data``), named by its
    title unless ``text`` is given."""
    notebook, title = page_address(page)
    return Markup('<a href="{}">{}</a>').format(notebook, text or title)
