"""Mood history from other apps: Daylio exports and plain CSVs, with broken rows listed."""

from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit.analysis.checkins import checkins
from kit.mood_import import MoodImportError, import_mood_csv

DAYLIO = """full_date,date,weekday,time,mood,activities,note_title,note
2026-03-03,March 3,Tuesday,21:10,good,friends | gym,,Dinner with Ana
2026-03-02,March 2,Monday,22:00,awful,,Rough day,"Cried, then slept <b>early</b>"
2026-03-02,March 2,Monday,09:00,meh,work,,
2026-03-01,March 1,Sunday,20:00,rad,gym | reading,,
2026-02-30,February 30,Sunday,20:00,good,,,
2026-02-28,February 28,Saturday,20:00,ecstatic,,,
"""


def write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_daylio_export_comes_in_with_nothing_lost(tmp_path: Path, journal: kit.Journal) -> None:
    """Are Daylio's moods mapped, activities kept as tags, days combined, bad rows listed?"""
    result = import_mood_csv(journal, write(tmp_path, DAYLIO))
    assert result.kind == "Daylio"
    frame = checkins(journal)
    assert [str(d.date()) for d in frame.index] == ["2026-03-01", "2026-03-02", "2026-03-03"]
    assert list(frame["mood"]) == [10, 4, 8]  # rad; awful and meh averaged; good
    assert frame.loc["2026-03-03", "tags"] == ["friends", "gym"]
    assert frame.loc["2026-03-02", "tags"] == ["work"]
    assert frame.loc["2026-03-02", "note"] == "Rough day\nCried, then slept <b>early</b>"
    assert result.problems == [
        (6, "'2026-02-30' is not a date like 2026-03-14"),
        (7, "the mood 'ecstatic' is not one of awful, bad, meh, good, rad"),
    ]
    assert "Row 7 was not imported" in result.describe()


def test_importing_again_adds_nothing_and_keeps_own_check_ins(tmp_path: Path, journal) -> None:
    """Does a second import add nothing, and is a day already checked in here kept as is?"""
    journal.save("check-in", {"day": "2026-03-03", "mood": 2, "note": "mine"})
    first = import_mood_csv(journal, write(tmp_path, DAYLIO))
    assert first.already_there == ["2026-03-03"]
    assert journal.for_day("check-in", "2026-03-03").answers["note"] == "mine"
    count = len(journal.history("check-in"))
    again = import_mood_csv(journal, write(tmp_path, DAYLIO))
    assert again.checkins == []
    assert len(journal.history("check-in")) == count


def test_plain_csv(tmp_path: Path, journal: kit.Journal) -> None:
    """Does a plain CSV with a date and a mood come in, other columns named as unused?"""
    text = (
        "Date,Mood,Note,Weather\n2026-04-01,7,Sunny walk,sun\n02/04/2026,3,,rain\n"
        "2026-04-03,eleven,,\n2026-04-04,0,,\n"
    )
    preview = import_mood_csv(journal, write(tmp_path, text), dry_run=True)
    assert journal.history("check-in") == [], "a preview changes nothing"
    assert preview.kind == "CSV"
    assert preview.ignored_columns == ["weather"]
    assert [row for row, _ in preview.problems] == [4, 5]
    import_mood_csv(journal, write(tmp_path, text))
    frame = checkins(journal)
    assert list(frame["mood"]) == [7, 3]
    assert frame.iloc[0]["note"] == "Sunny walk"


BAD = {
    "no date or mood columns": ("when,feeling\n2026-01-01,ok\n", "neither Daylio's columns"),
    "empty file": ("", "no header"),
    "not text": (b"\xff\xd8\xff\xe0\x00", "not text"),
}


@pytest.mark.parametrize(("content", "message"), BAD.values(), ids=BAD.keys())
def test_unreadable_files_are_refused(tmp_path: Path, journal, content, message) -> None:
    """Is a file that is not a mood CSV refused plainly, with nothing added?"""
    path = tmp_path / "in.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(MoodImportError, match=message):
        import_mood_csv(journal, path)
    assert journal.history("check-in") == []
