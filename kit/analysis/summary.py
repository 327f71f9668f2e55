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
from ..text import day_text, language, t


def _number(value: Any) -> str:
    """A number as the language writes it (7.5 in English, 7,5 in Spanish), every digit kept."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language(), decimal_quantization=False)


def _joined(parts: Any) -> str:
    return t("answers.separator").join(parts)


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
        return (
            t("answers.with-anchor", value=_number(answer), anchor=anchor)
            if anchor
            else _number(answer)
        )
    if kind == "choice":
        return _option(field, answer)
    if kind == "multi":
        return _joined(_option(field, v) for v in answer)
    if kind == "yesno":
        return t("answers.yes") if answer else t("answers.no")
    if kind == "date":
        return day_text(dt.date.fromisoformat(answer))
    if kind == "number":
        number = _number(answer)
        return t("answers.with-unit", number=number, unit=field.unit) if field.unit else number
    if kind == "rank":
        return _joined(
            t("answers.ranked", position=i, option=_option(field, v))
            for i, v in enumerate(answer, start=1)
        )
    if kind == "checklist":
        return _joined(
            t(
                "answers.item-value",
                item=_option(field, item),
                value=_option(field, state, field.states),
            )
            for item, state in answer.items()
        )
    if kind == "ratings":
        return _joined(
            t(
                "answers.item-value",
                item=_option(field, item),
                value=answer_text(_as_scale(field), rating),
            )
            for item, rating in answer.items()
        )
    if kind == "list":
        entries = []
        for entry in answer:
            parts = [
                answer_text(sub, entry[sub.id])
                if i == 0
                else t("answers.item-value", item=sub.prompt, value=answer_text(sub, entry[sub.id]))
                for i, sub in enumerate(s for s in field.fields if s.id in entry)
            ]
            entries.append(t("answers.part-separator").join(parts))
        return "\n".join(entries)
    return str(answer)


def summary(sheet: Definition, answers: Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """(question, answer) for every answered question, in the worksheet's order."""
    if not answers:
        return []
    return [(f.prompt, answer_text(f, answers[f.id])) for f in sheet.fields if f.id in answers]
