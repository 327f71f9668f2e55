"""The journal's days, as the pages read them: the daily check-ins as plain rows or as a
DataFrame, and every scale's scores. These sit above the journal, which only stores and
returns responses: they know which worksheets are the check-in, "Reclaim your time" and the
scales, and which of their fields (by role, see :mod:`kit.roles`) the pages read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..content import definition, field_ids

if TYPE_CHECKING:
    import pandas as pd

    from ..journal import Journal, Record

CHECK_IN = "check-in"
RECLAIM = "reclaim"
SCALES = ("who5", "phq9", "gad7")


def own_tags(text: str | None) -> list[str]:
    """ "gym, Date night ,gym" -> ["gym", "date night"]: trimmed, lower-case, each once."""
    tags: list[str] = []
    for part in (text or "").split(","):
        tag = " ".join(part.split()).lower()
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def checkin_days(journal: Journal) -> list[dict[str, Any]]:
    """Daily check-ins as plain rows: one per day (the newest save), oldest first.

    Each row has ``date`` (the day, ISO), every check-in field, ``tags`` (activities, the
    person's own tags, and what they logged on "Reclaim your time" for that day, as one
    list) and ``saved_at``. Pages that only count need no pandas for this.
    """
    sheet = definition(CHECK_IN)
    newest: dict[str, Record] = {}
    for record in journal.history(CHECK_IN):
        newest[record.answers[sheet.daily]] = record
    columns = [f.id for f in sheet.fields if f.id != sheet.daily]
    # What the person logged on "Reclaim your time" counts as a tag on that day too.
    done, done_day, done_what = field_ids(RECLAIM, "done", "done.day", "done.what")
    reclaimed: dict[str, list[str]] = {}
    for entry in (journal.latest(RECLAIM) or {}).get(done) or []:
        reclaimed.setdefault(entry[done_day], []).extend(own_tags(entry[done_what]))
    activities, their_tags = field_ids(sheet, "activities", "own_tags")
    rows = []
    for day in sorted(newest):
        answers = newest[day].answers
        row: dict[str, Any] = {"date": day} | {c: answers.get(c) for c in columns}
        tags = list(answers.get(activities) or []) + own_tags(answers.get(their_tags))
        row["tags"] = tags + [t for t in reclaimed.get(day, []) if t not in tags]
        row["saved_at"] = newest[day].saved_at
        rows.append(row)
    return rows


def checkins(journal: Journal) -> pd.DataFrame:
    """Daily check-ins as a DataFrame: the rows of :func:`checkin_days`, indexed by day.

    The index is the day (``date``); there is a column for every check-in field, plus
    ``tags`` and ``saved_at``.
    """
    import pandas as pd

    sheet = definition(CHECK_IN)
    columns = [f.id for f in sheet.fields if f.id != sheet.daily]
    rows = checkin_days(journal)
    frame = pd.DataFrame(rows, columns=[*columns, "tags", "saved_at"])  # "date" left out
    frame.index = pd.DatetimeIndex(pd.to_datetime([r["date"] for r in rows]), name="date")
    return frame


def scores(journal: Journal) -> pd.DataFrame:
    """Every scale response (WHO-5, PHQ-9, GAD-7) with its total and band, oldest first."""
    import pandas as pd

    from .. import clock
    from .scales import score_answers

    rows = []
    for scale in SCALES:
        sheet = definition(scale)
        for record in journal.history(scale):
            result = score_answers(sheet, record.answers)
            rows.append(
                {
                    "saved_at": record.saved_at,
                    "date": pd.Timestamp(clock.local(record.saved_at, journal).date()),
                    "scale": scale,
                    "total": result.total,
                    "maximum": result.maximum,
                    "band": result.band,
                }
            )
    frame = pd.DataFrame(rows, columns=["date", "saved_at", "scale", "total", "maximum", "band"])
    return frame.sort_values("saved_at", kind="stable").reset_index(drop=True)
