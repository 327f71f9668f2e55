"""A page of the journal: its words and its live parts, the same in the app and in a
notebook.

A page's words are Markdown in ``data/pages/<page>.md`` (the page is a worksheet id, or
``start``, ``my-data``; see ``data/journey.toml``). A line ``::: <part>`` puts a live part
of the kit there: ``form`` (the page's worksheet, with its extras), ``journal-location``,
``support-lines``, ``journey``, ``trends``, ``my-data`` or ``share``. Links to other pages
are written ``[words](page:reasons)`` and become links to wherever that page is (a number
in the app's address, a notebook's name in JupyterLab). The Markdown is rendered with raw
HTML off, so the words can hold no markup of their own beyond Markdown's.

A page is built once; :meth:`Page.refresh` brings it up to date when it is shown again,
and does nothing when the journal has not changed since.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import ipywidgets as w

from ..content import page_address
from ..errors import DefinitionError
from ..layers import Content, as_content
from ..text import language
from ._display import DisplayOnce
from .form import STYLE
from .inputs import full

if TYPE_CHECKING:
    from ..journal import Journal

PAGES = "pages"
_PART = re.compile(r"^:::\s*([a-z][a-z-]*)\s*$")


@runtime_checkable
class Part(Protocol):
    """A live part of a page: its widget, and a way to bring it up to date."""

    widget: w.Widget

    def refresh(self) -> None: ...


def page_file(page: str, folder: Path | Content | None = None, code: str | None = None) -> Path:
    """A page's words: its translation into the language in use if there is one (in
    ``pages/<language>/``), else the English; the therapist's file wins over the kit's."""
    found = as_content(folder)
    name = f"{page}.md"
    return found.translation(code or language(), PAGES, name) or found.file(PAGES, name)


def blocks(text: str) -> list[tuple[str, str]]:
    """A page's file as ("text", markdown) and ("part", name) blocks, in order."""
    found: list[tuple[str, str]] = []
    lines: list[str] = []
    for line in text.splitlines():
        match = _PART.match(line.strip())
        if match:
            if "".join(lines).strip():
                found.append(("text", "\n".join(lines)))
            lines = []
            found.append(("part", match[1]))
        else:
            lines.append(line)
    if "".join(lines).strip():
        found.append(("text", "\n".join(lines)))
    return found


@functools.cache
def _markdown() -> Any:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "typographer": False})

    def link_open(renderer, tokens, idx, options, env) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        if href.startswith("page:"):
            from .links import page_href

            token.attrSet("href", page_href(href[len("page:") :]))
        return renderer.renderToken(tokens, idx, options, env)

    md.add_render_rule("link_open", link_open)
    return md


def render_markdown(text: str) -> str:
    """A page's words as HTML (raw HTML in them is shown as text, never run)."""
    return _markdown().render(text)


def page_text(page: str, folder: Path | Content | None = None, code: str | None = None) -> str:
    """The words of a page (its file), or just its form for a worksheet with no file."""
    path = page_file(page, folder, code)
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return "::: form\n"
    except (OSError, UnicodeDecodeError) as problem:
        raise DefinitionError(path, f"cannot be read ({problem})") from None


class _Wrapped:
    """A part: a widget, and what brings it up to date (nothing, for a part that only
    changes as the person uses it)."""

    def __init__(self, widget: w.Widget, refresh: Callable[[], None] | None = None) -> None:
        self.widget = widget
        self._refresh = refresh

    def refresh(self) -> None:
        if self._refresh is not None:
            self._refresh()


def _form(page: Page) -> Part:
    from ..content import definition
    from .form import Form
    from .pages import add_page_extras

    form = Form(definition(page.id), page.journal)
    add_page_extras(form)
    return _Wrapped(form.widget, form.refresh)


def _location(page: Page) -> Part:
    from .start import journal_location_html

    widget = w.HTML(layout=full())

    def draw() -> None:
        widget.value = journal_location_html(page.journal.locked if page.journal else True)

    draw()
    return _Wrapped(widget, draw)


def _support_lines(page: Page) -> Part:
    from ..resources import support_lines
    from .support import SupportLines, lines_html, lines_problem

    if page.journal is not None:
        return _Wrapped(SupportLines(page.journal).widget)
    try:
        widget = w.HTML(lines_html(support_lines()), layout=full())
        widget.add_class("kit-support")
    except DefinitionError:
        widget = lines_problem()
    return _Wrapped(widget)


def _language(page: Page) -> Part:
    from .language import LanguagePicker

    assert page.journal is not None
    picker = LanguagePicker(page.journal)
    return _Wrapped(picker.widget, picker.refresh)


def _journey(page: Page) -> Part:
    from .journey import Journey

    journey = Journey(page.journal)
    return _Wrapped(journey.widget, journey.refresh)


def _trends(page: Page) -> Part:
    from .trends import Trends

    trends = Trends(page.journal)
    return _Wrapped(trends.widget, trends.refresh)


def _my_data(page: Page) -> Part:
    from .mydata import MyData

    return _Wrapped(MyData(page.journal).widget)


def _share(page: Page) -> Part:
    from .share import Share

    return _Wrapped(Share(page.journal).widget)


# Each part, and whether it needs the journal open (a locked journal's page shows the
# others before the passphrase: where the journal is, and the support lines).
PARTS: dict[str, tuple[Callable[[Page], Part], bool]] = {
    "form": (_form, True),
    "journal-location": (_location, False),
    "support-lines": (_support_lines, False),
    "journey": (_journey, True),
    "trends": (_trends, True),
    "my-data": (_my_data, True),
    "share": (_share, True),
    "language": (_language, True),
}


class Page(DisplayOnce):
    """One page, built for one journal (None: locked and not open yet)."""

    def __init__(
        self,
        page_id: str,
        journal: Journal | None,
        waiting: Callable[[Callable[[Journal], None]], w.Widget] | None = None,
    ) -> None:
        from .parts import build_part

        self.id = page_id
        self.number, self.title = _number(page_id), page_address(page_id)[1]
        self.journal = journal
        self.parts: list[Part] = []
        children: list[w.Widget] = [w.HTML(STYLE)]
        for kind, value in blocks(page_text(page_id)):
            if kind == "text":
                words = w.HTML(render_markdown(value), layout=full())
                words.add_class("kit-words")
                children.append(words)
                continue
            make, needs_journal = PARTS[value]
            if journal is None and needs_journal:
                children.append(self._later(make, waiting))
                continue
            part, shown = build_part(lambda make=make: make(self))
            if part is not None:
                self.parts.append(part)
            children.append(getattr(shown, "widget", shown))
        self.widget = w.VBox(children, layout=full())
        self.widget.add_class("kit-page")
        self.widget.add_class(f"kit-page-{self.number}")
        self._seen = self._revision()

    def _later(self, make: Callable[[Page], Part], waiting) -> w.Widget:
        """A slot that asks for the passphrase (or waits for it) and then holds the part."""
        from .parts import build_part

        box = w.VBox(layout=full())

        def fill(journal: Journal) -> None:
            self.journal = journal
            part, shown = build_part(lambda: make(self))
            if part is not None:
                self.parts.append(part)
            box.children = [getattr(shown, "widget", shown)]

        box.children = [waiting(fill)] if waiting is not None else []
        return box

    def _revision(self) -> Any:
        return self.journal.revision() if self.journal is not None else None

    def refresh(self) -> None:
        """Bring the page up to date with the journal (nothing to do if it is unchanged)."""
        now = self._revision()
        if now == self._seen:
            return
        self._seen = now
        for part in self.parts:
            try:
                part.refresh()
            except Exception:  # one part that cannot be brought up to date keeps the rest
                from ._display import went_wrong

                went_wrong()


def _number(page_id: str) -> str:
    """The page's neutral number (its notebook's, as in the app's address)."""
    notebook, _ = page_address(page_id)
    return notebook.removesuffix(".ipynb").split("-", 1)[0]
