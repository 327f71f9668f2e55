"""A daily check-in reminder as an iCalendar (.ics) file that calendar apps accept.

The event is titled neutrally ("Journal" in English), so a glance at a shared calendar gives nothing
away. The time is "floating": it rings at the chosen local time wherever the phone is.
"""

from __future__ import annotations

import datetime as dt
import uuid

from .text import t


def _words(text: str) -> str:
    """Words as an iCalendar TEXT value: backslash, semicolon, comma and line breaks escaped."""
    for plain, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
        text = text.replace(plain, escaped)
    return text


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, as RFC 5545 asks."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, start = [], 0
    while start < len(raw):
        end = min(start + (75 if not parts else 74), len(raw))
        while end < len(raw) and (raw[end] & 0xC0) == 0x80:  # never split a character
            end -= 1
        parts.append(raw[start:end].decode("utf-8"))
        start = end
    return "\r\n ".join(parts)


def reminder_ics(at: dt.time, starting: dt.date | None = None, title: str | None = None) -> str:
    """A daily reminder at ``at`` (local time), from ``starting`` (today by default), titled
    ``title`` (by default the neutral title in the language shown now)."""
    title = _words(title if title is not None else t("reminder.title"))
    starting = starting or dt.date.today()
    begin = dt.datetime.combine(starting, at.replace(second=0, microsecond=0))
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//journal-kit//reminder//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uuid.uuid4()}@journal-kit",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{begin:%Y%m%dT%H%M%S}",
        "DURATION:PT5M",
        "RRULE:FREQ=DAILY",
        f"SUMMARY:{title}",
        f"DESCRIPTION:{_words(t('reminder.description'))}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{title}",
        "TRIGGER:PT0M",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
