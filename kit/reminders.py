"""A daily check-in reminder as an iCalendar (.ics) file that calendar apps accept.

The event is titled neutrally ("Journal" in English), so a glance at a shared calendar gives nothing
away. The time is "floating": it rings at the chosen local time wherever the phone is. The
file is written by ``icalendar`` (RFC 5545: escaping, line folding, line ends).
"""

from __future__ import annotations

import datetime as dt
import uuid

import icalendar

from .text import t

PRODUCT = "-//journal-kit//reminder//EN"


def reminder_ics(at: dt.time, starting: dt.date | None = None, title: str | None = None) -> str:
    """A daily reminder at ``at`` (local time), from ``starting`` (today by default), titled
    ``title`` (by default the neutral title in the language shown now)."""
    title = title if title is not None else t("reminder.title")
    starting = starting or dt.date.today()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    event = icalendar.Event()
    event.add("uid", f"{uuid.uuid4()}@journal-kit")
    event.add("dtstamp", dt.datetime.now(dt.UTC).replace(microsecond=0))
    # A date and time without a zone is floating: the same hour wherever the phone is.
    event.add("dtstart", dt.datetime.combine(starting, at.replace(second=0, microsecond=0)))
    event.add("duration", dt.timedelta(minutes=5))
    event.add("rrule", {"freq": "daily"})
    event.add("summary", title)
    event.add("description", t("reminder.description"))
    event.add("transp", "TRANSPARENT")
    alarm = icalendar.Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", dt.timedelta(0))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
