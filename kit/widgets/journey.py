"""The journey on the start page: every page with where it stands, and the next one."""

from __future__ import annotations

import ipywidgets as w
from markupsafe import Markup

from ..analysis.journey import DONE, NOT_STARTED, next_page, page_state
from ..content import definition, journey
from ..journal import Journal
from ..templating import render
from ._display import DisplayOnce
from .form import STYLE
from .inputs import full
from .links import page_href
from .parts import show_part

# Where a page stands: a sign, and the words the app's menu uses for it.
MARK = {NOT_STARTED: ("○", "app.state.not-started"), "started": ("◐", "app.state.started"),
        DONE: ("●", "app.state.done")}  # fmt: skip


def _mark(state: str) -> str:
    from ..text import t

    sign, words = MARK[state]
    return f"{sign} {t(words)}"


class Journey(DisplayOnce):
    """The journey for one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        self.widget = w.HTML(layout=full())
        self.refresh()

    def refresh(self) -> None:
        """Where each page stands now."""
        journal = self.journal
        states = []
        parts = []
        for part in journey():
            pages = []
            for notebook, sheet_id in part.pages:
                sheet = definition(sheet_id)
                state = page_state(sheet, journal.latest(sheet_id))
                states.append((notebook, state))
                pages.append({"href": page_href(sheet_id), "title": sheet.title,
                              "mark": _mark(state)})  # fmt: skip
            parts.append({"title": part.title, "pages": pages})
        self.states = states
        self.next = next_page(states)
        suggestion = ""
        if self.next:
            sheet_id = next(s for p in journey() for n, s in p.pages if n == self.next)
            from ..text import markup
            from .links import page_link

            suggestion = markup("startpage.journey.next", page=page_link(sheet_id))
        self.widget.value = render(
            "journey.html", style=STYLE, invitations=_invitations(journal),
            suggestion=suggestion, parts=parts,
        )  # fmt: skip


def _invitations(journal: Journal) -> list[Markup]:
    """The pages there is now enough for (``invite_after`` in journey.toml): looking back."""
    from ..analysis.lookback import ready
    from ..content import invitations
    from ..lookback import look_back_for
    from ..text import markup_n
    from .links import page_link

    found = []
    for page, (days, checkins) in invitations().items():
        if page == "look-back":
            there = look_back_for(journal)
            if ready(there, days, checkins):
                found.append(markup_n("lookback.invite", there.days, page=page_link(page)))
    return found


def show_journey(journal: Journal | None = None) -> Journey | None:
    """Display the journey (the default journal if None)."""
    return show_part(Journey, journal)
