"""The safety route on the page: calm words, safer ways, and where to get help now."""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from ..journal import Journal
from ..readback import safety_flags
from .inputs import full
from .support import with_lines

# Our words, for someone who may be frightened: short, kind, concrete. It never grades
# danger; it says where a proper assessment can be had.
MESSAGE = """
<div class="kit-safety" role="region" aria-label="Your safety">
<h3>Your safety comes first</h3>
<p>Some of your answers say you may not be safe with them. You are not overreacting,
and it is not your fault.</p>
<ul>
<li><strong>In danger right now?</strong> Call your local emergency number.</li>
<li><strong>Telling them face to face may not be safe.</strong> A letter or a message can
say it just as well, and an advocate can help you plan how and when.</li>
<li><strong>You don't have to work this out alone.</strong> The advocates on the lines
below are trained for exactly this. They can help you make a safety plan, and they can do
a proper danger assessment with you. This journal does not judge how dangerous things
are, and it never will.</li>
<li><strong>If they check your phone or computer,</strong> think about where you open this
journal, and use a device they can't reach if you can.</li>
</ul>
</div>
"""


class SafetyPanel:
    """Shown whenever the latest answers of any page raised a safety concern."""

    where = "below"

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.raised = w.HTML(layout=full())
        self.raised.add_class("kit-help")
        self.widget = with_lines(MESSAGE, journal)
        self.widget.children = (self.widget.children[0], self.raised, *self.widget.children[1:])
        self.refresh()

    def refresh(self, answers: dict[str, Any] | None = None) -> None:
        """Show or hide the route after the well-being check was saved (or on opening):
        every page's concerns count, and the note says which pages raised them."""
        flags = safety_flags(self.journal)
        self.raised.value = f"<p>{raised_on(flags)}</p>" if flags else ""
        self.widget.layout.display = None if flags else "none"


def raised_on(flags: list[Any]) -> str:
    """Which pages' answers raised these flags, as links, in a sentence (HTML)."""
    from ..text import list_text, markup
    from .links import page_link

    pages = list_text([page_link(p) for p in dict.fromkeys(f.worksheet for f in flags)])
    return str(markup("safety.raised-on", pages=pages)) if flags else ""
