"""The journal: a real SQLite file in a temporary folder, and every bad situation."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

import kit
from kit import journal as journal_module
from kit.journal import APPLICATION_ID, DB_NAME, schema_version

REPO = Path(__file__).resolve().parent.parent


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(journal: kit.Journal, count: int) -> None:
    for i in range(count):
        journal.save("wellbeing", {"overall": 1 + i % 5, "note": f"day {i} " + "words " * 40})


# --- round trip and history ----------------------------------------------------------------


def test_round_trip(journal: kit.Journal) -> None:
    """Are saved answers read back exactly, in their cleaned form?"""
    record = journal.save(
        "wellbeing",
        {"overall": 2, "afraid": False, "controlled": ["money", "phone"], "note": "Long week."},
    )
    expected = {
        "overall": 2,
        "afraid": False,
        "controlled": ["phone", "money"],
        "note": "Long week.",
    }
    assert record.answers == expected
    assert journal.latest("wellbeing") == expected
    assert record.worksheet == "wellbeing"
    assert record.version == kit.definition("wellbeing").version


def test_latest_is_none_before_any_save(journal: kit.Journal) -> None:
    """Does an empty journal say so, rather than inventing answers?"""
    assert journal.latest("wellbeing") is None
    assert journal.history("wellbeing") == []


def test_saving_again_keeps_history(journal: kit.Journal) -> None:
    """Does an edit add a version and keep the earlier ones, oldest first?"""
    first = journal.save("wellbeing", {"overall": 1})
    second = journal.save("wellbeing", {"overall": 4, "note": "Better."})
    history = journal.history("wellbeing")
    assert [r.answers for r in history] == [{"overall": 1}, {"overall": 4, "note": "Better."}]
    assert [r.id for r in history] == [first.id, second.id]
    assert history[0].saved_at <= history[1].saved_at
    assert history[0].saved_at.tzinfo is not None
    assert journal.latest("wellbeing") == {"overall": 4, "note": "Better."}


def test_saved_at_is_now(journal: kit.Journal) -> None:
    """Is the time of a save recorded as the real time, in UTC?"""
    before = dt.datetime.now(dt.UTC)
    record = journal.save("wellbeing", {"overall": 3})
    after = dt.datetime.now(dt.UTC)
    assert before <= record.saved_at <= after
    assert journal.history("wellbeing")[0].saved_at == record.saved_at


def test_saved_rows_are_never_overwritten(journal: kit.Journal) -> None:
    """Does the database itself refuse to change a saved response?"""
    journal.save("wellbeing", {"overall": 3})
    with closing(sqlite3.connect(journal.path)) as other, pytest.raises(sqlite3.IntegrityError):
        other.execute("UPDATE responses SET payload = x'00'")
    assert journal.latest("wellbeing") == {"overall": 3}


def test_answers_are_one_opaque_payload(journal: kit.Journal) -> None:
    """Are the answers stored as one value per record (ready to be encrypted later)?"""
    journal.save("wellbeing", {"overall": 3, "note": "private words"})
    with closing(sqlite3.connect(journal.path)) as other:
        columns = [row[1] for row in other.execute("PRAGMA table_info(responses)")]
        (payload,) = other.execute("SELECT payload FROM responses").fetchone()
    assert columns == ["id", "worksheet", "version", "saved_at", "payload"]
    assert isinstance(payload, bytes)
    assert b"private words" in payload


def test_invalid_answers_write_nothing(journal: kit.Journal) -> None:
    """Do bad answers raise ValidationError per field, with the journal unchanged?"""
    journal.save("wellbeing", {"overall": 3})
    before = digest(journal.path)
    with pytest.raises(kit.ValidationError) as caught:
        journal.save("wellbeing", {"drained": 9, "note": "x" * 4001, "nonsense": 1})
    errors = caught.value.errors
    assert set(errors) == {"overall", "drained", "note", "nonsense"}
    assert "needed" in errors["overall"]
    assert "0 to 4" in errors["drained"]
    assert "4,000" in errors["note"]
    assert isinstance(caught.value, ValueError)
    assert len(journal.history("wellbeing")) == 1
    assert digest(journal.path) == before


def test_unknown_worksheet(journal: kit.Journal) -> None:
    """Is saving to a worksheet that does not exist refused by name?"""
    with pytest.raises(kit.UnknownWorksheetError, match="no-such-sheet"):
        journal.save("no-such-sheet", {})


def test_reopening_keeps_everything(tmp_path: Path) -> None:
    """Do answers survive closing and reopening (a server restart)?"""
    with kit.open_journal(tmp_path) as first:
        first.save("wellbeing", {"overall": 5, "note": "Still here."})
    with kit.open_journal(tmp_path) as second:
        assert second.latest("wellbeing") == {"overall": 5, "note": "Still here."}


def test_two_open_journals_on_one_file(tmp_path: Path) -> None:
    """Do two pages (two kernels) writing the same journal both keep their saves?"""
    with kit.open_journal(tmp_path) as one, kit.open_journal(tmp_path) as two:
        one.save("wellbeing", {"overall": 1})
        two.save("wellbeing", {"overall": 2})
        assert [r.answers["overall"] for r in one.history("wellbeing")] == [1, 2]


def test_busy_journal_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When another window holds the journal, is the save refused calmly, writing nothing?"""
    monkeypatch.setattr(journal_module, "BUSY_TIMEOUT_MS", 50)
    with kit.open_journal(tmp_path) as journal:
        blocker = sqlite3.connect(journal.path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(kit.JournalError, match="busy"):
                journal.save("wellbeing", {"overall": 2})
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert journal.history("wellbeing") == []


def test_failed_commit_leaves_no_open_transaction(tmp_path: Path) -> None:
    """If a save fails at COMMIT itself, is it undone, and does the next save work?"""
    with kit.open_journal(tmp_path) as journal:
        db = journal._db
        # A deferred foreign key is only checked at COMMIT: a way to make COMMIT fail.
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("CREATE TEMP TABLE parent (id INTEGER PRIMARY KEY)")
        db.execute(
            "CREATE TEMP TABLE child (parent_id INTEGER "
            "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)"
        )
        db.execute(
            "CREATE TEMP TRIGGER fail_at_commit AFTER INSERT ON main.responses "
            "BEGIN INSERT INTO child VALUES (42); END"
        )
        with pytest.raises(kit.JournalError):
            journal.save("wellbeing", {"overall": 2})
        assert not db.in_transaction
        db.execute("DROP TRIGGER fail_at_commit")
        journal.save("wellbeing", {"overall": 3})
        assert [r.answers for r in journal.history("wellbeing")] == [{"overall": 3}]


# --- where the journal lives ---------------------------------------------------------------


def test_data_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Does KIT_DATA_DIR decide where the journal file is created?"""
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path / "mine"))
    with kit.open_journal() as journal:
        assert journal.path == tmp_path / "mine" / DB_NAME
        assert journal.path.is_file()


def test_default_data_dir_is_outside_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without KIT_DATA_DIR, is the journal in the platform's data folder, not the repo?"""
    monkeypatch.delenv("KIT_DATA_DIR", raising=False)
    folder = kit.default_data_dir()
    assert folder.is_absolute()
    assert "journal-kit" in folder.parts
    assert REPO not in folder.parents
    assert folder != REPO


def test_path_may_be_a_file(tmp_path: Path) -> None:
    """Can a journal be opened by its file name as well as by its folder?"""
    with kit.open_journal(tmp_path / "elsewhere.sqlite3") as journal:
        journal.save("wellbeing", {"overall": 2})
    assert (tmp_path / "elsewhere.sqlite3").is_file()
    assert not (tmp_path / DB_NAME).exists()


def test_new_journal_is_private(tmp_path: Path) -> None:
    """Is a new journal readable by its owner alone?"""
    with kit.open_journal(tmp_path / "private") as journal:
        assert journal.path.stat().st_mode & 0o777 == 0o600
        assert journal.path.parent.stat().st_mode & 0o777 == 0o700


def test_wal_mode_and_schema_version(journal: kit.Journal) -> None:
    """Is the journal in WAL mode, marked as ours, at the current schema version?"""
    with closing(sqlite3.connect(journal.path)) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert other.execute("PRAGMA user_version").fetchone()[0] == schema_version()
        assert other.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_no_leftover_files_after_creating(tmp_path: Path) -> None:
    """Does creating a journal leave only the journal (no temporary files) behind?"""
    kit.open_journal(tmp_path).close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [DB_NAME]


# --- migrations -----------------------------------------------------------------------------


def test_forward_migration_runs_on_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Does opening an older journal upgrade it, keeping every answer?"""
    with kit.open_journal(tmp_path) as journal:
        journal.save("wellbeing", {"overall": 2})
    newer = [*journal_module.MIGRATIONS, "CREATE TABLE milestones (id INTEGER PRIMARY KEY);"]
    monkeypatch.setattr(journal_module, "MIGRATIONS", newer)
    with kit.open_journal(tmp_path) as journal:
        assert journal.latest("wellbeing") == {"overall": 2}
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as other:
        assert other.execute("PRAGMA user_version").fetchone()[0] == len(newer)
        assert other.execute("SELECT count(*) FROM milestones").fetchone()[0] == 0


def test_failed_migration_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If an upgrade step fails, is it rolled back, with a clear message and the data intact?"""
    with kit.open_journal(tmp_path) as journal:
        journal.save("wellbeing", {"overall": 2})
    broken = [
        *journal_module.MIGRATIONS,
        "CREATE TABLE half_done (id INTEGER);\nINSERT INTO no_such_table VALUES (1);",
    ]
    monkeypatch.setattr(journal_module, "MIGRATIONS", broken)
    with pytest.raises(kit.JournalError, match="brought up to date"):
        kit.open_journal(tmp_path)
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as other:
        assert other.execute("PRAGMA user_version").fetchone()[0] == len(broken) - 1
        tables = {row[0] for row in other.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    monkeypatch.setattr(journal_module, "MIGRATIONS", broken[:-1])
    with kit.open_journal(tmp_path) as journal:
        assert journal.latest("wellbeing") == {"overall": 2}


def test_newer_journal_is_refused(tmp_path: Path) -> None:
    """Is a journal from a newer kit refused, unchanged, with a message saying so?"""
    with kit.open_journal(tmp_path) as journal:
        journal.save("wellbeing", {"overall": 2})
    path = tmp_path / DB_NAME
    with closing(sqlite3.connect(path)) as other:
        other.execute(f"PRAGMA user_version = {schema_version() + 7}")
    before = digest(path)
    with pytest.raises(kit.NewerJournalError, match="newer version") as caught:
        kit.open_journal(tmp_path)
    assert str(path) in str(caught.value)
    assert digest(path) == before


# --- damaged files --------------------------------------------------------------------------


def _healthy(tmp_path: Path, saves: int = 60) -> Path:
    with kit.open_journal(tmp_path) as journal:
        fill(journal, saves)
    return tmp_path / DB_NAME


def _zero_length(tmp_path: Path) -> Path:
    path = tmp_path / DB_NAME
    path.write_bytes(b"")
    return path


def _not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / DB_NAME
    path.write_text("These are my notes, not a database.\n" * 50)
    return path


def _another_sqlite_file(tmp_path: Path) -> Path:
    path = tmp_path / DB_NAME
    with closing(sqlite3.connect(path)) as other:
        other.execute("CREATE TABLE photos (name TEXT)")
        other.execute("INSERT INTO photos VALUES ('beach.jpg')")
        other.commit()
    return path


def _truncated(tmp_path: Path) -> Path:
    path = _healthy(tmp_path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2 + 123)
    return path


def _flipped_bytes(tmp_path: Path) -> Path:
    path = _healthy(tmp_path)
    assert path.stat().st_size > 8 * 4096, "enough pages to damage"
    data = bytearray(path.read_bytes())
    for offset in range(2 * 4096, len(data), 4096):  # every page's header after the first
        data[offset : offset + 8] = bytes(b ^ 0xFF for b in data[offset : offset + 8])
    path.write_bytes(bytes(data))
    return path


def _flipped_payload(tmp_path: Path) -> Path:
    path = _healthy(tmp_path, saves=1)
    data = path.read_bytes()
    at = data.index(b"words words")
    path.write_bytes(data[:at] + b"\xff\xfe\x00{" + data[at + 4 :])
    return path


def read_then_write(folder: Path) -> None:
    with kit.open_journal(folder) as journal:
        journal.history("wellbeing")
        journal.save("wellbeing", {"overall": 1})


DAMAGE = {
    "zero-length": _zero_length,
    "not-a-database": _not_a_database,
    "another-sqlite-file": _another_sqlite_file,
    "truncated": _truncated,
    "flipped-page-headers": _flipped_bytes,
    "flipped-answers": _flipped_payload,
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_damaged_journal_is_named_and_never_written(tmp_path: Path, damage) -> None:
    """Is a damaged or foreign file reported by name, and left byte for byte as it was?"""
    path = damage(tmp_path)
    before = digest(path)
    with pytest.raises(kit.DamagedJournalError) as caught:
        read_then_write(tmp_path)
    message = str(caught.value)
    assert str(path) in message
    assert "left exactly as it was" in message
    assert isinstance(caught.value, kit.JournalError)
    assert digest(path) == before


def test_folder_in_place_of_the_file(tmp_path: Path) -> None:
    """Is a folder where the journal file should be reported, not replaced?"""
    (tmp_path / DB_NAME).mkdir()
    (tmp_path / DB_NAME / "keep.txt").write_text("mine")
    with pytest.raises(kit.DamagedJournalError, match="folder"):
        kit.open_journal(tmp_path)
    assert (tmp_path / DB_NAME / "keep.txt").read_text() == "mine"


# --- the data folder ------------------------------------------------------------------------


def test_data_dir_that_cannot_be_created(tmp_path: Path) -> None:
    """Is a data folder that cannot be created reported plainly (here: under a file)?"""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(kit.DataDirError, match="cannot be created") as caught:
        kit.open_journal(blocker / "journal")
    assert str(blocker / "journal") in str(caught.value)
    assert blocker.read_text() == "not a folder"


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to any folder")
def test_data_dir_that_is_read_only(tmp_path: Path) -> None:
    """Is a read-only data folder reported plainly, with nothing written?"""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(kit.DataDirError, match="cannot be written"):
            kit.open_journal(folder)
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)


# --- settings -------------------------------------------------------------------------------


def test_settings_round_trip_and_removal(tmp_path: Path) -> None:
    """Are preferences kept across opening, replaced when changed, removed with None?"""
    with kit.open_journal(tmp_path) as journal:
        assert journal.setting("country") is None
        assert journal.setting("country", "GB") == "GB"
        journal.set_setting("country", "NZ")
        journal.set_setting("country", "IE")
        journal.set_setting("shape", {"a": [1, 2]})
    with kit.open_journal(tmp_path) as journal:
        assert journal.setting("country") == "IE"
        assert journal.setting("shape") == {"a": [1, 2]}
        journal.set_setting("country", None)
        assert journal.setting("country") is None


def test_a_first_version_journal_is_upgraded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Is a journal written by the first schema upgraded on open, keeping its answers?"""
    first = journal_module.MIGRATIONS[:1]
    monkeypatch.setattr(journal_module, "MIGRATIONS", first)
    kit.open_journal(tmp_path).close()
    monkeypatch.undo()
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as old:  # as the first kit saved it
        old.execute(
            "INSERT INTO responses (worksheet, version, saved_at, payload) VALUES (?, ?, ?, ?)",
            ("wellbeing", 2, "2026-01-02T10:00:00.000000+00:00", b'{"overall": 4}'),
        )
        old.commit()
    with kit.open_journal(tmp_path) as journal:
        assert journal.latest("wellbeing") == {"overall": 4}
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as other:
        assert other.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 2
        indexes = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "responses_by_time" in indexes


def test_history_follows_when_answers_were_saved(journal: kit.Journal) -> None:
    """Does an older response stored later (as an import does) stay behind newer ones?"""
    journal.save("wellbeing", {"overall": 5})
    old = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    journal.add_responses([("wellbeing", 2, old, {"overall": 1})])
    assert [r.answers["overall"] for r in journal.history("wellbeing")] == [1, 5]
    assert journal.latest("wellbeing") == {"overall": 5}


def test_responses_added_as_a_batch_are_checked_whole(journal: kit.Journal) -> None:
    """Does adding responses as a batch check every row as a save does, and keep none of
    them when one does not fit, naming the field?"""
    when = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    good = ("wellbeing", 2, when, {"overall": 3})
    bad = ("wellbeing", 2, when + dt.timedelta(days=1), {"overall": "very"})
    with pytest.raises(kit.ValidationError) as refused:
        journal.add_responses([good, bad])
    assert set(refused.value.errors) == {"overall"}
    assert journal.history("wellbeing") == []
    with pytest.raises(kit.UnknownWorksheetError):
        journal.add_responses([("no-such-sheet", 1, when, {})])
    with pytest.raises(ValueError, match="time zone"):
        journal.add_responses([("wellbeing", 2, when.replace(tzinfo=None), {"overall": 3})])
    (record,) = journal.add_responses([good])
    assert journal.latest("wellbeing") == {"overall": 3} == record.answers
