"""The check-in reminder: an .ics file a calendar app accepts, titled neutrally."""

from __future__ import annotations

import datetime as dt

import icalendar

from kit.reminders import reminder_ics


def test_reminder_parses_as_a_daily_event_at_the_chosen_time() -> None:
    """Does the .ics parse, repeating daily at the local time picked, with an alarm?"""
    text = reminder_ics(dt.time(21, 30), dt.date(2026, 12, 1))
    calendar = icalendar.Calendar.from_ical(text)
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART") == dt.datetime(2026, 12, 1, 21, 30)
    assert event.decoded("DTSTART").tzinfo is None, "floating: local time wherever you are"
    assert event["RRULE"]["FREQ"] == ["DAILY"]
    assert str(event["SUMMARY"]) == "Journal"
    (alarm,) = event.walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert text.endswith("\r\n")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_long_titles_are_folded_and_read_back_whole() -> None:
    """Is a long title with accents and iCalendar's special characters folded at 75 octets
    without cutting a character in two, and read back exactly as it was given?"""
    title = "Tagebuch; é, \\ ünd\nmehr " * 6
    text = reminder_ics(dt.time(8, 0), dt.date(2026, 12, 1), title=title)
    lines = text.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines), "the title was folded"
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == title
    (alarm,) = event.walk("VALARM")
    assert str(alarm["DESCRIPTION"]) == title
