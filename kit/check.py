"""``kit check``: a content folder checked whole, every problem listed with its file.

A therapist's folder holds only what they change; it is checked as the kit will read it,
laid over the kit's own content (:mod:`kit.layers`). What it checks: every worksheet
definition and the fields the code needs (their roles), the journey, the pages, the
message catalogues (every id the kit's English has, the placeholders each message may
use, plural forms), the support lines (every key, date, number and address), and every
translation of each (words only; what it leaves in English is listed as missing).

Problems stop ``kit serve`` and ``kit hub-server`` from starting. Two things are listed
without stopping them: support lines checked more than a year ago (to re-check) and words
a translation does not give yet (shown in English); ``kit check`` exits 1 on either too.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DefinitionError
from .layers import SOURCE_LANGUAGE, Content, as_content, kit_content, missing_words

# Files a content folder may hold, beside the worksheets, pages and messages.
OTHER_FILES = {"journey.toml", "README.md", "NOTES.md"}


@dataclass
class Report:
    """What a check found: problems (which stop the app), lines to re-check, and words a
    translation does not give yet."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def clean(self) -> bool:
        """Nothing at all to do: no problem, nothing to re-check, nothing untranslated."""
        return not (self.problems or self.stale or self.missing)

    def text(self) -> str:
        """The report as a person reads it in a terminal."""
        lines = []
        if self.problems:
            count = len(self.problems)
            lines.append(f"{count} problem{'s' if count != 1 else ''} in {self.folder}:")
            lines += [f"  - {p}" for p in self.problems]
        if self.stale:
            lines.append(
                f"{len(self.stale)} support line(s) were last checked more than a year ago; "
                "please re-check them (README.md, 'Support lines'):"
            )
            lines += [f"  - {s}" for s in self.stale]
        if self.missing:
            lines.append(
                f"{len(self.missing)} word(s) or file(s) have no translation yet; pages show "
                "them in English until they do:"
            )
            lines += [f"  - {m}" for m in self.missing]
        if not lines:
            lines.append(f"{self.folder}: everything checks out.")
        return "\n".join(lines)


def check_content(folder: Path | Content, today: dt.date | None = None) -> Report:
    """Check a content folder whole; never raises for what it finds.

    ``folder`` is a Content (a therapist's changes over the kit's own), or a Path: the
    kit's own folder, or a therapist's folder of changes, which is checked over the kit's.
    """
    found = _as_layers(folder)
    report = Report(found.own or found.kit)
    if found.own is not None:
        _unknown_files(found, report)
    _worksheets(found, report)
    _journey(found, report)
    _messages(found, report)
    _pages(found, report)
    _support_lines(found, report, today or dt.date.today())
    return report


def _as_layers(folder: Path | Content) -> Content:
    if isinstance(folder, Content):
        return folder
    folder = Path(folder).resolve()
    kit = kit_content().resolve()
    if folder == kit:
        return Content(kit)
    return Content(as_content(None).kit, folder)


def _languages(found: Content) -> list[str]:
    return [c for c in found.languages() if c != SOURCE_LANGUAGE]


def _unknown_files(found: Content, report: Report) -> None:
    """A file in the therapist's folder that the kit would never read (a typo, say)."""
    own = found.own
    assert own is not None
    languages = set(found.languages())
    for path in sorted(own.rglob("*")):
        parts = path.relative_to(own).parts
        if not path.is_file() or any(part.startswith(".") for part in parts):
            continue  # hidden: a .git folder, an editor's backup, the system's own files
        if _known_file(parts, languages):
            continue
        report.problems.append(
            f"{path}: the kit does not read this file (see docs/adapting.md for where each "
            "kind of file goes)"
        )


def _known_file(parts: tuple[str, ...], languages: set[str]) -> bool:
    name = parts[-1]
    match parts:
        case (_,):
            return name in OTHER_FILES
        case ("worksheets", _) | ("worksheets", _, _):
            return name.endswith(".toml") and (len(parts) == 2 or parts[1] in languages)
        case ("pages", _) | ("pages", _, _):
            return name.endswith(".md") and (len(parts) == 2 or parts[1] in languages)
        case ("messages", _, _):
            return name.endswith(".po")
        case ("resources", _):
            return name in ("crisis-lines.toml", "crisis-lines-notes.md")
        case ("resources", _, "crisis-lines.toml"):
            return parts[1] in languages
        case (_, "journey.toml"):
            return parts[0] in languages
    return False


def _toml(path: Path) -> dict | None:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None  # loading it reports the problem


def _worksheets(found: Content, report: Report) -> None:
    from . import content

    files = found.files("worksheets", pattern="*.toml")
    if not files:
        report.problems.append(f"{found.kit / 'worksheets'}: there are no worksheets here")
    for name, path in files.items():
        try:
            content.load_definition(path)
        except DefinitionError as problem:
            report.problems.append(_with_line(problem))
            continue
        for code in _languages(found):
            words = found.translation(code, "worksheets", name)
            if words is None:
                report.missing.append(f"{path}: no {code} translation (worksheets/{code}/{name})")
                continue
            try:
                content.load_definition(path, words)
            except DefinitionError as problem:
                report.problems.append(_with_line(problem))
                continue
            english, translated = _toml(path), _toml(words)
            if english is not None and translated is not None:
                report.missing += [f"{words}: {w}" for w in missing_words(english, translated)]
    for code in _languages(found):
        for name, path in found.files("worksheets", code, pattern="*.toml").items():
            if name not in files:
                report.problems.append(f"{path}: there is no worksheet {name} to translate")


def _with_line(problem: DefinitionError) -> str:
    """The problem, with the line of its field in its file where that can be found (the
    line that gives the field's id)."""
    if not problem.field:
        return str(problem)
    try:
        lines = Path(problem.file).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return str(problem)
    wanted = re.compile(r"^\s*id\s*=\s*[\"']" + re.escape(problem.field) + r"[\"']")
    for number, line in enumerate(lines, start=1):
        if wanted.match(line):
            return f"{problem.file}, line {number}: field '{problem.field}': {problem.problem}"
    return str(problem)


def _journey(found: Content, report: Report) -> None:
    from . import content

    for code in [SOURCE_LANGUAGE, *_languages(found)]:
        try:
            content.journey_in.__wrapped__(found, code)
            content.site_in.__wrapped__(found, code)  # the pages outside it; none twice
        except (DefinitionError, KeyError, TypeError, ValueError, OSError) as problem:
            named = getattr(problem, "file", "")
            if named and Path(named).name != content.JOURNEY:
                return  # a worksheet's problem, listed with the worksheets already
            report.problems.append(f"{found.file(content.JOURNEY)}: {problem}")
            return
        if code != SOURCE_LANGUAGE:
            words = found.translation(code, content.JOURNEY)
            english = _toml(found.file(content.JOURNEY))
            if words is None:
                report.missing.append(f"{found.file(content.JOURNEY)}: no {code} translation "
                                      f"({code}/{content.JOURNEY})")  # fmt: skip
            elif english is not None and (translated := _toml(words)) is not None:
                report.missing += [
                    f"{words}: {w}"
                    for w in missing_words(english, translated)
                    if not w.startswith("parts[") or w.endswith(".title")
                ]


def _messages(found: Content, report: Report) -> None:
    from . import text

    catalogues = {}
    for code in found.languages() or [SOURCE_LANGUAGE]:
        try:
            catalogues[code] = text.read_catalogue(found, code)
        except DefinitionError as problem:
            report.problems.append(str(problem))
    english = catalogues.get(SOURCE_LANGUAGE)
    if english is None or not english.messages:
        report.problems.append(f"{found.kit / text.MESSAGES / SOURCE_LANGUAGE}: the English "
                               "messages are missing")  # fmt: skip
        return
    if found.own is not None:
        try:
            kit_english = text.read_catalogue(Content(found.kit), SOURCE_LANGUAGE)
        except DefinitionError:
            kit_english = english
        for message in kit_english.messages.values():
            mine = english.messages.get(message.id)
            if mine is None:
                report.problems.append(
                    f"{found.own / text.MESSAGES / SOURCE_LANGUAGE}: the message "
                    f"{message.id!r} is missing (the kit's {Path(message.file).name}, line "
                    f"{message.line}, has it; copy it back)"
                )
            else:
                _same_shape(mine, message, report)
    for code, catalogue in catalogues.items():
        if code == SOURCE_LANGUAGE:
            continue
        for message in catalogue.messages.values():
            source = english.messages.get(message.id)
            if source is None:
                report.problems.append(
                    f"{message.file}, line {message.line}: there is no English message "
                    f"{message.id!r}, so the kit never shows this one (a typo in the id?)"
                )
            elif any(message.forms):
                _same_shape(message, source, report)
        for source in english.messages.values():
            translated = catalogue.messages.get(source.id)
            if translated is None or not all(translated.forms):
                report.missing.append(
                    f"{found.file(text.MESSAGES, code)}: {source.id} ({Path(source.file).name},"
                    f" line {source.line}) has no {code} text"
                )


def _same_shape(message, source, report: Report) -> None:
    """A message may use only the placeholders the kit fills in for it; a plural one needs
    its plural forms."""
    from . import text

    allowed = set().union(*(text.placeholders(f) for f in source.forms)) | (
        {"n"} if source.plural else set()
    )
    for form in message.forms:
        extra = sorted(text.placeholders(form) - allowed)
        if extra:
            report.problems.append(
                f"{message.file}, line {message.line}: {message.id} uses {{{extra[0]}}}, "
                f"which the kit does not fill in (it gives: "
                f"{', '.join('{' + a + '}' for a in sorted(allowed)) or 'none'})"
            )
            return
    if source.plural and not message.plural:
        report.problems.append(
            f"{message.file}, line {message.line}: {message.id} needs its plural forms "
            "(msgid_plural and msgstr[0], msgstr[1], ...)"
        )


def _pages(found: Content, report: Report) -> None:
    from .widgets.page import PAGES, PARTS, blocks

    english = found.files(PAGES, pattern="*.md")
    for name, path in english.items():
        parts = _page_parts(path, report, blocks)
        if parts is None:
            continue
        unknown = sorted(set(parts) - set(PARTS))
        if unknown:
            report.problems.append(
                f"{path}: '::: {unknown[0]}' is not a part the kit knows "
                f"(it knows: {', '.join(sorted(PARTS))})"
            )
        for code in _languages(found):
            words = found.translation(code, PAGES, name)
            if words is None:
                report.missing.append(f"{path}: no {code} translation ({PAGES}/{code}/{name})")
                continue
            theirs = _page_parts(words, report, blocks)
            if theirs is not None and sorted(theirs) != sorted(parts):
                report.problems.append(
                    f"{words}: its '::: ' parts ({', '.join(theirs) or 'none'}) are not the "
                    f"English page's ({', '.join(parts) or 'none'})"
                )
    for code in _languages(found):
        for name, path in found.files(PAGES, code, pattern="*.md").items():
            if name not in english:
                report.problems.append(f"{path}: there is no English page {name} to translate")


def _page_parts(path: Path, report: Report, blocks) -> list[str] | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as problem:
        report.problems.append(f"{path}: cannot be read ({problem})")
        return None
    return [value for kind, value in blocks(text) if kind == "part"]


def _support_lines(found: Content, report: Report, today: dt.date) -> None:
    from .resources import FILE_NAME, RESOURCES, check_file, lines_file, stale_lines

    path = lines_file(found)
    countries, problems = check_file(path)
    report.problems += [str(p) for p in problems]
    report.stale += list(stale_lines(countries, today))
    english = _toml(path)
    for code in _languages(found):
        words = found.translation(code, RESOURCES, FILE_NAME)
        if words is None:
            report.missing.append(f"{path}: no {code} translation ({RESOURCES}/{code}/{FILE_NAME})")
            continue
        _, problems = check_file(path, words)
        report.problems += [str(p) for p in problems]
        translated = _toml(words)
        if english is not None and translated is not None:
            report.missing += [
                f"{words}: {w}"
                for w in missing_words(english, translated)
                if not w.endswith("sources")
            ]
