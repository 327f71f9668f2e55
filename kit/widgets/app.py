"""The app: every page of the journal in one kernel, one page shown at a time.

The shell is a header (the menu of the journey, each page with where it stands) over a
readable column that holds the page in view. The page in view is the address's fragment,
a neutral number (``#14``), kept in step with the kernel by a small front-end piece
(``router.js``): Back and Forward move between pages, a reload or a bookmark opens the
same page. A page is built the first time it is shown (:class:`~kit.widgets.page.Page`)
and brought up to date each time it is shown again.

A locked journal asks for its passphrase once per visit; the key lives only in this kernel.
After ``idle_lock`` seconds without use (a setting, :mod:`kit.settings`; 15 minutes by
default) the app locks itself again, and quick exit drops the key at once: either way every
built page is closed, so nothing of the journal stays on the page or in the kernel's
widgets.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import anywidget
import ipywidgets as w
import traitlets
from markupsafe import Markup

from .. import clock, languages
from ..analysis.journey import DONE, NOT_STARTED, page_state
from ..content import definition, journey, site_pages
from ..errors import KitError
from ..journal import Journal
from ..lock import LockedError
from ..settings import IDLE_LOCK_SECONDS, current
from ..templating import element
from ..text import language as language_now
from ..text import markup, t
from ._display import DisplayOnce, await_visitor
from .form import STYLE
from .inputs import full
from .links import page_href, use_app_addresses
from .parts import build_part
from .soon import after, putting_off, run_soon, when_quiet

log = logging.getLogger(__name__)

# While the person is using the page, it asks the kernel every few seconds if it is there;
# after this long without an answer it says so calmly and offers a reload (a busy kernel
# answers late, and the words go again when it does).
LOST_AFTER_SECONDS = 30
LOAD_BEHIND_AFTER = 0.5  # seconds after the first page is shown: it is on the screen by then
MARK = {NOT_STARTED: "app.state.not-started", "started": "app.state.started",
        DONE: "app.state.done"}  # fmt: skip


def idle_lock_seconds() -> int:
    """How long the app may go unused before a locked journal locks again (0: never)."""
    return current().idle_lock


class Router(anywidget.AnyWidget):
    """The browser's side of the app: the page asked for, the zone, use and leaving."""

    _esm = Path(__file__).with_name("router.js")
    route = traitlets.Unicode("").tag(sync=True)
    zone = traitlets.Unicode("").tag(sync=True)
    languages = traitlets.List(traitlets.Unicode()).tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)
    idle_after = traitlets.Int(IDLE_LOCK_SECONDS).tag(sync=True)
    idle = traitlets.Bool(False).tag(sync=True)
    leaving = traitlets.Bool(False).tag(sync=True)
    shown = traitlets.Unicode("").tag(sync=True)
    shown_title = traitlets.Unicode("").tag(sync=True)
    moves = traitlets.Int(0).tag(sync=True)
    lost_after = traitlets.Int(LOST_AFTER_SECONDS).tag(sync=True)
    lost_words = traitlets.Dict().tag(sync=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._ping)
        self.say_lost_words()

    def say_lost_words(self) -> None:
        """What the page says if it stops hearing from this kernel (the server stopped, or
        was stopped for being idle): in the language now, sent ahead, since by then the
        kernel cannot send them."""
        self.lost_words = {
            "heading": t("app.lost.heading"),
            "body": t("app.lost.body"),
            "reload": t("app.lost.reload"),
        }

    def _ping(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and isinstance(content.get("ping"), int):
            self.send({"pong": content["ping"]})


class App(DisplayOnce):
    """The shell and the pages of one visit."""

    def __init__(self, journal: Journal | None = None) -> None:
        use_app_addresses()
        self.journal = journal
        self.pages: dict[str, Any] = {}
        self.numbers = {
            notebook.removesuffix(".ipynb").split("-", 1)[0]: page_id
            for notebook, page_id in _page_ids()
        }
        self.current: str | None = None
        self.router = Router(idle_after=idle_lock_seconds())
        self.router.layout = w.Layout(height="1px", overflow="hidden")
        self.menu = w.HTML(layout=full())
        self.menu.add_class("kit-menu-box")
        self.content = w.VBox([w.HTML(element("p", t("app.opening"), "kit-help"))], layout=full())
        self.content.add_class("kit-content")
        self.footer = w.HTML(layout=full())
        self.footer.add_class("kit-app-footer")
        # A hidden slot where the chart library is started ahead of the first chart.
        self.ahead = w.Output(layout=w.Layout(height="0px", overflow="hidden"))
        self.ahead.add_class("kit-ahead")
        self.widget = w.VBox(
            [w.HTML(STYLE), self.router, self.menu, self.content, self.footer, self.ahead],
            layout=full(),
        )
        self.widget.add_class("kit-app")
        self._menu_seen: Any = object()
        self._loaded_behind = False
        self.router.observe(self._languages, names="languages")
        self.router.observe(self._zone, names="zone")
        languages.on_change(self._relanguage)
        self.router.observe(self._routed, names="route")
        self.router.observe(self._idle, names="idle")
        self.router.observe(self._leaving, names="leaving")
        self._draw_menu()

    # --- the journal ---------------------------------------------------------------

    def _journal(self) -> Journal | None:
        """The visit's journal, opened once; None while it waits for its passphrase."""
        from .unlock import page_journal

        if self.journal is not None and self.journal.is_open():
            return self.journal
        try:
            self.journal = page_journal()
        except LockedError:
            self.journal = None
        else:
            with_zone(self.journal)
        return self.journal

    def _opened(self, journal: Journal) -> None:
        from .unlock import keep_open

        keep_open(journal)
        self.journal = journal
        with_zone(journal)
        self.show(self.current or "00", moved=False)

    def lock(self) -> None:
        """Close every page and forget the key: the next page asks for the passphrase."""
        from .unlock import forget

        for page in self.pages.values():
            _close(page.widget)
        self.pages.clear()
        if self.journal is not None and self.journal.locked:
            self.journal.close()
        forget()
        self.journal = None

    # --- the browser's reports -----------------------------------------------------

    def _zone(self, change: dict[str, Any]) -> None:
        """The browser's zone: if it shows another day or time than the pages were built
        with (the first visit, or after travelling), build them again."""
        before = clock.zone(self.journal if self.journal and self.journal.is_open() else None)
        clock.set_reported(change["new"])
        journal = self.journal if self.journal and self.journal.is_open() else None
        if journal is not None:
            with_zone(journal)
        if self.pages and not clock.same_clock(before, clock.zone(journal)):
            for page in self.pages.values():
                _close(page.widget)
            self.pages.clear()
            self.show(self.current or "00", moved=False)

    def _languages(self, change: dict[str, Any]) -> None:
        """The browser's preferred languages: until the person picks one, the pages follow
        the first that the content has."""
        languages.set_reported(change["new"])
        journal = self.journal if self.journal and self.journal.is_open() else None
        if languages.apply(journal) and self.current is not None:
            self._relanguage()

    def _relanguage(self) -> None:
        """The language changed: build the shell and every page again in it."""
        self.router.say_lost_words()
        for page in self.pages.values():
            _close(page.widget)
        self.pages.clear()
        self._menu_seen = object()
        if self.current is not None:
            self.show(self.current, moved=False)

    def _routed(self, change: dict[str, Any]) -> None:
        self.show(change["new"])

    def _idle(self, change: dict[str, Any]) -> None:
        journal = self.journal
        if change["new"] and journal is not None and journal.locked:
            self.lock()
            self.show(self.current or "00", moved=False)

    def _leaving(self, change: dict[str, Any]) -> None:
        if change["new"]:
            self.lock()

    # --- showing a page --------------------------------------------------------------

    def show(self, number: str, moved: bool = True) -> None:
        """Show the page with this number (the start page for an unknown one)."""
        number = number if number in self.numbers else "00"
        self.current = number
        journal = self._journal()
        if languages.apply(journal):  # the person's own choice, kept in their journal
            for built in self.pages.values():
                _close(built.widget)
            self.pages.clear()
        self.router.lang = language_now()
        if journal is None:
            self._ask_passphrase()
            return
        page = self.pages.get(number)
        with putting_off() as later:  # the charts, drawn once the page is on the screen
            if page is None:
                page, shown = build_part(lambda: _make_page(self.numbers[number], journal))
                widget = getattr(shown, "widget", shown)
                if page is not None:
                    self.pages[number] = page
            else:
                page.refresh()
                widget = page.widget
        self.content.children = [widget]
        self._draw_menu()
        self._draw_footer(number)
        title = page.title if page is not None else ""
        self.router.shown, self.router.shown_title = number, title
        if moved:
            self.router.moves += 1
        run_soon(later)
        if not self._loaded_behind:
            self._loaded_behind = True
            ahead = self.ahead
            after(LOAD_BEHIND_AFTER, lambda: when_quiet(lambda: load_behind(ahead)))

    def _ask_passphrase(self) -> None:
        from .unlock import Unlock

        ask = Unlock(self._opened, with_lines=True)
        self.content.children = [ask.widget]
        self._draw_menu()
        self.footer.value = ""

    def _draw_menu(self) -> None:
        """The menu of the journey, with where each page stands (once the journal is open)."""
        journal = self.journal if self.journal is not None and self.journal.is_open() else None
        seen = (journal.revision() if journal else None, self.current, language_now())
        if seen == self._menu_seen:
            return
        self._menu_seen = seen
        groups = []
        for part in journey():
            items = []
            for notebook, sheet_id in part.pages:
                number = notebook.removesuffix(".ipynb").split("-", 1)[0]
                sheet = definition(sheet_id)
                state = page_state(sheet, journal.latest(sheet_id)) if journal else None
                here = Markup(' aria-current="page"') if number == self.current else ""
                mark = (
                    Markup('<span class="kit-state">{}</span>').format(markup(MARK[state]))
                    if state
                    else ""
                )
                items.append(
                    Markup('<li><a href="{}"{}>{}</a> {}</li>').format(
                        "#" + number, here, sheet.title, mark
                    )
                )
            groups.append(
                Markup("<li><span class='kit-menu-part'>{}</span><ul>{}</ul></li>").format(
                    part.title, Markup("").join(items)
                )
            )
        more = Markup("").join(
            Markup('<li><a href="{}">{}</a></li>').format(page_href(page_id), title)
            for notebook, page_id, title in _more_pages()
        )
        self.menu.value = str(
            Markup(
                '<header class="kit-shell"><nav aria-label="{}" class="kit-menu">'
                '<a class="kit-home" href="#00">{}</a>'
                '<details><summary>{}</summary><ul class="kit-menu-list">{}{}</ul></details>'
                "</nav></header>"
            ).format(t("app.menu"), t("app.home"), t("app.pages"), Markup("").join(groups), more)
        )

    def _draw_footer(self, number: str) -> None:
        """The way back and on, in the journey's order."""
        order = [n.removesuffix(".ipynb").split("-", 1)[0] for n, _ in site_pages()]
        titles = dict(zip(order, (title for _, title in site_pages()), strict=True))
        at = order.index(number) if number in order else 0
        links = []
        if at > 0:
            links.append(
                Markup('<a class="kit-nav-prev" rel="prev" href="#{}">← {}</a>').format(
                    order[at - 1], titles[order[at - 1]]
                )
            )
        if at + 1 < len(order):
            links.append(
                Markup('<a class="kit-nav-next" rel="next" href="#{}">{} →</a>').format(
                    order[at + 1], titles[order[at + 1]]
                )
            )
        self.footer.value = str(
            Markup('<nav class="kit-nav" aria-label="{}">{}</nav>').format(
                t("app.pages-again"), Markup("").join(links)
            )
        )


def _close(widget: w.Widget) -> None:
    """Close a widget and everything in it, here and on the page."""
    for child in getattr(widget, "children", ()):
        _close(child)
    widget.close()


def _page_ids() -> list[tuple[str, str]]:
    from ..content import site

    return [(notebook, page_id) for notebook, page_id, _ in site()]


def _more_pages() -> list[tuple[str, str, str]]:
    from ..content import site

    in_journey = {s for part in journey() for _, s in part.pages}
    return [(n, p, title) for n, p, title in site()[1:] if p not in in_journey]


def _make_page(page_id: str, journal: Journal) -> Any:
    from .page import Page

    return Page(page_id, journal)


def with_zone(journal: Journal) -> None:
    """Keep the zone this visit's browser reported in the journal, for next time."""
    try:
        clock.remember_reported(journal)
    except KitError:
        log.exception("the time zone could not be kept")


def load_ahead() -> None:
    """Import what every visit's first page uses, while a pre-heated kernel waits for its
    visitor. Nothing here reads the journal."""
    import markdown_it  # noqa: F401 - the pages' words

    from . import journey, page, start, support, unlock  # noqa: F401


def load_behind(ahead: w.Output | None = None) -> None:
    """Import what the pages with charts and numbers use (pandas, plotly), once the first
    page is on the screen and the machine is not busy (``when_quiet``: done at once, it
    made the slowest of twenty visits opening together 1.72x twenty bare pages' time,
    against 1.22x without it), so the first such page a person opens does not wait for it.
    With ``ahead`` (a hidden slot), draw an empty chart there too: the browser then loads
    and starts its chart library while the person reads, not on the first page with a
    chart (where it held up that page's inputs by most of a second)."""
    import pandas  # noqa: F401
    import plotly.graph_objects as go

    from ..analysis import mood  # noqa: F401
    from ..plots import trends  # noqa: F401

    if ahead is not None:
        from .chart import figure_output

        ahead.outputs = (figure_output(go.Figure(layout={"width": 10, "height": 10})),)


def show_app() -> App:
    """Display the app (the whole journal on one page); returns it."""
    from IPython.display import display

    load_ahead()
    await_visitor()
    app = App()
    display(app.widget)
    app.mark_shown()
    return app
