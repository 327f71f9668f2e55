"""The daily check-in: one per calendar day, history kept, past days filled in afterwards,
and the check-ins and scale scores as pandas DataFrames."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import kit
from kit import clock
from kit.analysis.checkins import checkins, scores
from kit.widgets import Form


def today(journal: kit.Journal) -> str:
    """Today as the form sees it, read when the test runs (a run can cross midnight)."""
    return clock.today(journal).isoformat()


def checkin(journal: kit.Journal, day: str, mood: int, **more) -> kit.Record:
    return journal.save("check-in", {"day": day, "mood": mood, **more})


def test_newest_save_of_a_day_counts_and_history_is_kept(journal: kit.Journal) -> None:
    """Does saving twice on one day keep both, with the newest counting for that day?"""
    checkin(journal, "2026-11-20", 3)
    checkin(journal, "2026-11-21", 6)
    checkin(journal, "2026-11-20", 5, note="Better by evening.")
    frame = checkins(journal)
    assert list(frame.index) == [pd.Timestamp("2026-11-20"), pd.Timestamp("2026-11-21")]
    assert frame.loc["2026-11-20", "mood"] == 5
    assert frame.loc["2026-11-20", "note"] == "Better by evening."
    assert len(journal.history("check-in")) == 3
    assert journal.for_day("check-in", "2026-11-20").answers["mood"] == 5
    assert journal.for_day("check-in", dt.date(2026, 11, 19)) is None


def test_checkins_frame_has_every_field(journal: kit.Journal) -> None:
    """Is there a column for every check-in field (and tags), even before any check-in?"""
    empty = checkins(journal)
    fields = [f.id for f in kit.definition("check-in").fields if f.id != "day"]
    assert list(empty.columns) == [*fields, "tags", "saved_at"]
    assert empty.empty
    assert empty.index.name == "date"


def test_tags_join_activities_and_own_tags(journal: kit.Journal) -> None:
    """Are activities and the person's own tags one list, trimmed, lower-cased, each once?"""
    checkin(journal, "2026-11-22", 7, activities=["friends", "outdoors"],
            own_tags=" Gym, gym ,date  night,, ")  # fmt: skip
    (tags,) = checkins(journal)["tags"]
    assert tags == ["friends", "outdoors", "gym", "date night"]


def test_a_check_in_needs_a_day_and_a_mood(journal: kit.Journal) -> None:
    """Is a check-in without its day or mood refused on those fields, saving nothing?"""
    with pytest.raises(kit.ValidationError) as caught:
        journal.save("check-in", {"note": "forgot the rest"})
    assert set(caught.value.errors) == {"day", "mood"}
    assert journal.history("check-in") == []


def test_scores_frame(journal: kit.Journal) -> None:
    """Does scores() give one row per scale response, with total and published band?"""
    assert list(scores(journal).columns) == [
        "date",
        "saved_at",
        "scale",
        "total",
        "maximum",
        "band",
    ]
    journal.save("who5", {f"q{i}": 2 for i in range(1, 6)})
    journal.save("gad7", {f"q{i}": 1 for i in range(1, 8)})
    journal.save("who5", {f"q{i}": 4 for i in range(1, 6)})
    frame = scores(journal)
    assert list(frame["scale"]) == ["who5", "gad7", "who5"]
    assert list(frame["total"]) == [40, 7, 80]
    assert list(frame["band"]) == ["Low well-being", "Mild", "Not in the low range"]
    assert frame["saved_at"].is_monotonic_increasing


def test_form_opens_on_today_and_shows_other_days(journal: kit.Journal) -> None:
    """Does the check-in open on today, blank, and show a past day's answers when chosen?"""
    checkin(journal, "2026-11-20", 4, win="Called my sister")
    form = Form(kit.definition("check-in"), journal)
    assert form.values() == {"day": today(journal)}
    assert form.status.value.startswith("Nothing saved for")
    form.inputs["day"].value = "2026-11-20"
    assert form.values() == {"day": "2026-11-20", "mood": 4, "win": "Called my sister"}
    assert form.status.value.startswith("Last saved")
    form.inputs["day"].value = "2026-11-19"
    assert form.values() == {"day": "2026-11-19"}


def test_filling_in_a_missed_day(journal: kit.Journal) -> None:
    """Can a missed day be filled in afterwards, without touching today's check-in?"""
    checkin(journal, today(journal), 8)
    form = Form(kit.definition("check-in"), journal)
    assert form.values() == {"day": today(journal), "mood": 8}
    form.inputs["day"].value = "2026-11-01"
    form.inputs["mood"].value = 2
    record = form.save()
    assert record.answers == {"day": "2026-11-01", "mood": 2}
    assert "(for 1 Nov 2026)" in form.status.value
    assert journal.for_day("check-in", today(journal)).answers["mood"] == 8
    assert list(checkins(journal)["mood"]) == [2, 8]


def test_for_day_only_for_daily_worksheets(journal: kit.Journal) -> None:
    """Is asking for one day of a worksheet that is not daily refused plainly?"""
    with pytest.raises(ValueError, match="not a once-a-day"):
        journal.for_day("wellbeing", today(journal))


def test_summary_follows_the_day_shown(journal: kit.Journal) -> None:
    """When the check-in is moved to another day, does its summary show that day's answers?"""
    from kit.widgets.pages import add_page_extras

    checkin(journal, "2026-11-20", 4, win="Called my sister")
    form = Form(kit.definition("check-in"), journal)
    summary = add_page_extras(form)[-1]
    assert summary.widget.value == ""
    form.inputs["day"].value = "2026-11-20"
    assert "Called my sister" in summary.widget.value
    form.inputs["day"].value = "2026-11-21"
    assert summary.widget.value == ""


def test_reclaimed_time_shows_as_tags_on_that_days_check_in(journal: kit.Journal) -> None:
    """Does what was logged on "Reclaim your time" become a tag on that day's check-in?"""
    checkin(journal, "2026-05-01", 7, activities=["friends"])
    checkin(journal, "2026-05-02", 5)
    journal.save("reclaim", {"done": [{"what": "Pottery class", "day": "2026-05-01"},
                                      {"what": "Friends", "day": "2026-05-01"},
                                      {"what": "Long swim", "day": "2026-05-09"}]})  # fmt: skip
    frame = checkins(journal)
    assert frame.loc["2026-05-01", "tags"] == ["friends", "pottery class"]
    assert frame.loc["2026-05-02", "tags"] == []
