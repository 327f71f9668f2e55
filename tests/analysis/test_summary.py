"""Summaries: saved answers in words, for every kind of field."""

from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit.analysis.summary import answer_text, summary


@pytest.fixture
def sheet(content_dir: Path) -> kit.Definition:
    return kit.definition("every-kind")


CASES = {
    "scale with anchor": ("a_scale", 10, "10 (Lots)"),
    "scale without anchor": ("a_scale", 5, "5"),
    "choice label": ("a_choice", "letter", "A letter"),
    "multi labels": ("a_multi", ["red", "blue"], "red; blue"),
    "yes": ("a_yesno", True, "Yes"),
    "no": ("a_yesno", False, "No"),
    "text as typed": ("a_text", "<b>hi</b>", "<b>hi</b>"),
    "date in words": ("a_date", "2026-03-14", "14 March 2026"),
    "number with unit": ("a_number", 7.5, "7.5 hours"),
    "rank numbered": ("a_rank", ["calm", "honesty"], "1. calm; 2. honesty"),
    "checklist states": ("a_checklist", {"keys": "done"}, "Keys: Done"),
    "list entries": (
        "a_list", [{"name": "Ana", "closeness": 5}, {"name": "Sam"}],
        "Ana, How close: 5\nSam",
    ),
}  # fmt: skip


@pytest.mark.parametrize(("field_id", "answer", "expected"), CASES.values(), ids=CASES.keys())
def test_answer_text(sheet: kit.Definition, field_id: str, answer, expected: str) -> None:
    """Is each kind of answer put into plain words?"""
    assert answer_text(sheet.field(field_id), answer) == expected


def test_summary_follows_the_worksheet_and_skips_unanswered(sheet: kit.Definition) -> None:
    """Does the summary list answered questions only, in the worksheet's order?"""
    pairs = summary(sheet, {"a_yesno": True, "a_scale": 1})
    assert pairs == [("A scale", "1"), ("Yes or no", "Yes")]
    assert summary(sheet, None) == []
    assert summary(sheet, {}) == []
