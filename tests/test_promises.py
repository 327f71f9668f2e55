"""What the pages promise about the data is true for the journal as it is: where it is,
who can read it, and what deleting it removes."""

from __future__ import annotations

import datetime as dt
import fnmatch
import re
from pathlib import Path

import ipywidgets as w
import pytest

import kit
from kit import backup
from kit.journal import DB_NAME
from kit.widgets.start import journal_location_html


def listed_steps(html: str) -> list[str]:
    """The file patterns the start page lists for deleting by hand."""
    return re.findall(r'<code class="kit-kept">([^<]+)</code>', html)


def test_start_page_deletion_steps_match_what_delete_everything_removes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does every file "Delete everything" removes match a step the start page lists, does
    every file a step matches go, and is nothing of the journal left in its folder?"""
    folder = tmp_path / "data"
    monkeypatch.setenv("KIT_DATA_DIR", str(folder))
    with kit.open_journal() as journal:
        journal.save("future", {"where": "soon gone"})
        journal.back_up(dt.date.today() - dt.timedelta(days=1))
        journal.back_up(dt.date.today() - dt.timedelta(days=2))
    (folder / f"{DB_NAME}.damaged-20260101-000000").write_bytes(b"old damage")
    (folder / f"{DB_NAME}.damaged-20260101-000000-wal").write_bytes(b"its log")
    (folder / f"{DB_NAME}.replaced-20260102-000000").write_bytes(b"as it was")
    (folder / ".restore-abc.tmp").write_bytes(b"a half-made restore")
    (folder / "backups" / ".backup-abc.tmp").write_bytes(b"a half-made backup")
    steps = listed_steps(journal_location_html(locked=False))
    assert DB_NAME in steps
    before = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    with kit.open_journal() as journal:
        journal.save("future", {"where": "a -wal and -shm now exist"})
        on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert f"{DB_NAME}-wal" in on_disk
        removed = journal.delete_everything()
    gone = {p.relative_to(folder).as_posix() for p in removed}
    for name in gone:
        assert any(fnmatch.fnmatch(name, step) for step in steps), f"{name} is not listed"
    for name in before | on_disk:
        if any(fnmatch.fnmatch(name, step) for step in steps):
            assert name in gone or not (folder / name).exists(), f"{name} was left"
    assert list(folder.rglob("*")) == [], "nothing of the journal is left in its folder"


def test_an_unlisted_file_would_be_caught(tmp_path: Path, monkeypatch) -> None:
    """Would the steps above notice a kind of file the kit keeps that the page omits?"""
    monkeypatch.setattr(backup, "KEPT_BESIDE", backup.KEPT_BESIDE[1:])
    steps = listed_steps(journal_location_html(locked=False))
    assert f"{DB_NAME}-wal" not in steps


@pytest.mark.parametrize(
    ("hosted", "locked", "says", "never"),
    [
        (False, False, "anyone who can open files on this computer", "encrypted"),
        (False, True, "stored encrypted", "can read it"),
        (True, False, "whoever runs that server can read it", "encrypted"),
        (True, True, "the lock protects the file, not a page in use", "can read it."),
    ],
)
def test_who_can_read_it_is_true_as_it_is(monkeypatch, hosted, locked, says, never) -> None:
    """Does the start page say who can read the journal truly, plain or locked, on this
    computer or hosted, and never promise more?"""
    if hosted:
        monkeypatch.setenv("JUPYTERHUB_USER", "client1")
    else:
        monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    words = journal_location_html(locked=locked)
    assert says in words
    assert never not in words
    assert "no copy anywhere" not in words
    assert "Only you decide" not in words


def test_no_page_promises_that_only_the_person_reads_it() -> None:
    """Is no placeholder or intro claiming that only the person decides who reads it (false
    on a hosted, unlocked journal)?"""
    for sheet_id in kit.worksheet_ids():
        sheet = kit.definition(sheet_id)
        words = [sheet.intro] + [f.placeholder or "" for f in sheet.fields]
        assert not any("Only you decide who reads" in w for w in words), sheet_id
    start = (Path(__file__).parents[1] / "notebooks" / "00-start.ipynb").read_text()
    assert "Deleted means gone" not in start
    assert "no copy anywhere else" not in start


def test_my_data_names_the_shares_deleting_leaves(journal: kit.Journal, tmp_path) -> None:
    """With a share still in the therapist's inbox, does the delete section say so?"""
    from kit import share
    from kit.widgets.mydata import MyData

    def text(page: MyData) -> str:
        return " ".join(x.value for x in page.widget.children if isinstance(x, w.HTML))

    assert "still in your therapist" not in text(MyData(journal))
    inbox = tmp_path / "inbox" / "client1"
    inbox.mkdir(parents=True)
    journal.save("future", {"where": "shared"})
    share.make_share(journal, ["future"], inbox=inbox)
    assert "One share is still in your therapist&#39;s inbox" in text(MyData(journal))
