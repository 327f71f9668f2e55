"""The safety route on the page: calm words, safer ways, and where to get help now."""

from __future__ import annotations

from typing import Any

import ipywidgets as w
from markupsafe import Markup

from ..journal import Journal
from ..readback import safety_flags
from ..templating import element
from .inputs import full
from .support import with_lines


def safety_html() -> str:
    """The safety route's words, as escaped HTML. Our words, for someone who may be
    frightened: short, kind, concrete. It never grades danger; it says where a proper
    assessment can be had."""
    from markupsafe import Markup

    from ..text import markup

    said = (
        markup("pages.safety.danger"),
        markup("pages.safety.face-to-face"),
        markup("pages.safety.not-alone"),
        markup("pages.safety.devices"),
    )
    points = Markup("").join(Markup("<li>{}</li>").format(p) for p in said)
    return str(
        Markup(
            '<div class="kit-safety" role="region" aria-label="{}">'
            "<h3>{}</h3><p>{}</p><ul>{}</ul></div>"
        ).format(
            markup("pages.safety.region"),
            markup("pages.safety.heading"),
            markup("pages.safety.body"),
            points,
        )
    )


class SafetyPanel:
    """Shown whenever the latest answers of any page raised a safety concern."""

    where = "below"

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.raised = w.HTML(layout=full())
        self.raised.add_class("kit-help")
        self.widget = with_lines(safety_html(), journal)
        self.widget.children = (self.widget.children[0], self.raised, *self.widget.children[1:])
        self.refresh()

    def refresh(self, answers: dict[str, Any] | None = None) -> None:
        """Show or hide the route after the well-being check was saved (or on opening):
        every page's concerns count, and the note says which pages raised them."""
        flags = safety_flags(self.journal)
        self.raised.value = element("p", raised_on(flags)) if flags else ""
        self.widget.layout.display = None if flags else "none"


def raised_on(flags: list[Any]) -> Markup:
    """Which pages' answers raised these flags, as links, in a sentence (HTML)."""
    from ..text import list_text, markup
    from .links import page_link

    pages = list_text([page_link(p) for p in dict.fromkeys(f.worksheet for f in flags)])
    return markup("safety.raised-on", pages=pages) if flags else Markup("")
