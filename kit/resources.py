"""Support lines, loaded from ``data/resources/crisis-lines.toml`` and checked whole.

Crisis lines are facts, not our words: each line names the pages it was checked against
(``sources``) and the date of that check, so a host can see at a glance what may be stale.
A line can be reached by phone, text or chat, in some languages, and with ways in for deaf
and hard-of-hearing people (relay, text, video, TTY). A line checked more than a year ago
is shown with a note to confirm it, and ``kit check`` lists every such line.

The file is checked like a worksheet: an unknown or missing key, a bad date, a malformed
number or address is refused with the file, the line of the entry and what is wrong, and
every problem is listed at once (:func:`check_file`). ``kit serve`` refuses to start on a
broken file; a page that shows lines and meets one says so calmly and goes on.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import DefinitionError
from .layers import Content, as_content, merge_words
from .text import language

RESOURCES = "resources"
FILE_NAME = "crisis-lines.toml"
KINDS = ("crisis", "abuse", "crisis-directory", "abuse-directory")
ACCESS_KINDS = ("relay", "text", "video", "tty")
ANYWHERE = "INTL"
# A fact checked longer ago than this is shown with a note to confirm it.
STALE_AFTER = dt.timedelta(days=365)

_PHONE = re.compile(r"\+?[0-9][0-9 ()\-]{1,22}[0-9]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_CODE = re.compile(r"[A-Z]{2}|INTL")
_LANGUAGE = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*")

TOP_KEYS = {"last_reviewed", "countries"}
COUNTRY_KEYS = {"code", "name", "emergency", "lines"}
EMERGENCY_KEYS = {"number", "also", "sources", "last_checked", "access"}
LINE_KEYS = {
    "name", "kind", "phone", "text", "chat", "email", "hours", "languages", "interpreters",
    "url", "sources", "last_checked", "access", "note",
}  # fmt: skip
ACCESS_KEYS = {"kind", "how", "sources"}


@dataclass(frozen=True)
class Access:
    """A way in for deaf and hard-of-hearing people: relay, text, video or TTY."""

    kind: str
    how: str
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class SupportLine:
    """One helpline, or a directory of them."""

    name: str
    kind: str  # one of KINDS
    sources: tuple[str, ...]
    last_checked: dt.date
    phone: str = ""
    text: str = ""
    chat: str = ""
    email: str = ""
    hours: str = ""
    url: str = ""
    note: str = ""
    languages: tuple[str, ...] = ()
    """BCP-47 codes of the languages a source says the line offers."""
    interpreters: bool = False
    """A source says interpreters are there for other languages."""
    access: tuple[Access, ...] = ()

    def stale(self, today: dt.date) -> bool:
        """Whether the check is older than a year, so the page asks to confirm it."""
        return today - self.last_checked > STALE_AFTER


@dataclass(frozen=True)
class Emergency:
    """A country's emergency number, with its source and date, and ways in by text."""

    number: str
    sources: tuple[str, ...]
    last_checked: dt.date
    also: tuple[str, ...] = ()
    access: tuple[Access, ...] = ()


@dataclass(frozen=True)
class Country:
    """The emergency number and support lines of one country (or "INTL")."""

    code: str
    name: str
    emergency: Emergency | None
    lines: tuple[SupportLine, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the file: where (line and entry) and what."""

    file: str
    line: int | None
    where: str
    what: str

    def __str__(self) -> str:
        at = f"{self.file}, line {self.line}" if self.line else self.file
        return f"{at} ({self.where}): {self.what}" if self.where else f"{at}: {self.what}"


def _header_lines(text: str) -> dict[str, list[int]]:
    """The line numbers of each table header, in order, by header name."""
    found: dict[str, list[int]] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        match = re.match(r"\s*\[\[?\s*([a-z.]+)\s*\]\]?", raw)
        if match:
            found.setdefault(match[1], []).append(number)
    return found


class _Checker:
    """Reads the parsed file into countries, gathering every problem on the way."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = str(path)
        self.problems: list[Problem] = []
        self.headers = _header_lines(text)
        self.seen: dict[str, int] = {}

    def line_of(self, header: str) -> int | None:
        """The line of the next table with this header (tables come in file order)."""
        position = self.seen.get(header, 0)
        self.seen[header] = position + 1
        lines = self.headers.get(header, [])
        return lines[position] if position < len(lines) else None

    def fail(self, line: int | None, where: str, what: str) -> None:
        self.problems.append(Problem(self.path, line, where, what))

    def keys(self, table: Any, allowed: set[str], needed: set[str], line, where) -> bool:
        if not isinstance(table, dict):
            self.fail(line, where, "must be a table of keys")
            return False
        for key in sorted(needed - table.keys()):
            self.fail(line, where, f"the key '{key}' is missing")
        for key in sorted(table.keys() - allowed):
            self.fail(line, where, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")
        return True

    def text(self, table: dict, key: str, line, where, pattern=None, what="") -> str:
        value = table.get(key, "")
        if not isinstance(value, str):
            self.fail(line, where, f"'{key}' must be text")
            return ""
        value = value.strip()
        if value and pattern is not None and not pattern.fullmatch(value):
            self.fail(line, where, f"'{key}' {value!r} is not {what}")
            return ""
        return value

    def address(self, table: dict, key: str, line, where) -> str:
        value = self.text(table, key, line, where)
        if value and (not value.startswith(("https://", "http://")) or " " in value):
            self.fail(line, where, f"'{key}' {value!r} is not a web address (https://...)")
            return ""
        return value

    def day(self, table: dict, key: str, line, where) -> dt.date | None:
        value = table.get(key)
        if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
            self.fail(line, where, f"'{key}' must be a date like 2026-11-29 (got {value!r})")
            return None
        return value

    def sources(self, table: dict, line, where) -> tuple[str, ...]:
        raw = table.get("sources")
        if not isinstance(raw, list) or not raw:
            self.fail(line, where, "'sources' must list at least one web address")
            return ()
        found = []
        for item in raw:
            if not isinstance(item, str) or not item.startswith(("https://", "http://")):
                self.fail(line, where, f"a source {item!r} is not a web address (https://...)")
            else:
                found.append(item)
        return tuple(found)

    def access(self, raw: Any, header: str, where: str) -> tuple[Access, ...]:
        if raw is None:
            return ()
        if not isinstance(raw, list):
            self.fail(None, where, "'access' must be a list of [[...access]] tables")
            return ()
        found = []
        for entry in raw:
            line = self.line_of(header)
            if not self.keys(entry, ACCESS_KEYS, ACCESS_KEYS, line, f"{where}, access"):
                continue
            kind = entry.get("kind")
            if kind not in ACCESS_KINDS:
                self.fail(
                    line, where, f"access kind {kind!r} is not one of {', '.join(ACCESS_KINDS)}"
                )
                continue
            how = self.text(entry, "how", line, where)
            if not how:
                self.fail(line, where, "an access entry needs 'how': our words for how it works")
            found.append(Access(kind, how, self.sources(entry, line, where)))
        return tuple(found)

    def emergency(self, raw: Any, where: str) -> Emergency | None:
        line = self.line_of("countries.emergency")
        where = f"{where}, emergency number"
        if not self.keys(raw, EMERGENCY_KEYS, {"number", "sources", "last_checked"}, line,
                         where):  # fmt: skip
            return None
        number = self.text(raw, "number", line, where, _PHONE, "a phone number")
        also = raw.get("also", [])
        if not isinstance(also, list) or not all(
            isinstance(a, str) and _PHONE.fullmatch(a) for a in also
        ):
            self.fail(line, where, "'also' must list phone numbers")
            also = []
        sources = self.sources(raw, line, where)
        checked = self.day(raw, "last_checked", line, where)
        access = self.access(raw.get("access"), "countries.emergency.access", where)
        if not number or checked is None:
            return None
        return Emergency(number, sources, checked, tuple(also), access)

    def line(self, raw: Any, where: str) -> SupportLine | None:
        line = self.line_of("countries.lines")
        name = raw.get("name") if isinstance(raw, dict) else None
        where = f"{where}: {name}" if isinstance(name, str) else where
        needed = {"name", "kind", "sources", "last_checked"}
        if not self.keys(raw, LINE_KEYS, needed, line, where):
            return None
        kind = raw.get("kind")
        if kind not in KINDS:
            self.fail(line, where, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        found = {
            "phone": self.text(raw, "phone", line, where, _PHONE, "a phone number"),
            "text": self.text(raw, "text", line, where),
            "chat": self.address(raw, "chat", line, where),
            "email": self.text(raw, "email", line, where, _EMAIL, "an email address"),
            "hours": self.text(raw, "hours", line, where),
            "url": self.address(raw, "url", line, where),
            "note": self.text(raw, "note", line, where),
        }
        if found["text"] and not re.search(r"[0-9]", found["text"]):
            self.fail(line, where, f"'text' {found['text']!r} gives no number to text")
        languages = raw.get("languages", [])
        if not isinstance(languages, list) or not all(
            isinstance(c, str) and _LANGUAGE.fullmatch(c) for c in languages
        ):
            self.fail(line, where, '\'languages\' must list language codes such as "en", "es"')
            languages = []
        interpreters = raw.get("interpreters", False)
        if not isinstance(interpreters, bool):
            self.fail(line, where, "'interpreters' must be true or false")
            interpreters = False
        sources = self.sources(raw, line, where)
        checked = self.day(raw, "last_checked", line, where)
        access = self.access(raw.get("access"), "countries.lines.access", where)
        if kind in ("crisis", "abuse") and not any(
            found[k] for k in ("phone", "text", "chat", "email")
        ):
            self.fail(line, where, "a line needs a way to reach it: phone, text, chat or email")
        if kind in ("crisis-directory", "abuse-directory") and not found["url"]:
            self.fail(line, where, "a directory needs its 'url'")
        if not isinstance(name, str) or not name.strip() or kind not in KINDS or checked is None:
            return None
        return SupportLine(
            name=name.strip(), kind=kind, sources=sources, last_checked=checked,
            languages=tuple(languages), interpreters=interpreters, access=access, **found,
        )  # fmt: skip

    def countries(self, raw: dict[str, Any]) -> tuple[Country, ...]:
        self.keys(raw, TOP_KEYS, {"countries"}, None, "")
        if "last_reviewed" in raw:
            self.day(raw, "last_reviewed", None, "")
        entries = raw.get("countries")
        if not isinstance(entries, list) or not entries:
            self.fail(None, "", "'countries' must be a list of [[countries]] tables")
            return ()
        countries = []
        codes: set[str] = set()
        for entry in entries:
            line = self.line_of("countries")
            code = entry.get("code") if isinstance(entry, dict) else None
            where = f"country {code}" if isinstance(code, str) else "a country"
            if not self.keys(entry, COUNTRY_KEYS, {"code", "name"}, line, where):
                continue
            if not isinstance(code, str) or not _CODE.fullmatch(code):
                self.fail(line, where, f"code {code!r} must be two capital letters or INTL")
                continue
            if code in codes:
                self.fail(line, where, f"the country {code} is listed twice")
            codes.add(code)
            name = self.text(entry, "name", line, where)
            emergency = None
            if "emergency" in entry:
                emergency = self.emergency(entry["emergency"], where)
            elif code != ANYWHERE:
                self.fail(line, where, "a country needs its [countries.emergency] number")
            raw_lines = entry.get("lines", [])
            if not isinstance(raw_lines, list):
                self.fail(line, where, "'lines' must be a list of [[countries.lines]] tables")
                raw_lines = []
            lines = tuple(filter(None, (self.line(item, where) for item in raw_lines)))
            if code == ANYWHERE and not {"crisis-directory", "abuse-directory"} <= {
                x.kind for x in lines
            }:
                self.fail(line, where, "INTL needs a directory of crisis lines and one of "
                          "abuse helplines (kinds crisis-directory, abuse-directory)")  # fmt: skip
            countries.append(Country(code, name, emergency, lines))
        return tuple(countries)


def check_file(path: Path, words: Path | None = None) -> tuple[tuple[Country, ...], list[Problem]]:
    """The countries in a support-lines file, with the words of a translation of it if one
    is given, and every problem found in either."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        return (), [Problem(str(path), None, "", f"cannot be read ({problem})")]
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        line = getattr(problem, "lineno", None)
        return (), [Problem(str(path), line, "", f"is not valid TOML ({problem})")]
    found: list[Problem] = []
    if words is not None:
        try:
            translated = tomllib.loads(words.read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as problem:
            return (), [Problem(str(words), None, "", f"cannot be read ({problem})")]
        merged, wrong = merge_words(raw, translated)
        found += [Problem(str(words), None, p.where, p.problem) for p in wrong]
        if not wrong:
            raw = merged
    checker = _Checker(path, text)
    countries = checker.countries(raw)
    return countries, found + checker.problems


def lines_file(folder: Path | Content | None = None) -> Path:
    """The support lines: the therapist's file if they have one, else the kit's."""
    return as_content(folder).file(RESOURCES, FILE_NAME)


def lines_words(folder: Path | Content | None = None, code: str | None = None) -> Path | None:
    """The translation of the support lines' words into ``code`` (the language in use)."""
    return as_content(folder).translation(code or language(), RESOURCES, FILE_NAME)


@functools.cache
def _loaded(path: Path, words: Path | None = None) -> tuple[Country, ...]:
    countries, problems = check_file(path, words)
    if problems:
        raise DefinitionError(path, "\n".join(str(p) for p in problems))
    return countries


def support_lines() -> tuple[Country, ...]:
    """Every country's support lines, in the file's order, in the language in use
    (DefinitionError if broken)."""
    return _loaded(lines_file(), lines_words())


def stale_lines(countries: tuple[Country, ...], today: dt.date) -> Iterator[str]:
    """Each line and emergency number checked more than a year before ``today``."""
    for country in countries:
        emergency = country.emergency
        if emergency and today - emergency.last_checked > STALE_AFTER:
            checked = emergency.last_checked
            yield f"{country.name}: emergency number {emergency.number} (checked {checked})"
        for line in country.lines:
            if line.stale(today):
                yield f"{country.name}: {line.name} (checked {line.last_checked})"
