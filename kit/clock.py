"""The person's own day: "today" and the time of day in their time zone, not the server's.

A hosted journal runs on a server whose clock may be in UTC while the person checks in at
9 pm in California: by the server's clock that is tomorrow already. Every page, streak and
report asks this module instead of ``date.today()``.

The zone is, in order:

1. the one the person chose on My data (kept in the journal as ``time_zone``);
2. the browser's, which the page reports on every visit (:mod:`kit.widgets.visit`), and
   which is kept in the journal (``browser_time_zone``) so that the next visit starts
   with it and a report made from the command line uses it too;
3. the clock of the machine the kit runs on.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from .errors import KitError

if TYPE_CHECKING:
    from .journal import Journal

CHOSEN = "time_zone"
REPORTED = "browser_time_zone"
_reported: str | None = None  # what this visit's browser said (kit.widgets.visit)


def set_reported(name: str) -> None:
    """Take the zone the browser reported for this visit (ignored if it is not a zone)."""
    global _reported
    if known_zone(name) is not None:
        _reported = name


def known_zone(name: Any) -> ZoneInfo | None:
    """The zone called ``name`` (an IANA name such as ``America/Los_Angeles``), or None."""
    if not isinstance(name, str) or not name or len(name) > 64 or name.startswith("/"):
        return None
    try:
        return _zone(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@functools.cache
def _zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every zone a person can choose, sorted (from the system's or tzdata's database)."""
    return tuple(sorted(n for n in available_timezones() if "/" in n and not n.startswith("Etc/")))


def _setting(journal: Journal | None, key: str) -> dt.tzinfo | None:
    if journal is None:
        return None
    try:
        return known_zone(journal.setting(key))
    except KitError:  # a journal that cannot be read has no zone here
        return None


def zone(journal: Journal | None = None) -> dt.tzinfo:
    """The person's time zone: the one chosen on My data, else the one this visit's browser
    reported, else the one a browser reported last time, else the machine's."""
    for found in (
        _setting(journal, CHOSEN),
        known_zone(_reported),
        _setting(journal, REPORTED),
    ):
        if found is not None:
            return found
    local = dt.datetime.now().astimezone().tzinfo
    return local or dt.UTC


def now(journal: Journal | None = None) -> dt.datetime:
    """This moment, in the person's time zone."""
    return dt.datetime.now(zone(journal))


def today(journal: Journal | None = None) -> dt.date:
    """The person's today."""
    return now(journal).date()


def local(moment: dt.datetime, journal: Journal | None = None) -> dt.datetime:
    """A saved moment (aware, usually UTC) as the person's clock showed it."""
    return moment.astimezone(zone(journal))


def zone_name(journal: Journal | None = None) -> str:
    """The person's time zone by name (``UTC`` or an IANA name)."""
    found = zone(journal)
    return getattr(found, "key", None) or str(found)


def same_clock(first: dt.tzinfo, second: dt.tzinfo) -> bool:
    """Whether two zones show the same day and time now ("UTC" and "Etc/UTC", say)."""
    moment = dt.datetime.now(dt.UTC)
    return moment.astimezone(first).replace(tzinfo=None) == moment.astimezone(second).replace(
        tzinfo=None
    )


def remember_reported(journal: Journal) -> bool:
    """Keep the zone this visit's browser reported in the journal (True if it was new)."""
    if _reported is None or journal.setting(REPORTED) == _reported:
        return False
    journal.set_setting(REPORTED, _reported)
    return True
