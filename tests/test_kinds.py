"""One registry per field kind (kit.fields.KINDS): every kind has every part, and a made-up
kind works through the whole kit (definition, saving, summary, page, made-up answers) by
adding its record alone."""

from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit import fields
from kit.analysis.summary import summary
from kit.content import load_definition
from kit.fields import KINDS, Invalid, Kind, counterexample, example, validate_answers
from kit.widgets.inputs import Input, input_class, make_input

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def every_kind() -> kit.Definition:
    return load_definition(FIXTURES / "every-kind.toml")


def test_every_kind_is_in_the_fixture(every_kind: kit.Definition) -> None:
    """Is every registered kind used by the every-kind worksheet the checks below read?"""
    assert {f.kind for f in every_kind.fields} == set(KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_has_every_part(kind: str, every_kind: kit.Definition) -> None:
    """Does the kind's record say what its definition takes, check an answer, read one in
    words, name the input that shows it, and make up an answer it takes and one it refuses?"""
    record = KINDS[kind]
    assert record.name == kind
    assert record.required <= record.keys
    assert issubclass(input_class(kind), Input)
    field = next(f for f in every_kind.fields if f.kind == kind)
    answers: dict = {}
    for earlier in every_kind.fields[: every_kind.fields.index(field)]:
        answers[earlier.id] = example(earlier, ["words"] * 8, answers)
    made = example(field, ["A few words"] * 8, answers)
    kept = validate_answers(every_kind.fields, {**answers, field.id: made})
    assert field.id in kept, f"{kind}: its made-up answer is kept"
    words = record.text(field, kept[field.id])
    assert isinstance(words, str)
    assert words.strip()
    with pytest.raises(Invalid):
        record.validate(field, counterexample(field))
    shown = make_input(field)
    if "options_from" not in record.required:  # ratings draw their rows from the form's picks
        shown.value = kept[field.id]
        assert shown.value == kept[field.id], f"{kind}: the input shows it and gives it back"


def _stars(field: fields.Field, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= field.max:
        raise Invalid("from one star to the most")  # a made-up kind's words, in a test
    return value


STARS = Kind(
    "stars", frozenset({"min", "max"}), frozenset({"min", "max"}),
    validate=_stars,
    text=lambda field, answer: "*" * answer,
    widget="kit.widgets.inputs:ScaleInput",
    example=lambda field, words, answers: int(field.max),
    counterexample=lambda field: 0,
    range="steps",
)  # fmt: skip

STARS_SHEET = """
id = "rated"
title = "Rated"
version = 1

[[sections]]
id = "only"
title = "Only"

[[sections.fields]]
id = "how"
kind = "stars"
prompt = "How many stars?"
required = true
min = 1
max = 5
"""


def test_a_made_up_kind_needs_only_its_record(
    content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With one record added to KINDS and nothing else, does a worksheet of the new kind
    load, save and refuse answers, read in a summary, show an input, and make up answers?"""
    monkeypatch.setitem(KINDS, "stars", STARS)
    (content_dir / "worksheets" / "rated.toml").write_text(STARS_SHEET, encoding="utf-8")
    sheet = kit.definition("rated")
    (field,) = sheet.fields
    assert (field.kind, field.min, field.max) == ("stars", 1, 5)
    with kit.open_journal(content_dir.parent / "data") as journal:
        journal.save("rated", {"how": 4})
        with pytest.raises(kit.ValidationError, match="from one star to the most"):
            journal.save("rated", {"how": 9})
        assert summary(sheet, journal.latest("rated")) == [("How many stars?", "****")]
    assert example(field, []) == 5
    assert counterexample(field) == 0
    shown = make_input(field)
    shown.value = 3
    assert shown.value == 3
    monkeypatch.delitem(KINDS, "stars")
    kit.content._definition.cache_clear()
    with pytest.raises(kit.DefinitionError, match="unknown kind 'stars'"):
        load_definition(content_dir / "worksheets" / "rated.toml")
