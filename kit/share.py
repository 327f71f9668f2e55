"""Sharing with a therapist, with consent: only what the person chooses, and a way back.

A share is two files with one neutral name: ``<id>.json``, a bundle (see :mod:`kit.bundle`)
holding only the chosen worksheets' responses within the chosen dates and none of the
journal's settings, and ``<id>.html``, the report (see :mod:`kit.report`). They go to the
person as downloads or, when the hosting config names one, into the person's own folder in
the therapist's inbox (the ``share_inbox`` setting, :mod:`kit.settings`: the host works
that folder out; the kit never builds a path from a name). Every share is logged in the
journal, so the person can see what they shared and withdraw it. Withdrawing deletes the
inbox files; a copy that was downloaded is beyond the kit's reach, and the log says so.

The therapist's side lists an inbox (the ``therapist_inbox`` setting, one folder per client) and
reads a share with the same checks as importing a bundle, never following a link out of
the inbox.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import json
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import clock
from ._files import write_atomically
from .bundle import (
    BUNDLE_VERSION,
    FORMAT,
    MAX_BUNDLE_BYTES,
    BundleError,
    Row,
    check_record,
    parse_bundle,
    record_json,
)
from .content import definition, worksheet_ids
from .errors import KitError, UnknownWorksheetError
from .journal import Journal, Record, open_journal, schema_version
from .text import day_text, t, time_text

LOG_SETTING = "shares"
# The therapist reads the files as another user of the same group; nobody else may.
SHARE_MODE = 0o640
FOLDER_MODE = 0o750
_ID = re.compile(r"share-\d{8}-\d{6}-[0-9a-f]{6}")
SUFFIXES = (".json", ".html")


class ShareError(KitError, ValueError):
    """A share cannot be made, withdrawn or opened. ``.field`` names the choice to look at
    again ("worksheets", "dates" or "inbox") when there is one, so a page can mark it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


def span(start: dt.date | None, end: dt.date | None) -> str:
    """A date range in words: "1 March 2026 to 31 March 2026", "from …", "all dates"."""
    if start and end:
        return t("sharing.span.both", start=day_text(start), end=day_text(end))
    if start:
        return t("sharing.span.from", start=day_text(start))
    if end:
        return t("sharing.span.to", end=day_text(end))
    return t("sharing.span.all")


def _title(sheet_id: str) -> str:
    try:
        return definition(sheet_id).title
    except UnknownWorksheetError:  # a log written by a kit with worksheets this one lacks
        return sheet_id


@dataclass(frozen=True)
class Share:
    """One share as the person's log keeps it; just after it is made, with its two files."""

    id: str
    made_at: dt.datetime
    worksheets: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    folder: Path | None
    """The inbox folder it was written to; None when it was offered as a download."""
    withdrawn_at: dt.datetime | None = None
    bundle: bytes = dataclasses.field(default=b"", repr=False)
    """The JSON file (only on the share :func:`make_share` returns; the log keeps no copy)."""
    report: bytes = dataclasses.field(default=b"", repr=False)
    """The HTML report (likewise)."""

    @property
    def files(self) -> tuple[Path, ...]:
        """Where its files are in the inbox (none for a download)."""
        if self.folder is None:
            return ()
        return tuple(self.folder / f"{self.id}{suffix}" for suffix in SUFFIXES)

    def describe(self) -> str:
        """The share in one plain line: when, what, which dates, where, and if withdrawn."""
        made = self.made_at.astimezone()
        words = {
            # The titles are listed one after another, as the page lists them.
            "titles": ", ".join(_title(w) for w in self.worksheets),
            "dates": span(self.start, self.end),
            "day": day_text(made.date()),
            "time": time_text(made),
        }
        if self.withdrawn_at is None:
            if self.folder:
                return t("sharing.log.inbox", **words)
            return t("sharing.log.download", **words)
        withdrawn = day_text(self.withdrawn_at.astimezone().date())
        if self.folder:
            return t("sharing.log.inbox-withdrawn", withdrawn=withdrawn, **words)
        return t("sharing.log.download-withdrawn", withdrawn=withdrawn, **words)


def _to_log(share: Share) -> dict[str, Any]:
    def day(value: dt.date | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": share.id,
        "made_at": share.made_at.isoformat(),
        "worksheets": list(share.worksheets),
        "start": day(share.start),
        "end": day(share.end),
        "where": "inbox" if share.folder else "download",
        "folder": str(share.folder) if share.folder else None,
        "withdrawn_at": share.withdrawn_at.isoformat(timespec="seconds")
        if share.withdrawn_at
        else None,
    }


def _from_log(entry: Any) -> Share | None:
    """A log entry as a Share, or None if it is not one of ours (a hand-edited setting): its
    id must look like one we make, since withdrawing deletes files named after it."""
    try:
        made_at = dt.datetime.fromisoformat(entry["made_at"])
        if not _ID.fullmatch(entry["id"]) or made_at.tzinfo is None:
            return None
        folder = entry.get("folder")
        return Share(
            id=entry["id"],
            made_at=made_at,
            worksheets=tuple(str(w) for w in entry["worksheets"]),
            start=dt.date.fromisoformat(entry["start"]) if entry.get("start") else None,
            end=dt.date.fromisoformat(entry["end"]) if entry.get("end") else None,
            folder=Path(folder) if entry.get("where") == "inbox" and folder else None,
            withdrawn_at=dt.datetime.fromisoformat(entry["withdrawn_at"])
            if entry.get("withdrawn_at")
            else None,
        )
    except (KeyError, TypeError, ValueError):
        return None


def _log(journal: Journal) -> list[Any]:
    value = journal.setting(LOG_SETTING, [])
    return value if isinstance(value, list) else []


def shares(journal: Journal) -> list[Share]:
    """Everything this journal has shared, withdrawn or not, newest first."""
    found = [s for s in map(_from_log, _log(journal)) if s is not None]
    return sorted(reversed(found), key=lambda s: s.made_at, reverse=True)


# --- the person's side -----------------------------------------------------------------


def _check_choice(
    worksheets: Iterable[str], start: dt.date | None, end: dt.date | None
) -> tuple[list[str], dt.date | None, dt.date | None]:
    chosen = list(dict.fromkeys([worksheets] if isinstance(worksheets, str) else worksheets))
    if not chosen:
        raise ShareError(t("sharing.choose-one"), "worksheets")
    known = worksheet_ids()
    unknown = [w for w in chosen if w not in known]
    if unknown:
        raise ShareError(t("sharing.no-such-worksheet", name=repr(unknown[0])), "worksheets")
    days = []
    for value in (start, end):
        if value is not None and not isinstance(value, dt.date):
            raise ShareError(t("sharing.not-a-date", value=repr(value)), "dates")
        days.append(value.date() if isinstance(value, dt.datetime) else value)
    first, last = days
    if first and last and first > last:
        raise ShareError(t("sharing.dates-reversed"), "dates")
    return chosen, first, last


def _day(record: Record, journal: Journal) -> dt.date:
    """The day a response belongs to: a check-in's own day, else the day it was saved (as
    the report counts it, so the files and the report agree)."""
    daily = definition(record.worksheet).daily
    if daily and isinstance(record.answers.get(daily), str):
        return dt.date.fromisoformat(record.answers[daily])
    return clock.local(record.saved_at, journal).date()


def _within(record: Record, start: dt.date | None, end: dt.date | None, journal: Journal) -> bool:
    day = _day(record, journal)
    return (start is None or day >= start) and (end is None or day <= end)


def _new_id(now: dt.datetime, folder: Path | None) -> str:
    while True:
        share_id = f"share-{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        if folder is None or not any((folder / f"{share_id}{s}").exists() for s in SUFFIXES):
            return share_id


def _write_to_inbox(folder: Path, share_id: str, files: tuple[bytes, bytes]) -> None:
    """Both files, or neither."""
    try:
        folder.mkdir(mode=FOLDER_MODE, exist_ok=True)  # its own level only: the host made the rest
    except FileExistsError:
        raise ShareError(t("sharing.inbox.is-file", folder=str(folder)), "inbox") from None
    except OSError as problem:
        raise ShareError(
            t("sharing.inbox.unreachable", folder=str(folder), reason=str(problem.strerror)),
            "inbox",
        ) from None
    written: list[Path] = []
    try:
        for suffix, data in zip(SUFFIXES, files, strict=True):
            target = folder / f"{share_id}{suffix}"
            write_atomically(target, data, mode=SHARE_MODE)
            written.append(target)
    except OSError as problem:
        for path in written:
            path.unlink(missing_ok=True)
        raise ShareError(
            t("sharing.inbox.unwritable", folder=str(folder), reason=str(problem.strerror)),
            "inbox",
        ) from None


def make_share(
    journal: Journal,
    worksheets: Iterable[str],
    start: dt.date | None = None,
    end: dt.date | None = None,
    inbox: str | os.PathLike[str] | None = None,
) -> Share:
    """Share the chosen worksheets' responses from ``start`` to ``end`` (days included;
    None for no limit), and log it in the journal.

    With ``inbox`` (the person's own folder in the therapist's inbox) both files are
    written there; without, they are only returned, to be offered as downloads. Raises
    :class:`ShareError` with a plain message (and the choice to look at) if the choice or
    the inbox is wrong; then nothing is written and nothing is logged.
    """
    chosen, start, end = _check_choice(worksheets, start, end)
    folder = Path(inbox).expanduser() if inbox is not None else None
    made_at = dt.datetime.now(dt.UTC)
    share_id = _new_id(made_at, folder)
    records = [
        r
        for r in journal.all_records()
        if r.worksheet in chosen and _within(r, start, end, journal)
    ]
    part: dict[str, Any] = {
        "id": share_id,
        "made_at": made_at.isoformat(),
        "worksheets": chosen,
        "start": start.isoformat() if start else None,
        "end": end.isoformat() if end else None,
    }
    if os.environ.get("JUPYTERHUB_USER"):
        part["from"] = os.environ["JUPYTERHUB_USER"]
    bundle = {
        "format": FORMAT,
        "bundle_version": BUNDLE_VERSION,
        "schema_version": schema_version(),
        "exported_at": made_at.isoformat(),
        "share": part,
        "records": [record_json(r) for r in records],
    }
    data = json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8")
    from .report import build_report  # here: it loads pandas and plotly

    report = build_report(journal, chosen, start, end).encode("utf-8")
    share = Share(share_id, made_at, tuple(chosen), start, end, folder, None, data, report)
    if folder is not None:
        _write_to_inbox(folder, share_id, (data, report))
    try:
        journal.set_setting(LOG_SETTING, [*_log(journal), _to_log(share)])
    except BaseException:
        for path in share.files:  # not logged, so not shared: the person could not withdraw it
            path.unlink(missing_ok=True)
        raise
    return share


def withdraw(journal: Journal, share_id: str) -> Share:
    """Withdraw a share: delete its files from the inbox (if already gone, fine) and mark it
    withdrawn in the log. For a download only the log can be marked: a copy that was saved
    is out of the kit's reach. Raises :class:`ShareError` if the files cannot be deleted;
    then the log is left as it was."""
    log = _log(journal)
    found = [(n, s) for n, s in enumerate(map(_from_log, log)) if s and s.id == share_id]
    if not found:
        raise ShareError(t("sharing.withdraw.no-such-share"))
    position, share = found[0]
    for path in share.files:
        try:
            path.unlink(missing_ok=True)
        except OSError as problem:
            raise ShareError(
                t("sharing.withdraw.cannot-delete", reason=str(problem.strerror)), "inbox"
            ) from None
    done = dataclasses.replace(
        share, withdrawn_at=share.withdrawn_at or dt.datetime.now(dt.UTC).replace(microsecond=0)
    )
    log[position] = _to_log(done)
    journal.set_setting(LOG_SETTING, log)
    return done


# --- the therapist's side --------------------------------------------------------------


@dataclass(frozen=True)
class Shared:
    """A share as a therapist receives it: every record checked, ready to show."""

    source: str
    """Where it came from, for messages: ``client folder/file name`` or the uploaded name."""
    id: str | None
    made_at: dt.datetime | None
    worksheets: tuple[str, ...]
    start: dt.date | None
    end: dt.date | None
    sender: str | None
    """The account that shared it, when the host says (``from``); None otherwise."""
    records: tuple[Row, ...]
    whole: bool = False
    """True for a whole copy of a journal (made with "take a copy") rather than a share."""


@dataclass(frozen=True)
class InboxEntry:
    """A file in the inbox: whose folder, which file, when it was shared, or what is wrong."""

    client: str
    """The client's folder name, exactly as on disk: escape it before showing it."""
    path: Path
    made_at: dt.datetime | None
    problem: str | None = None


def _decode(data: bytes, label: str) -> str:
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(t("transfer.bundle.too-large", path=label))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as problem:
        raise BundleError(
            t("transfer.bundle.not-text", path=label, byte=str(problem.start))
        ) from None


def _read(path: Path, label: str) -> str:
    """The file's text, never through a link at its last step and never from something that
    is not a plain file (a pipe would hang the page)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise BundleError(t("sharing.read.missing", file=label)) from None
    except OSError as problem:
        if problem.errno == errno.ELOOP:
            raise ShareError(t("sharing.read.link", file=label)) from None
        raise BundleError(
            t("sharing.read.unreadable", file=label, reason=str(problem.strerror))
        ) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise BundleError(t("sharing.read.not-a-file", file=label))
        if info.st_size > MAX_BUNDLE_BYTES:
            raise BundleError(t("transfer.bundle.too-large", path=label))
        return _decode(handle.read(MAX_BUNDLE_BYTES + 1), label)


def _inside(path: Path, root: Path, label: str) -> Path:
    """``path`` with every link followed, if that stays inside ``root`` (already resolved)."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise BundleError(t("sharing.read.missing", file=label)) from None
    except (OSError, RuntimeError):
        raise ShareError(t("sharing.read.dead-link", file=label)) from None
    if not real.is_relative_to(root):
        raise ShareError(t("sharing.read.outside", file=label))
    return real


def _date(part: dict[str, Any], key: str, label: str) -> dt.date | None:
    value = part.get(key)
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        if key == "start":
            raise BundleError(t("sharing.read.bad-start", file=label, value=repr(value))) from None
        raise BundleError(t("sharing.read.bad-end", file=label, value=repr(value))) from None


def _share_part(bundle: dict[str, Any], rows: tuple[Row, ...], label: str) -> dict[str, Any]:
    part = bundle.get("share")
    if part is None:  # a whole copy, handed over as it is
        present = {row[0] for row in rows}
        made = bundle.get("exported_at")
        try:
            made_at = dt.datetime.fromisoformat(made) if isinstance(made, str) else None
        except ValueError:
            made_at = None
        if made_at is not None and made_at.tzinfo is None:
            made_at = None
        chosen = tuple(w for w in worksheet_ids() if w in present)
        return {"id": None, "made_at": made_at, "start": None, "end": None, "sender": None,
                "worksheets": chosen, "whole": True}  # fmt: skip
    if not isinstance(part, dict):
        raise BundleError(t("sharing.read.bad-share", file=label))
    chosen = part.get("worksheets")
    if not isinstance(chosen, list) or not chosen or not all(isinstance(w, str) for w in chosen):
        raise BundleError(t("sharing.read.no-worksheets", file=label))
    unknown = [w for w in chosen if w not in worksheet_ids()]
    if unknown:
        raise BundleError(t("sharing.read.unknown-worksheet", file=label, name=repr(unknown[0])))
    try:
        made_at = dt.datetime.fromisoformat(str(part.get("made_at")))
    except ValueError:
        made_at = None
    if made_at is None or made_at.tzinfo is None:
        raise BundleError(t("sharing.read.bad-time", file=label))
    start, end = _date(part, "start", label), _date(part, "end", label)
    if start and end and start > end:
        raise BundleError(t("sharing.read.dates-reversed", file=label))
    share_id, sender = part.get("id"), part.get("from")
    return {"id": share_id if isinstance(share_id, str) else None, "made_at": made_at,
            "start": start, "end": end, "sender": sender if isinstance(sender, str) else None,
            "worksheets": tuple(dict.fromkeys(chosen)), "whole": False}  # fmt: skip


def read_share(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    root: str | os.PathLike[str] | None = None,
) -> Shared:
    """Read and check a share (a path, or the bytes of an upload called ``name``; without
    a name, messages call it "the file" in the page's language).

    The same checks as importing: a damaged file, another kind of file, a bundle from a
    newer kit, or any record that could not be saved raises :class:`kit.BundleError` with a
    plain message naming the file. With ``root`` (the inbox), a path that leads outside it
    through a link raises :class:`ShareError` and is not opened.
    """
    if isinstance(source, bytes | bytearray | memoryview):
        label = name or t("sharing.read.the-file")
        text = _decode(bytes(source), label)
    else:
        path = Path(source).expanduser()
        if root is None:
            label = str(path)
            text = _read(path, label)
        else:
            base = Path(root).expanduser().resolve()
            label = str(path.relative_to(root)) if path.is_relative_to(root) else path.name
            text = _read(_inside(path, base, label), label)
    bundle = parse_bundle(text, label)
    try:
        rows = tuple(check_record(raw, n) for n, raw in enumerate(bundle["records"], start=1))
    except BundleError as problem:
        raise BundleError(t("sharing.read.in-file", file=label, problem=str(problem))) from None
    return Shared(source=label, records=rows, **_share_part(bundle, rows, label))


def inbox_bundles(root: str | os.PathLike[str]) -> list[InboxEntry]:
    """Every share in an inbox (one folder per client), by client, newest first; a file
    that cannot be shown is listed with its problem. Only ``*.json`` files are looked at,
    and nothing is followed out of the inbox. Raises :class:`ShareError` if the inbox
    itself cannot be read."""
    base = Path(root).expanduser()
    try:
        real_root = base.resolve(strict=True)
        folders = sorted(p for p in base.iterdir() if not p.name.startswith("."))
    except NotADirectoryError:
        raise ShareError(t("sharing.inbox.not-a-folder", inbox=str(base))) from None
    except FileNotFoundError:
        raise ShareError(t("sharing.inbox.not-there", inbox=str(base))) from None
    except OSError as problem:
        raise ShareError(
            t("sharing.inbox.unreadable", inbox=str(base), reason=str(problem.strerror))
        ) from None
    entries: list[InboxEntry] = []
    for folder in folders:
        try:
            real = _inside(folder, real_root, folder.name)
            if not real.is_dir():
                continue
            files = sorted(real.iterdir())
        except KitError as problem:
            entries.append(InboxEntry(folder.name, folder, None, str(problem)))
            continue
        except OSError as problem:
            message = t(
                "sharing.inbox.folder-unreadable", folder=folder.name, reason=str(problem.strerror)
            )
            entries.append(InboxEntry(folder.name, folder, None, message))
            continue
        found = []
        for path in files:
            if path.suffix.lower() != ".json" or path.name.startswith("."):
                continue
            path = folder / path.name
            try:
                found.append(InboxEntry(folder.name, path, read_share(path, root=base).made_at))
            except KitError as problem:
                found.append(InboxEntry(folder.name, path, None, str(problem)))
        newest = dt.datetime.min.replace(tzinfo=dt.UTC)
        entries += sorted(found, key=lambda e: e.made_at or newest, reverse=True)
    return entries


@contextlib.contextmanager
def opened(shared: Shared) -> Iterator[Journal]:
    """The shared responses as a journal of their own, so the charts and tables that read a
    journal can show them; it lives in a private temporary folder, deleted afterwards."""
    with tempfile.TemporaryDirectory(prefix="kit-shared-") as folder:
        journal = open_journal(Path(folder))
        try:
            journal.add_responses(list(shared.records))
            yield journal
        finally:
            journal.close()
