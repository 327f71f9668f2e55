"""Getting a journal out and back in: one JSON bundle, checked whole before anything is added.

The bundle holds every saved response (worksheet, definition version, when, answers) and
the journal's settings, with a format name and version. Importing reads and checks the
entire file first; a problem anywhere is reported with where it is, and nothing is added.
Responses already in the journal (same worksheet, same moment, same answers) are skipped,
so importing the same bundle twice adds nothing.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._files import BUNDLE, read_text, write_atomically
from .analysis.checkins import checkins
from .content import definition
from .errors import FileProblemError, UnknownWorksheetError
from .fields import AnswerErrors, validate_answers
from .text import t, tn

if TYPE_CHECKING:
    from .journal import Journal, Record

FORMAT = "journal-kit-bundle"
# A copy of a locked journal: the bundle sealed with the journal's key, with the lock that
# opens it, so the same passphrase (or recovery code) brings it back in.
SEALED_FORMAT = "journal-kit-sealed-bundle"
BUNDLE_VERSION = 1
MAX_BUNDLE_BYTES = 200 * 1024 * 1024

Row = tuple[str, int, dt.datetime, dict[str, Any]]
"""A checked record: (worksheet, version, saved_at, answers)."""


class BundleError(FileProblemError):
    """A bundle cannot be imported; the message says what is wrong and where."""


class LockedBundleError(BundleError):
    """A sealed copy needs the passphrase (or recovery code) of the journal it came from,
    or the one given does not open it."""


@dataclass
class ImportPlan:
    """What importing a bundle would do (or did): responses added and already present."""

    added: list[Row] = field(default_factory=list)
    already_there: int = 0
    settings: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        """The plan in one plain sentence, with a count per worksheet."""
        if not self.added:
            return tn("transfer.plan.nothing-new", self.already_there)
        counts: dict[str, int] = {}
        for worksheet, *_ in self.added:
            counts[worksheet] = counts.get(worksheet, 0) + 1
        # A tally by page, "3 × Today's check-in, 1 × WHO-5 well-being check", in the
        # page's language (a worksheet this kit does not have is named by its id).
        listed = ", ".join(f"{n} × {_title(w)}" for w, n in sorted(counts.items()))
        return t(
            "transfer.plan.some-new",
            adding=tn("transfer.plan.adding", len(self.added), listed=listed),
            kept=tn("transfer.plan.kept", self.already_there),
        )


def _title(worksheet: str) -> str:
    from .content import definition
    from .errors import UnknownWorksheetError

    try:
        return definition(worksheet).title
    except UnknownWorksheetError:
        return worksheet


def _key(worksheet: str, saved_at: dt.datetime, answers: dict[str, Any]) -> tuple[str, str, str]:
    stamp = saved_at.astimezone(dt.UTC).isoformat(timespec="microseconds")
    return worksheet, stamp, json.dumps(answers, ensure_ascii=False, sort_keys=True)


def record_json(record: Record) -> dict[str, Any]:
    """One saved response as a bundle holds it."""
    return {
        "worksheet": record.worksheet,
        "version": record.version,
        "saved_at": record.saved_at.isoformat(timespec="microseconds"),
        "answers": record.answers,
    }


def export_bundle(journal: Journal, path: str | os.PathLike[str], *, plain: bool = False) -> Path:
    """Write every response and setting to ``path`` as JSON (atomically); also the
    check-ins as CSV beside it (``<name>.checkins.csv``). Returns the bundle's path.

    A locked journal's copy is sealed (readable only with its passphrase or recovery
    code), and comes without the CSV, unless ``plain`` is asked for explicitly."""
    target = Path(path).expanduser()
    records = journal.all_records()
    bundle = {
        "format": FORMAT,
        "bundle_version": BUNDLE_VERSION,
        "schema_version": journal.format_version,
        "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "settings": journal.settings(),
        "records": [record_json(r) for r in records],
    }
    if journal.locked and not plain:
        sealed = {"format": SEALED_FORMAT, "bundle_version": BUNDLE_VERSION,
                  **journal.sealed_copy(bundle)}  # fmt: skip
        write_atomically(target, json.dumps(sealed).encode("utf-8"))
        return target
    write_atomically(target, json.dumps(bundle, ensure_ascii=False, indent=1).encode("utf-8"))
    frame = checkins(journal)
    picked = [f.id for f in definition("check-in").fields if f.kind in ("multi", "rank")]
    lists = {c: frame[c].map(lambda v: "; ".join(v) if isinstance(v, list) else v) for c in
             (*picked, "tags")}  # fmt: skip
    csv = frame.assign(**lists).to_csv(index_label="date")
    write_atomically(target.with_name(target.stem + ".checkins.csv"), csv.encode("utf-8"))
    return target


def read_bundle(path: str | os.PathLike[str], passphrase: str | None = None) -> dict[str, Any]:
    """Read and check a whole bundle file; raise BundleError naming what and where. A
    sealed copy needs ``passphrase`` (or the recovery code), else LockedBundleError."""
    source = Path(path).expanduser()
    return parse_bundle(
        read_text(source, BUNDLE, MAX_BUNDLE_BYTES, BundleError), source, passphrase
    )


def _unseal(bundle: dict[str, Any], source: object, passphrase: str | None) -> Any:
    from .lock import LockedError, LockRecord, unlock

    if not passphrase:
        raise LockedBundleError(t("transfer.bundle.locked-copy", source=str(source)))
    try:
        keys = unlock(LockRecord.from_json(bundle.get("lock") or {}), passphrase, passphrase)
    except LockedError:
        raise LockedBundleError(t("transfer.bundle.wrong-passphrase", source=str(source))) from None
    sealed = bundle.get("sealed")
    opened = keys.open(base64.b64decode(sealed), "bundle") if isinstance(sealed, str) else None
    if opened is None:
        raise BundleError(t("transfer.bundle.sealed-damaged", source=str(source)))
    return opened


def parse_bundle(text: str, source: object, passphrase: str | None = None) -> dict[str, Any]:
    """Check a bundle's text (its shape, format and version, not yet its records); raise
    BundleError naming ``source``. Separate from reading so a bundle can come from an upload."""
    try:
        bundle = json.loads(text)
    except json.JSONDecodeError as problem:
        raise BundleError(
            t("transfer.bundle.cut-short", source=str(source), problem=problem.msg,
              line=problem.lineno, column=problem.colno)
        ) from None  # fmt: skip
    if isinstance(bundle, dict) and bundle.get("format") == SEALED_FORMAT:
        bundle = _unseal(bundle, source, passphrase)
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise BundleError(t("transfer.bundle.not-bundle", source=str(source), format=repr(FORMAT)))
    version = bundle.get("bundle_version")
    if not isinstance(version, int) or version < 1:
        raise BundleError(t("transfer.bundle.no-version", source=str(source)))
    if version > BUNDLE_VERSION:
        raise BundleError(t("transfer.bundle.newer", source=str(source), version=version))
    if not isinstance(bundle.get("records"), list):
        raise BundleError(t("transfer.bundle.no-records", source=str(source)))
    if not isinstance(bundle.get("settings", {}), dict):
        raise BundleError(t("transfer.bundle.bad-settings", source=str(source)))
    return bundle


def check_record(raw: Any, position: int) -> Row:
    """One record of a bundle, checked as if it were being saved now: (worksheet, version,
    saved_at, answers). Import and the therapist's view both use it, so a record that could
    not be imported is never shown either; BundleError says which record and what is wrong."""
    if not isinstance(raw, dict):
        raise BundleError(t("transfer.record.not-table", position=position))
    missing = [k for k in ("worksheet", "saved_at", "answers") if k not in raw]
    if missing:
        raise BundleError(t("transfer.record.missing", position=position, key=missing[0]))
    try:
        sheet = definition(str(raw["worksheet"]))
    except UnknownWorksheetError:
        raise BundleError(
            t("transfer.record.unknown-worksheet", position=position, name=repr(raw["worksheet"]))
        ) from None
    try:
        saved_at = dt.datetime.fromisoformat(str(raw["saved_at"]))
    except ValueError:
        raise BundleError(
            t("transfer.record.bad-time", position=position, value=repr(raw["saved_at"]))
        ) from None
    if saved_at.tzinfo is None:
        raise BundleError(
            t("transfer.record.no-zone", position=position, value=repr(raw["saved_at"]))
        )
    try:
        answers = validate_answers(sheet.fields, raw["answers"])
    except AnswerErrors as problem:
        field_id, message = next(iter(problem.errors.items()))
        raise BundleError(
            t("transfer.record.bad-answer", position=position, worksheet=sheet.id,
              field=field_id, problem=message)
        ) from None  # fmt: skip
    version = raw.get("version", sheet.version)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BundleError(t("transfer.record.bad-version", position=position, value=repr(version)))
    return sheet.id, version, saved_at, answers


def plan_import(
    journal: Journal, path: str | os.PathLike[str], passphrase: str | None = None
) -> ImportPlan:
    """Check a bundle whole and work out what importing it would add; change nothing."""
    bundle = read_bundle(path, passphrase)
    present = {_key(r.worksheet, r.saved_at, r.answers) for r in journal.all_records()}
    plan = ImportPlan(settings=dict(bundle.get("settings", {})))
    seen: set[tuple[str, str, str]] = set()
    for position, raw in enumerate(bundle["records"], start=1):
        sheet_id, version, saved_at, answers = check_record(raw, position)
        key = _key(sheet_id, saved_at, answers)
        if key in present or key in seen:
            plan.already_there += 1
            continue
        seen.add(key)
        plan.added.append((sheet_id, version, saved_at, answers))
    return plan


def import_bundle(
    journal: Journal,
    path: str | os.PathLike[str],
    *,
    dry_run: bool = False,
    passphrase: str | None = None,
) -> ImportPlan:
    """Check a bundle whole, then add what is new in one transaction (nothing if dry_run).

    Settings in the bundle fill in only those not set here: a choice made on this device
    is never overwritten by an old export.
    """
    plan = plan_import(journal, path, passphrase)
    if not dry_run:
        journal.add_responses(plan.added)
        for key, value in plan.settings.items():
            if journal.setting(key) is None:
                journal.set_setting(key, value)
    return plan
