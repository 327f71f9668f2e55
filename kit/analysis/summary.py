"""A worksheet's saved answers as plain sentences: (question, answer) pairs of text.

The text is for display, and is escaped by whoever shows it; nothing here is HTML.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..content import Definition
from ..fields import Field


def _option(field: Field, value: str, options=None) -> str:
    match = next((o for o in (options or field.options) if o == value), None)
    return match.label if match is not None else str(value)


def _as_scale(field: Field) -> Field:
    return dataclasses.replace(field, kind="scale")


def answer_text(field: Field, answer: Any) -> str:
    """One answer in words."""
    kind = field.kind
    if kind == "scale":
        anchor = field.anchors.get(answer)
        return f"{answer} ({anchor})" if anchor else str(answer)
    if kind == "choice":
        return _option(field, answer)
    if kind == "multi":
        return "; ".join(_option(field, v) for v in answer)
    if kind == "yesno":
        return "Yes" if answer else "No"
    if kind == "date":
        return f"{dt.date.fromisoformat(answer):%-d %B %Y}"
    if kind == "number":
        return f"{answer} {field.unit}" if field.unit else str(answer)
    if kind == "rank":
        return "; ".join(f"{i}. {_option(field, v)}" for i, v in enumerate(answer, start=1))
    if kind == "checklist":
        return "; ".join(
            f"{_option(field, item)}: {_option(field, state, field.states)}"
            for item, state in answer.items()
        )
    if kind == "ratings":
        return "; ".join(
            f"{_option(field, item)}: {answer_text(_as_scale(field), rating)}"
            for item, rating in answer.items()
        )
    if kind == "list":
        entries = []
        for entry in answer:
            parts = [
                answer_text(sub, entry[sub.id])
                if i == 0
                else f"{sub.prompt}: {answer_text(sub, entry[sub.id])}"
                for i, sub in enumerate(s for s in field.fields if s.id in entry)
            ]
            entries.append(", ".join(parts))
        return "\n".join(entries)
    return str(answer)


def summary(sheet: Definition, answers: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(question, answer) for every answered question, in the worksheet's order."""
    if not answers:
        return []
    return [(f.prompt, answer_text(f, answers[f.id])) for f in sheet.fields if f.id in answers]
