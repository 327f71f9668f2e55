"""Links between pages, found from ``data/journey.toml``: reordering the journey, or
moving a page to another notebook, needs no change in code."""

from __future__ import annotations

from markupsafe import Markup

from ..content import page_address

_in_app = False


def use_app_addresses(on: bool = True) -> None:
    """Links lead to pages inside the one app (``#05``), not to notebooks (``05.ipynb``)."""
    global _in_app
    _in_app = on


def page_href(page: str) -> str:
    """Where a page is: its number in the app's address, or its notebook."""
    notebook, _ = page_address(page)
    if _in_app:
        return "#" + notebook.removesuffix(".ipynb").split("-", 1)[0]
    return notebook


def page_link(page: str, text: str | None = None) -> Markup:
    """An escaped link to a page (a worksheet id, or ``start``, ``my-data``), named by its
    title unless ``text`` is given."""
    return Markup('<a href="{}">{}</a>').format(page_href(page), text or page_address(page)[1])
