"""A worksheet's saved answers as plain sentences: (question, answer) pairs of text.

The text is for display, and is escaped by whoever shows it; nothing here is HTML.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition
from ..fields import answer_text  # how one answer reads is its kind's (kit.fields.KINDS)


def summary(sheet: Definition, answers: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(question, answer) for every answered question, in the worksheet's order."""
    if not answers:
        return []
    return [(f.prompt, answer_text(f, answers[f.id])) for f in sheet.fields if f.id in answers]
