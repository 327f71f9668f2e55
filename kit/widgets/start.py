"""The start page's live parts: where this journal is kept, and the support lines."""

from __future__ import annotations

import html

import ipywidgets as w

from ..journal import DB_NAME, default_data_dir
from ..resources import support_lines
from .form import STYLE

KIND_LABEL = {
    "crisis": "Crisis support",
    "abuse": "Domestic abuse support",
    "directory": "Find a line",
}


def support_lines_html() -> str:
    """The support lines as an escaped HTML table, grouped by country."""
    rows = []
    for country in support_lines():
        emergency = (
            f" (emergency: <strong>{html.escape(country.emergency)}</strong>)"
            if country.emergency
            else ""
        )
        rows.append(
            f'<tr><th colspan="3" scope="colgroup">{html.escape(country.name)}{emergency}</th></tr>'
        )
        for line in country.lines:
            how = " · ".join(html.escape(x) for x in (line.phone, line.sms, line.hours) if x)
            rows.append(
                "<tr>"
                f"<td>{html.escape(KIND_LABEL.get(line.kind, line.kind))}</td>"
                f'<td><a href="{html.escape(line.url)}" target="_blank" rel="noopener noreferrer">'
                f"{html.escape(line.name)}</a></td>"
                f"<td>{how}</td>"
                "</tr>"
            )
    checked = min(line.last_checked for c in support_lines() for line in c.lines)
    return (
        '<table class="kit-lines"><caption>Free, confidential support lines</caption>'
        + "".join(rows)
        + f'</table><p class="kit-help">Numbers last checked {checked:%-d %B %Y}. '
        "If yours is not listed, your local emergency number always works.</p>"
    )


def _show(inner: str) -> None:
    from IPython.display import display

    display(w.HTML(f'{STYLE}<div class="kit-form">{inner}</div>', layout=w.Layout(width="100%")))


def show_journal_location() -> None:
    """Display the file this journal is kept in."""
    where = html.escape(str(default_data_dir() / DB_NAME))
    _show(f'<p>Your journal is kept in this file: <code class="kit-where">{where}</code></p>')


def show_support_lines() -> None:
    """Display the support lines, grouped by country, with the date they were checked."""
    _show(support_lines_html())
