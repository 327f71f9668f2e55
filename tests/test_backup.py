"""Backups and the ways back from a damaged journal file: made daily with the backup API,
the last seven kept, as locked as the journal, replaced when the lock changes; a damaged
file is never written over, and can be restored from a backup or moved aside."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import kit
from kit import backup
from kit import lock as lock_module
from kit.journal import DB_NAME
from kit.widgets.damaged import Damaged

PASS = "kettle garden tuesday"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock_module, "KDF", {**lock_module.KDF, "memory_kib": 1024,
                                             "iterations": 1})  # fmt: skip


def test_the_first_save_of_a_day_makes_a_backup_and_seven_are_kept(tmp_path: Path) -> None:
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "first"})
        journal.save("future", {"where": "second"})
        (only,) = backup.backups(journal.path)
        assert only[0] == dt.date.today()
        assert oct(only[1].stat().st_mode & 0o777) == oct(0o600)
        with kit.open_journal(only[1]) as copy:
            assert copy.latest("future") == {"where": "first"}, "made at the first save"
        for days in range(1, 10):
            journal.back_up(dt.date.today() - dt.timedelta(days=days))
        kept = backup.backups(journal.path)
        assert len(kept) == backup.KEEP
        assert kept[0][0] == dt.date.today()
        assert not any(p.suffix == ".tmp" for p in backup.backup_folder(journal.path).iterdir())


def test_a_failed_backup_never_fails_the_save(tmp_path: Path, monkeypatch) -> None:
    def broken(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(backup, "backup_now", broken)
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "kept"})
        assert journal.latest("future") == {"where": "kept"}


def test_backups_follow_the_lock(tmp_path: Path) -> None:
    """After locking, changing or removing the passphrase, the only backup is a fresh one,
    locked as the journal is: an old passphrase opens none, and no plain copy is left."""
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "lighthouse-marker"})
        journal.back_up(dt.date.today() - dt.timedelta(days=3))
        journal.set_passphrase(PASS)
        (fresh,) = backup.backups(journal.path)
        assert b"lighthouse-marker" not in fresh[1].read_bytes()
        with pytest.raises(kit.LockedError):
            kit.open_journal(fresh[1])
        with kit.open_journal(fresh[1], PASS) as copy:
            assert copy.latest("future") == {"where": "lighthouse-marker"}
        journal.set_passphrase("a second passphrase", current=PASS)
        (fresh,) = backup.backups(journal.path)
        with pytest.raises(kit.LockedError):
            kit.open_journal(fresh[1], PASS)


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(100, 4096, 7):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[:1500])


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _foreign(path: Path) -> None:
    path.unlink()
    with closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (text)")
        db.commit()


DAMAGE = {"flipped bytes": _flip, "truncated": _truncate, "zero length": _empty,
          "another database": _foreign}  # fmt: skip


@pytest.fixture
def damaged_journal(tmp_path: Path, request) -> Path:
    with kit.open_journal(tmp_path) as journal:
        for n in range(30):
            journal.save("future", {"where": f"line {n} " + "words " * 40})
    request.param(tmp_path / DB_NAME)
    return tmp_path / DB_NAME


@pytest.mark.parametrize("damaged_journal", DAMAGE.values(), ids=DAMAGE.keys(), indirect=True)
def test_a_damaged_file_is_refused_then_restored_and_kept(damaged_journal: Path) -> None:
    broken = damaged_journal.read_bytes()
    with pytest.raises(kit.DamagedJournalError):
        kit.open_journal(damaged_journal)
    assert damaged_journal.read_bytes() == broken, "refused without a write"
    moved, used = backup.restore(damaged_journal)
    assert moved.read_bytes() == broken, "the damaged file is kept, as it was"
    assert used.name.startswith("journal-")
    with kit.open_journal(damaged_journal) as journal:
        assert journal.latest("future")["where"].startswith("line 0")


@pytest.mark.parametrize("damaged_journal", [_truncate], indirect=True)
def test_the_page_offers_a_backup_or_a_fresh_start(damaged_journal: Path) -> None:
    with pytest.raises(kit.DamagedJournalError) as refused:
        kit.open_journal(damaged_journal)
    offer = Damaged(refused.value)
    assert offer.restore_button.layout.display is None
    assert dt.date.today().strftime("%B") in offer.restore_button.description
    assert offer.restore()
    assert "Reload the page" in offer.message.value
    assert offer.restore_button.disabled
    with kit.open_journal(damaged_journal) as journal:
        assert journal.history("future")


def test_without_a_backup_the_file_is_moved_aside(tmp_path: Path) -> None:
    (tmp_path / DB_NAME).write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    with pytest.raises(kit.DamagedJournalError) as refused:
        kit.open_journal(tmp_path)
    offer = Damaged(refused.value)
    assert offer.restore_button.layout.display == "none"
    assert not offer.restore(), "nothing to restore, said plainly"
    assert "no good backup" in offer.message.value
    assert offer.move_aside()
    (kept,) = tmp_path.glob(f"{DB_NAME}.damaged-*")
    assert kept.read_bytes().startswith(b"SQLite format 3")
    with kit.open_journal(tmp_path) as journal:
        assert journal.all_records() == []


def test_delete_everything_leaves_nothing_behind(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with kit.open_journal(folder) as journal:
        journal.save("future", {"where": "soon gone"})
        journal.back_up(dt.date.today() - dt.timedelta(days=1))
    (folder / f"{DB_NAME}.damaged-20260101-000000").write_bytes(b"old damage")
    with kit.open_journal(folder) as journal:
        removed = journal.delete_everything()
    assert len(removed) >= 4
    assert list(folder.rglob("*")) == []


def test_my_data_puts_a_backup_back_and_keeps_the_journal(tmp_path: Path) -> None:
    """Putting a backup back keeps the journal as it was beside it; another page that has
    the journal open reads the restored one, and its next save goes into it."""
    from kit.widgets.mydata import MyData

    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "in the backup"})
    with kit.open_journal(tmp_path) as journal, kit.open_journal(tmp_path) as other_page:
        journal.save("future", {"where": "after the backup"})
        assert other_page.latest("future") == {"where": "after the backup"}
        page = MyData(journal)
        assert page.backup_pick.options
        page.restore_backup()
        assert "is back in place" in page.backup_result.value
        assert journal.latest("future") == {"where": "in the backup"}
        assert other_page.latest("future") == {"where": "in the backup"}
        other_page.save("future", {"where": "written after"})
        assert journal.latest("future") == {"where": "written after"}
    (kept,) = tmp_path.glob(f"{DB_NAME}.replaced-*")
    with kit.open_journal(kept) as old:
        assert old.latest("future") == {"where": "after the backup"}
    with kit.open_journal(tmp_path) as journal:
        assert [r.answers["where"] for r in journal.history("future")] == [
            "in the backup", "written after"]  # fmt: skip
        assert journal._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_file_replaced_under_an_open_page_is_never_written(tmp_path: Path) -> None:
    """A page whose journal file was moved away (a damaged file restored, or everything
    deleted) refuses to save instead of writing into a file nobody will read."""
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "first"})
        moved = backup.move_aside(journal.path, "replaced")
        before = moved.read_bytes()
        with pytest.raises(kit.JournalError, match="reload the page"):
            journal.save("future", {"where": "lost?"})
    assert moved.read_bytes() == before
