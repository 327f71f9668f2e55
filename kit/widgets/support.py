"""Support lines on the page, for the country a person chose once (kept in their journal).

Each line shows every way to reach it (call, text, chat, email), its hours, its
languages, and the ways in for deaf and hard-of-hearing people; a line checked more than a
year ago says so. If the host's list cannot be read, the page says so calmly where the
lines would be, and the rest of the page goes on.
"""

from __future__ import annotations

import logging

import ipywidgets as w
from markupsafe import Markup

from .. import clock
from ..errors import DefinitionError, JournalError
from ..journal import Journal
from ..resources import ANYWHERE, Access, Country, Emergency, SupportLine, support_lines
from ..text import day_text, language, list_text, markup, t
from .inputs import full

COUNTRY_SETTING = "country"
log = logging.getLogger(__name__)


def _language_names(codes: tuple[str, ...]) -> list[str]:
    from babel import Locale

    names = Locale.parse(language()).languages
    return [names.get(code, code) for code in codes]


def _access_html(access: tuple[Access, ...]) -> Markup:
    if not access:
        return Markup("")
    items = Markup("").join(
        Markup("<li><strong>{}</strong>: {}</li>").format(markup(f"support.access.{a.kind}"), a.how)
        for a in access
    )
    return Markup('<details class="kit-access"><summary>{}</summary><ul>{}</ul></details>').format(
        markup("support.access"), items
    )


def _line_html(line: SupportLine, today) -> Markup:
    name = (
        Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(
            line.url, line.name
        )
        if line.url
        else Markup("{}").format(line.name)
    )
    head = Markup(
        '<p class="kit-line-name"><strong>{}</strong> <span class="kit-line-kind">{}</span>{}</p>'
    ).format(
        name,
        markup(f"support.kind.{line.kind}"),
        Markup(" · {}").format(line.note) if line.note else "",
    )
    ways = []
    if line.phone:
        ways.append(markup("support.call", number=Markup("<strong>{}</strong>").format(line.phone)))
    if line.text:
        ways.append(Markup("{}").format(line.text))
    if line.chat:
        ways.append(
            Markup('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>').format(
                line.chat, markup("support.chat")
            )
        )
    if line.email:
        ways.append(markup("support.email", address=line.email))
    if line.hours:
        ways.append(Markup("{}").format(line.hours))
    parts = [head]
    if ways:
        parts.append(Markup('<p class="kit-ways">{}</p>').format(Markup(" · ").join(ways)))
    spoken = []
    if line.languages:
        spoken.append(
            markup("support.languages", languages=list_text(_language_names(line.languages)))
        )
    if line.interpreters:
        spoken.append(markup("support.interpreters"))
    if spoken:
        parts.append(Markup('<p class="kit-help">{}</p>').format(Markup(" ").join(spoken)))
    parts.append(_access_html(line.access))
    if line.stale(today):
        parts.append(
            Markup('<p class="kit-stale">{}</p>').format(
                markup("support.stale", day=day_text(line.last_checked))
            )
        )
    return Markup('<li class="kit-line">{}</li>').format(Markup("").join(parts))


def _emergency_html(emergency: Emergency | None) -> Markup:
    if emergency is None:
        return Markup("")
    number = Markup("<strong>{}</strong>").format(emergency.number)
    if emergency.also:
        words = markup(
            "support.emergency-also", number=number, also=list_text(list(emergency.also))
        )
    else:
        words = markup("support.emergency", number=number)
    return Markup('<p class="kit-emergency">{}</p>{}').format(words, _access_html(emergency.access))


def _glance(country: Country) -> Markup:
    """A country in one line: its emergency number and its first crisis line."""
    parts = [Markup("<strong>{}</strong>").format(country.name)]
    if country.emergency is not None:
        parts.append(markup("support.emergency", number=country.emergency.number))
    first = next((x for x in country.lines if x.kind == "crisis"), None)
    if first is not None:
        reach = (first.phone and markup("support.call", number=first.phone)) or first.text
        parts.append(Markup("{}: {}").format(first.name, reach) if reach else first.name)
    return Markup(" · ").join(parts)


def lines_html(countries: tuple[Country, ...], today=None) -> str:
    """These countries' lines as escaped HTML, with when they were checked. Several
    countries (none chosen yet) are shown one line each, opened with a click, so that the
    page stays short; one country (and the international directories) in full."""
    today = today or clock.today()
    several = len(countries) > 2
    blocks = []
    for country in countries:
        lines = Markup("").join(_line_html(line, today) for line in country.lines)
        body = Markup('{}<ul class="kit-line-list">{}</ul>').format(
            _emergency_html(country.emergency), lines
        )
        if several:
            blocks.append(
                Markup('<details class="kit-country"><summary>{}</summary>{}</details>').format(
                    _glance(country), body
                )
            )
        else:
            blocks.append(
                Markup('<section class="kit-country"><h4>{}</h4>{}</section>').format(
                    country.name, body
                )
            )
    dates = [line.last_checked for c in countries for line in c.lines]
    checked = markup("support.checked", day=day_text(min(dates))) if dates else ""
    return str(
        Markup(
            '<div class="kit-lines"><p class="kit-lines-caption">{}</p>{}'
            '<p class="kit-help">{}</p></div>'
        ).format(markup("support.caption"), Markup("").join(blocks), checked)
    )


def lines_for(code: str | None) -> tuple[Country, ...]:
    """The lines to show: the chosen country and the international directories, else all."""
    every = support_lines()
    chosen = tuple(c for c in every if c.code == code)
    anywhere = tuple(c for c in every if c.code == ANYWHERE and c.code != code)
    return chosen + anywhere if chosen else every


def lines_problem() -> w.HTML:
    """What shows where the lines would be when the host's list cannot be read."""
    widget = w.HTML(
        str(
            Markup('<div class="kit-problem" role="note">{}</div>').format(markup("support.broken"))
        ),
        layout=full(),
    )
    widget.add_class("kit-support")
    return widget


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
        try:
            countries = support_lines()
        except DefinitionError:
            log.exception("the support lines cannot be read")
            self.picker = None
            self.widget = lines_problem()
            return
        # "" rather than None for "not chosen": a Dropdown shows None as an empty box.
        options = [(t("support.choose"), "")] + [
            (c.name, c.code) for c in countries if c.code != ANYWHERE
        ]
        options.append((t("support.elsewhere"), ANYWHERE))
        try:
            saved = journal.setting(COUNTRY_SETTING)
        except JournalError:
            saved = None
        self.picker = w.Dropdown(
            options=options,
            value=saved if saved in [v for _, v in options] else "",
            description=t("support.country"),
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
        self.table.value = lines_html(lines_for(self.picker.value), clock.today(self.journal))

    def _chosen(self, change: dict) -> None:
        self._render()
        try:
            self.journal.set_setting(COUNTRY_SETTING, change["new"] or None)
            self.note.value = ""
        except JournalError as problem:
            self.note.value = t("support.not-kept", problem=str(problem))
