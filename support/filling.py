"""Answers for every worksheet, with typed words in every place a person types: used where
a test needs a journal in which every page has something to show."""

from __future__ import annotations

from typing import Any

import kit
from kit.fields import Field


def answer_for(field: Field, words: list[str]) -> Any:
    """A valid answer for any field except ``ratings``; text comes from ``words`` (popped)."""
    options = [str(o) for o in field.options]
    kind = field.kind
    if kind in ("text", "longtext"):
        return words.pop()
    if kind == "list":
        return [{sub.id: answer_for(sub, words) for sub in field.fields} for _ in range(2)]
    if kind in ("scale", "number"):
        return int(field.min)
    if kind == "choice":
        return options[0]
    if kind in ("multi", "rank"):
        return options[: field.max_items or len(options)][:2]
    if kind == "yesno":
        return True
    if kind == "date":
        return "2026-11-02"
    if kind == "checklist":
        return {options[0]: str(field.states[0])}
    raise AssertionError(kind)


def answers_for(sheet: kit.Definition, words: list[str]) -> dict[str, Any]:
    """Every field of ``sheet`` answered; ratings rate whatever their source field picked."""
    answers: dict[str, Any] = {}
    for field in sheet.fields:
        if field.kind == "ratings":
            picked = answers.get(field.options_from) or []
            answers[field.id] = {str(o): int(field.min) for o in picked}
        else:
            answers[field.id] = answer_for(field, words)
    return answers


def fill_every_worksheet(journal: kit.Journal, words: list[str]) -> None:
    """Save one full response to every worksheet but the daily check-in."""
    for worksheet in kit.worksheet_ids():
        if worksheet != "check-in":
            journal.save(worksheet, answers_for(kit.definition(worksheet), words))
