"""A report to bring to a therapist: one self-contained HTML file, readable on paper.

The person chooses the worksheets and the dates. Everything the report needs is inside the
file (plotly.js included), so it opens with no network. The HTML comes from templates
(``kit/templates/report/``) that escape every value, so every piece of text a person typed
is escaped; the page title stays neutral.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup

from . import clock
from ._files import write_atomically
from .analysis.checkins import checkins
from .analysis.checkins import scores as scale_scores
from .analysis.mood import mood_trend
from .analysis.streaks import streak
from .analysis.summary import summary
from .content import definition, field_id, field_ids, worksheet_ids
from .errors import KitError
from .journal import Journal, Record
from .templating import render
from .text import day_text, language, markup, markup_n, t

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


def _day(value: Any) -> str:
    """A day in a table or list: "1 Dec 2026" in English (a date, datetime or Timestamp)."""
    day = value.date() if isinstance(value, dt.datetime) else value
    return day_text(day, "medium")


def _plain(value: Any) -> Any:
    """A numpy number as Python's own, so a message writes it the language's way."""
    return value.item() if hasattr(value, "item") else value


def _score(total: Any, maximum: Any) -> str:
    """A scale's score ("40 of 100"), as the report and the therapist's inbox show it."""
    return t("report.scales.score-value", total=_plain(total), maximum=_plain(maximum))


def scales_table_html(scores: Any, table_class: str | None = None) -> Markup:
    """The scales' scores as an escaped table: the report and the therapist's view of a
    share both give it."""
    rows = [
        {"day": _day(row.date), "title": definition(row.scale).title,
         "score": _score(row.total, row.maximum), "band": row.band}
        for row in scores.itertuples()
    ]  # fmt: skip
    return render("report/scales_table.html", rows=rows, table_class=table_class)


def _in(record: Record, start: dt.date | None, end: dt.date | None, journal: Journal) -> bool:
    day = clock.local(record.saved_at, journal).date()
    return (start is None or day >= start) and (end is None or day <= end)


def _charts(*figures) -> list[Markup]:
    """Plotly's own HTML for each figure there is (the text in it escaped by kit.plots)."""
    return [Markup(f.to_html(full_html=False, include_plotlyjs=False))  # noqa: S704
            for f in figures if f is not None]  # fmt: skip


def worksheet_section_html(
    journal: Journal, sheet_id: str, start, end, heading: bool = True, level: int = 2
) -> Markup:
    """One worksheet's latest answers saved from ``start`` to ``end``, escaped: its title
    as a heading of ``level`` (2 in the report, 3 in the therapist's view of a share), when
    it was saved and how often, and each question with its answer."""
    sheet = definition(sheet_id)
    records = [r for r in journal.history(sheet_id) if _in(r, start, end, journal)]
    shown = {"heading": heading, "level": int(level), "title": sheet.title}
    if not records:
        return render("report/worksheet.html", items=[], when="", **shown)
    latest = records[-1]
    day = day_text(clock.local(latest.saved_at, journal).date())
    when = markup_n("report.saved-times", len(records), day=day) if len(records) > 1 else day
    items = list(summary(sheet, latest.answers))
    return render("report/worksheet.html", items=items, when=when, **shown)


NOTES_SHOWN = 20
HEADINGS = ("h2", "h3", "h4")


def checkins_between(journal: Journal, start, end):
    """The journal's check-ins (a DataFrame, one row per day) from ``start`` to ``end``."""
    frame = checkins(journal)
    if start is not None:
        frame = frame[frame.index >= str(start)]
    if end is not None:
        frame = frame[frame.index <= str(end)]
    return frame


def checkin_facts_html(frame) -> Markup:
    """The check-ins in a few facts, as an escaped table: the report and the therapist's
    view of a share both give these."""
    mood_id, contacted = field_ids(DAILY, "mood", "contacted")
    mood = frame[mood_id].dropna()
    contact = streak(frame.get(contacted, []))
    none = t("report.facts.none")
    facts = [
        ("report.facts.days", format_decimal(len(frame), locale=language())),
        ("report.facts.mood-average",
         format_decimal(float(mood.mean()), "0.0", locale=language()) if len(mood) else none),
        ("report.facts.mood-range",
         t("report.facts.mood-range-value", lowest=round(float(mood.min())),
           highest=round(float(mood.max()))) if len(mood) else none),
        ("report.facts.streak",
         t("report.facts.streak-value", current=contact.current, longest=contact.longest)),
    ]  # fmt: skip
    return render("facts.html", facts=facts)


def checkin_notes_html(frame, heading: str = "h3") -> Markup:
    """The latest notes written in check-ins, escaped (empty if there are none)."""
    note = field_id(DAILY, "note")
    notes = [(day, n) for day, n in frame[note].items() if isinstance(n, str) and n.strip()]
    if not notes:
        return Markup("")
    if heading not in HEADINGS:
        raise ValueError(f"{heading!r} is not a heading element")
    shown = [(_day(day), n) for day, n in notes[-NOTES_SHOWN:]]
    return render("report/checkin_notes.html", notes=shown, heading=heading)


def _checkins_section(journal: Journal, start, end) -> Markup:
    from .plots.trends import mood_figure, urge_figure

    frame = checkins_between(journal, start, end)
    if frame.empty:
        return render("report/checkins.html", empty=True)
    return render(
        "report/checkins.html",
        empty=False,
        facts=checkin_facts_html(frame),
        charts=_charts(mood_figure(mood_trend(frame)), urge_figure(frame)),
        notes=checkin_notes_html(frame),
    )


def _look_back_section(journal: Journal, start, end) -> Markup:
    """Looking back, when the person chose it: then beside now, and their own words."""
    from .lookback import look_back_html

    return render(
        "report/look_back.html",
        title=definition(LOOK_BACK).title,
        then_and_now=look_back_html(journal),
        answers=worksheet_section_html(journal, LOOK_BACK, start, end, heading=False),
    )


def _scales_section(journal: Journal, start, end) -> Markup:
    from .plots.trends import scale_figure

    scores = scale_scores(journal)
    if start is not None:
        scores = scores[scores["date"] >= str(start)]
    if end is not None:
        scores = scores[scores["date"] <= str(end)]
    if scores.empty:
        return Markup("")
    figures = [scale_figure(scores, s, definition(s).scoring.bands) for s in SCALES]  # type: ignore[union-attr]
    credits = [definition(s).attribution for s in SCALES if s in set(scores["scale"])]
    return render(
        "report/scales.html", table=scales_table_html(scores), charts=_charts(*figures),
        credits=credits,
    )  # fmt: skip


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
        raise KitError(t("report.unknown-worksheet", name=repr(unknown[0])))
    if everything:  # all of them: leave out what was never filled in
        chosen = [w for w in chosen if journal.latest(w) is not None]
    chosen.sort(key=lambda w: ORDER.index(w) if w in ORDER else len(ORDER))
    if start and end and start > end:
        raise KitError(t("report.dates-reversed"))
    sections = []
    for sheet_id in chosen:
        if sheet_id == DAILY:
            sections.append(_checkins_section(journal, start, end))
        elif sheet_id == LOOK_BACK:
            sections.append(_look_back_section(journal, start, end))
        elif sheet_id not in SCALES:
            sections.append(worksheet_section_html(journal, sheet_id, start, end))
    if any(s in chosen for s in SCALES):
        sections.append(_scales_section(journal, start, end))
    intro = markup("report.intro", span=_span(start, end), made=day_text(clock.today(journal)))
    return render(
        "report/document.html",
        lang=language(),
        style=Markup(STYLE),  # noqa: S704 (the kit's own style sheet)
        plotly_js=Markup(plotly.offline.get_plotlyjs()),  # noqa: S704 (plotly's own script)
        intro=intro,
        sections=sections,
    )


def _span(start: dt.date | None, end: dt.date | None) -> str:
    """The report's dates in words."""
    if start and end:
        return t("report.span.between", start=day_text(start), end=day_text(end))
    if start:
        return t("report.span.from", start=day_text(start))
    if end:
        return t("report.span.until", end=day_text(end))
    return t("report.span.all")


def write_report(journal: Journal, path: str | Path, **choices) -> Path:
    """Write the report to ``path`` (readable by its owner only) and return the path."""
    target = Path(path).expanduser()
    write_atomically(target, build_report(journal, **choices).encode("utf-8"))
    return target
