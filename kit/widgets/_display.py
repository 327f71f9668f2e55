"""Objects that put a widget on the page, and show it once however often they are displayed."""

from __future__ import annotations

import base64
import datetime as dt
import logging
import os
from typing import TYPE_CHECKING

import ipywidgets as w
from markupsafe import Markup

if TYPE_CHECKING:
    from ..journal import Journal


class DisplayOnce:
    """``kit.show(...)`` and friends display the object and return it; when that return
    value ends a cell, IPython displays it again. Showing it once is enough."""

    widget: w.Widget
    _displayed: bool = False

    def mark_shown(self) -> None:
        """Say that the widget is on the page already (put there some other way than by
        displaying this object), so that displaying the object shows nothing more."""
        self._displayed = True

    def _ipython_display_(self) -> None:
        if not self._displayed:
            self._displayed = True
            from IPython.display import display

            display(self.widget)


_visitor_arrived = False


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


def saved_when(saved_at: dt.datetime, journal: Journal) -> str:
    """When something was saved, on the person's clock: the time today, else day and time."""
    from .. import clock
    from ..text import day_text, t, time_text

    local = clock.local(saved_at, journal)
    if local.date() == clock.today(journal):
        return time_text(local)
    return t("form.when", day=day_text(local.date(), "medium"), time=time_text(local))


def went_wrong() -> str:
    """Log the exception being handled (to the server's log, never the page) and return
    the calm words the page shows instead."""
    from ..text import t

    logging.getLogger("kit").exception("a page could not be shown")
    return t("widgets.went-wrong")


def download_link(name: str, data: bytes, mime: str, label: str) -> Markup:
    """An escaped link that saves ``data`` as ``name`` when clicked (nothing is uploaded)."""
    encoded = base64.b64encode(data).decode("ascii")
    return Markup('<a class="kit-download" download="{}" href="data:{};base64,{}">{}</a>').format(
        name, mime, encoded, label
    )
