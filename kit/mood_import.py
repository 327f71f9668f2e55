"""Bringing mood history in from other apps: a Daylio CSV export, or any CSV with a date
and a mood. Nothing is dropped silently: every row that cannot be read is listed with
the reason, and a day that already has a check-in here is left as the person saved it.

Daylio's five moods are spread evenly over 1-10: awful 1, bad 3, meh 6, good 8, rad 10.
Several Daylio entries on one day become one check-in: the moods averaged, the activities
and notes kept together.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clock
from ._files import MOOD_CSV, read_text
from .analysis.checkins import checkins
from .content import definition
from .errors import FileProblemError
from .fields import AnswerErrors, validate_answers
from .journal import Journal
from .text import day_text, t, tn

DAYLIO_COLUMNS = {
    "full_date",
    "date",
    "weekday",
    "time",
    "mood",
    "activities",
    "note_title",
    "note",
}
DAYLIO_MOODS = {"awful": 1, "bad": 3, "meh": 6, "good": 8, "rad": 10}
CHECK_IN = "check-in"
MAX_CSV_BYTES = 50 * 1024 * 1024


class MoodImportError(FileProblemError):
    """The file cannot be read as a mood CSV at all (wrong columns, not text, missing)."""


@dataclass
class MoodImport:
    """What a mood CSV holds: check-ins to add, and every row that could not be used."""

    kind: str  # "Daylio" or "CSV"
    checkins: list[tuple[dt.datetime, dict[str, Any]]] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)
    already_there: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """The preview in plain sentences."""
        count = len(self.checkins)
        lines = [
            tn("transfer.mood.daylio-days", count) if self.kind == "Daylio"
            else tn("transfer.mood.csv-days", count)
        ]  # fmt: skip
        if self.already_there:
            lines.append(tn("transfer.mood.already", len(self.already_there)))
        if self.ignored_columns:
            # The file's own column names, listed as they are.
            lines.append(t("transfer.mood.columns-unused", columns=", ".join(self.ignored_columns)))
        for row, reason in self.problems:
            lines.append(t("transfer.mood.row-skipped", row=row, reason=reason))
        return "\n".join(lines)


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    text = read_text(path, MOOD_CSV, MAX_CSV_BYTES, MoodImportError)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    try:
        rows = list(reader)
    except csv.Error as problem:
        raise MoodImportError(
            t("transfer.mood.unreadable-csv", path=str(path), problem=str(problem))
        ) from None
    return header, rows


def _day(text: str) -> dt.date:
    text = text.strip()
    for parse in (dt.date.fromisoformat, lambda s: dt.datetime.strptime(s, "%d/%m/%Y").date()):
        try:
            return parse(text)
        except ValueError:
            continue
    raise ValueError(t("transfer.mood.not-a-date", value=repr(text)))


def _daylio(rows: list[dict[str, str]], result: MoodImport) -> dict[dt.date, list[dict]]:
    days: dict[dt.date, list[dict]] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        try:
            day = _day(row.get("full_date") or "")
        except ValueError as problem:
            result.problems.append((number, str(problem)))
            continue
        mood_name = (row.get("mood") or "").strip().lower()
        if mood_name not in DAYLIO_MOODS:
            known = ", ".join(DAYLIO_MOODS)  # Daylio's own names, as its files write them
            result.problems.append(
                (number, t("transfer.mood.not-daylio-mood", value=repr(mood_name), known=known))
            )
            continue
        activities = [a.strip().lower() for a in (row.get("activities") or "").split("|")]
        note = "\n".join(
            p.strip() for p in (row.get("note_title"), row.get("note")) if p and p.strip()
        )
        days.setdefault(day, []).append(
            {"mood": DAYLIO_MOODS[mood_name], "tags": [a for a in activities if a], "note": note,
             "time": (row.get("time") or "").strip(), "row": number}
        )  # fmt: skip
    return days


def _plain(rows: list[dict[str, str]], result: MoodImport) -> dict[dt.date, list[dict]]:
    days: dict[dt.date, list[dict]] = {}
    for number, row in enumerate(rows, start=2):
        try:
            day = _day(row.get("date") or "")
        except ValueError as problem:
            result.problems.append((number, str(problem)))
            continue
        text = (row.get("mood") or "").strip()
        try:
            mood = float(text.replace(",", "."))
        except ValueError:
            result.problems.append((number, t("transfer.mood.not-a-number", value=repr(text))))
            continue
        if not 1 <= mood <= 10:
            result.problems.append((number, t("transfer.mood.not-a-number", value=repr(text))))
            continue
        entry = {"mood": mood, "tags": [], "note": (row.get("note") or "").strip(), "row": number}
        days.setdefault(day, []).append({**entry, "time": ""})
    return days


def read_mood_csv(journal: Journal, path: str | os.PathLike[str]) -> MoodImport:
    """Read and check a Daylio export or a plain date/mood CSV; change nothing."""
    source = Path(path).expanduser()
    header, rows = _read_rows(source)
    if set(header) >= DAYLIO_COLUMNS:
        result = MoodImport("Daylio")
        days = _daylio(rows, result)
    elif {"date", "mood"} <= set(header):
        result = MoodImport("CSV")
        result.ignored_columns = [h for h in header if h not in ("date", "mood", "note")]
        days = _plain(rows, result)
    else:
        raise MoodImportError(
            t("transfer.mood.wrong-columns", path=str(source),
              columns=", ".join(header) or t("transfer.mood.no-header"))
        )  # fmt: skip
    have = set(checkins(journal).index.date)
    from .content import field_ids

    sheet = definition(CHECK_IN)
    fields = sheet.fields
    mood_id, own_tags_id, note_id = field_ids(sheet, "mood", "own_tags", "note")
    for day in sorted(days):
        entries = days[day]
        if day in have:
            result.already_there.append(day.isoformat())
            continue
        tags: list[str] = []
        for entry in entries:
            tags += [tag for tag in entry["tags"] if tag not in tags]
        notes = "\n\n".join(e["note"] for e in entries if e["note"])
        answers = {
            sheet.daily: day.isoformat(),
            mood_id: max(1, min(10, round(sum(e["mood"] for e in entries) / len(entries)))),
            own_tags_id: ", ".join(tags) or None,
            note_id: notes or None,
        }
        try:
            cleaned = validate_answers(fields, {k: v for k, v in answers.items() if v is not None})
        except AnswerErrors as problem:
            field_id, message = next(iter(problem.errors.items()))
            rows_of_day = ", ".join(str(e["row"]) for e in entries)
            for entry in entries:
                result.problems.append(
                    (entry["row"], t("transfer.mood.day-problem", field=field_id,
                                     day=day_text(day), rows=rows_of_day, problem=message))
                )  # fmt: skip
            continue
        last_time = max((e["time"] for e in entries), default="") or "21:00"
        try:
            at = dt.time.fromisoformat(last_time)
        except ValueError:
            at = dt.time(21, 0)
        # The time the row gives, on the person's clock (kit.clock).
        saved_at = dt.datetime.combine(day, at, tzinfo=clock.zone(journal))
        result.checkins.append((saved_at, cleaned))
    result.problems.sort()
    return result


def import_mood_csv(
    journal: Journal, path: str | os.PathLike[str], *, dry_run: bool = False
) -> MoodImport:
    """Read a mood CSV whole, then add its days as check-ins in one transaction."""
    result = read_mood_csv(journal, path)
    if not dry_run:
        version = definition(CHECK_IN).version
        journal.add_responses(
            [(CHECK_IN, version, when, answers) for when, answers in result.checkins]
        )
    return result
