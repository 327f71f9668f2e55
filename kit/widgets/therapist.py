"""The therapist's inbox: what clients chose to share, shown calmly and never as markup.

On the therapist's server the host sets ``therapist_inbox`` (:mod:`kit.settings`; a folder
per client); anywhere else a file a client handed over can be opened by hand. A share is
shown the way the client's own pages show it: the dates and worksheets chosen, check-in
trends, the scales with their bands, and each worksheet's answers. Every word that came
from a client (answers, notes, tags, folder names) is escaped. A file that cannot be read
gets a plain message, and the rest of the page keeps working."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import ipywidgets as w
from markupsafe import Markup

from .. import share as sharing
from ..analysis.checkins import scores as scale_scores
from ..content import definition
from ..errors import KitError
from ..journal import Journal
from ..settings import current
from ..templating import render as render_html
from ..text import day_text, list_text, markup, markup_n, t, time_text, tn
from ._display import DisplayOnce
from .chart import chart_output
from .form import STYLE, problem_box
from .inputs import full
from .parts import show_built

log = logging.getLogger(__name__)


def _html(text: Markup) -> w.HTML:
    """HTML the kit built (a template's, or Markup's: every value escaped)."""
    return w.HTML(str(text), layout=full())


def _p(text: object, css: str | None = None) -> Markup:
    if css:
        return Markup('<p class="{}">{}</p>').format(css, text)
    return Markup("<p>{}</p>").format(text)


def _between(frame: Any, column: Any, shared: sharing.Shared) -> Any:
    """The rows within the share's dates (a share holds only those; this keeps a hand-edited
    one honest)."""
    if shared.start is not None:
        frame = frame[column(frame) >= str(shared.start)]
    if shared.end is not None:
        frame = frame[column(frame) <= str(shared.end)]
    return frame


def _checkins(journal: Journal, shared: sharing.Shared) -> list[w.Widget]:
    from ..analysis.mood import mood_trend, tag_comparison
    from ..plots.trends import mood_figure, tags_figure, urge_figure
    from ..report import checkin_facts_html, checkin_notes_html, checkins_between

    frame = checkins_between(journal, shared.start, shared.end)
    parts: list[w.Widget] = [
        _html(render_html("inbox/part.html", heading=markup("report.checkins.heading"), note=""))
    ]
    if frame.empty:
        return [*parts, _html(_p(markup("report.checkins.none")))]
    parts.append(_html(checkin_facts_html(frame)))
    figures = {
        "mood": mood_figure(mood_trend(frame)),
        "urge": urge_figure(frame),
        "tags": tags_figure(tag_comparison(frame)),
    }
    parts += [chart_output(name, f) for name, f in figures.items() if f is not None]
    notes = checkin_notes_html(frame, heading="h4")
    if notes:
        parts.append(_html(notes))
    return parts


def _scales(journal: Journal, shared: sharing.Shared, chosen: list[str]) -> list[w.Widget]:
    from ..plots.trends import scale_figure
    from ..report import scales_table_html

    scores = _between(scale_scores(journal), lambda f: f["date"], shared)
    scores = scores[scores["scale"].isin(chosen)]
    heading = render_html("inbox/part.html", heading=markup("report.scales.heading"),
                          note=markup("report.scales.note"))  # fmt: skip
    parts: list[w.Widget] = [_html(heading)]
    if scores.empty:
        return [*parts, _html(_p(markup("inbox.scales.none")))]
    parts.append(_html(scales_table_html(scores, "kit-lines kit-scales")))
    for scale in chosen:
        sheet = definition(scale)
        figure = scale_figure(scores, scale, sheet.scoring.bands)  # type: ignore[union-attr]
        if figure is not None:
            parts.append(chart_output(scale, figure))
            parts.append(_html(_p(sheet.attribution, "kit-attribution")))
    return parts


def _about(shared: sharing.Shared, client: str | None) -> Markup:
    """Who, when, which dates and which worksheets: every piece escaped."""
    if shared.whole:
        what = markup("inbox.about.whole")
    elif shared.made_at is not None:
        made = shared.made_at.astimezone()
        what = markup("inbox.about.shared-on", day=day_text(made.date()), time=time_text(made))
    else:
        what = markup("inbox.about.shared")
    facts: list[tuple[str, object]] = []
    if client is not None:
        facts.append(("inbox.about.folder", client))
    if shared.sender:
        facts.append(("inbox.about.account", shared.sender))
    facts.append(("inbox.about.dates", sharing.span(shared.start, shared.end)))
    titles = [definition(s).title for s in shared.worksheets]
    facts.append(("inbox.about.worksheets", list_text(titles, style="standard-narrow")))
    return render_html("inbox/share_about.html", what=what, facts=facts)


def render(shared: sharing.Shared, client: str | None = None) -> list[w.Widget]:
    """The widgets that show a share: the facts, then each worksheet in the journey's order."""
    from ..report import DAILY, ORDER, SCALES, worksheet_section_html

    chosen = sorted(shared.worksheets, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER))
    parts: list[w.Widget] = [_html(_about(shared, client))]
    with sharing.opened(shared) as journal:
        for sheet in chosen:
            if sheet == DAILY:
                parts += _checkins(journal, shared)
            elif sheet not in SCALES:
                # The report's own section: the latest answers in these dates, escaped,
                # with its heading one level down.
                section = worksheet_section_html(journal, sheet, shared.start, shared.end, level=3)
                parts.append(_html(Markup('<div class="kit-summary">{}</div>').format(section)))
        scales = [s for s in SCALES if s in chosen]
        if scales:
            parts += _scales(journal, shared, scales)
    return parts


class Inbox(DisplayOnce):
    """The therapist's inbox page; ``.widget`` goes on the page."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        configured = current().therapist_inbox.strip()
        chosen = root if root is not None else configured or None
        self.root = Path(chosen).expanduser() if chosen else None
        self.entries: list[sharing.InboxEntry] = []

        self.about = _html(Markup(""))
        self.choice = w.Dropdown(
            options=[], description=t("inbox.open"), layout=w.Layout(width="36em")
        )
        self.choice.observe(lambda _: self.open_chosen(), names="value")
        self.look_again = w.Button(description=t("inbox.look-again"), layout=w.Layout(width="auto"))
        self.look_again.on_click(lambda _: self.refresh())
        self.problems = _html(Markup(""))
        self.upload = w.FileUpload(accept=".json", multiple=False, description=t("inbox.upload"))
        self.upload.observe(self._uploaded, names="value")
        self.view = w.VBox(layout=full())

        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                self.about,
                w.HBox([self.choice, self.look_again]),
                self.problems,
                _html(render_html("inbox/given.html", code=Markup("<code>.json</code>"))),
                self.upload,
                self.view,
            ],
            layout=full(),
        )  # fmt: skip
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-inbox")
        self.refresh()

    def refresh(self) -> None:
        """Read the inbox again (a client may have shared or withdrawn since)."""
        self.entries = []
        self.problems.value = ""
        if self.root is None:
            self.about.value = str(_p(markup("inbox.none-set-up")))
            self.choice.layout.display = self.look_again.layout.display = "none"
            return
        try:
            self.entries = sharing.inbox_bundles(self.root)
        except KitError as problem:
            self.about.value = str(_p(problem, "kit-error"))
        else:
            clients = len({e.client for e in self.entries})
            count = markup_n(
                "inbox.count", clients, files=tn("inbox.count.files", len(self.entries))
            )
            self.about.value = str(render_html("inbox/heading.html", count=count))
        options: list[tuple[str, int | None]] = [(t("inbox.choose"), None)]
        for position, entry in enumerate(self.entries):
            if entry.made_at:
                made = entry.made_at.astimezone()
                when = t("inbox.choice.when", day=day_text(made.date(), "medium"),
                         time=time_text(made))  # fmt: skip
            else:
                when = t("inbox.choice.broken", name=entry.path.name)
            # A Dropdown shows its labels as text: plain words, never markup.
            options.append((t("inbox.choice.label", client=entry.client, when=when), position))
        self.choice.value = None  # before the options change, so the old choice is not sought
        self.choice.options = options
        broken = [e for e in self.entries if e.problem]
        if broken:
            self.problems.value = str(render_html("inbox/problems.html", broken=broken))

    def open_chosen(self) -> None:
        """Show the share chosen in the list (read again, in case it was withdrawn)."""
        position = self.choice.value
        if position is None or self.root is None:
            self.view.children = []
            return
        entry = self.entries[position]
        self._show(lambda: sharing.read_share(entry.path, root=self.root), entry.client)

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if files:
            item = files[0]
            self.open_upload(item["name"], bytes(item["content"]))

    def open_upload(self, name: str, data: bytes) -> None:
        """Show a file given by hand; it is only read, never kept."""
        self._show(lambda: sharing.read_share(data, name=name), None)

    def _show(self, read: Any, client: str | None) -> None:
        try:
            self.view.children = render(read(), client)
        except KitError as problem:
            self.view.children = [problem_box(str(problem))]
        except Exception:
            log.exception("showing a share failed")
            self.view.children = [problem_box(t("inbox.could-not-show"))]


def show_inbox(root: str | os.PathLike[str] | None = None) -> Inbox | None:
    """Display the therapist's inbox (the ``therapist_inbox`` setting if ``root`` is None)."""
    return show_built(lambda: Inbox(root))
