"""The therapist's inbox: what clients chose to share, shown calmly and never as markup.

On the therapist's server the host sets ``$KIT_THERAPIST_INBOX`` (one folder per client);
anywhere else a file a client handed over can be opened by hand. A share is shown the way
the client's own pages show it: the dates and worksheets chosen, check-in trends, the
scales with their bands, and each worksheet's answers. Every word that came from a client
(answers, notes, tags, folder names) is escaped. A file that cannot be read gets a plain
message, and the rest of the page keeps working.
"""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import ipywidgets as w

from .. import share as sharing
from ..content import definition
from ..errors import KitError
from ..journal import Journal
from ._display import DisplayOnce, show_built
from .chart import chart_output
from .form import STYLE, problem_box
from .inputs import full

log = logging.getLogger(__name__)


def _e(text: object) -> str:
    return html.escape(str(text))


def _html(text: str) -> w.HTML:
    return w.HTML(text, layout=full())


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
    parts: list[w.Widget] = [_html("<h3>Daily check-ins</h3>")]
    if frame.empty:
        return [*parts, _html("<p>No check-ins in these dates.</p>")]
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

    scores = _between(journal.scores(), lambda f: f["date"], shared)
    scores = scores[scores["scale"].isin(chosen)]
    parts: list[w.Widget] = [
        _html("<h3>Well-being scales</h3><p class='kit-help'>Self-checks, not a diagnosis.</p>")
    ]
    if scores.empty:
        return [*parts, _html("<p>No scales in these dates.</p>")]
    rows = "".join(
        f"<tr><td>{row.date:%-d %b %Y}</td><td>{_e(definition(row.scale).title)}</td>"
        f"<td>{_e(row.total)} of {_e(row.maximum)}</td><td>{_e(row.band)}</td></tr>"
        for row in scores.itertuples()
    )
    parts.append(
        _html(
            '<table class="kit-lines kit-scales"><tr><th>Date</th><th>Scale</th><th>Score</th>'
            f"<th>Band</th></tr>{rows}</table>"
        )
    )
    for scale in chosen:
        sheet = definition(scale)
        figure = scale_figure(scores, scale, sheet.scoring.bands)  # type: ignore[union-attr]
        if figure is not None:
            parts.append(chart_output(scale, figure))
            parts.append(_html(f'<p class="kit-attribution">{_e(sheet.attribution)}</p>'))
    return parts


def _about(shared: sharing.Shared, client: str | None) -> str:
    """Who, when, which dates and which worksheets: every piece escaped."""
    if shared.whole:
        what = "A whole copy of a journal (everything in it, not a chosen share)."
    elif shared.made_at is not None:
        what = f"Shared on {shared.made_at.astimezone():%-d %B %Y at %H:%M}."
    else:
        what = "Shared."
    facts = []
    if client is not None:
        facts.append(("Folder", client))
    if shared.sender:
        facts.append(("Account", shared.sender))
    facts.append(("Dates", sharing.span(shared.start, shared.end)))
    facts.append(("Worksheets", ", ".join(definition(s).title for s in shared.worksheets)))
    rows = "".join(f"<tr><th>{_e(k)}</th><td>{_e(v)}</td></tr>" for k, v in facts)
    return f'<h3>{_e(what)}</h3><table class="kit-lines">{rows}</table>'


def render(shared: sharing.Shared, client: str | None = None) -> list[w.Widget]:
    """The widgets that show a share: the facts, then each worksheet in the journey's order."""
    from ..report import DAILY, ORDER, SCALES, _worksheet_section

    chosen = sorted(shared.worksheets, key=lambda s: ORDER.index(s) if s in ORDER else len(ORDER))
    parts: list[w.Widget] = [_html(_about(shared, client))]
    with sharing.opened(shared) as journal:
        for sheet in chosen:
            if sheet == DAILY:
                parts += _checkins(journal, shared)
            elif sheet not in SCALES:
                # The report's own section: the latest answers in these dates, escaped.
                # (Its headings are one level down here; the titles inside are escaped.)
                section = _worksheet_section(journal, sheet, shared.start, shared.end)
                section = section.replace("<h2>", "<h3>").replace("</h2>", "</h3>")
                parts.append(_html(f'<div class="kit-summary">{section}</div>'))
        scales = [s for s in SCALES if s in chosen]
        if scales:
            parts += _scales(journal, shared, scales)
    return parts


class Inbox(DisplayOnce):
    """The therapist's inbox page; ``.widget`` goes on the page."""

    def __init__(self, root: str | os.PathLike[str] | None = None) -> None:
        configured = os.environ.get(sharing.THERAPIST_INBOX, "").strip()
        chosen = root if root is not None else configured or None
        self.root = Path(chosen).expanduser() if chosen else None
        self.entries: list[sharing.InboxEntry] = []

        self.about = _html("")
        self.choice = w.Dropdown(options=[], description="Open", layout=w.Layout(width="36em"))
        self.choice.observe(lambda _: self.open_chosen(), names="value")
        self.look_again = w.Button(description="Look again", layout=w.Layout(width="auto"))
        self.look_again.on_click(lambda _: self.refresh())
        self.problems = _html("")
        self.upload = w.FileUpload(accept=".json", multiple=False, description="Open a file")
        self.upload.observe(self._uploaded, names="value")
        self.view = w.VBox(layout=full())

        self.widget = w.VBox(
            [
                w.HTML(STYLE),
                self.about,
                w.HBox([self.choice, self.look_again]),
                self.problems,
                _html('<h2 class="kit-section">A file given to you</h2><p>A share a client '
                      "sent or brought (the <code>.json</code> file). It is read here and kept "
                      "nowhere.</p>"),
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
            self.about.value = (
                "<p>No inbox is set up here, so shares cannot arrive on this server. You can "
                "still open a file a client gave you, below.</p>"
            )
            self.choice.layout.display = self.look_again.layout.display = "none"
            return
        try:
            self.entries = sharing.inbox_bundles(self.root)
        except KitError as problem:
            self.about.value = f'<p class="kit-error">{_e(problem)}</p>'
        else:
            clients = len({e.client for e in self.entries})
            self.about.value = (
                f'<h2 class="kit-section">Your inbox</h2><p>{len(self.entries)} shared files from '
                f"{clients} "
                f"client folder{'s' if clients != 1 else ''}. Withdrawn shares disappear from "
                "here.</p>"
            )
        options: list[tuple[str, int | None]] = [("Choose a share", None)]
        for position, entry in enumerate(self.entries):
            when = (
                f"{entry.made_at.astimezone():%-d %b %Y, %H:%M}"
                if entry.made_at
                else f"{entry.path.name} (cannot be opened)"
            )
            options.append((f"{entry.client} · {when}", position))  # a Dropdown shows text
        self.choice.value = None  # before the options change, so the old choice is not sought
        self.choice.options = options
        broken = [e for e in self.entries if e.problem]
        if broken:
            items = "".join(f"<li>{_e(e.client)}: {_e(e.problem)}</li>" for e in broken)
            self.problems.value = (
                f'<p>Some files cannot be opened:</p><ul class="kit-help">{items}</ul>'
            )

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
            self.view.children = [
                problem_box("This file could not be shown: something went wrong on our side. "
                            "The rest of the page still works.")
            ]  # fmt: skip


def show_inbox(root: str | os.PathLike[str] | None = None) -> Inbox | None:
    """Display the therapist's inbox (``$KIT_THERAPIST_INBOX`` if ``root`` is None)."""
    return show_built(lambda: Inbox(root))
