"""Page parts, built and displayed with the journal they need: asking for the passphrase
first when the journal is locked, offering the ways back when it is damaged, building the
part again when the browser reports another day or language, and calm words in place of
anything that could not be built."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ._display import DisplayOnce, await_visitor, begin_page, went_wrong
from .form import problem_box

if TYPE_CHECKING:
    from ..journal import Journal

_damage_offered = False


def show_built(build: Callable[[], Any]) -> Any:
    """Wait for the visitor, build a page part and display it. If it cannot be built, display
    calm words instead (the kit's own reason, or, for anything unexpected, that something
    went wrong, with the details in the server's log) and return None."""
    from IPython.display import display

    await_visitor()
    part, shown = build_part(build)
    display(shown)
    return part


def build_part(build: Callable[[], Any]) -> tuple[Any, Any]:
    """(the part, what to show): the built part twice, or None and the calm words why."""
    from ..errors import KitError

    try:
        part = build()
    except KitError as problem:
        return None, problem_box(str(problem))
    except Exception:
        return None, problem_box(went_wrong())
    return part, part


def show_part(make: Callable[[Journal], Any], journal: Journal | None) -> Any:
    """Build a page part for ``journal`` (this page's journal if None) and display it. A
    locked journal asks for its passphrase first, and the part appears once it is open;
    if the journal cannot be opened, calm words say why. Returns the part, or None."""
    from IPython.display import display

    from ..errors import DamagedJournalError
    from ..lock import LockedError
    from .unlock import page_journal, slot_for

    begin_page()
    if journal is not None:
        return show_built(lambda: make(journal))
    try:
        opened = page_journal()
    except LockedError:

        def widget_for(unlocked: Journal) -> Any:
            _, shown = build_part(lambda: make(unlocked))
            return getattr(shown, "widget", shown)

        display(slot_for(widget_for))
        return None
    except DamagedJournalError as problem:
        from .damaged import Damaged

        global _damage_offered
        # The first part of the page offers the ways back; the others just say why.
        display(problem_box(str(problem)) if _damage_offered else Damaged(problem).widget)
        _damage_offered = True
        return None
    except Exception:
        return show_built(page_journal)  # the calm words for why it did not open
    return _show_following_the_clock(make, opened)


def _show_following_the_clock(make: Callable[[Journal], Any], journal: Journal) -> Any:
    """Build and display a page part, and build it again if the browser then reports a
    time zone that changes the person's day or clock from the one it was built with (the
    first visit, or after travelling). The zone is kept in the journal for next time."""
    from IPython.display import display

    from .. import clock, languages
    from .visit import the_visit

    def widget_of(shown: Any) -> w.Widget:
        return getattr(shown, "widget", shown)

    languages.apply(journal)
    part, shown = build_part(lambda: make(journal))
    holder = w.VBox([widget_of(shown)], layout=w.Layout(width="100%"))
    built_with = clock.zone(journal)

    def reported() -> None:
        nonlocal built_with
        from ..errors import KitError

        try:
            clock.remember_reported(journal)
        except KitError:  # keeping it for next time is a nicety; this visit has it already
            logging.getLogger("kit").exception("the time zone could not be kept")
        now = clock.zone(journal)
        if languages.apply(journal) or not clock.same_clock(now, built_with):
            built_with = now
            holder.children = [widget_of(build_part(lambda: make(journal))[1])]

    def relanguage() -> None:
        holder.children = [widget_of(build_part(lambda: make(journal))[1])]

    the_visit()[0].on_zone(reported)
    languages.on_change(relanguage)
    display(holder)
    if isinstance(part, DisplayOnce):
        part.mark_shown()  # it is on the page, in the holder: the cell's value is not
    return part
