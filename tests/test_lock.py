"""The passphrase lock: what a locked journal keeps from a reader of its files, and that
every way in and out of the lock works, refuses cleanly, and changes nothing when refused."""

from __future__ import annotations

import base64
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

import kit
from kit import lock as lock_module
from kit.journal import DB_NAME
from support.filling import answers_for

PASS = "kettle garden tuesday"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """A light Argon2id for speed; test_the_key_is_derived_at_full_strength checks the real
    setting that journals get."""
    monkeypatch.setattr(lock_module, "KDF", {**lock_module.KDF, "memory_kib": 1024,
                                             "iterations": 1})  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_key_is_derived_at_full_strength(tmp_path: Path, monkeypatch) -> None:
    """Is the real setting at least OWASP's Argon2id minimum (19 MiB, 2 passes), with a
    random salt of its own for every journal?"""
    monkeypatch.undo()
    assert lock_module.KDF["name"] == "argon2id"
    assert lock_module.KDF["memory_kib"] >= 19 * 1024
    assert lock_module.KDF["iterations"] >= 2
    salts = []
    for name in ("a", "b"):
        with kit.open_journal(tmp_path / name) as journal:
            journal.set_passphrase(PASS)
        with closing(sqlite3.connect(tmp_path / name / DB_NAME)) as db:
            stored = json.loads(db.execute("SELECT record FROM lock").fetchone()[0])
        assert stored["kdf"] == lock_module.KDF
        salts.append(stored["salt"])
    assert salts[0] != salts[1]


def test_lock_open_change_and_remove(tmp_path: Path) -> None:
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "by the sea"})
        journal.set_setting("country", "gb")
        code = journal.set_passphrase(PASS)
        assert journal.locked
        assert journal.latest("future") == {"where": "by the sea"}  # still open here
        journal.save("future", {"where": "in the hills"})
    with pytest.raises(kit.LockedError, match="locked"):
        kit.open_journal(tmp_path)
    with kit.open_journal(tmp_path, PASS) as journal:
        saved = [r.answers["where"] for r in journal.history("future")]
        assert saved == ["by the sea", "in the hills"]
        assert journal.settings() == {"country": "gb"}
        assert journal.set_passphrase("a new passphrase", current=PASS) is None
    with pytest.raises(kit.LockedError, match="does not open"):
        kit.open_journal(tmp_path, PASS)
    # The recovery code still opens it, typed any old way.
    messy = code.lower().replace("-", " ")
    with kit.open_journal(tmp_path, recovery_code=messy) as journal:
        assert journal.latest("future") == {"where": "in the hills"}
        journal.set_passphrase(None, current="a new passphrase")
        assert not journal.locked
    with kit.open_journal(tmp_path) as journal:
        assert journal.latest("future") == {"where": "in the hills"}
        assert journal.settings() == {"country": "gb"}


@pytest.mark.parametrize(
    ("given", "recovery"), [(None, None), ("kettle garden wednesday", None), (None, "AAAAA-BBBBB")]
)
def test_a_wrong_or_missing_key_reads_and_writes_nothing(
    tmp_path: Path, given: str | None, recovery: str | None
) -> None:
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "by the sea"})
        journal.set_passphrase(PASS)
    before = _files(tmp_path)
    with pytest.raises(kit.LockedError):
        kit.open_journal(tmp_path, given, recovery_code=recovery)
    assert _files(tmp_path) == before


def test_changing_or_removing_needs_the_current_passphrase(tmp_path: Path) -> None:
    with kit.open_journal(tmp_path) as journal:
        journal.set_passphrase(PASS)
        for attempt in ("wrong one here", None):
            with pytest.raises(kit.LockedError):
                journal.set_passphrase("another passphrase", current=attempt)
            with pytest.raises(kit.LockedError):
                journal.set_passphrase(None, current=attempt)
        assert journal.locked
    with kit.open_journal(tmp_path, PASS) as journal:
        assert journal.locked


@pytest.mark.parametrize("weak", ["", "short", "       x       "])
def test_a_weak_new_passphrase_is_refused_and_nothing_changes(tmp_path: Path, weak: str) -> None:
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "by the sea"})
        with pytest.raises(kit.PassphraseError, match="at least 8 characters"):
            journal.set_passphrase(weak)
        assert not journal.locked
    with kit.open_journal(tmp_path) as journal:
        assert journal.latest("future") == {"where": "by the sea"}


def _raw(folder: Path, sql: str, *args: Any) -> list[tuple]:
    with closing(sqlite3.connect(folder / DB_NAME)) as db:
        rows = db.execute(sql, args).fetchall()
        db.commit()
    return rows


def test_an_altered_or_moved_record_does_not_open(tmp_path: Path) -> None:
    """A flipped byte, or one record's sealed answers put in another's row, is refused as
    damage, never shown as someone's answers."""
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "first"})
        journal.save("future", {"where": "second"})
        journal.set_passphrase(PASS)
    (_, payload_one), (two, payload_two) = _raw(
        tmp_path, "SELECT id, payload FROM responses ORDER BY id"
    )
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as db:
        db.execute("DROP TRIGGER responses_are_kept")
        db.execute("UPDATE responses SET payload = ? WHERE id = ?", (payload_one, two))
        db.commit()
    with (
        kit.open_journal(tmp_path, PASS) as journal,
        pytest.raises(kit.DamagedJournalError, match="does not open"),
    ):
        journal.history("future")
    flipped = bytearray(payload_two)
    flipped[-1] ^= 1
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as db:
        db.execute("UPDATE responses SET payload = ? WHERE id = ?", (bytes(flipped), two))
        db.commit()
    with kit.open_journal(tmp_path, PASS) as journal, pytest.raises(kit.DamagedJournalError):
        journal.latest("future")


def test_another_window_is_told_to_reload(tmp_path: Path) -> None:
    """A page that opened the journal before it was locked elsewhere changes nothing."""
    with kit.open_journal(tmp_path) as here, kit.open_journal(tmp_path) as there:
        here.set_passphrase(PASS)
        with pytest.raises(kit.JournalError, match="in another window"):
            there.save("future", {"where": "plain words"})
        with pytest.raises(kit.JournalError, match="in another window"):
            there.latest("future")
    with kit.open_journal(tmp_path, PASS) as journal:
        assert journal.history("future") == []


# --- nothing readable in the data folder ------------------------------------------------


def _markers(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{n:03d}zq" for n in range(count)]


def _encodings(marker: str) -> list[bytes]:
    raw = marker.encode("utf-8")
    forms = [raw, raw.hex().encode(), raw.hex().upper().encode()]
    forms += [marker.encode(name) for name in ("utf-16-le", "utf-16-be", "utf-32-le")]
    for shift in range(3):  # base64 inside a longer run, at each alignment
        encoded = base64.b64encode(b"x" * shift + raw)[4:-4]
        forms.append(encoded)
    return forms


def test_nothing_a_person_wrote_is_readable_in_the_data_folder(
    tmp_path: Path, content_dir: Path
) -> None:
    """Markers typed into every kind of field, in every worksheet, then locked, then more
    saved: no marker, in any common encoding, and no worksheet name, is in any file in the
    data folder, with the journal open (its -wal and -shm) and after it is closed."""
    folder = tmp_path / "data"
    words = _markers("mk", 400)
    typed: list[str] = []
    with kit.open_journal(folder) as journal:
        sheets = [kit.definition(w) for w in kit.worksheet_ids() if w != "check-in"]
        for phase in ("before", "after"):
            for sheet in sheets:
                before = len(words)
                journal.save(sheet.id, answers_for(sheet, words))
                typed += _markers("mk", 400)[len(words) : before]
            journal.save("check-in", {"day": "2026-11-0" + ("1" if phase == "before" else "2"),
                                      "mood": 5, "note": words.pop()})  # fmt: skip
            journal.set_setting("country", {"label": words.pop()})
            journal.save_draft("conversation", {"draft": words.pop()})
            if phase == "before":
                journal.set_passphrase(PASS)
        typed = sorted(set(_markers("mk", 400)) - set(words))
        assert len(typed) > 100
        names = [w.encode() for w in kit.worksheet_ids()] + [b"country"]
        for when in ("open", "closed"):
            files = _files(folder)
            assert files, "the journal's files"
            for name, data in files.items():
                for marker in typed:
                    for form in _encodings(marker):
                        assert form not in data, (when, name, marker, form)
                for sheet_name in names:
                    assert sheet_name not in data, (when, name, sheet_name)
            if when == "open":
                journal.close()
    with kit.open_journal(folder, PASS) as journal:
        assert len(journal.all_records()) == 2 * (len(sheets) + 1)
        assert journal.setting("country")["label"].startswith("mk")


def test_a_passphrase_for_a_journal_that_is_not_locked_is_refused(tmp_path) -> None:
    """Is a passphrase given for an unlocked journal refused, saying how to lock it, with
    nothing opened and every answer as it was (never silently stored in the clear)?"""
    with kit.open_journal(tmp_path) as journal:
        journal.save("future", {"where": "by the sea"})
    before = (tmp_path / "journal.sqlite3").read_bytes()
    with pytest.raises(kit.NotLockedError, match=r"set_passphrase"):
        kit.open_journal(tmp_path, passphrase="kettle garden tuesday")
    with pytest.raises(kit.NotLockedError, match=r"not locked"):
        kit.open_journal(tmp_path, recovery_code="ABCD-EFGH")
    assert (tmp_path / "journal.sqlite3").read_bytes() == before
    with kit.open_journal(tmp_path) as journal:
        assert not journal.locked


def test_a_passphrase_for_a_new_journal_locks_it(tmp_path) -> None:
    """Does a new journal opened with a passphrase start locked, hand back its recovery
    code once, and keep its first answer unreadable in the file?"""
    with kit.open_journal(tmp_path / "new", passphrase="kettle garden tuesday") as journal:
        assert journal.locked
        code = journal.recovery_code
        assert code
        journal.save("future", {"where": "somewhere only I know"})
    assert b"somewhere only I know" not in (tmp_path / "new" / "journal.sqlite3").read_bytes()
    with pytest.raises(kit.LockedError):
        kit.open_journal(tmp_path / "new")
    with kit.open_journal(tmp_path / "new", recovery_code=code) as journal:
        assert journal.latest("future") == {"where": "somewhere only I know"}
        assert journal.recovery_code is None, "shown once, when it was made"


def test_a_too_short_passphrase_creates_nothing(tmp_path) -> None:
    """Is a new journal with a passphrase too short refused before any file is made?"""
    with pytest.raises(kit.PassphraseError):
        kit.open_journal(tmp_path / "new", passphrase="short")
    assert not (tmp_path / "new" / "journal.sqlite3").exists()
