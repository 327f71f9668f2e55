"""A report to bring to a therapist: one self-contained HTML file, readable on paper.

The person chooses the worksheets and the dates. Everything the report needs is inside the
file (plotly.js included), so it opens with no network. Every piece of text a person typed
is escaped; the page title stays neutral.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from pathlib import Path

from . import clock
from ._files import write_atomically
from .analysis.mood import mood_trend
from .analysis.streaks import streak
from .analysis.summary import summary
from .content import definition, worksheet_ids
from .errors import KitError
from .journal import Journal, Record
from .text import day_text

DAILY = "check-in"
SCALES = ("who5", "phq9", "gad7")
# The order of the journey: the why, then the days since.
LOOK_BACK = "look-back"
ORDER = ("wellbeing", "balance", "values", "future", "reasons", "milestones", DAILY, *SCALES,
         LOOK_BACK)  # fmt: skip

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; max-width: 52em; margin: 2em auto;
       padding: 0 1em; }
h1 { font-weight: 500; } h2 { border-bottom: 1px solid #ccc; margin-top: 2em; }
dt { font-weight: 600; margin-top: 0.5em; } dd { margin-left: 1.2em; white-space: pre-wrap; }
table { border-collapse: collapse; } td, th { padding: 0.2em 0.8em; text-align: left;
       border-bottom: 1px solid #e5e5e5; }
.note { color: #4a4a4a; font-size: 0.92em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; }
               .chart { break-inside: avoid; } }
"""


def _e(text: object) -> str:
    return html.escape(str(text))


def _in(record: Record, start: dt.date | None, end: dt.date | None, journal: Journal) -> bool:
    day = clock.local(record.saved_at, journal).date()
    return (start is None or day >= start) and (end is None or day <= end)


def _chart(figure) -> str:
    if figure is None:
        return ""
    return f'<div class="chart">{figure.to_html(full_html=False, include_plotlyjs=False)}</div>'


def _worksheet_section(journal: Journal, sheet_id: str, start, end, heading: bool = True) -> str:
    sheet = definition(sheet_id)
    records = [r for r in journal.history(sheet_id) if _in(r, start, end, journal)]
    title = f"<h2>{_e(sheet.title)}</h2>" if heading else ""
    if not records:
        return f"{title}<p class='note'>Nothing saved in these dates.</p>"
    latest = records[-1]
    items = "".join(f"<dt>{_e(q)}</dt><dd>{_e(a)}</dd>" for q, a in summary(sheet, latest.answers))
    versions = (
        f" (saved {len(records)} times in these dates; the latest is shown)"
        if len(records) > 1
        else ""
    )
    when = day_text(clock.local(latest.saved_at, journal).date())
    return f"{title}<p class='note'>{_e(when)}{_e(versions)}</p><dl>{items}</dl>"


NOTES_SHOWN = 20


def checkins_between(journal: Journal, start, end):
    """The journal's check-ins (a DataFrame, one row per day) from ``start`` to ``end``."""
    frame = journal.checkins()
    if start is not None:
        frame = frame[frame.index >= str(start)]
    if end is not None:
        frame = frame[frame.index <= str(end)]
    return frame


def checkin_facts_html(frame) -> str:
    """The check-ins in a few facts, as an escaped table: the report and the therapist's
    view of a share both give these."""
    mood = frame["mood"].dropna()
    contact = streak(frame.get("contacted", []))
    facts = [
        ("Days with a check-in", len(frame)),
        ("Average mood (1-10)", f"{mood.mean():.1f}" if len(mood) else "-"),
        ("Lowest and highest mood", f"{mood.min():.0f} and {mood.max():.0f}" if len(mood) else "-"),
        ("Check-ins in a row without contacting them (at the end; longest)",
         f"{contact.current}; {contact.longest}"),
    ]  # fmt: skip
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts)
    return f'<table class="kit-lines">{rows}</table>'


def checkin_notes_html(frame, heading: str = "h3") -> str:
    """The latest notes written in check-ins, escaped (empty if there are none)."""
    notes = [(day, n) for day, n in frame["note"].items() if isinstance(n, str) and n.strip()]
    if not notes:
        return ""
    shown = notes[-NOTES_SHOWN:]
    items = "".join(f"<dt>{day:%-d %b %Y}</dt><dd>{_e(n)}</dd>" for day, n in shown)
    title = f"<{heading}>Notes (the latest {len(shown)})</{heading}>"
    return f'{title}<dl class="kit-summary">{items}</dl>'


def _checkins_section(journal: Journal, start, end) -> str:
    from .plots.trends import mood_figure, urge_figure

    frame = checkins_between(journal, start, end)
    if frame.empty:
        return "<h2>Daily check-ins</h2><p class='note'>No check-ins in these dates.</p>"
    return (
        "<h2>Daily check-ins</h2>"
        + checkin_facts_html(frame)
        + _chart(mood_figure(mood_trend(frame)))
        + _chart(urge_figure(frame))
        + checkin_notes_html(frame)
    )


def _look_back_section(journal: Journal, start, end) -> str:
    """Looking back, when the person chose it: then beside now, and their own words."""
    from .lookback import look_back_html

    title = f"<h2>{_e(definition(LOOK_BACK).title)}</h2>"
    return (
        title
        + look_back_html(journal)
        + _worksheet_section(journal, LOOK_BACK, start, end, heading=False)
    )


def _scales_section(journal: Journal, start, end) -> str:
    from .plots.trends import scale_figure

    scores = journal.scores()
    if start is not None:
        scores = scores[scores["date"] >= str(start)]
    if end is not None:
        scores = scores[scores["date"] <= str(end)]
    if scores.empty:
        return ""
    rows = "".join(
        f"<tr><td>{row.date:%-d %b %Y}</td><td>{_e(definition(row.scale).title)}</td>"
        f"<td>{row.total} of {row.maximum}</td><td>{_e(row.band)}</td></tr>"
        for row in scores.itertuples()
    )
    charts = "".join(
        _chart(scale_figure(scores, s, definition(s).scoring.bands))  # type: ignore[union-attr]
        for s in SCALES
    )
    credits = "".join(
        f"<p class='note'>{_e(definition(s).attribution)}</p>"
        for s in SCALES
        if s in set(scores["scale"])
    )
    return (
        "<h2>Well-being scales</h2>"
        "<p class='note'>Self-checks, not a diagnosis.</p>"
        f"<table><tr><th>Date</th><th>Scale</th><th>Score</th><th>Band</th></tr>{rows}</table>"
        + charts
        + credits
    )


def build_report(
    journal: Journal,
    worksheets: Iterable[str] | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> str:
    """The report as one HTML document (plotly.js inside, nothing fetched)."""
    import plotly.offline

    everything = worksheets is None
    chosen = worksheet_ids() if worksheets is None else list(worksheets)
    unknown = [w for w in chosen if w not in worksheet_ids()]
    if unknown:
        raise KitError(f"There is no worksheet called {unknown[0]!r}.")
    if everything:  # all of them: leave out what was never filled in
        chosen = [w for w in chosen if journal.latest(w) is not None]
    chosen.sort(key=lambda w: ORDER.index(w) if w in ORDER else len(ORDER))
    if start and end and start > end:
        raise KitError("The report's first date comes after its last date.")
    sections = []
    for sheet_id in chosen:
        if sheet_id == DAILY:
            sections.append(_checkins_section(journal, start, end))
        elif sheet_id == LOOK_BACK:
            sections.append(_look_back_section(journal, start, end))
        elif sheet_id not in SCALES:
            sections.append(_worksheet_section(journal, sheet_id, start, end))
    if any(s in chosen for s in SCALES):
        sections.append(_scales_section(journal, start, end))
    span = " to ".join(day_text(d) for d in (start, end) if d) or "all dates"
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Journal</title>"
        f"<style>{STYLE}</style><script>{plotly.offline.get_plotlyjs()}</script></head><body>"
        f"<h1>Journal</h1><p class='note'>{_e(span)} · made {_e(day_text(clock.today(journal)))}. "
        "Written by the person who kept this journal, and theirs to share. The scores are "
        "self-checks, not a diagnosis.</p>" + "".join(sections) + "</body></html>"
    )


def write_report(journal: Journal, path: str | Path, **choices) -> Path:
    """Write the report to ``path`` (readable by its owner only) and return the path."""
    target = Path(path).expanduser()
    write_atomically(target, build_report(journal, **choices).encode("utf-8"))
    return target
