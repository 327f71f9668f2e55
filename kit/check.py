"""``kit check``: a content folder checked whole, every problem listed with its file.

What it checks: every worksheet definition, the journey, the message catalogues, and the
support lines (every key, date, number and address; and every line or emergency number
checked more than a year ago, which is listed to re-check). ``kit serve`` and
``kit hub-server`` run the same check and refuse to start on a problem; a line that is
only due for a re-check does not stop them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DefinitionError


@dataclass
class Report:
    """What a check found: problems (which stop the app) and lines to re-check."""

    folder: Path
    problems: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

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
        if not lines:
            lines.append(f"{self.folder}: everything checks out.")
        return "\n".join(lines)


def check_content(folder: Path, today: dt.date | None = None) -> Report:
    """Check the content folder ``folder`` whole; never raises for what it finds."""
    from . import content, text
    from .resources import check_file, lines_file, stale_lines

    report = Report(folder)
    worksheets = sorted((folder / "worksheets").glob("*.toml"))
    if not worksheets:
        report.problems.append(f"{folder / 'worksheets'}: there are no worksheets here")
    for path in worksheets:
        try:
            content.load_definition(path)
        except DefinitionError as problem:
            report.problems.append(str(problem))
    try:
        content.journey_in(folder)
        content.site_in(folder)  # the pages outside the journey; no page listed twice
    except (DefinitionError, KeyError, TypeError, ValueError, OSError) as problem:
        report.problems.append(f"{folder / 'journey.toml'}: {problem}")
    english = folder / text.MESSAGES / text.SOURCE_LANGUAGE
    if not english.is_dir():
        report.problems.append(f"{english}: the English messages are missing")
    for language_folder in sorted(p for p in (folder / text.MESSAGES).glob("*") if p.is_dir()):
        try:
            text.catalogue.__wrapped__(folder, language_folder.name)
        except DefinitionError as problem:
            report.problems.append(str(problem))
    countries, problems = check_file(lines_file(folder))
    report.problems += [str(p) for p in problems]
    report.stale += list(stale_lines(countries, today or dt.date.today()))
    return report
