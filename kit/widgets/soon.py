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
from typing import Any

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


BUSY = 0.6  # the share of the machine's CPU time in use above which it counts as busy
LOOK_EVERY = 0.5  # seconds between two looks at how busy the machine is
WAIT_AT_MOST = 60.0  # seconds: then the work is done however busy the machine is


def when_quiet(work: Callable[[], None], waited: float = 0.0, since: Any = None) -> None:
    """Do ``work`` (something done ahead, that no one waits for) once the machine is not
    busy: on a hub where twenty visits open at once it would slow every one of them.
    Busy means more than ``BUSY`` of all CPU time in use over the last ``LOOK_EVERY``
    seconds (from ``/proc/stat``); where that cannot be read, the work is done now."""
    now = _cpu_times()
    if now is None or waited >= WAIT_AT_MOST:
        _do(work)
        return
    if since is not None:
        total, idle = now[0] - since[0], now[1] - since[1]
        if total > 0 and 1 - idle / total <= BUSY:
            _do(work)
            return
    after(LOOK_EVERY, lambda: when_quiet(work, waited + LOOK_EVERY, now))


def _cpu_times() -> tuple[int, int] | None:
    """(all, idle) CPU time of the machine so far, in ticks; None off Linux."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(n) for n in stat.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    return sum(fields), fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle + iowait
