"""Backups of the journal, and the ways back from a damaged file.

* Once a day, the first save makes a copy with SQLite's backup API (a consistent copy even
  while other pages write) into ``backups/`` beside the journal; the last seven are kept.
  A locked journal's backups are as locked as the journal: the copy is of its pages.
* When the lock is put on, changed or taken off, every older backup is deleted and a new
  one made, so no backup opens with an old passphrase or shows what is now locked.
* A damaged journal file is never written over or deleted: :func:`restore` moves it aside
  (``journal.sqlite3.damaged-<when>``) and puts the newest good backup in its place;
  :func:`move_aside` only moves it, so the next page starts a new journal.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from .errors import JournalError
from .text import t

log = logging.getLogger(__name__)

# The mark in every journal file's header (PRAGMA application_id): kit.journal writes it,
# and a file without it is not a journal, whatever its name.
APPLICATION_ID = 0x4B4A524E
FOLDER = "backups"
KEEP = 7
_NAME = re.compile(r"journal-(\d{4}-\d{2}-\d{2})\.sqlite3")
SIDE = ("-wal", "-shm")


def backup_folder(journal_path: Path) -> Path:
    return journal_path.parent / FOLDER


def backups(journal_path: Path) -> list[tuple[dt.date, Path]]:
    """The backups beside a journal, newest first."""
    folder = backup_folder(journal_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.fullmatch(path.name)
            if match and path.is_file():
                found.append((dt.date.fromisoformat(match[1]), path))
    return sorted(found, reverse=True)


def is_good(path: Path) -> bool:
    """Whether a file is a whole, healthy journal (checked read-only)."""
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return False
            return db.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        return False


def newest_good(journal_path: Path) -> tuple[dt.date, Path] | None:
    return next(((day, p) for day, p in backups(journal_path) if is_good(p)), None)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def backup_now(
    journal_path: Path, connection: sqlite3.Connection, day: dt.date | None = None
) -> Path:
    """Copy the journal open on ``connection`` (its file at ``journal_path``) into
    ``backups/journal-<day>.sqlite3`` (replacing that day's copy) and keep the newest
    :data:`KEEP`; return the copy."""
    folder = backup_folder(journal_path)
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"journal-{(day or dt.date.today()).isoformat()}.sqlite3"
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".backup-", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        os.chmod(temp, 0o600)
        with closing(sqlite3.connect(temp)) as copy:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
        _fsync_folder(folder)
    finally:
        temp.unlink(missing_ok=True)
    for _, old in backups(journal_path)[KEEP:]:
        old.unlink(missing_ok=True)
    return target


def daily(journal_path: Path, connection: sqlite3.Connection) -> Path | None:
    """Make today's backup if there is none yet. A backup that fails is logged, never
    allowed to fail the save that asked for it."""
    found = backups(journal_path)
    if found and found[0][0] >= dt.date.today():
        return None
    try:
        return backup_now(journal_path, connection)
    except (OSError, sqlite3.Error):
        log.exception("the daily backup of %s could not be made", journal_path)
        return None


def start_afresh(journal_path: Path, connection: sqlite3.Connection) -> Path:
    """Delete every backup and make one of the journal as it is now (after the lock was put
    on, changed or taken off)."""
    for _, old in backups(journal_path):
        old.unlink(missing_ok=True)
    return backup_now(journal_path, connection)


def _aside(journal_path: Path, why: str = "damaged") -> Path:
    """Move the journal file and its side files aside, under a name that says why and when."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    moved = journal_path.with_name(f"{journal_path.name}.{why}-{stamp}")
    n = 1
    while moved.exists():
        n += 1
        moved = journal_path.with_name(f"{journal_path.name}.{why}-{stamp}-{n}")
    if journal_path.exists() or journal_path.is_symlink():
        os.rename(journal_path, moved)
    for suffix in SIDE:
        side = journal_path.with_name(journal_path.name + suffix)
        if side.exists():
            os.rename(side, moved.with_name(moved.name + suffix))
    return moved


def move_aside(journal_path: Path, why: str = "damaged") -> Path:
    """Move a (damaged) journal aside (kept, never deleted), so a new one can start."""
    try:
        return _aside(journal_path, why)
    except OSError as problem:
        raise JournalError(t("backup.cannot-move-aside", reason=str(problem.strerror))) from None


def restore(
    journal_path: Path, backup: Path | None = None, why: str = "damaged"
) -> tuple[Path, Path]:
    """Move the (damaged) journal aside and put a good backup in its place: ``backup`` or
    the newest good one. Returns (where the old file went, the backup used)."""
    if backup is None:
        found = newest_good(journal_path)
        if found is None:
            raise JournalError(t("backup.none-good"))
        backup = found[1]
    elif not is_good(backup):
        raise JournalError(t("backup.damaged-too", name=backup.name))
    fd, temp_name = tempfile.mkstemp(dir=journal_path.parent, prefix=".restore-", suffix=".tmp")
    os.close(fd)
    temp = Path(temp_name)
    try:
        os.chmod(temp, 0o600)
        source = closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True))
        with source as reading, closing(sqlite3.connect(temp)) as copy:
            reading.backup(copy)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        moved = move_aside(journal_path, why)
        os.link(temp, journal_path)
        _fsync_folder(journal_path.parent)
    except OSError as problem:
        raise JournalError(t("backup.cannot-put-in-place", reason=str(problem.strerror))) from None
    finally:
        temp.unlink(missing_ok=True)
    return moved, backup


def put_back(journal_path: Path, connection: sqlite3.Connection, chosen: Path) -> Path:
    """Put a backup back into a healthy journal (open on ``connection``), keeping the
    journal as it was beside it (``journal.sqlite3.replaced-<when>``). Both copies go
    through SQLite's backup API into the open file, so pages open elsewhere simply read the
    restored journal next time. Returns the kept copy; see :meth:`kit.Journal.put_back`,
    which also forgets what the journal object read before."""
    if chosen.parent != backup_folder(journal_path) or not is_good(chosen):
        raise JournalError(t("backup.cannot-use", name=chosen.name))
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = journal_path.with_name(f"{journal_path.name}.replaced-{stamp}")
    try:
        with closing(sqlite3.connect(kept)) as copy:
            connection.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        os.chmod(kept, 0o600)
        with kept.open("rb") as handle:
            os.fsync(handle.fileno())
        with closing(sqlite3.connect(f"file:{chosen}?mode=ro", uri=True)) as source:
            source.backup(connection)
    except (OSError, sqlite3.Error) as problem:
        raise JournalError(t("backup.cannot-put-back", problem=str(problem))) from None
    return kept


# Everything the kit keeps beside a journal file, as (pattern relative to its folder, what
# it is); {name} is the journal's file name. "Delete everything" removes exactly what the
# patterns match, and the start page lists them for deleting by hand, so the two cannot
# drift apart.
KEPT_BESIDE = (
    ("{name}-wal", "wal"),  # SQLite's write-ahead log and its index
    ("{name}-shm", "wal"),
    (f"{FOLDER}/journal-*.sqlite3", "backups"),
    ("{name}.damaged-*", "damaged"),  # with its -wal and -shm, if it had them
    ("{name}.replaced-*", "replaced"),  # the journal as it was before a backup went back
    # Left only if the kit stopped in the middle of making one of these:
    (f"{FOLDER}/.backup-*.tmp", "leftover"),
    (".restore-*.tmp", "leftover"),
    (".new-journal-*.tmp", "leftover"),
)


def kept_beside(journal_path: Path) -> list[tuple[str, str]]:
    """(pattern, what it is) for this journal, the patterns relative to its folder."""
    return [(pattern.format(name=journal_path.name), what) for pattern, what in KEPT_BESIDE]


def side_files(journal_path: Path) -> list[Path]:
    """Everything the kit keeps beside a journal: its -wal and -shm, its backups, the
    damaged and replaced files moved aside, and what an interrupted copy left."""
    found: list[Path] = []
    for pattern, _ in kept_beside(journal_path):
        found += sorted(p for p in journal_path.parent.glob(pattern) if p.is_file())
    return list(dict.fromkeys(found))
