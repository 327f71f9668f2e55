"""Charts: pure functions from analysis results to plotly figures. They display nothing.

Each returns a plain ``plotly.graph_objects.Figure`` (sent to the page as JSON, which
Voila renders without extra packages), or None when there is nothing to draw yet. Colour
never carries meaning alone: bars also differ in pattern and are labelled.

Plotly reads a little HTML in labels (<b>, <br>, links), so anything a person typed goes
through :func:`typed` first and is shown exactly as typed.

Every word on a chart comes from ``data/messages/<language>/charts.po``. Plotly's own
template syntax (``%{y}``) never goes into a message: the code fills it into a placeholder
(``{area}``). Numbers and dates follow the language too (:func:`number`, :func:`looks`).
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable
from typing import Any


def typed(text: str) -> str:
    """A person's own words, made safe for a plotly label (shown as typed, never as markup)."""
    return html.escape(str(text), quote=False)


def _language() -> str:
    from ..text import language

    return language()


def _locale() -> str:
    from ..text import babel_locale

    return babel_locale()


def number(value: float, pattern: str = "0.0") -> str:
    """A number as the language writes it, to a Babel pattern ("+0.0;-0.0": signed, one
    decimal place): 6.5 in English, 6,5 in Spanish."""
    from babel.numbers import format_decimal

    return format_decimal(value, format=pattern, locale=_language())


def weekdays() -> list[str]:
    """The days of the week, Monday first, short, as the language writes them."""
    from babel.dates import get_day_names

    names = get_day_names("abbreviated", locale=_locale())
    return [str(names[i]) for i in range(7)]


def looks(figure: Any, dates: Iterable[Any] = ()) -> Any:
    """The language's number separators on ``figure``, and (outside English, which plotly
    writes itself) its dates on the x axis when ``dates`` are the days drawn."""
    from babel.numbers import get_decimal_symbol, get_group_symbol

    from ..text import SOURCE_LANGUAGE

    code = _language()
    figure.update_layout(separators=get_decimal_symbol(code) + get_group_symbol(code))
    days = sorted({_day(d) for d in dates})
    if days and code != SOURCE_LANGUAGE:
        values, text = _ticks(days[0], days[-1])
        figure.update_xaxes(tickvals=values, ticktext=text, hoverformat=_hover_format())
    return figure


def _day(value: Any) -> dt.date:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    if hasattr(value, "date"):  # a pandas Timestamp or a datetime
        return value.date()
    return value


def _ticks(start: dt.date, end: dt.date) -> tuple[list[str], list[str]]:
    """Tick positions and labels for a date axis from ``start`` to ``end``, in the language:
    weeks for two months or less, months up to two years or so, then quarters or years."""
    from babel.dates import format_date

    locale = _locale()
    span = (end - start).days
    if span <= 62:
        first = start - dt.timedelta(days=start.weekday())
        days = [first + dt.timedelta(weeks=i) for i in range(span // 7 + 2)]
        return [d.isoformat() for d in days], [format_date(d, "d MMM", locale=locale) for d in days]
    step = 1 if span <= 800 else 3 if span <= 1600 else 12
    days, month = [], dt.date(start.year, start.month, 1)
    while month <= end + dt.timedelta(days=31):
        days.append(month)
        index = month.month - 1 + step
        month = dt.date(month.year + index // 12, index % 12 + 1, 1)
    labels = [
        format_date(d, "y" if step == 12 else "MMM y" if d.month == 1 or i == 0 else "MMM",
                    locale=locale)
        for i, d in enumerate(days)
    ]  # fmt: skip
    return [d.isoformat() for d in days], labels


def _hover_format() -> str:
    """The language's short date, as plotly writes a date on hover (d3's format)."""
    from babel.dates import get_date_format

    pattern = get_date_format("short", locale=_locale()).pattern
    out, i = "", 0
    tokens = {"dd": "%d", "d": "%-d", "MM": "%m", "M": "%-m", "yyyy": "%Y", "yy": "%y", "y": "%Y"}
    while i < len(pattern):
        for token in ("yyyy", "dd", "MM", "yy", "d", "M", "y"):
            if pattern.startswith(token, i):
                out += tokens[token]
                i += len(token)
                break
        else:
            out += pattern[i]
            i += 1
    return out
