"""The "my data" page, driven from Python: copy, bring in, report, reminder, delete."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import icalendar

import kit
from kit.widgets.mydata import MyData


def downloads(html: str) -> dict[str, bytes]:
    """The files behind the page's download links, by name."""
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)
    return {name: base64.b64decode(data) for name, data in found}


def test_take_a_copy_and_bring_it_into_another_journal(journal: kit.Journal, tmp_path) -> None:
    """Does the copy hold everything, and does bringing it in preview, then add, once?"""
    journal.save("check-in", {"day": "2026-03-01", "mood": 6, "note": "<b>hi</b>"})
    journal.save("wellbeing", {"overall": 3})
    page = MyData(journal)
    page.prepare_copy()
    files = downloads(page.copy_links.value)
    (name,) = [n for n in files if n.endswith(".json")]
    assert json.loads(files[name])["format"] == "journal-kit-bundle"
    assert b"2026-03-01" in next(v for n, v in files.items() if n.endswith(".csv"))

    with kit.open_journal(tmp_path / "other") as other:
        target = MyData(other)
        target.preview_upload(name, files[name])
        assert "2 responses to add" in target.preview.value
        assert other.all_records() == [], "a preview adds nothing"
        assert target.import_button.layout.display is None
        target.confirm_import()
        assert "Added 2" in target.preview.value
        assert other.latest("check-in")["note"] == "<b>hi</b>"
        target.preview_upload(name, files[name])
        assert "Nothing new" in target.preview.value
        assert target.import_button.layout.display == "none"


def test_a_broken_file_is_explained_and_nothing_added(journal: kit.Journal) -> None:
    """Is a damaged upload explained on the page, with the journal unchanged?"""
    page = MyData(journal)
    page.preview_upload("journal.json", b'{"format": "journal-kit-bundle", "bundle_ver')
    assert "damaged or cut short" in page.preview.value
    page.preview_upload("moods.csv", b"when,feeling\n")
    assert "neither Daylio" in page.preview.value
    page.confirm_import()
    assert journal.all_records() == []


def test_report_and_reminder_downloads(journal: kit.Journal) -> None:
    """Are the report and the reminder offered as files, and a bad time explained?"""
    journal.save("reasons", {"reasons": [{"reason": "<script>x</script>"}]})
    page = MyData(journal)
    page.make_report()
    (report,) = downloads(page.report_link.value).values()
    assert b"&lt;script&gt;x&lt;/script&gt;" in report
    page.reminder_time.value = "half past eight"
    page.make_reminder()
    assert "time like 20:30" in page.reminder_link.value
    page.reminder_time.value = "20:30"
    page.make_reminder()
    (ics,) = downloads(page.reminder_link.value).values()
    assert icalendar.Calendar.from_ical(ics).walk("VEVENT")


def test_delete_needs_the_word_then_deletes_everything(tmp_path: Path) -> None:
    """Is nothing deleted without typing the word, and everything deleted with it?"""
    journal = kit.open_journal(tmp_path)
    journal.save("wellbeing", {"overall": 2})
    page = MyData(journal)
    page.confirm.value = "yes"
    page.delete()
    assert "Nothing was deleted" in page.delete_result.value
    assert (tmp_path / "journal.sqlite3").exists()
    page.confirm.value = "Delete"
    page.delete()
    assert "has been deleted" in page.delete_result.value
    assert list(tmp_path.glob("journal.sqlite3*")) == []
    with kit.open_journal(tmp_path) as fresh:
        assert fresh.all_records() == []
