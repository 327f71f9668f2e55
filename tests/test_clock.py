"""The person's own day: the zone chosen on My data, else this visit's browser's, else the
one a browser reported before, else the machine's."""

from __future__ import annotations

import datetime as dt

import pytest

import kit
from kit import clock


@pytest.fixture(autouse=True)
def no_visit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_reported", None)


def test_the_zone_comes_in_order(journal: kit.Journal) -> None:
    """Does a chosen zone beat this visit's browser, which beats the one kept from before?"""
    assert clock.zone_name(journal) == clock.zone_name(None), "the machine's, at first"
    journal.set_setting(clock.REPORTED, "Asia/Tokyo")
    assert clock.zone_name(journal) == "Asia/Tokyo"
    clock.set_reported("America/Los_Angeles")
    assert clock.zone_name(journal) == "America/Los_Angeles"
    assert clock.remember_reported(journal)
    assert journal.setting(clock.REPORTED) == "America/Los_Angeles"
    assert not clock.remember_reported(journal), "kept once"
    journal.set_setting(clock.CHOSEN, "Europe/Madrid")
    assert clock.zone_name(journal) == "Europe/Madrid"


@pytest.mark.parametrize("name", ["Mars/Olympus_Mons", "", "../../etc/passwd", 7, None, "/UTC"])
def test_a_zone_that_is_not_one_is_ignored(journal: kit.Journal, name) -> None:
    """Is a hand-edited or garbled zone (in the journal, or from a browser) ignored?"""
    journal.set_setting(clock.CHOSEN, name)
    clock.set_reported(name)  # type: ignore[arg-type]
    assert clock.zone_name(journal) == clock.zone_name(None)


def test_today_and_saved_times_follow_the_zone(journal: kit.Journal) -> None:
    """Is today the zone's date, and a saved moment shown on the zone's clock?"""
    journal.set_setting(clock.CHOSEN, "Pacific/Kiritimati")
    now = dt.datetime.now(dt.UTC)
    expected = (now + dt.timedelta(hours=14)).date()
    assert clock.today(journal) in (expected, (now + dt.timedelta(hours=14, seconds=5)).date())
    saved = dt.datetime(2026, 12, 1, 12, 0, tzinfo=dt.UTC)
    assert clock.local(saved, journal).hour == 2
    assert clock.local(saved, journal).date() == dt.date(2026, 12, 2)


def test_the_report_dates_follow_the_zone(journal: kit.Journal) -> None:
    """Does the report date what was saved, and itself, by the person's day?"""
    from kit.report import build_report
    from kit.text import day_text

    utc = dt.datetime.now(dt.UTC)
    zone = "Pacific/Kiritimati" if utc.hour >= 10 else "Pacific/Pago_Pago"
    journal.set_setting(clock.CHOSEN, zone)
    journal.save("future", {"where": "by the sea"})
    theirs = clock.today(journal)
    assert theirs != utc.date()
    page = build_report(journal, ["future"])
    assert page.count(day_text(theirs)) == 2, "the section and the day it was made"
    assert day_text(utc.date()) not in page


def test_two_names_for_one_clock_are_the_same_clock() -> None:
    """Is UTC by two names one clock (no page is built again for it), and Tokyo not?"""
    from zoneinfo import ZoneInfo

    assert clock.same_clock(ZoneInfo("Etc/UTC"), dt.UTC)
    assert not clock.same_clock(ZoneInfo("Asia/Tokyo"), dt.UTC)
