"""Work that can wait until a page is on the screen.

In the app, a page's charts take longer to draw in the browser than the rest of the page
(the trends page over ten years of check-ins most of all), and the browser draws a page's
parts in the order they come. So while the app builds or refreshes a page, drawing a chart
is put off (:func:`soon`) and done just after the page has been sent (:func:`run_soon`):
the page's words and inputs are usable first and its charts follow a moment later.

Outside the app (a notebook on its own, a test) nothing is put off: Voila sends a notebook's
widgets as they are when its cells have run, so work done later would come too late.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterator

log = logging.getLogger(__name__)

_waiting: list[Callable[[], None]] | None = None  # None: nothing is put off


@contextlib.contextmanager
def putting_off() -> Iterator[list[Callable[[], None]]]:
    """While this is open, :func:`soon` keeps the work in the list it yields."""
    global _waiting
    outer, _waiting = _waiting, []
    try:
        yield _waiting
    finally:
        _waiting = outer


def soon(work: Callable[[], None]) -> None:
    """Do ``work`` now, or, while a page is being built for the app, once it is sent."""
    if _waiting is None:
        work()
    else:
        _waiting.append(work)


def run_soon(waiting: list[Callable[[], None]]) -> None:
    """Do the work put off, one piece at a time, each as its own turn of the kernel's event
    loop (so that what the browser asks for in between is answered in between). Without a
    running loop (a test, a script) it is done at once."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    for work in waiting:
        if loop is None:
            _do(work)
        else:
            loop.call_soon(_do, work)


def _do(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:  # a chart that cannot be drawn must not stop the others
        log.exception("work put off until the page was shown failed")


def after(seconds: float, work: Callable[[], None]) -> None:
    """Do ``work`` on the kernel's event loop ``seconds`` from now (at once without one)."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        _do(work)
    else:
        loop.call_later(seconds, _do, work)
