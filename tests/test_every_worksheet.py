"""Every shipped worksheet, every field, generated answers: valid ones round-trip through
the journal unchanged; a single invalid answer is refused and the journal stays as it was.

The strategies are derived from the definitions themselves, so a new worksheet or field is
covered without touching this file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import string
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.fields import Field

WORDS = st.text(string.ascii_letters + string.digits + " .,'!?-éü’", min_size=1, max_size=40)


def one_line(limit: int) -> st.SearchStrategy[str]:
    return WORDS.map(lambda t: t.strip()[:limit] or "x")


def long_text(limit: int) -> st.SearchStrategy[str]:
    lines = st.lists(WORDS, min_size=1, max_size=4).map("\n".join)
    return lines.map(lambda t: t[:limit] if t.strip() else "x")


def valid(field: Field) -> st.SearchStrategy[Any]:
    """Answers the field accepts, already in the form the journal keeps them."""
    options = [str(o) for o in field.options]
    kind = field.kind
    if kind == "scale":
        return st.integers(int(field.min), int(field.max))
    if kind == "choice":
        return st.sampled_from(options)
    if kind == "multi":
        picked = st.lists(st.sampled_from(options), unique=True, min_size=1,
                          max_size=field.max_items or len(options))  # fmt: skip
        return picked.map(lambda p: [o for o in options if o in p])
    if kind == "yesno":
        return st.booleans()
    if kind == "text":
        return one_line(field.max_length or 200)
    if kind == "longtext":
        return long_text(field.max_length or 10_000)
    if kind == "date":
        return st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)).map(dt.date.isoformat)
    if kind == "number":
        return st.integers(int(field.min), int(field.max))
    if kind == "rank":
        return st.lists(st.sampled_from(options), unique=True, min_size=1,
                        max_size=field.max_items or len(options))  # fmt: skip
    if kind == "checklist":
        states = [str(s) for s in field.states]
        return st.dictionaries(st.sampled_from(options), st.sampled_from(states), min_size=1).map(
            lambda d: {o: d[o] for o in options if o in d}
        )
    if kind == "list":
        entry = st.fixed_dictionaries(
            {f.id: valid(f) for f in field.fields if f.required},
            optional={f.id: valid(f) for f in field.fields if not f.required},
        ).filter(bool)
        return st.lists(entry, min_size=1, max_size=min(field.max_items or 50, 4))
    raise AssertionError(f"no strategy for {kind}")  # ratings are built with their source


@st.composite
def valid_answers(draw: st.DrawFn, sheet: kit.Definition) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for field in sheet.fields:
        if field.kind == "ratings":
            picked = answers.get(field.options_from) or []
            chosen = draw(st.lists(st.sampled_from(picked), unique=True)) if picked else []
            if chosen:
                rated = {o: draw(st.integers(int(field.min), int(field.max))) for o in chosen}
                answers[field.id] = {str(o): rated[o] for o in field.options if o in rated}
        elif field.required or draw(st.booleans()):
            answers[field.id] = draw(valid(field))
    return answers


def invalid(field: Field) -> st.SearchStrategy[tuple[Any, str]]:
    """One answer this field must refuse, with a word its message should contain."""
    kind = field.kind
    if kind in ("scale", "number"):
        return st.sampled_from([(int(field.max) + 1, "from"), (int(field.min) - 1, "from")])
    if kind in ("choice",):
        return st.just(("not-an-option", "options"))
    if kind in ("multi", "rank"):
        bad = [("not-an-option", "not one of the options")]
        if kind == "rank":
            bad.append(([str(field.options[0])] * 2, "only once"))
        return st.sampled_from(bad).map(lambda b: ([b[0]] if isinstance(b[0], str) else b[0], b[1]))
    if kind == "yesno":
        return st.just(("maybe", "yes or no"))
    if kind in ("text", "longtext"):
        limit = field.max_length or 200
        return st.just(("x" * (limit + 1), "characters or fewer"))
    if kind == "date":
        return st.just(("31/12/2026", "date"))
    if kind == "checklist":
        return st.just(({str(field.options[0]): "not-a-state"}, "not one of the states"))
    if kind == "list":
        required = next((f for f in field.fields if f.required), None)
        optional = next((f for f in field.fields if not f.required and f.kind == "scale"), None)
        if required is not None and optional is not None:
            entry = {optional.id: int(optional.min)}  # something given, but not the name
            return st.just(([entry], "needed"))
        return st.just(("not a list", "entries"))
    if kind == "ratings":
        return st.just(({"not-an-option": 1}, "not one of the items"))
    raise AssertionError(f"no invalid answer for {kind}")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


SHEETS = kit.worksheet_ids()
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.parametrize("worksheet_id", SHEETS)
def test_valid_answers_round_trip(worksheet_id: str) -> None:
    """Do valid answers to every field come back from the journal exactly as saved?"""
    sheet = kit.definition(worksheet_id)

    @FAST
    @given(answers=valid_answers(sheet))
    def check(answers: dict[str, Any]) -> None:
        with tempfile.TemporaryDirectory() as folder, kit.open_journal(folder) as journal:
            record = journal.save(worksheet_id, answers)
            assert record.answers == answers
            assert journal.latest(worksheet_id) == answers

    check()


@pytest.mark.parametrize("worksheet_id", SHEETS)
def test_one_invalid_answer_is_refused_and_nothing_changes(worksheet_id: str) -> None:
    """Does any single invalid answer raise ValidationError on its field, writing nothing?"""
    sheet = kit.definition(worksheet_id)
    candidates = [f for f in sheet.fields if f.kind != "ratings" or f.options_from]

    @FAST
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        answers = data.draw(valid_answers(sheet))
        field = data.draw(st.sampled_from(candidates))
        bad, phrase = data.draw(invalid(field))
        if field.kind == "ratings" and not answers.get(field.options_from):
            answers[field.options_from] = data.draw(valid(sheet.field(field.options_from)))
        answers[field.id] = bad
        with tempfile.TemporaryDirectory() as folder, kit.open_journal(folder) as journal:
            journal.save(worksheet_id, _required(sheet))
            before = digest(journal.path)
            with pytest.raises(kit.ValidationError) as caught:
                journal.save(worksheet_id, answers)
            assert phrase in caught.value.errors[field.id]
            assert len(journal.history(worksheet_id)) == 1
            assert digest(journal.path) == before

    check()


def _required(sheet: kit.Definition) -> dict[str, Any]:
    """The smallest valid answers: one plain answer for each required field."""
    plain = {
        "scale": lambda f: int(f.min),
        "text": lambda f: "x",
        "yesno": lambda f: False,
        "date": lambda f: "2026-01-01",
    }
    return {f.id: plain[f.kind](f) for f in sheet.fields if f.required}
