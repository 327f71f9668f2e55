"""Support lines on the page, for the country a person chose once (kept in their journal)."""

from __future__ import annotations

import html

import ipywidgets as w

from ..errors import JournalError
from ..journal import Journal
from ..resources import Country, support_lines
from .inputs import full

KIND_LABEL = {
    "crisis": "Crisis support",
    "abuse": "Domestic abuse support",
    "directory": "Find a line",
}
COUNTRY_SETTING = "country"
ANYWHERE = "INTL"


def lines_html(countries: tuple[Country, ...]) -> str:
    """These countries' lines as an escaped HTML table, with when they were checked."""
    rows = []
    for country in countries:
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
    checked = min(line.last_checked for c in countries for line in c.lines)
    return (
        '<table class="kit-lines"><caption>Free, confidential support lines</caption>'
        + "".join(rows)
        + f'</table><p class="kit-help">Numbers last checked {checked:%-d %B %Y}. '
        "If yours is not listed, your local emergency number always works.</p>"
    )


def lines_for(code: str | None) -> tuple[Country, ...]:
    """The lines to show: the chosen country and the international directory, else all."""
    every = support_lines()
    chosen = tuple(c for c in every if c.code == code)
    anywhere = tuple(c for c in every if c.code == ANYWHERE and c.code != code)
    return chosen + anywhere if chosen else every


def with_lines(message_html: str, journal: Journal, css: str | None = None) -> w.VBox:
    """Our own words (HTML we wrote), followed by the support lines for the chosen country."""
    box = w.VBox([w.HTML(message_html, layout=full()), SupportLines(journal).widget], layout=full())
    if css:
        box.add_class(css)
    return box


class SupportLines:
    """A country picker and that country's lines; the choice is kept in the journal."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        countries = support_lines()
        # "" rather than None for "not chosen": a Dropdown shows None as an empty box.
        options = [("Choose your country…", "")] + [
            (c.name, c.code) for c in countries if c.code != ANYWHERE
        ]
        options.append(("Somewhere else", ANYWHERE))
        try:
            saved = journal.setting(COUNTRY_SETTING)
        except JournalError:
            saved = None
        self.picker = w.Dropdown(
            options=options,
            value=saved if saved in [v for _, v in options] else "",
            description="Your country",
            style={"description_width": "initial"},
        )
        self.picker.add_class("kit-country")
        self.table = w.HTML(layout=full())
        self.note = w.Label("")
        self.widget = w.VBox([self.picker, self.note, self.table], layout=full())
        self.widget.add_class("kit-support")
        self._render()
        self.picker.observe(self._chosen, names="value")

    def _render(self) -> None:
        self.table.value = lines_html(lines_for(self.picker.value))

    def _chosen(self, change: dict) -> None:
        self._render()
        try:
            self.journal.set_setting(COUNTRY_SETTING, change["new"] or None)
            self.note.value = ""
        except JournalError as problem:
            self.note.value = f"Your choice could not be kept for next time: {problem}"
