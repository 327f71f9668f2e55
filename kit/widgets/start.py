"""The start page's live parts: where this journal is kept, and the support lines."""

from __future__ import annotations

import os

import ipywidgets as w

from ..errors import DefinitionError, KitError
from ..journal import DB_NAME, default_data_dir
from ..resources import support_lines
from ..settings import current
from ._display import begin_page
from .form import STYLE
from .inputs import full
from .support import SupportLines, lines_html, lines_problem


def _show(widget: w.Widget) -> None:
    from IPython.display import display

    box = w.VBox([w.HTML(STYLE), widget], layout=full())
    box.add_class("kit-form")
    display(box)


def hosted() -> bool:
    """Whether this journal is served by a hub for its person (on someone else's server)."""
    return bool(os.environ.get("JUPYTERHUB_USER"))


def journal_location_html(locked: bool | None = None) -> str:
    """Where this journal is kept, who can read it (true for it as it is: plain or locked,
    on this computer or hosted), the offer of the lock, and what deleting it removes; and,
    when the server can be reached by others, that everyone who opens it shares it."""
    from markupsafe import Markup

    from .. import backup
    from ..text import markup
    from .links import page_link

    path = default_data_dir() / DB_NAME
    where = "hosted" if hosted() else "local"
    parts = [
        Markup('<p>{} <code class="kit-where">{}</code></p>').format(
            markup("start.where"), str(path)
        )
    ]
    if locked is not None:
        state = "locked" if locked else "plain"
        parts.append(Markup("<p>{}</p>").format(markup(f"start.who.{where}-{state}")))
    if locked is False:
        parts.append(
            Markup('<p class="kit-lock-offer">{}</p>').format(
                markup("start.lock-offer", my_data=page_link("my-data"))
            )
        )
    if current().open_to_others:  # kit serve --ip with an address others can reach
        parts.append(
            Markup('<div class="kit-problem kit-shared-address" role="note">{}</div>').format(
                markup("start.shared-address")
            )
        )
    grouped: dict[str, list[str]] = {}
    for pattern, what in [(path.name, "journal"), *backup.kept_beside(path)]:
        grouped.setdefault(what, []).append(pattern)
    items = Markup("").join(
        Markup("<li>{}: {}</li>").format(
            Markup(", ").join(Markup('<code class="kit-kept">{}</code>').format(p) for p in found),
            markup(f"start.kept.{what}"),
        )
        for what, found in grouped.items()
    )
    my_data = page_link("my-data")
    parts.append(
        Markup(
            "<h3>{}</h3><p>{}</p><p>{}</p><details><summary>{}</summary>"
            '<ul class="kit-deletion">{}</ul><p>{}</p></details>'
        ).format(
            markup("start.delete.heading"),
            markup("start.delete.how", my_data=my_data),
            markup("start.delete.beyond", my_data=my_data),
            markup("start.delete.files"),
            items,
            markup("start.delete.by-hand"),
        )
    )
    return str(Markup("").join(parts))


def show_journal_location() -> None:
    """Display the file this journal is kept in."""
    from ..lock import LockedError
    from .unlock import page_journal

    begin_page()
    try:
        locked: bool | None = page_journal().locked
    except LockedError:
        locked = True
    except KitError:
        locked = None
    _show(w.HTML(journal_location_html(locked)))


def show_support_lines() -> None:
    """Display the support lines for the country a person chose (all of them until then).

    The lines are shown even when the journal cannot be opened: then the choice of
    country just cannot be kept.
    """
    begin_page()
    try:
        from .unlock import page_journal

        widget = SupportLines(page_journal()).widget
    except KitError:
        try:
            widget = w.HTML(lines_html(support_lines()), layout=full())
            widget.add_class("kit-support")
        except DefinitionError:
            widget = lines_problem()
    _show(widget)
