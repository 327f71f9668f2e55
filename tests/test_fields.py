"""Tests for kit.fields: which answers each field kind accepts, how they are cleaned,
and the plain-language message a person sees when an answer does not fit.

Fields are built directly (no TOML), so these tests depend on nothing but kit.fields.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.fields import (
    KINDS,
    REQUIRED_MESSAGE,
    AnswerErrors,
    Field,
    Option,
    validate_answers,
)

# --- helpers -------------------------------------------------------------------------


class _Absent:
    """Marks an answer that is missing from the cleaned result (treated as unanswered)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT = _Absent()


def opts(*values: str) -> tuple[Option, ...]:
    return tuple(Option(v, v.capitalize()) for v in values)


def scale(min: int = 0, max: int = 4, *, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "scale", "How much?", required=required, min=min, max=max)


def choice(*values: str, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "choice", "Which one?", required=required, options=opts(*values))


def multi(*values: str, max_items: int | None = None, fid: str = "q") -> Field:
    return Field(fid, "multi", "Which ones?", options=opts(*values), max_items=max_items)


def rank(*values: str, max_items: int | None = None, fid: str = "q") -> Field:
    return Field(fid, "rank", "In what order?", options=opts(*values), max_items=max_items)


def yesno(*, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "yesno", "Yes or no?", required=required)


def text(max_length: int | None = None, *, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "text", "Name?", required=required, max_length=max_length)


def longtext(max_length: int | None = None, *, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "longtext", "Tell me more.", required=required, max_length=max_length)


def date(*, fid: str = "q", required: bool = False) -> Field:
    return Field(fid, "date", "When?", required=required)


def number(
    min: float = 0,
    max: float = 10,
    *,
    integer: bool = False,
    unit: str | None = None,
    fid: str = "q",
    required: bool = False,
) -> Field:
    return Field(
        fid, "number", "How many?", required=required, min=min, max=max, integer=integer, unit=unit
    )


def checklist(
    items: tuple[str, ...] = ("keys", "passport"),
    states: tuple[str, ...] = ("todo", "done"),
    *,
    fid: str = "q",
    required: bool = False,
) -> Field:
    return Field(
        fid,
        "checklist",
        "What is ready?",
        required=required,
        options=opts(*items),
        states=opts(*states),
    )


PERSON_FIELDS = (
    Field("name", "text", "Name", max_length=20),
    Field("age", "number", "Age", min=0, max=120),
)


def people(
    subs: tuple[Field, ...] = PERSON_FIELDS,
    *,
    max_items: int | None = None,
    item_label: str | None = None,
    fid: str = "q",
    required: bool = False,
) -> Field:
    return Field(
        fid,
        "list",
        "Who can help?",
        required=required,
        fields=subs,
        max_items=max_items,
        item_label=item_label,
    )


def clean(field: Field, value: Any) -> Any:
    """The cleaned answer for one field, or ABSENT if it counts as unanswered."""
    return validate_answers((field,), {field.id: value}).get(field.id, ABSENT)


def problem(field: Field, value: Any) -> str:
    """The message a person sees for one refused answer."""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers((field,), {field.id: value})
    assert set(caught.value.errors) == {field.id}
    return caught.value.errors[field.id]


def assert_same(result: Any, expected: Any) -> None:
    """Equal, and of the same type (so 7 is not 7.0, and True is not 1)."""
    assert result == expected
    assert type(result) is type(expected)


# --- scale ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(3, 3, id="int"),
        pytest.param(0, 0, id="zero-is-an-answer"),
        pytest.param(4, 4, id="top-of-range"),
        pytest.param(3.0, 3, id="whole-float"),
        pytest.param("3", 3, id="digit-string"),
        pytest.param(" 2 ", 2, id="padded-digit-string"),
    ],
)
def test_scale_accepts(value: Any, expected: int) -> None:
    """Does a scale accept a whole number in range and store it as an int?"""
    assert_same(clean(scale(0, 4), value), expected)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        pytest.param(5, "from 0 to 4", id="above-max"),
        pytest.param(-1, "from 0 to 4", id="below-min"),
        pytest.param(True, "pick a number", id="True"),
        pytest.param(False, "pick a number", id="False"),
        pytest.param(2.5, "whole number", id="fraction"),
        pytest.param("seven", "whole number", id="word"),
        pytest.param("3.0", "whole number", id="decimal-string"),
        pytest.param(float("nan"), "whole number", id="nan"),
        pytest.param(float("inf"), "whole number", id="inf"),
        pytest.param([3], "whole number", id="list"),
        pytest.param("\ud800", "whole number", id="lone-surrogate"),
    ],
)
def test_scale_refuses(value: Any, phrase: str) -> None:
    """Is an out-of-range, boolean or non-whole scale answer refused with a plain message?"""
    assert phrase in problem(scale(0, 4), value)


# --- choice --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("sometimes", "sometimes", id="option"),
        pytest.param(Option("never", "Not at all"), "never", id="option-object"),
    ],
)
def test_choice_accepts(value: Any, expected: str) -> None:
    """Does a choice accept one of its option values and store it as a plain str?"""
    assert_same(clean(choice("never", "sometimes", "often"), value), expected)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("always", id="unknown-option"),
        pytest.param("Sometimes", id="label-case-differs"),
        pytest.param(" sometimes", id="padded-option"),
        pytest.param(["sometimes"], id="list-of-option"),
        pytest.param(1, id="index"),
        pytest.param(True, id="bool"),
        pytest.param("\ud800", id="lone-surrogate"),
    ],
)
def test_choice_refuses(value: Any) -> None:
    """Is an option that does not exist refused with a message pointing at the options?"""
    assert "one of the options" in problem(choice("never", "sometimes", "often"), value)


# --- multi ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(["money", "phone"], ["phone", "money"], id="definition-order"),
        pytest.param(["friends", "phone", "friends"], ["phone", "friends"], id="duplicate-dropped"),
        pytest.param(("money",), ["money"], id="tuple"),
        pytest.param({"friends", "money"}, ["money", "friends"], id="set"),
        pytest.param(["money", "money", "money"], ["money"], id="dupes-count-once-for-max"),
    ],
)
def test_multi_accepts(value: Any, expected: list[str]) -> None:
    """Is a multi answer returned in option order, with duplicates dropped?"""
    assert_same(clean(multi("phone", "money", "friends", max_items=2), value), expected)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        pytest.param("phone", "pick from the options", id="bare-string"),
        pytest.param({"phone": True}, "pick from the options", id="dict"),
        pytest.param(3, "pick from the options", id="int"),
        pytest.param(["phone", "car"], "'car' is not one of the options", id="unknown-option"),
        pytest.param(["phone", 1], "1 is not one of the options", id="non-string-item"),
        pytest.param(["phone", "money", "friends"], "at most 2", id="over-max-items"),
    ],
)
def test_multi_refuses(value: Any, phrase: str) -> None:
    """Is a multi answer with an unknown option, the wrong shape or too many picks refused?"""
    assert phrase in problem(multi("phone", "money", "friends", max_items=2), value)


def test_multi_does_not_change_the_given_list() -> None:
    """Is the caller's list left as it was while a sorted copy is returned?"""
    given_list = ["money", "phone", "money"]
    assert clean(multi("phone", "money"), given_list) == ["phone", "money"]
    assert given_list == ["money", "phone", "money"]


# --- rank ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(["calm", "honesty"], ["calm", "honesty"], id="given-order-kept"),
        pytest.param(["honesty", "calm"], ["honesty", "calm"], id="other-order-kept"),
        pytest.param(("fun",), ["fun"], id="tuple-partial"),
    ],
)
def test_rank_accepts(value: Any, expected: list[str]) -> None:
    """Does a rank keep the order the person gave?"""
    assert_same(clean(rank("honesty", "calm", "fun", max_items=2), value), expected)


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        pytest.param(["calm", "calm"], "only once", id="duplicate"),
        pytest.param(["calm", "money"], "'money' is not one of the options", id="unknown-option"),
        pytest.param("calm", "pick from the options", id="bare-string"),
        pytest.param(["honesty", "calm", "fun"], "at most 2", id="over-max-items"),
    ],
)
def test_rank_refuses(value: Any, phrase: str) -> None:
    """Is a rank with a repeated or unknown option, or too many options, refused?"""
    assert phrase in problem(rank("honesty", "calm", "fun", max_items=2), value)


# --- yesno ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value", [pytest.param(True, id="yes"), pytest.param(False, id="no-is-an-answer")]
)
def test_yesno_accepts(value: bool) -> None:
    """Is both yes and no kept, so that "no" is not mistaken for unanswered?"""
    assert_same(clean(yesno(), value), value)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("yes", id="word-yes"),
        pytest.param("false", id="word-false"),
        pytest.param(1, id="one"),
        pytest.param(0, id="zero"),
        pytest.param([True], id="list"),
    ],
)
def test_yesno_refuses(value: Any) -> None:
    """Is anything but a real bool refused for a yes/no question?"""
    assert "yes or no" in problem(yesno(), value)


# --- text ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param(text(), "Sam", "Sam", id="word"),
        pytest.param(text(), "  Sam \t", "Sam", id="stripped"),
        pytest.param(text(), "Sam\n", "Sam", id="trailing-newline-stripped"),
        pytest.param(text(), "Sam Lee-O’Neil", "Sam Lee-O’Neil", id="typography"),
        pytest.param(text(), "Zoë 😊", "Zoë 😊", id="non-ascii"),
        pytest.param(text(5), "abcde", "abcde", id="exactly-max-length"),
        pytest.param(text(5), "  abcde  ", "abcde", id="padding-not-counted"),
        pytest.param(text(), "a" * 200, "a" * 200, id="exactly-default-200"),
    ],
)
def test_text_accepts(field: Field, value: str, expected: str) -> None:
    """Is one line of text accepted and stripped of surrounding space?"""
    assert_same(clean(field, value), expected)


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        pytest.param(text(), "first\nsecond", "one line", id="two-lines"),
        pytest.param(text(), "first\r\nsecond", "one line", id="two-lines-crlf"),
        pytest.param(text(), "first\rsecond", "one line", id="carriage-return"),
        pytest.param(text(5), "abcdef", "5 characters or fewer (it has 6)", id="one-over-max"),
        pytest.param(text(), "a" * 201, "200 characters or fewer", id="one-over-default"),
        pytest.param(text(), "\ud800", "can't be stored", id="lone-surrogate"),
        pytest.param(text(), "Sam\udfff", "can't be stored", id="trailing-surrogate"),
        pytest.param(text(), 42, "type some text", id="int"),
        pytest.param(text(), ["Sam"], "type some text", id="list"),
    ],
)
def test_text_refuses(field: Field, value: Any, phrase: str) -> None:
    """Is a two-line, over-long, unstorable or non-text answer refused for a one-line field?"""
    assert phrase in problem(field, value)


@pytest.mark.parametrize(
    "separator",
    [
        pytest.param("\u2028", id="line-separator"),
        pytest.param("\u2029", id="paragraph-separator"),
        pytest.param("\x0b", id="vertical-tab"),
        pytest.param("\x85", id="next-line"),
    ],
)
def test_text_refuses_other_line_breaks(separator: str) -> None:
    """Is a one-line answer split by a non-\\n line break (as str.splitlines sees it) refused?"""
    assert "one line" in problem(text(), f"first{separator}second")


# --- longtext ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param(longtext(), "It started\nwhen…", "It started\nwhen…", id="several-lines"),
        pytest.param(longtext(), "  indented\n", "  indented\n", id="spacing-kept"),
        pytest.param(longtext(4), "ab\nc", "ab\nc", id="exactly-max-length"),
        pytest.param(longtext(), "x" * 10_000, "x" * 10_000, id="exactly-default-10000"),
    ],
)
def test_longtext_accepts(field: Field, value: str, expected: str) -> None:
    """Is longer text kept as typed, line breaks and spacing included?"""
    assert_same(clean(field, value), expected)


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        pytest.param(longtext(4), "ab\ncd", "4 characters or fewer (it has 5)", id="one-over-max"),
        pytest.param(longtext(), "x" * 10_001, "10,000 characters or fewer", id="over-default"),
        pytest.param(longtext(), "diary \ud800 entry", "can't be stored", id="lone-surrogate"),
        pytest.param(longtext(), {"text": "hi"}, "type some text", id="dict"),
    ],
)
def test_longtext_refuses(field: Field, value: Any, phrase: str) -> None:
    """Is an over-long or unstorable long answer refused with a plain message?"""
    assert phrase in problem(field, value)


@pytest.mark.parametrize("value", ["  ", "\n\t \n", ""])
@pytest.mark.parametrize("make", [text, longtext], ids=["text", "longtext"])
def test_blank_text_counts_as_missing(make: Any, value: str) -> None:
    """Does an answer of only spaces count as missing in a required text field?"""
    assert problem(make(required=True), value) == REQUIRED_MESSAGE
    assert clean(make(), value) is ABSENT


# --- date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(dt.date(2026, 3, 14), "2026-03-14", id="date"),
        pytest.param(dt.datetime(2026, 3, 14, 23, 59), "2026-03-14", id="datetime"),
        pytest.param(dt.datetime(2026, 3, 14, 1, tzinfo=dt.UTC), "2026-03-14", id="aware-datetime"),
        pytest.param("2026-03-14", "2026-03-14", id="iso-string"),
        pytest.param(" 2026-03-14\n", "2026-03-14", id="padded-iso-string"),
        pytest.param("2024-02-29", "2024-02-29", id="leap-day"),
        pytest.param("20260314", "2026-03-14", id="basic-iso-format"),
    ],
)
def test_date_accepts(value: Any, expected: str) -> None:
    """Is a date, datetime or ISO date string stored as an ISO date string?"""
    assert_same(clean(date(), value), expected)


@pytest.mark.parametrize(
    "value",
    [
        pytest.param("14/03/2026", id="day-first"),
        pytest.param("March 14", id="words"),
        pytest.param("2026-02-30", id="no-such-day"),
        pytest.param("2025-02-29", id="not-a-leap-year"),
        pytest.param("2026-03-14T10:00", id="iso-datetime-string"),
        pytest.param(20260314, id="int"),
        pytest.param(dt.time(10, 0), id="time"),
        pytest.param("\ud800", id="lone-surrogate"),
    ],
)
def test_date_refuses(value: Any) -> None:
    """Is something that is not a calendar date refused, with an example of the format?"""
    assert "like 2026-03-14" in problem(date(), value)


# --- number --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        pytest.param(number(), 7, 7, id="int"),
        pytest.param(number(), 0, 0, id="zero-is-an-answer"),
        pytest.param(number(), 7.5, 7.5, id="float"),
        pytest.param(number(), 7.0, 7, id="whole-float-becomes-int"),
        pytest.param(number(), "7", 7, id="string-int"),
        pytest.param(number(), "7.5", 7.5, id="string-decimal-point"),
        pytest.param(number(), "7,5", 7.5, id="string-decimal-comma"),
        pytest.param(number(), " 7 ", 7, id="padded-string"),
        pytest.param(number(), "7.0", 7, id="string-whole-decimal"),
        pytest.param(number(), "1e1", 10, id="exponent"),
        pytest.param(number(-5, 5), "-2.5", -2.5, id="negative"),
        pytest.param(number(), 10, 10, id="max-inclusive"),
        pytest.param(number(0.5, 2.5), 0.5, 0.5, id="float-min-inclusive"),
        pytest.param(number(integer=True), 7.0, 7, id="integer-field-whole-float"),
        pytest.param(number(integer=True), "8", 8, id="integer-field-string"),
    ],
)
def test_number_accepts(field: Field, value: Any, expected: int | float) -> None:
    """Is a number accepted, a decimal comma understood, and a whole value stored as an int?"""
    assert_same(clean(field, value), expected)


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        pytest.param(number(), "seven", "like 7 or 7.5", id="word"),
        pytest.param(number(), "7 1/2", "like 7 or 7.5", id="fraction-words"),
        pytest.param(number(), "1,000.5", "like 7 or 7.5", id="two-separators"),
        pytest.param(number(), "nan", "like 7 or 7.5", id="nan-string"),
        pytest.param(number(), "inf", "like 7 or 7.5", id="inf-string"),
        pytest.param(number(), "1e400", "ordinary number", id="overflowing-string"),
        pytest.param(number(), float("nan"), "ordinary number", id="nan"),
        pytest.param(number(), float("inf"), "ordinary number", id="inf"),
        pytest.param(number(), float("-inf"), "ordinary number", id="minus-inf"),
        pytest.param(number(), True, "enter a number", id="True"),
        pytest.param(number(), False, "enter a number", id="False"),
        pytest.param(number(), [7], "enter a number", id="list"),
        pytest.param(number(), 11, "from 0 to 10", id="above-max"),
        pytest.param(number(), -0.5, "from 0 to 10", id="below-min"),
        pytest.param(number(0.5, 2.5), 3, "from 0.5 to 2.5", id="fractional-bounds-in-message"),
        pytest.param(number(0, 24, unit="hours"), 25, "from 0 to 24 hours", id="unit-in-message"),
        pytest.param(number(integer=True), 7.5, "whole number", id="integer-field-fraction"),
        pytest.param(number(integer=True), "7,5", "whole number", id="integer-field-comma"),
        pytest.param(number(), "1" * 5000, "like 7 or 7.5", id="absurdly-long-digits"),
        pytest.param(number(), "\ud800", "like 7 or 7.5", id="lone-surrogate"),
    ],
)
def test_number_refuses(field: Field, value: Any, phrase: str) -> None:
    """Is a word, NaN/inf, a bool or an out-of-range number refused with a plain message?"""
    assert phrase in problem(field, value)


@pytest.mark.parametrize("value", ["1,000", "12,500"])
def test_number_does_not_misread_thousands_separator(value: str) -> None:
    """Is "1,000" either refused or read as a thousand, never silently stored as 1?"""
    field = number(0, 100_000)
    try:
        result = clean(field, value)
    except AnswerErrors:
        return
    assert result == int(value.replace(",", ""))


# --- checklist -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param({"keys": "done"}, {"keys": "done"}, id="one-item"),
        pytest.param(
            {"passport": "todo", "keys": "done"},
            {"keys": "done", "passport": "todo"},
            id="both-items",
        ),
        pytest.param({"keys": "done", "passport": ""}, {"keys": "done"}, id="empty-state-ignored"),
        pytest.param(
            {"keys": None, "passport": "todo"}, {"passport": "todo"}, id="none-state-ignored"
        ),
        pytest.param({"keys": "  ", "passport": "done"}, {"passport": "done"}, id="blank-ignored"),
        pytest.param({"keys": Option("done")}, {"keys": "done"}, id="option-object-state"),
    ],
)
def test_checklist_accepts(value: Any, expected: dict[str, str]) -> None:
    """Is a checklist kept as {item: state}, with empty states left out?"""
    result = clean(checklist(), value)
    assert_same(result, expected)
    assert all(type(k) is str and type(v) is str for k, v in result.items())


def test_checklist_of_only_empty_states_is_unanswered() -> None:
    """Does a checklist with every state empty count as unanswered?"""
    assert clean(checklist(), {"keys": "", "passport": None}) is ABSENT
    assert problem(checklist(required=True), {"keys": None}) == REQUIRED_MESSAGE


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        pytest.param({"keys": "lost"}, "Keys: 'lost' is not one of the states", id="unknown-state"),
        pytest.param({"keys": "Done"}, "not one of the states", id="state-label-case"),
        pytest.param({"keys": 1}, "not one of the states", id="int-state"),
        pytest.param({"wallet": "done"}, "'wallet' is not one of the items", id="unknown-item"),
        pytest.param(
            {"keys": "done", "wallet": ""}, "'wallet' is not one of the items", id="unknown-empty"
        ),
        pytest.param(["keys"], "set a state", id="list"),
        pytest.param("keys", "set a state", id="string"),
    ],
)
def test_checklist_refuses(value: Any, phrase: str) -> None:
    """Is a state or item that does not exist, or a non-mapping, refused?"""
    assert phrase in problem(checklist(), value)


@pytest.mark.parametrize(
    "state", [pytest.param(["done"], id="list-state"), pytest.param({"x": 1}, id="dict-state")]
)
def test_checklist_refuses_unhashable_state(state: Any) -> None:
    """Is a list or dict given as a checklist state refused with a message, not a crash?"""
    assert "not one of the states" in problem(checklist(), {"keys": state})


# --- list ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param([{"name": "Ana"}], [{"name": "Ana"}], id="one-entry"),
        pytest.param(
            [{"name": " Ana ", "age": "34"}, {"age": 7.0}],
            [{"name": "Ana", "age": 34}, {"age": 7}],
            id="sub-fields-cleaned",
        ),
        pytest.param(
            [{}, {"name": "Ana"}, {"name": "  ", "age": None}],
            [{"name": "Ana"}],
            id="empty-entries-dropped",
        ),
        pytest.param(({"name": "Ana"},), [{"name": "Ana"}], id="tuple"),
        pytest.param(
            [{"name": "Ana"}, {"name": "Ana"}],
            [{"name": "Ana"}, {"name": "Ana"}],
            id="repeated-entries-kept",
        ),
        pytest.param(
            [{"name": "A"}, {"name": "B"}, {}, {}], [{"name": "A"}, {"name": "B"}], id="blanks-free"
        ),
    ],
)
def test_list_accepts(value: Any, expected: list[dict[str, Any]]) -> None:
    """Are list entries cleaned field by field, with entirely empty entries dropped?"""
    assert_same(clean(people(max_items=2), value), expected)


def test_list_of_only_empty_entries_is_unanswered() -> None:
    """Does a list whose entries are all empty count as unanswered?"""
    assert clean(people(), [{}, {"name": " "}]) is ABSENT
    assert problem(people(required=True), [{}, {"name": " "}]) == REQUIRED_MESSAGE


@pytest.mark.parametrize(
    ("field", "value", "phrase"),
    [
        pytest.param(people(), {"name": "Ana"}, "add entries using the form", id="dict"),
        pytest.param(people(), "Ana", "add entries using the form", id="string"),
        pytest.param(people(), 3, "add entries using the form", id="int"),
        pytest.param(people(), [{"name": "Ana"}, "Bo"], "Entry 2 is not in a form", id="str-entry"),
        pytest.param(
            people(),
            [{"name": "Ana"}, {"name": "Bo", "age": "seven"}],
            "Entry 2, “Age”: Please enter a number, like 7 or 7.5.",
            id="bad-sub-field-position",
        ),
        pytest.param(
            people(),
            [{"name": "Ana\nBo"}],
            "Entry 1, “Name”: Please keep this to one line.",
            id="two-line-sub-text",
        ),
        pytest.param(
            people(),
            [{"name": "\ud800"}],
            "Entry 1, “Name”: This contains characters that can't be stored",
            id="lone-surrogate-sub-text",
        ),
        pytest.param(
            people(item_label="Person"),
            [{"name": "Ana"}, {}, {"age": 200}],
            "Person 3, “Age”: Please enter a number from 0 to 120.",
            id="item-label-and-position-counts-blanks",
        ),
        pytest.param(
            people(),
            [{"name": "Ana", "phone": "123"}],
            "Entry 1, “phone”: This question is not part of this worksheet.",
            id="unknown-sub-field",
        ),
        pytest.param(
            people(max_items=2),
            [{"name": "A"}, {"name": "B"}, {"name": "C"}],
            "2 entries or fewer",
            id="over-max-items",
        ),
        pytest.param(people(), [{"name": str(n)} for n in range(51)], "50 entries", id="over-50"),
    ],
)
def test_list_refuses(field: Field, value: Any, phrase: str) -> None:
    """Is a list of the wrong shape, or with a bad sub-field, refused naming entry and field?"""
    assert phrase in problem(field, value)


def test_list_blank_entry_is_dropped_even_with_a_required_sub_field() -> None:
    """Is an entry left entirely blank (an "Add" pressed by mistake) dropped, not refused?"""
    subs = (Field("name", "text", "Name", required=True), PERSON_FIELDS[1])
    assert clean(people(subs), [{"name": "Ana"}, {"name": "  "}, {}]) == [{"name": "Ana"}]


def test_list_half_filled_entry_with_required_sub_field_is_refused() -> None:
    """Is an entry with something in it, but not its required name, refused by position?"""
    subs = (Field("name", "text", "Name", required=True), PERSON_FIELDS[1])
    message = problem(people(subs), [{"name": "Ana"}, {PERSON_FIELDS[1].id: 3}])
    assert message == f"Entry 2, “Name”: {REQUIRED_MESSAGE}"


# --- validate_answers ----------------------------------------------------------------


SHEET = (
    scale(1, 5, fid="overall", required=True),
    yesno(fid="afraid"),
    multi("phone", "money", fid="controlled"),
    text(fid="name"),
    longtext(fid="note"),
    number(0, 24, fid="hours"),
)


@pytest.mark.parametrize(
    "missing",
    [
        pytest.param(ABSENT, id="key-absent"),
        pytest.param(None, id="none"),
        pytest.param("", id="empty-string"),
        pytest.param("   ", id="spaces"),
        pytest.param([], id="empty-list"),
        pytest.param({}, id="empty-dict"),
    ],
)
def test_required_missing_is_reported(missing: Any) -> None:
    """Is a required question left empty (in any of the ways) reported as needed?"""
    answers = {"afraid": True} if missing is ABSENT else {"overall": missing, "afraid": True}
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, answers)
    assert caught.value.errors == {"overall": REQUIRED_MESSAGE}


def test_all_problems_are_reported_at_once() -> None:
    """Are several wrong answers reported together, one message per field?"""
    answers = {"afraid": "yes", "controlled": ["car"], "name": "a\nb", "hours": 25}
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, answers)
    errors = caught.value.errors
    assert set(errors) == {"overall", "afraid", "controlled", "name", "hours"}
    assert errors["overall"] == REQUIRED_MESSAGE
    assert "yes or no" in errors["afraid"]
    assert "'car'" in errors["controlled"]
    assert "one line" in errors["name"]
    assert "from 0 to 24" in errors["hours"]
    assert all(isinstance(m, str) and m for m in errors.values())


def test_unknown_key_is_reported_under_that_key() -> None:
    """Is an answer to a question the worksheet does not have reported under its own key?"""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, {"overall": 3, "mood": "fine"})
    assert set(caught.value.errors) == {"mood"}
    assert "not part of this worksheet" in caught.value.errors["mood"]


def test_unknown_key_is_reported_alongside_other_problems() -> None:
    """Is an unknown key reported together with problems in known fields?"""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, {"overall": 9, "mood": "fine", "": 1})
    assert set(caught.value.errors) == {"overall", "mood", ""}


@pytest.mark.parametrize(
    "answers",
    [
        pytest.param([("overall", 3)], id="list-of-pairs"),
        pytest.param("overall=3", id="string"),
        pytest.param(None, id="none"),
        pytest.param(3, id="int"),
    ],
)
def test_non_mapping_is_refused(answers: Any) -> None:
    """Are answers that are not a mapping refused with a message rather than a crash?"""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, answers)
    assert list(caught.value.errors) == [""]
    assert "mapping" in caught.value.errors[""]


def test_unanswered_optional_fields_are_absent() -> None:
    """Are optional questions that were not answered simply absent from the result?"""
    answers = {"overall": "4", "controlled": [], "name": "  ", "note": None}
    assert validate_answers(SHEET, answers) == {"overall": 4}


def test_falsy_answers_are_kept() -> None:
    """Are "no" and zero kept as answers rather than taken for unanswered?"""
    answers = {"overall": 1, "afraid": False, "hours": 0}
    assert validate_answers(SHEET, answers) == {"overall": 1, "afraid": False, "hours": 0}


def test_answer_errors_carries_the_errors_mapping() -> None:
    """Does AnswerErrors expose the messages as a plain dict on .errors?"""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(SHEET, {})
    assert isinstance(caught.value.errors, dict)
    assert caught.value.args == ({"overall": REQUIRED_MESSAGE},)


def test_empty_worksheet_accepts_empty_answers() -> None:
    """Does a worksheet with no fields accept no answers?"""
    assert validate_answers((), {}) == {}


# --- properties ----------------------------------------------------------------------

LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

ALL_KINDS = (
    scale(0, 10, fid="scale"),
    choice("never", "sometimes", "often", fid="choice"),
    multi("phone", "money", "friends", "car", max_items=3, fid="multi"),
    yesno(fid="yesno"),
    text(30, fid="text"),
    longtext(200, fid="longtext"),
    date(fid="date"),
    number(-50, 50, fid="number"),
    number(0, 24, integer=True, unit="hours", fid="hours"),
    rank("honesty", "calm", "fun", "money", max_items=3, fid="rank"),
    checklist(("keys", "passport", "cash"), ("todo", "asked", "done"), fid="checklist"),
    people(max_items=4, fid="list"),
    Field(
        "ratings", "ratings", "Rate each", options_from="rank",
        options=opts("honesty", "calm", "fun", "money"), min=1, max=5,
    ),
)  # fmt: skip

_storable_chars = st.characters(exclude_categories=("Cs",))
_one_line_chars = st.characters(exclude_categories=("Cs",), exclude_characters=LINE_BREAKS)
_padding = st.text(" \t", max_size=3)


def _options(field: Field) -> st.SearchStrategy[str]:
    return st.sampled_from([str(o) for o in field.options])


def _one_line(max_size: int) -> st.SearchStrategy[str]:
    return st.builds(
        lambda pad, body: pad + body + pad, _padding, st.text(_one_line_chars, max_size=max_size)
    )


def _number(low: int, high: int) -> st.SearchStrategy[Any]:
    floats = st.floats(low, high, allow_nan=False, allow_infinity=False)
    return st.one_of(
        st.integers(low, high),
        st.integers(low, high).map(lambda n: f" {n} "),
        floats,
        floats.map(repr),
    )


def _checklist_states(field: Field) -> st.SearchStrategy[dict[str, Any]]:
    states = st.one_of(st.sampled_from([str(s) for s in field.states]), st.sampled_from(["", None]))
    return st.dictionaries(_options(field), states)


def _valid(field: Field) -> st.SearchStrategy[Any]:
    """A strategy for answers this field must accept."""
    by_kind: dict[str, Any] = {
        "scale": lambda: st.one_of(
            st.integers(0, 10), st.integers(0, 10).map(str), st.integers(0, 10).map(float)
        ),
        "choice": lambda: _options(field),
        "multi": lambda: st.lists(_options(field), unique=True, max_size=3).flatmap(
            lambda picked: st.permutations(picked + picked[:1])
        ),
        "yesno": st.booleans,
        "text": lambda: _one_line(30),
        "longtext": lambda: st.text(_storable_chars, max_size=200),
        "date": lambda: st.one_of(
            st.dates(), st.datetimes(), st.dates().map(lambda d: d.isoformat())
        ),
        "number": lambda: (
            st.integers(0, 24) if field.integer else _number(int(field.min), int(field.max))
        ),
        "rank": lambda: st.lists(_options(field), unique=True, max_size=3),
        "checklist": lambda: _checklist_states(field),
        "ratings": lambda: st.dictionaries(_options(field), st.integers(1, 5)),
        "list": lambda: st.lists(
            st.fixed_dictionaries(
                {}, optional={"name": _one_line(20), "age": _number(0, 120) | st.none()}
            ),
            max_size=4,
        ),
    }
    return by_kind[field.kind]()


VALID_ANSWERS = st.fixed_dictionaries({}, optional={f.id: _valid(f) for f in ALL_KINDS})


def test_property_fields_cover_every_kind() -> None:
    """Do the property tests below exercise every field kind?"""
    assert {f.kind for f in ALL_KINDS} == set(KINDS)


@settings(max_examples=200, deadline=None)
@given(answers=VALID_ANSWERS)
def test_valid_answers_are_accepted_idempotent_and_json_safe(answers: dict[str, Any]) -> None:
    """Are valid answers accepted, stable when re-validated, and unchanged by a JSON round trip?"""
    cleaned = validate_answers(ALL_KINDS, answers)
    assert set(cleaned) <= set(answers)
    assert validate_answers(ALL_KINDS, cleaned) == cleaned
    # The journal stores answers exactly like this (see Journal.save).
    payload = json.dumps(cleaned, ensure_ascii=False, sort_keys=True).encode("utf-8")
    assert json.loads(payload) == cleaned
    assert json.loads(json.dumps(cleaned)) == cleaned


_any_text = st.one_of(
    st.text(),
    st.text(st.characters(exclude_categories=())),  # surrogates included
    st.text(st.one_of(st.characters(), st.sampled_from(list("\ud800\udfff " + LINE_BREAKS)))),
    st.text(max_size=300),
)


@pytest.mark.parametrize(
    "field",
    [
        pytest.param(text(30, fid="t"), id="text"),
        pytest.param(longtext(200, fid="t"), id="longtext"),
        pytest.param(text(fid="t", required=True), id="required-text"),
    ],
)
@settings(max_examples=200, deadline=None)
@given(value=_any_text)
def test_any_text_is_cleaned_or_refused_never_crashes(field: Field, value: str) -> None:
    """Does any text, surrogates included, give back a storable string or AnswerErrors only?"""
    errors: dict[str, str] = {}
    try:
        cleaned = validate_answers((field,), {field.id: value})
    except AnswerErrors as caught:
        errors, cleaned = caught.errors, {}
    if errors:
        assert set(errors) == {"t"}
        assert isinstance(errors["t"], str)
        assert errors["t"]
    elif "t" in cleaned:
        result = cleaned["t"]
        assert isinstance(result, str)
        assert result.strip()
        result.encode("utf-8")
        assert len(result) <= (field.max_length or 200)


# --- ratings: one scale for each option picked in another field ---------------------------

RATED = (
    rank("honesty", "calm", "fun", fid="top"),
    Field("lives", "ratings", "Live it", options_from="top", options=opts("honesty", "calm", "fun"),
          min=1, max=5),
)  # fmt: skip


RATINGS = {
    "picked and rated": ({"top": ["fun", "honesty"], "lives": {"honesty": 2, "fun": 5}},
                         {"top": ["fun", "honesty"], "lives": {"honesty": 2, "fun": 5}}),
    "rating of an unpicked option dropped": ({"top": ["calm"], "lives": {"calm": 3, "fun": 1}},
                                              {"top": ["calm"], "lives": {"calm": 3}}),
    "nothing picked, ratings dropped": ({"lives": {"calm": 3}}, {}),
    "empty rating skipped": ({"top": ["calm"], "lives": {"calm": None}}, {"top": ["calm"]}),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), RATINGS.values(), ids=RATINGS.keys())
def test_ratings_follow_what_was_picked(answers: dict, expected: dict) -> None:
    """Are ratings kept only for the options still picked in the field they rate?"""
    assert validate_answers(RATED, answers) == expected


RATINGS_REFUSED = {
    "out of range": ({"top": ["calm"], "lives": {"calm": 6}}, "from 1 to 5"),
    "unknown item": ({"top": ["calm"], "lives": {"wealth": 3}}, "not one of the items"),
    "not a mapping": ({"top": ["calm"], "lives": [3]}, "rate the items"),
    "a yes for a number": ({"top": ["calm"], "lives": {"calm": True}}, "number"),
}


@pytest.mark.parametrize(
    ("answers", "phrase"), RATINGS_REFUSED.values(), ids=RATINGS_REFUSED.keys()
)
def test_ratings_refuse(answers: dict, phrase: str) -> None:
    """Is a bad rating refused on the ratings field, naming the item where it can?"""
    with pytest.raises(AnswerErrors) as caught:
        validate_answers(RATED, answers)
    assert phrase in caught.value.errors["lives"]
