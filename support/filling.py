"""Answers for every worksheet, with typed words in every place a person types: used where
a test needs a journal in which every page has something to show. Each kind's made-up
answer is its own (``kit.fields.KINDS``: ``example``)."""

from __future__ import annotations

from typing import Any

import kit
from kit.fields import Field, example


def answer_for(field: Field, words: list[str]) -> Any:
    """A valid answer for any field; text comes from ``words`` (popped)."""
    return example(field, words)


def answers_for(sheet: kit.Definition, words: list[str]) -> dict[str, Any]:
    """Every field of ``sheet`` answered; ratings rate whatever their source field picked."""
    answers: dict[str, Any] = {}
    for field in sheet.fields:
        answers[field.id] = example(field, words, answers)
    return answers


def fill_every_worksheet(journal: kit.Journal, words: list[str]) -> None:
    """Save one full response to every worksheet but the daily check-in."""
    for worksheet in kit.worksheet_ids():
        if worksheet != "check-in":
            journal.save(worksheet, answers_for(kit.definition(worksheet), words))
