"""The words a person reads, looked up by a stable id in gettext catalogues under ``data/``.

Each topic has one catalogue per language, ``data/messages/<language>/<topic>.po``. The
``msgid`` is the message's stable id (``care.lowest.heading``), never English words, so a
message can be reworded in one place and code never changes with it; the ``msgstr`` is
the text. Catalogues are read with Babel, and plurals follow the ``Plural-Forms`` rule of
their language (``msgstr[0]``, ``msgstr[1]``, ...), not an added "s".

Messages are plain text. Placeholders are named, in braces (``{name}``); two asterisks
mark emphasis (``**like this**``), which :func:`markup` turns into ``<strong>``. Whatever
fills a placeholder is escaped unless it is already :class:`markupsafe.Markup` (a link the
kit built, say), so a person's words never become HTML.

A message missing from a language falls back to English; an id missing from English is a
bug, which a test and ``kit check`` catch.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from .errors import DefinitionError, use_words
from .layers import SOURCE_LANGUAGE, Content, as_content, content

MESSAGES = "messages"
_language = SOURCE_LANGUAGE
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_FIELD = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def language() -> str:
    """The language pages are shown in now (a code such as ``en``)."""
    return _language


def set_language(code: str) -> None:
    """Show what comes next in this language (English where a message is missing)."""
    global _language
    _language = code


@dataclass(frozen=True)
class Message:
    """One message as read from its catalogue: its forms (one, or one per plural form)."""

    id: str
    forms: tuple[str, ...]
    file: str
    line: int

    @property
    def plural(self) -> bool:
        return len(self.forms) > 1


@dataclass(frozen=True)
class Catalogue:
    """Every message of one language, by id, with that language's plural rule."""

    language: str
    messages: Mapping[str, Message]
    plural: Callable[[int], int]


def read_catalogue_file(path: Path) -> tuple[list[Message], str | None]:
    """The messages of one ``.po`` file and its plural rule (DefinitionError if broken)."""
    from babel.messages.pofile import PoFileError, read_po

    try:
        with path.open("rb") as handle:
            catalog = read_po(handle, abort_invalid=True)
    except (OSError, UnicodeDecodeError, PoFileError, ValueError) as problem:
        raise DefinitionError(path, f"is not a readable message catalogue ({problem})") from None
    found = []
    for entry in catalog:
        if not entry.id:
            continue  # the header
        key = entry.id[0] if isinstance(entry.id, tuple) else entry.id
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        found.append(Message(key, tuple(forms), str(path), entry.lineno))
    header = {k.lower(): v for k, v in catalog.mime_headers}
    rule = header.get("plural-forms")
    return found, rule


def _plural_rule(rule: str | None, path: Path) -> Callable[[int], int]:
    expression = (rule or "nplurals=2; plural=(n != 1);").split("plural=", 1)[-1].rstrip(";")
    try:
        return gettext.c2py(expression)
    except (ValueError, SyntaxError):
        raise DefinitionError(
            path, f"has a Plural-Forms rule that cannot be read: {rule}"
        ) from None


def catalogue(folder: Path | Content, code: str) -> Catalogue:
    """Every message of language ``code`` in the content ``folder`` (read once): each file
    of the therapist's folder replaces the kit's file of the same name."""
    return _catalogue(as_content(folder), code)


@functools.cache
def _catalogue(folder: Content, code: str) -> Catalogue:
    return read_catalogue(folder, code)


def read_catalogue(folder: Content, code: str) -> Catalogue:
    """:func:`catalogue`, read afresh (for ``kit check``, which reads a folder as it is now)."""
    messages: dict[str, Message] = {}
    plural: Callable[[int], int] | None = None
    for path in folder.files(MESSAGES, code, pattern="*.po").values():
        found, rule = read_catalogue_file(path)
        plural = plural or _plural_rule(rule, path)
        for message in found:
            if message.id in messages:
                first = messages[message.id]
                raise DefinitionError(
                    path,
                    f"line {message.line}: the message {message.id!r} is already in "
                    f"{Path(first.file).name} (line {first.line})",
                )
            messages[message.id] = message
    return Catalogue(code, messages, plural or _plural_rule(None, folder.kit))


def _lookup(message_id: str, count: int | None, language: str | None = None) -> str:
    folder = content()
    # The kit's own English last: a therapist's copy of a catalogue that lost a message
    # (which `kit check` refuses) still never breaks a page.
    places = [(folder, language or _language), (folder, SOURCE_LANGUAGE)]
    if folder.own is not None:
        places.append((Content(folder.kit), SOURCE_LANGUAGE))
    for where, code in dict.fromkeys(places):
        found = _catalogue(where, code)
        message = found.messages.get(message_id)
        if message is None or not any(message.forms):
            continue
        if count is None or not message.plural:
            return message.forms[0]
        index = found.plural(count)
        return message.forms[min(index, len(message.forms) - 1)]
    raise KeyError(f"no message {message_id!r} in {folder.kit / MESSAGES / SOURCE_LANGUAGE}")


def _shown(value: Any) -> Any:
    """A placeholder's value as the page shows it: numbers and dates in the language."""
    if isinstance(value, bool | Markup):
        return value
    if isinstance(value, int | float):
        from babel.numbers import format_decimal

        return format_decimal(value, locale=_language)
    if isinstance(value, dt.date):
        return day_text(value)
    return value


def _fill(text: str, values: Mapping[str, Any], message_id: str) -> str:
    try:
        return text.format_map({k: _shown(v) for k, v in values.items()})
    except (KeyError, IndexError, ValueError) as problem:
        # A reworded message that names a placeholder the code does not give: English.
        if _language != SOURCE_LANGUAGE:
            english = _catalogue(content(), SOURCE_LANGUAGE).messages.get(message_id)
            if english is not None:
                return english.forms[0].format_map({k: _shown(v) for k, v in values.items()})
        raise KeyError(f"message {message_id!r} cannot be filled in: {problem}") from None


def t(message_id: str, /, **values: Any) -> str:
    """The message's text, with its placeholders filled in (plain text, not HTML)."""
    return _fill(_lookup(message_id, None), values, message_id)


use_words(t)  # the kit's errors speak in the language shown, too


def t_in(code: str, message_id: str, /) -> str:
    """A message without placeholders in the language ``code`` (English where missing)."""
    return _lookup(message_id, None, code)


def tn(message_id: str, count: int, /, **values: Any) -> str:
    """The plural form of the message that fits ``count``, which fills ``{n}``."""
    return _fill(_lookup(message_id, count), {"n": count, **values}, message_id)


def _as_markup(text: str, values: Mapping[str, Any]) -> Markup:
    escaped = str(escape(text))
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    # S704: the text was escaped whole above; only the <strong> the kit adds is markup.
    return Markup(escaped).format(**{k: _shown(v) for k, v in values.items()})  # noqa: S704


def markup(message_id: str, /, **values: Any) -> Markup:
    """The message as escaped HTML: ``**emphasis**`` becomes ``<strong>``, and every value
    that is not already Markup is escaped."""
    text = _lookup(message_id, None)
    _fill(text, values, message_id)  # the same check of the placeholders as t()
    return _as_markup(text, values)


def markup_n(message_id: str, count: int, /, **values: Any) -> Markup:
    """:func:`markup` for a plural message."""
    text = _lookup(message_id, count)
    _fill(text, {"n": count, **values}, message_id)
    return _as_markup(text, {"n": count, **values})


def list_text(items: list[Any], style: str = "standard") -> Markup:
    """Items joined as the language joins a list ("A, B and C"), each escaped unless it is
    Markup already (a link, say)."""
    from babel.lists import format_list

    if not items:
        return Markup("")
    # S704: every item is escaped first; the words between them come from Babel's data.
    joined = format_list([str(escape(i)) for i in items], style=style, locale=babel_locale())
    return Markup(joined)  # noqa: S704


def placeholders(text: str) -> set[str]:
    """The names of the placeholders a message's text uses."""
    return set(_FIELD.findall(text))


def babel_locale() -> str:
    """The locale Babel writes dates, times, numbers and lists in: the kit's English is
    British ("1 December 2026", "A, B and C"); other languages as they are."""
    return "en_GB" if _language == SOURCE_LANGUAGE else _language


def day_text(day: dt.date, form: str = "long") -> str:
    """A day as the language writes it ("1 December 2026" in English, long form)."""
    from babel.dates import format_date

    return format_date(day, format=form, locale=babel_locale())


def time_text(moment: dt.datetime | dt.time) -> str:
    """A time of day as the language writes it (21:04)."""
    from babel.dates import format_time

    return format_time(moment, format="short", locale=babel_locale())
