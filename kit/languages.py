"""Which language the pages speak: the person's choice, else their browser's, else English.

The choice is kept in the journal (a setting), so it follows the person from one visit to
the next; until they make one, the first of the browser's preferred languages that the
content has (``messages/<code>/``) is used. Answers are stored by option value, never by
the words shown, so changing the language changes nothing that was saved.

Parts of a page that show words register with :func:`on_change` to be built again.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from . import text
from .layers import SOURCE_LANGUAGE, content

if TYPE_CHECKING:
    from .journal import Journal

CHOSEN = "language"
"""The journal setting that keeps the person's choice (a language code such as ``es``)."""

_reported: tuple[str, ...] = ()
_listeners: list[Callable[[], None]] = []


def available() -> list[str]:
    """The languages the content has, English first (codes such as ``en``, ``es``)."""
    return content().languages() or [SOURCE_LANGUAGE]


@functools.cache
def name(code: str) -> str:
    """The language's name in that language, as a person picks it ("Español")."""
    from babel import Locale, UnknownLocaleError

    try:
        shown = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        return code
    return shown[:1].upper() + shown[1:]


def best(preferred: Iterable[str]) -> str | None:
    """The first of the browser's preferred languages (``es-MX``, ``en``...) that the
    content has, by its main part (``es``); None if none."""
    have = set(available())
    for tag in preferred:
        code = str(tag).replace("_", "-").split("-", 1)[0].strip().lower()
        if code in have:
            return code
    return None


def set_reported(languages: Iterable[str]) -> None:
    """What this visit's browser says it prefers, in order (``navigator.languages``)."""
    global _reported
    _reported = tuple(str(code) for code in languages)[:20]


def chosen(journal: Journal | None) -> str | None:
    """The language the person picked, if they did and the content still has it."""
    if journal is None or not journal.is_open():
        return None
    code = journal.setting(CHOSEN)
    return code if isinstance(code, str) and code in available() else None


def wanted(journal: Journal | None = None) -> str:
    """The language pages should be in: the person's choice, else their browser's first
    that the content has, else English."""
    return chosen(journal) or best(_reported) or SOURCE_LANGUAGE


def apply(journal: Journal | None = None) -> bool:
    """Speak the wanted language from now on; True if that changed the language."""
    code = wanted(journal)
    if code == text.language():
        return False
    text.set_language(code)
    return True


def choose(journal: Journal, code: str) -> None:
    """Keep the person's choice in their journal and speak it; the parts of pages that
    registered are built again. ValueError for a language the content does not have."""
    if code not in available():
        raise ValueError(f"no language {code!r} in the content (have: {available()})")
    journal.set_setting(CHOSEN, code)
    if apply(journal):
        changed()


def on_change(callback: Callable[[], None]) -> None:
    """Call ``callback()`` after the language changes."""
    _listeners.append(callback)


def changed() -> None:
    for callback in list(_listeners):
        try:
            callback()
        except Exception:  # one part failing to rebuild must not stop the others
            logging.getLogger("kit").exception("a part could not be built again")
