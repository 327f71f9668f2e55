"""The Journal: every answer a person saves, kept in one SQLite file of their own.

Design, in brief:

* One database file per person (``journal.sqlite3``) in their data directory, which is
  ``$KIT_DATA_DIR`` or the platform's user data directory: never inside the repository.
* Saved responses are never overwritten. Saving a worksheet again adds a new row, so the
  history of a worksheet is simply its rows in order; a trigger refuses UPDATEs.
* The answers of a response are one opaque payload (JSON bytes today), so that a later
  version can encrypt it without changing the shape of the schema.
* The schema version lives in ``PRAGMA user_version``; forward migrations run on open,
  each in its own transaction. A file from a newer kit is refused, not "upgraded".
* A file that is damaged or not a journal is never written to: it is checked before
  anything else touches it, and a new journal is only ever created under a fresh name
  and then linked into place, so an existing file is never clobbered.

This module knows nothing about widgets; it raises :mod:`kit.errors` exceptions whose
messages are meant to be shown to a person as they are.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import backup
from .backup import APPLICATION_ID
from .content import definition
from .errors import (
    DamagedJournalError,
    DataDirError,
    JournalError,
    NewerJournalError,
    ValidationError,
)
from .fields import AnswerErrors, validate_answers
from .lock import Keys, LockRecord, check_new_passphrase
from .text import t

DB_NAME = "journal.sqlite3"

# APPLICATION_ID (kit.backup) is written into every journal's header so that another SQLite
# file renamed into place is recognised as "not a journal" instead of being migrated.
# 0x4B4A524E is "KJRN".
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5_000

# Each migration takes the schema from version i to i + 1. Append; never edit one that
# has shipped, because journals in the wild have already run it.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE responses (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        worksheet TEXT NOT NULL,
        version INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        payload BLOB NOT NULL
    );
    CREATE INDEX responses_by_worksheet ON responses (worksheet, id);
    CREATE TRIGGER responses_are_kept BEFORE UPDATE ON responses
    BEGIN
        SELECT RAISE(ABORT, 'saved responses are never overwritten');
    END;
    CREATE TABLE settings (key TEXT PRIMARY KEY, value BLOB NOT NULL);
    """,
    # 2: history is ordered by when answers were saved, so that an imported older response
    # never outranks a newer one saved here.
    """
    CREATE INDEX responses_by_time ON responses (worksheet, saved_at, id);
    """,
    # 3: the passphrase lock (kit.lock). A journal without a row here is not locked.
    """
    CREATE TABLE lock (id INTEGER PRIMARY KEY CHECK (id = 1), record TEXT NOT NULL);
    """,
    # 4: drafts, one per worksheet: what is on a page and not saved yet, so that leaving
    # in a hurry (quick exit) loses nothing. Replaced as it changes, gone once saved.
    """
    CREATE TABLE drafts (worksheet TEXT PRIMARY KEY, saved_at TEXT NOT NULL,
                         payload BLOB NOT NULL);
    """,
]
# A draft holds what a page shows; anything larger is not a page's worth of answers.
DRAFT_LIMIT_BYTES = 1_000_000
KEEP_RESPONSES = """
    CREATE TRIGGER responses_are_kept BEFORE UPDATE ON responses
    BEGIN
        SELECT RAISE(ABORT, 'saved responses are never overwritten');
    END;
"""


def schema_version() -> int:
    """The newest journal format this version of the kit knows."""
    return len(MIGRATIONS)


def default_data_dir() -> Path:
    """Where a person's journal lives: the ``data_dir`` setting (``$KIT_DATA_DIR``, or as
    kit serve or the hub set it; :mod:`kit.settings`), else the platform's data folder."""
    from .settings import current

    return current().journal_dir()


@dataclass(frozen=True)
class Draft:
    """What was on a worksheet's page and not saved yet, and when it was kept."""

    worksheet: str
    saved_at: dt.datetime
    answers: dict[str, Any]


@dataclass(frozen=True)
class Record:
    """One saved response: the answers as they were at ``saved_at``."""

    id: int
    worksheet: str
    version: int
    """The version of the worksheet definition the answers were given against."""
    saved_at: dt.datetime
    answers: dict[str, Any]


RECORD_COLUMNS = "id, worksheet, version, saved_at, payload"


def _decode(path: Path, row: tuple[Any, ...], keys: Keys | None = None) -> Record:
    record_id, worksheet, version, saved_at, payload = row
    if keys is not None:
        opened = keys.open(payload, _response_place(record_id, worksheet, version, saved_at))
        if not isinstance(opened, dict) or not isinstance(opened.get("a"), dict):
            raise DamagedJournalError(
                path, t("journal.detail.sealed-response", record=str(record_id))
            )
        worksheet, answers = opened.get("w"), opened["a"]
        return Record(record_id, str(worksheet), version, dt.datetime.fromisoformat(saved_at),
                      answers)  # fmt: skip
    try:
        answers = json.loads(bytes(payload).decode("utf-8"))
        stamp = dt.datetime.fromisoformat(saved_at)
    except (ValueError, TypeError) as problem:
        raise DamagedJournalError(
            path,
            t("journal.detail.response-unreadable", record=str(record_id), problem=str(problem)),
        ) from None
    if not isinstance(answers, dict):
        raise DamagedJournalError(
            path, t("journal.detail.response-not-answers", record=str(record_id))
        )
    return Record(record_id, worksheet, version, stamp, answers)


def _response_place(record_id: int, name: str, version: int, stamp: str) -> str:
    """A sealed response's identity: it opens in this row, under this name, and no other."""
    return f"response:{record_id}:{name}:{version}:{stamp}"


def _setting_place(name: str) -> str:
    return f"setting:{name}"


def _draft_place(name: str, stamp: str) -> str:
    return f"draft:{name}:{stamp}"


class Journal:
    """A person's journal: save, read back, and see the history of worksheet answers.

    Open one with :func:`kit.open_journal`. A Journal holds one SQLite connection; close it
    with :meth:`close` or use it as a context manager.
    """

    def __init__(
        self, path: Path, connection: sqlite3.Connection, keys: Keys | None = None
    ) -> None:
        self.path = path
        self._db = connection
        self._keys = keys
        self._lock_seen = _lock_row(connection)
        self._file = _identity(path)
        self._changes = 0  # what this journal object wrote, beyond responses (settings, lock)
        self.recovery_code: str | None = None
        """Set only on a journal that :func:`open_journal` created locked: its recovery
        code, the one other way in, to be written down now (it is kept nowhere readable)."""

    def revision(self) -> tuple[int, int, int]:
        """Something that changes whenever a response is saved (here or in another window)
        or a setting or the lock is changed here; drafts do not change it. A page shown
        again compares it with what it last read, and reads nothing if it is the same."""
        with self._guard():
            newest, count = self._db.execute("SELECT MAX(id), COUNT(*) FROM responses").fetchone()
        return newest or 0, count, self._changes

    def is_open(self) -> bool:
        """False once :meth:`close` (or "delete everything") has closed it."""
        try:
            self._db.execute("SELECT 1")
        except sqlite3.ProgrammingError:
            return False
        return True

    @property
    def format_version(self) -> int:
        """The version of the journal's file format: always the newest this kit knows
        (:func:`schema_version`), since a journal is brought up to it as it is opened."""
        return schema_version()

    @property
    def locked(self) -> bool:
        """True if this journal is kept encrypted under a passphrase."""
        return self._keys is not None

    def _name(self, name: str) -> str:
        """How a worksheet or setting is named in the file: itself, or its blind index."""
        return self._keys.tag(name) if self._keys is not None else name

    # --- the verbs -------------------------------------------------------------------

    def save(self, worksheet_id: str, answers: Mapping[str, Any]) -> Record:
        """Check ``answers`` and store them as a new response; return its record.

        Raises :class:`kit.ValidationError` (nothing is written) if any answer does not fit.
        """
        sheet = definition(worksheet_id)
        (record,) = self.add_responses(
            [(sheet.id, sheet.version, dt.datetime.now(dt.UTC), answers)]
        )
        return record

    def add_responses(
        self, rows: Iterable[tuple[str, int, dt.datetime, dict[str, Any]]]
    ) -> list[Record]:
        """Store responses made elsewhere, as they were: each row is (worksheet id, the
        version of its definition, when it was saved, with its time zone, and the answers).
        This is how a bundle, a mood file, a share or the sample journal comes in. Every
        row's answers are checked first, as :meth:`save` checks them: if any does not fit,
        :class:`kit.ValidationError` says which and nothing is written. Otherwise all are
        kept in one transaction, or none is; a worksheet's draft goes once its answers are
        saved. Returns the new records."""
        rows = [self._checked(*row) for row in rows]
        records = []
        with self._guard(), self._transaction():
            for worksheet in dict.fromkeys(row[0] for row in rows):
                self._db.execute("DELETE FROM drafts WHERE worksheet = ?", (self._name(worksheet),))
            for worksheet, version, saved_at, answers in rows:
                stamp = saved_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
                record_id = self._db.execute(
                    "SELECT COALESCE(MAX(id), 0) + 1 FROM responses"
                ).fetchone()[0]
                name = self._name(worksheet)
                self._db.execute(
                    "INSERT INTO responses (id, worksheet, version, saved_at, payload) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (record_id, name, version, stamp,
                     self._payload(record_id, worksheet, version, stamp, answers)),
                )  # fmt: skip
                records.append(Record(record_id, worksheet, version, saved_at, answers))
        backup.daily(self.path, self._db)
        return records

    @staticmethod
    def _checked(
        worksheet: str, version: int, saved_at: dt.datetime, answers: Mapping[str, Any]
    ) -> tuple[str, int, dt.datetime, dict[str, Any]]:
        if saved_at.tzinfo is None:
            raise ValueError(f"saved_at must carry its time zone (got {saved_at!r})")
        sheet = definition(worksheet)
        try:
            cleaned = validate_answers(sheet.fields, answers)
        except AnswerErrors as problems:
            raise ValidationError(problems.errors) from None
        return sheet.id, version, saved_at, cleaned

    def _payload(
        self, record_id: int, worksheet: str, version: int, stamp: str, answers: dict[str, Any]
    ) -> bytes:
        if self._keys is None:
            return json.dumps(answers, ensure_ascii=False, sort_keys=True).encode("utf-8")
        place = _response_place(record_id, self._keys.tag(worksheet), version, stamp)
        return self._keys.seal({"w": worksheet, "a": answers}, place)

    def all_records(self) -> list[Record]:
        """Every saved response of every worksheet, oldest first (for export)."""
        with self._guard():
            rows = self._db.execute(
                f"SELECT {RECORD_COLUMNS} FROM responses ORDER BY saved_at, id"
            ).fetchall()
        return [_decode(self.path, row, self._keys) for row in rows]

    def latest(self, worksheet_id: str) -> dict[str, Any] | None:
        """The newest saved answers for a worksheet, or None if it was never saved."""
        record = self.latest_record(worksheet_id)
        return record.answers if record else None

    def latest_record(self, worksheet_id: str) -> Record | None:
        """The newest saved response for a worksheet (answers and when), or None."""
        definition(worksheet_id)
        with self._guard():
            row = self._db.execute(
                f"SELECT {RECORD_COLUMNS} FROM responses WHERE worksheet = ? "
                "ORDER BY saved_at DESC, id DESC LIMIT 1",
                (self._name(worksheet_id),),
            ).fetchone()
        return _decode(self.path, row, self._keys) if row else None

    def history(self, worksheet_id: str) -> list[Record]:
        """Every saved response for a worksheet, oldest first."""
        definition(worksheet_id)
        with self._guard():
            rows = self._db.execute(
                f"SELECT {RECORD_COLUMNS} FROM responses WHERE worksheet = ? ORDER BY saved_at, id",
                (self._name(worksheet_id),),
            ).fetchall()
        return [_decode(self.path, row, self._keys) for row in rows]

    def for_day(self, worksheet_id: str, day: str | dt.date) -> Record | None:
        """For a once-a-day worksheet: the newest response saved for ``day``, or None."""
        sheet = definition(worksheet_id)
        if sheet.daily is None:
            raise ValueError(f"{worksheet_id!r} is not a once-a-day worksheet")
        wanted = day.isoformat() if isinstance(day, dt.date) else day
        return next(
            (
                r
                for r in reversed(self.history(worksheet_id))
                if r.answers.get(sheet.daily) == wanted
            ),
            None,
        )

    def setting(self, key: str, default: Any = None) -> Any:
        """A preference kept with the journal (such as the country for support lines)."""
        with self._guard():
            row = self._db.execute(
                "SELECT key, value FROM settings WHERE key = ?", (self._name(key),)
            ).fetchone()
        if row is None:
            return default
        found = self._setting(*row)
        return default if found is None else found[1]

    def _setting(self, name: str, value: bytes) -> tuple[str, Any] | None:
        """A stored setting as (key, value); None if it cannot be read."""
        if self._keys is not None:
            opened = self._keys.open(value, _setting_place(name))
            if not isinstance(opened, dict) or "k" not in opened:
                return None
            return str(opened["k"]), opened.get("v")
        try:
            return name, json.loads(bytes(value).decode("utf-8"))
        except ValueError:
            return None

    def settings(self) -> dict[str, Any]:
        """Every preference kept with the journal."""
        with self._guard():
            rows = self._db.execute("SELECT key, value FROM settings ORDER BY key").fetchall()
        found = [self._setting(name, value) for name, value in rows]
        return dict(sorted(f for f in found if f is not None))

    def export(self, path: str | os.PathLike[str], *, plain: bool = False) -> Path:
        """Write everything to one JSON bundle (and the check-ins to CSV beside it). A
        locked journal's copy is sealed, and has no CSV, unless ``plain`` is asked for."""
        from .bundle import export_bundle

        return export_bundle(self, path, plain=plain)

    def import_bundle(
        self,
        path: str | os.PathLike[str],
        *,
        dry_run: bool = False,
        passphrase: str | None = None,
    ):
        """Check a bundle whole, then add what is new; see :mod:`kit.bundle`. A sealed copy
        needs the passphrase of the journal it came from."""
        from .bundle import import_bundle

        return import_bundle(self, path, dry_run=dry_run, passphrase=passphrase)

    def sealed_copy(self, value: Any) -> dict[str, Any]:
        """``value`` (anything JSON can hold) sealed with this locked journal's key, with
        the lock that opens it: ``{"lock": ..., "sealed": ...}``, readable again only with
        the journal's passphrase or recovery code (a locked journal's bundle)."""
        import base64

        if self._keys is None or self._lock_seen is None:
            raise JournalError("Only a locked journal's copy can be sealed.")  # for programmers
        return {
            "lock": json.loads(self._lock_seen),
            "sealed": base64.b64encode(self._keys.seal(value, "bundle")).decode("ascii"),
        }

    # --- drafts ----------------------------------------------------------------------

    def save_draft(self, worksheet_id: str, answers: Mapping[str, Any]) -> None:
        """Keep what is on a worksheet's page and not saved yet (replacing its last draft).

        A draft is not checked the way saved answers are (it may be half-typed), but it is
        sealed like them in a locked journal, and it goes when the worksheet is saved, when
        :meth:`discard_draft` is called, or with everything else.
        """
        sheet = definition(worksheet_id)
        try:
            payload = json.dumps(dict(answers), ensure_ascii=False, sort_keys=True)
        except (TypeError, ValueError) as problem:
            raise ValidationError({"": t("draft.not-plain", problem=str(problem))}) from None
        if len(payload.encode("utf-8")) > DRAFT_LIMIT_BYTES:
            raise ValidationError({"": t("draft.too-large")})
        kept = Draft(sheet.id, dt.datetime.now(dt.UTC), json.loads(payload))
        with self._guard(), self._transaction():
            self._db.execute("DELETE FROM drafts WHERE worksheet = ?", (self._name(sheet.id),))
            self._put_draft(kept)

    def draft(self, worksheet_id: str) -> Draft | None:
        """The worksheet's draft, or None (also for one that can no longer be read)."""
        sheet = definition(worksheet_id)
        with self._guard():
            row = self._db.execute(
                "SELECT worksheet, saved_at, payload FROM drafts WHERE worksheet = ?",
                (self._name(sheet.id),),
            ).fetchone()
        if row is None:
            return None
        found = self._open_draft(*row)
        return found[1] if found else None

    def _open_draft(self, name: str, stamp: str, payload: bytes) -> tuple[str, Draft] | None:
        try:
            saved_at = dt.datetime.fromisoformat(stamp)
            if self._keys is not None:
                opened = self._keys.open(payload, _draft_place(name, stamp))
                if not isinstance(opened, dict) or not isinstance(opened.get("a"), dict):
                    return None
                worksheet, answers = str(opened.get("w")), opened["a"]
            else:
                worksheet, answers = name, json.loads(bytes(payload).decode("utf-8"))
        except (ValueError, TypeError):
            return None
        if not isinstance(answers, dict):
            return None
        return name, Draft(worksheet, saved_at, answers)

    def discard_draft(self, worksheet_id: str) -> None:
        """Forget the worksheet's draft (nothing happens if there is none)."""
        sheet = definition(worksheet_id)
        with self._guard(), self._transaction():
            self._db.execute("DELETE FROM drafts WHERE worksheet = ?", (self._name(sheet.id),))

    def _drafts(self) -> list[Draft]:
        with self._guard():
            rows = self._db.execute("SELECT worksheet, saved_at, payload FROM drafts").fetchall()
        return [found[1] for row in rows if (found := self._open_draft(*row))]

    def set_setting(self, key: str, value: Any) -> None:
        """Keep a preference (any JSON value); None removes it."""
        with self._guard(), self._transaction():
            self._put_setting(key, value)
        self._changes += 1

    def _put_setting(self, key: str, value: Any) -> None:
        name = self._name(key)
        if value is None:
            self._db.execute("DELETE FROM settings WHERE key = ?", (name,))
            return
        if self._keys is not None:
            payload = self._keys.seal({"k": key, "v": value}, _setting_place(name))
        else:
            payload = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (name, payload),
        )

    # --- the lock --------------------------------------------------------------------

    def set_passphrase(self, new: str | None, current: str | None = None) -> str | None:
        """Lock this journal with a passphrase, change it, or (``new=None``) remove the lock.

        A locked journal needs ``current`` (its passphrase or recovery code) for any change;
        a wrong one raises :class:`kit.LockedError` and nothing changes. Locking a journal
        returns its recovery code, the one other way in, to be written down now: it is not
        kept anywhere readable. Everything already saved is encrypted in place, and the
        file is rebuilt so that no earlier plain copy of it stays inside.
        """
        from .lock import new_keys, new_recovery_code, unlock

        if new is not None:
            check_new_passphrase(new)
        code = None
        if self._keys is not None:
            lock = LockRecord.from_json(json.loads(self._lock_seen or "{}"))
            unlock(lock, passphrase=current, recovery_code=current)  # LockedError if wrong
            if new is not None:
                self._write_lock(self._keys, self._keys.rewrap(lock, new))
            else:
                self._convert(None, None)
        elif new is None:
            return None
        else:
            keys, code = new_keys(), new_recovery_code()
            self._convert(keys, keys.lock_with(new, code))
        # No backup may open with an old passphrase, or show what is now locked.
        backup.start_afresh(self.path, self._db)
        return code

    def _write_lock(self, keys: Keys | None, lock: LockRecord | None) -> None:
        with self._guard(), self._transaction():
            self._db.execute("DELETE FROM lock")
            if lock is not None:
                self._db.execute(
                    "INSERT INTO lock (id, record) VALUES (1, ?)", (json.dumps(lock.to_json()),)
                )
        self._keys, self._lock_seen = keys, _lock_row(self._db)
        self._changes += 1
        self._scrub()

    def _convert(self, keys: Keys | None, lock: LockRecord | None) -> None:
        """Rewrite every response and setting under ``keys`` (None: plain), in one
        transaction, then rebuild the file so that nothing of the old form stays in it."""
        records, settings, drafts = self.all_records(), self.settings(), self._drafts()
        before = self._keys
        with self._guard(), self._transaction():
            self._db.execute("DROP TRIGGER responses_are_kept")
            self._keys = keys
            try:
                for record in records:
                    stamp = record.saved_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
                    self._db.execute(
                        "UPDATE responses SET worksheet = ?, payload = ? WHERE id = ?",
                        (self._name(record.worksheet),
                         self._payload(record.id, record.worksheet, record.version, stamp,
                                       record.answers),
                         record.id),
                    )  # fmt: skip
                self._db.execute("DELETE FROM settings")
                for key, value in settings.items():
                    self._put_setting(key, value)
                self._db.execute("DELETE FROM drafts")
                for kept in drafts:
                    self._put_draft(kept)
                self._db.execute("DELETE FROM lock")
                if lock is not None:
                    self._db.execute(
                        "INSERT INTO lock (id, record) VALUES (1, ?)",
                        (json.dumps(lock.to_json()),),
                    )
                for statement in _statements(KEEP_RESPONSES):
                    self._db.execute(statement)
            except BaseException:
                self._keys = before
                raise
        self._lock_seen = _lock_row(self._db)
        self._changes += 1
        self._scrub(rebuild=True)

    def _put_draft(self, kept: Draft) -> None:
        """Write a draft as it was, under the journal's keys as they are now (in the
        transaction of whoever calls this)."""
        stamp = kept.saved_at.isoformat(timespec="microseconds")
        name = self._name(kept.worksheet)
        if self._keys is not None:
            payload = self._keys.seal({"w": kept.worksheet, "a": kept.answers},
                                      _draft_place(name, stamp))  # fmt: skip
        else:
            payload = json.dumps(kept.answers, ensure_ascii=False, sort_keys=True).encode()
        self._db.execute(
            "INSERT INTO drafts (worksheet, saved_at, payload) VALUES (?, ?, ?)",
            (name, stamp, payload),
        )

    def _scrub(self, rebuild: bool = False) -> None:
        """Leave no earlier form of the data in the file or its write-ahead log."""
        with self._guard():
            if rebuild:
                self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def delete_everything(self) -> list[Path]:
        """Close the journal and delete its file, with everything the kit keeps beside it
        (:data:`kit.backup.KEPT_BESIDE`: SQLite's -wal and -shm, the backups, damaged and
        replaced files moved aside). Drafts are inside the file, so they go with it.

        Returns the files removed. There is no undo. What was copied out of this folder (a
        download, a share not withdrawn, a host's own backup of the server) is beyond it.
        """
        with contextlib.suppress(sqlite3.Error, JournalError):
            self._scrub()  # deleted text is zeroed in the file, and the log emptied
        self.close()
        removed = []
        for path in (self.path, *backup.side_files(self.path)):
            try:
                path.unlink()
                removed.append(path)
            except FileNotFoundError:
                continue
        with contextlib.suppress(OSError):
            backup.backup_folder(self.path).rmdir()
        return removed

    # --- backups -----------------------------------------------------------------------

    def back_up(self, day: dt.date | None = None) -> Path:
        """Make a backup now, as the day's first save does (see :mod:`kit.backup`), dated
        ``day`` (today by default); return the copy."""
        with self._guard():
            return backup.backup_now(self.path, self._db, day)

    def put_back(self, chosen: Path) -> Path:
        """Put one of this journal's backups back in its place, keeping the journal as it
        was beside it (``journal.sqlite3.replaced-<when>``); return that kept copy."""
        kept = backup.put_back(self.path, self._db, chosen)
        self._scrub()
        return kept

    def close(self) -> None:
        """Close the connection; SQLite folds the write-ahead log back into the file."""
        self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Journal {self.path}>"

    # --- plumbing --------------------------------------------------------------------

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:  # a failed COMMIT leaves it open
                self._db.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into messages a person can act on; refuse to go on if the
        journal was locked or unlocked in another window since it was opened here."""
        try:
            if _identity(self.path) != self._file:
                raise JournalError(t("journal.replaced-elsewhere"))
            if _lock_row(self._db) != self._lock_seen:
                raise JournalError(t("journal.lock-changed-elsewhere"))
            yield
        except sqlite3.ProgrammingError:
            raise JournalError(t("journal.closed")) from None
        except sqlite3.OperationalError as problem:
            text = str(problem)
            if "locked" in text or "busy" in text:
                raise JournalError(t("journal.busy")) from None
            if "disk is full" in text or "disk I/O" in text:
                raise JournalError(t("journal.disk-full", problem=text)) from None
            if "readonly" in text:
                raise DataDirError(t("journal.read-only", path=str(self.path))) from None
            raise DamagedJournalError(self.path, text) from None
        except sqlite3.DatabaseError as problem:
            raise DamagedJournalError(self.path, str(problem)) from None


# --- opening -------------------------------------------------------------------------


def _resolve(path: str | os.PathLike[str] | None) -> Path:
    if path is None:
        return default_data_dir() / DB_NAME
    target = Path(path).expanduser()
    if target.is_dir() or not target.suffix:
        return target / DB_NAME
    return target


def _prepare_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as problem:
        raise DataDirError(
            t("journal.folder.cannot-create", folder=str(folder),
              reason=str(problem.strerror or problem))
        ) from None  # fmt: skip
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".write-check-"):
            pass
    except OSError as problem:
        raise DataDirError(
            t("journal.folder.cannot-write", folder=str(folder),
              reason=str(problem.strerror or problem))
        ) from None  # fmt: skip


def _connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are explicit (BEGIN IMMEDIATE … COMMIT).
    db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # What is deleted or replaced is overwritten with zeros, not left in free pages.
    db.execute("PRAGMA secure_delete = ON")
    return db


def _identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device and inode), or None if none is."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_dev, found.st_ino


def _lock_row(db: sqlite3.Connection) -> str | None:
    """The lock as stored (JSON), or None for a journal that is not locked."""
    try:
        row = db.execute("SELECT record FROM lock WHERE id = 1").fetchone()
    except sqlite3.OperationalError as problem:
        if "no such table" in str(problem):  # a journal from before the lock (schema < 3)
            return None
        raise
    return row[0] if row else None


def _create(path: Path) -> None:
    """Make a new, empty journal at ``path`` without ever replacing an existing file."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=".new-journal-", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        os.chmod(temp, 0o600)
        db = _connect(temp)
        try:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("PRAGMA journal_mode = WAL")
            _migrate(db, 0, temp)
        finally:
            db.close()
        try:
            os.link(temp, path)  # fails if the file appeared meanwhile: theirs wins
        except FileExistsError:
            pass
        except OSError:
            if not path.exists():
                os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def _migrate(db: sqlite3.Connection, current: int, path: Path | None = None) -> None:
    """Run the migrations after ``current``, each in its own transaction."""
    for version in range(current, schema_version()):
        db.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[version]):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {version + 1}")
        except sqlite3.Error as problem:
            db.execute("ROLLBACK")
            raise JournalError(
                t("journal.update-failed", path=str(path), step=version + 1, problem=str(problem))
            ) from None
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (executescript would commit on its own)."""
    statements: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements


def _check_existing(path: Path) -> None:
    """Refuse, without writing, a file that is not a healthy journal of ours."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except IsADirectoryError:
        raise DamagedJournalError(path, t("journal.detail.folder")) from None
    except OSError as problem:
        raise DataDirError(
            t("journal.file-unreadable", path=str(path), reason=str(problem.strerror))
        ) from None
    if not header:
        raise DamagedJournalError(path, t("journal.detail.empty"))
    if header != SQLITE_HEADER:
        raise DamagedJournalError(path, t("journal.detail.not-database"))


def open_journal(
    path: str | os.PathLike[str] | None = None,
    passphrase: str | None = None,
    *,
    recovery_code: str | None = None,
) -> Journal:
    """Open (creating if needed) a person's journal and return it.

    ``path`` may be a journal file or a folder; by default it is ``journal.sqlite3`` in
    :func:`default_data_dir`. Raises a :class:`kit.errors.JournalError` with a message for a
    person if the folder cannot be written, the file is damaged or not a journal, or the
    file was written by a newer version of the kit. Nothing is changed in those cases.

    A locked journal needs its ``passphrase`` (or ``recovery_code``); without it, or with a
    wrong one, :class:`kit.LockedError` is raised and nothing is read or written.

    A passphrase is never ignored. Given for a journal that does not exist yet, the new
    journal is locked with it, and its recovery code (shown once, kept nowhere readable) is
    on the returned journal as ``recovery_code``. Given for an existing journal that is not
    locked, :class:`kit.NotLockedError` is raised and nothing is opened: lock it with
    :meth:`Journal.set_passphrase`.
    """
    target = _resolve(path)
    _prepare_folder(target.parent)
    creating = not target.exists()
    if creating and recovery_code is not None:
        from .lock import LockedError

        raise LockedError(t("lock.no-journal-yet", path=str(target)))
    if creating and passphrase is not None:
        check_new_passphrase(passphrase)  # before anything is created
    if not target.exists():
        try:
            _create(target)
        except sqlite3.Error as problem:
            raise DataDirError(
                t("journal.cannot-create", folder=str(target.parent), problem=str(problem))
            ) from None
        except OSError as problem:
            raise DataDirError(
                t("journal.cannot-create-unchanged", folder=str(target.parent),
                  reason=str(problem.strerror or problem))
            ) from None  # fmt: skip
    else:
        _check_existing(target)
    db: sqlite3.Connection | None = None
    try:
        db = _connect(target)
        app_id = db.execute("PRAGMA application_id").fetchone()[0]
        found = db.execute("PRAGMA user_version").fetchone()[0]
        if app_id != APPLICATION_ID:
            raise DamagedJournalError(target, t("journal.detail.not-journal"))
        if found > schema_version():
            raise NewerJournalError(target, found, schema_version())
        verdict = db.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise DamagedJournalError(target, t("journal.detail.integrity", verdict=str(verdict)))
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        if found < schema_version():
            _migrate(db, found, target)
        keys = None
        stored = _lock_row(db)
        if stored is not None:
            from .lock import unlock

            keys = unlock(LockRecord.from_json(json.loads(stored)), passphrase, recovery_code)
        elif not creating and (passphrase is not None or recovery_code is not None):
            from .lock import NotLockedError

            raise NotLockedError(target)
    except sqlite3.DatabaseError as problem:
        if db is not None:
            db.close()
        raise DamagedJournalError(target, str(problem)) from None
    except BaseException:
        if db is not None:
            db.close()
        raise
    journal = Journal(target, db, keys)
    if creating and passphrase is not None:
        journal.recovery_code = journal.set_passphrase(passphrase)
    return journal
