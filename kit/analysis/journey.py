"""The journey: where each page stands, and which one to suggest next.

A page is "not started" with nothing saved, "done" when every section of its worksheet has
at least one answer, and "started" in between. The next suggestion is the first page in
the journey's order that is not done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition

NOT_STARTED, STARTED, DONE = "not started", "started", "done"


def page_state(sheet: Definition, answers: Mapping[str, Any] | None) -> str:
    """Where one page stands, from its latest answers."""
    if not answers:
        return NOT_STARTED
    touched = [any(f.id in answers for f in section.fields) for section in sheet.sections]
    return DONE if all(touched) else STARTED


def next_page(states: list[tuple[str, str]]) -> str | None:
    """The first (page, state) in order that is not done, or None when all are."""
    return next((page for page, state in states if state != DONE), None)
