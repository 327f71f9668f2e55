"""Objects that put a widget on the page, and show it once however often they are displayed."""

from __future__ import annotations

import base64
import html
import logging
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w

if TYPE_CHECKING:
    from ..journal import Journal


class DisplayOnce:
    """``kit.show(...)`` and friends display the object and return it; when that return
    value ends a cell, IPython displays it again. Showing it once is enough."""

    widget: w.Widget
    _displayed: bool = False

    def _ipython_display_(self) -> None:
        if not self._displayed:
            self._displayed = True
            from IPython.display import display

            display(self.widget)


_visitor_arrived = False
_damage_offered = False


def await_visitor() -> None:
    """Under Voila's pre-heated kernels, wait here until someone asks for the page.

    A pre-heated kernel runs the notebook before anyone visits, so that the import of the
    kit is done ahead of time; everything that reads the journal comes after this call, so
    a page never shows answers older than the visit. Outside pre-heating it returns at once.
    """
    global _visitor_arrived
    if _visitor_arrived or os.environ.get("VOILA_PREHEAT", "False") == "False":
        return
    _wait_for_request()
    _visitor_arrived = True


def begin_page() -> None:
    """Wait for the visitor (see :func:`await_visitor`), then put this kernel's visit piece
    on the page, once, so the browser can tell its time zone (:mod:`kit.widgets.visit`)."""
    await_visitor()
    from IPython.display import display

    from .visit import the_visit

    visit, new = the_visit()
    if new:
        display(visit)


def _wait_for_request() -> None:
    """Block until Voila hands this pre-heated kernel to a visitor, then take the visit's
    request details (URL, query string, ...) into the environment.

    This is what ``voila.utils.wait_for_request`` does (Voila 0.5: one message on the
    websocket ``voila/query/<kernel id>``). That module imports jupyter_server and nbconvert
    to make the call: a waiting kernel held 72-78 MB with it and holds 57 MB with this,
    which imports only websockets' small client (Voila's own dependency).
    """
    import json

    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    env = os.environ
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    url = (
        f"{env.get('VOILA_WS_PROTOCOL', 'ws')}://{env.get('VOILA_APP_IP', '127.0.0.1')}:"
        f"{env.get('VOILA_APP_PORT', '8866')}{base}voila/query/{env.get('VOILA_KERNEL_ID')}"
    )
    try:
        with connect(url, open_timeout=5, max_size=None) as socket:
            info = socket.recv()
    except (OSError, WebSocketException) as error:
        # As Voila does: the page goes on and reads the journal now.
        logging.getLogger(__name__).warning("No visit details from %s: %s", url, error)
        return
    for key, value in json.loads(info).items():
        env[key] = value


def show_built(build: Callable[[], Any]) -> Any:
    """Wait for the visitor, build a page part and display it. If it cannot be built, display
    calm words instead (the kit's own reason, or, for anything unexpected, that something
    went wrong, with the details in the server's log) and return None."""
    from IPython.display import display

    await_visitor()
    part, shown = _built(build)
    display(shown)
    return part


def _built(build: Callable[[], Any]) -> tuple[Any, Any]:
    """(the part, what to show): the built part twice, or None and the calm words why."""
    from ..errors import KitError
    from .form import problem_box

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
            _, shown = _built(lambda: make(unlocked))
            return getattr(shown, "widget", shown)

        display(slot_for(widget_for))
        return None
    except DamagedJournalError as problem:
        from .damaged import Damaged
        from .form import problem_box

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
    part, shown = _built(lambda: make(journal))
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
            holder.children = [widget_of(_built(lambda: make(journal))[1])]

    def relanguage() -> None:
        holder.children = [widget_of(_built(lambda: make(journal))[1])]

    the_visit()[0].on_zone(reported)
    languages.on_change(relanguage)
    display(holder)
    if isinstance(part, DisplayOnce):
        part._displayed = True  # it is on the page, in the holder: the cell's value is not
    return part


def went_wrong() -> str:
    """Log the exception being handled (to the server's log, never the page) and return
    the calm words the page shows instead."""
    from ..text import t

    logging.getLogger("kit").exception("a page could not be shown")
    return t("widgets.went-wrong")


def download_link(name: str, data: bytes, mime: str, label: str) -> str:
    """An escaped link that saves ``data`` as ``name`` when clicked (nothing is uploaded)."""
    encoded = base64.b64encode(data).decode("ascii")
    return (
        f'<a class="kit-download" download="{html.escape(name)}" '
        f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )
