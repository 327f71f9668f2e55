"""Field kinds: what each kind of question accepts, in one place.

A worksheet is a list of fields, and every field has a *kind*. Each kind is one record in
:data:`KINDS` (a :class:`Kind`): which definition keys it takes and how they are checked
(when ``data/worksheets/*.toml`` is loaded, by :mod:`kit.content`), which answers it
accepts (checked before anything is saved), how a kept answer reads in words (summaries,
the report, the therapist's inbox), which input shows it (named, and imported only when a
page is drawn), and an answer it takes and one it refuses, made up for the tests. This
module imports nothing of widgets or storage, so both can rely on it and it can be tested
alone.

Answers are plain JSON-able values, the same in Python, on disk and in exports:

=========  ==============================================  ======================
kind       answer                                          example
=========  ==============================================  ======================
scale      int in min..max                                 3
choice     one option value                                "sometimes"
multi      list of option values, in definition order      ["phone", "money"]
yesno      bool                                            True
text       one line of text, at most max_length            "Sam"
longtext   text, at most max_length                        "It started when…"
date       ISO date string                                 "2026-11-29"
number     int or float in min..max                        7.5
rank       ordered list of distinct option values          ["honesty", "calm"]
checklist  {option value: state value}                     {"keys": "done"}
list       list of {sub-field id: answer}                  [{"name": "Ana"}]
ratings    {picked option: int in min..max}                {"honesty": 4}
=========  ==============================================  ======================

A ``ratings`` field rates each option picked in another field of the same worksheet
(``options_from``); ratings of options that are no longer picked are dropped on saving.

An unanswered question is simply absent from the saved answers.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .text import language, t, tn

ID_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,39}")
# A typed number: plain digits, a decimal point or comma ("7,5" in much of Europe), an
# exponent. "1,000" is ambiguous (one thousand, or one?) and is refused with a hint.
NUMBER = re.compile(r"[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?|[+-]?[.,][0-9]+")
THOUSANDS = re.compile(r"[+-]?[0-9]{1,3}(,[0-9]{3})+")

COMMON_KEYS = {"id", "kind", "prompt", "help", "required", "role"}

DEFAULT_MAX_LENGTH = {"text": 200, "longtext": 10_000}
MAX_LENGTH_LIMIT = {"text": 1_000, "longtext": 100_000}
DEFAULT_LIST_ITEMS = 50


class Option(str):
    """An option's stored value (the string itself) with the label people see.

    An option marked ``safety`` raises a safety flag when it is picked (see
    :func:`kit.safety_flags`), named by its ``flag`` (or its label).
    """

    label: str
    help: str | None
    safety: bool
    flag: str | None

    def __new__(
        cls,
        value: str,
        label: str | None = None,
        help: str | None = None,
        safety: bool = False,
        flag: str | None = None,
    ) -> Option:
        option = super().__new__(cls, value)
        option.label = label if label is not None else value
        option.help = help
        option.safety = safety
        option.flag = flag
        return option

    def __reduce__(self) -> tuple[Any, ...]:
        return (Option, (str(self), self.label, self.help, self.safety, self.flag))


@dataclass(frozen=True)
class Field:
    """One question of a worksheet, as defined in its TOML file."""

    id: str
    kind: str
    prompt: str
    help: str | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    states: tuple[Option, ...] = ()
    min: float | None = None
    max: float | None = None
    anchors: Mapping[int, str] = field(default_factory=dict)
    integer: bool = False
    unit: str | None = None
    max_length: int | None = None
    placeholder: str | None = None
    max_items: int | None = None
    item_label: str | None = None
    fields: tuple[Field, ...] = ()
    defaults: tuple[Mapping[str, Any], ...] = ()
    """For a list: the entries a new page starts with (a person can change or remove them)."""
    safety: bool = False
    """A yes (yesno) or any ticked option (multi) raises a safety flag; see kit.safety_flags.
    Single options of a choice or multi field can be marked too (:class:`Option`)."""
    flag: str | None = None
    """For a safety yes/no: how the concern is named, e.g. "Afraid of them"."""
    options_from: str | None = None
    """For ratings: the rank or multi field whose picked options are rated (one scale each)."""
    role: str | None = None
    """What the kit's code reads this field as (see kit.roles): code finds a field by its
    role, never by its id or place, so words, order and ids can change freely."""

    def option(self, value: str) -> Option | None:
        """The option with this value, or None."""
        return next((o for o in self.options if o == value), None)


def is_empty(value: Any) -> bool:
    """True for the values that mean "not answered"."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, list | tuple | set | frozenset | dict):
        return len(value) == 0
    return False


class Invalid(Exception):
    """An answer does not fit its field; the message is for a person."""


def _storable(text: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Invalid(t("answers.unstorable")) from None
    return text


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise Invalid(t("answers.pick-number"))
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
        return int(value)
    raise Invalid(t("answers.pick-whole-number"))


def _fmt(number: float | None) -> str:
    """A range's end as the language writes it, without a thousands separator (which the
    number box would refuse if it were typed back)."""
    from babel.numbers import format_decimal

    if number is None:
        return ""
    value = int(number) if float(number).is_integer() else number
    return format_decimal(
        value, locale=language(), group_separator=False, decimal_quantization=False
    )


def _scale(f: Field, value: Any) -> int:
    number = _as_int(value)
    if not f.min <= number <= f.max:  # type: ignore[operator]
        raise Invalid(t("answers.pick-range", min=_fmt(f.min), max=_fmt(f.max)))
    return number


def _choice(f: Field, value: Any) -> str:
    if not isinstance(value, str) or f.option(value) is None:
        raise Invalid(t("answers.pick-one"))
    return str(value)


def _options_list(f: Field, value: Any, *, keep_order: bool) -> list[str]:
    if isinstance(value, str) or not isinstance(value, list | tuple | set | frozenset):
        raise Invalid(t("answers.pick-from"))
    picked: list[str] = []
    for item in value:
        if not isinstance(item, str) or f.option(item) is None:
            raise Invalid(t("answers.not-an-option", value=repr(item)))
        if item in picked:
            if keep_order:
                raise Invalid(t("answers.option-once"))
            continue
        picked.append(str(item))
    if f.max_items is not None and len(picked) > f.max_items:
        raise Invalid(t("answers.pick-at-most", n=f.max_items))
    if not keep_order:
        order = {str(o): i for i, o in enumerate(f.options)}
        picked.sort(key=order.__getitem__)
    return picked


def _multi(f: Field, value: Any) -> list[str]:
    return _options_list(f, value, keep_order=False)


def _rank(f: Field, value: Any) -> list[str]:
    return _options_list(f, value, keep_order=True)


def _yesno(f: Field, value: Any) -> bool:
    if not isinstance(value, bool):
        raise Invalid(t("answers.yes-or-no"))
    return value


def _text(f: Field, value: Any) -> str:
    if not isinstance(value, str):
        raise Invalid(t("answers.type-text"))
    text = _storable(value)
    if f.kind == "text":
        text = text.strip()
        if len(text.splitlines()) > 1:  # every kind of line break, not only \n
            raise Invalid(t("answers.one-line"))
    limit = f.max_length or KINDS[f.kind].max_length[0]  # type: ignore[index]
    if len(text) > limit:
        raise Invalid(tn("answers.too-long", limit, length=len(text)))
    return text


def _date(f: Field, value: Any) -> str:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise Invalid(t("answers.date"))


def _number(f: Field, value: Any) -> int | float:
    number: int | float
    if isinstance(value, bool):
        raise Invalid(t("answers.enter-number"))
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str):
        typed = value.strip()
        if THOUSANDS.fullmatch(typed):
            raise Invalid(t("answers.no-thousands"))
        if len(typed) > 40 or not NUMBER.fullmatch(typed):
            raise Invalid(t("answers.number-like"))
        cleaned = typed.replace(",", ".")
        number = float(cleaned) if re.search(r"[.eE]", cleaned) else int(cleaned)
    else:
        raise Invalid(t("answers.enter-number"))
    if isinstance(number, float) and not math.isfinite(number):
        raise Invalid(t("answers.ordinary-number"))
    if f.integer:
        if isinstance(number, float) and not number.is_integer():
            raise Invalid(t("answers.enter-whole-number"))
        number = int(number)
    elif isinstance(number, float) and number.is_integer():
        number = int(number)
    if not f.min <= number <= f.max:  # type: ignore[operator]
        ends = {"min": _fmt(f.min), "max": _fmt(f.max)}
        if f.unit:
            raise Invalid(t("answers.number-range-unit", unit=f.unit, **ends))
        raise Invalid(t("answers.number-range", **ends))
    return number


def _checklist(f: Field, value: Any) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise Invalid(t("answers.set-states"))
    states = {str(s) for s in f.states}
    result: dict[str, str] = {}
    for option in f.options:
        if option in value and not is_empty(value[option]):
            state = value[option]
            if not isinstance(state, str) or state not in states:
                raise Invalid(t("answers.not-a-state", item=option.label, value=repr(state)))
            result[str(option)] = str(state)
    unknown = [k for k in value if f.option(k) is None]
    if unknown:
        raise Invalid(t("answers.not-an-item", value=repr(unknown[0])))
    return result


def _list(f: Field, value: Any) -> list[dict[str, Any]]:
    if isinstance(value, str | Mapping) or not isinstance(value, list | tuple):
        raise Invalid(t("answers.add-entries"))
    label = f.item_label or t("answers.entry")
    entries: list[dict[str, Any]] = []
    for position, entry in enumerate(value, start=1):
        if not isinstance(entry, Mapping):
            raise Invalid(t("answers.entry-unsaveable", label=label, position=position))
        if all(is_empty(v) for v in entry.values()):
            continue  # an entry added and left blank is simply not kept
        try:
            cleaned = validate_answers(f.fields, entry)
        except AnswerErrors as problem:
            sub_id, message = next(iter(problem.errors.items()))
            sub = next((s for s in f.fields if s.id == sub_id), None)
            name = sub.prompt if sub else sub_id
            raise Invalid(
                t("answers.entry-problem", label=label, position=position, name=name,
                  message=message)
            ) from None  # fmt: skip
        if cleaned:
            entries.append(cleaned)
    limit = f.max_items or DEFAULT_LIST_ITEMS
    if len(entries) > limit:
        raise Invalid(tn("answers.too-many-entries", limit))
    return entries


def _ratings(f: Field, value: Any) -> dict[str, int]:
    if not isinstance(value, Mapping):
        raise Invalid(t("answers.rate-items"))
    result: dict[str, int] = {}
    for key, rating in value.items():
        option = f.option(key) if isinstance(key, str) else None
        if option is None:
            raise Invalid(t("answers.not-an-item", value=repr(key)))
        if is_empty(rating):
            continue
        try:
            result[str(option)] = _scale(f, rating)
        except Invalid as problem:
            raise Invalid(
                t("answers.rating-problem", item=option.label, message=str(problem))
            ) from None
    order = {str(o): i for i, o in enumerate(f.options)}
    return dict(sorted(result.items(), key=lambda item: order[item[0]]))


# --- how each kind of answer reads, in words (for a summary, the report, the inbox) ------


def _number_text(value: Any) -> str:
    """A number as the language writes it (7.5 in English, 7,5 in Spanish), every digit kept."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language(), decimal_quantization=False)


def _joined(parts: Any) -> str:
    return t("answers.separator").join(parts)


def _option_text(f: Field, value: str, options: tuple[Option, ...] | None = None) -> str:
    match = next((o for o in (options or f.options) if o == value), None)
    return match.label if match is not None else str(value)


def _scale_text(f: Field, answer: Any) -> str:
    anchor = f.anchors.get(answer)
    if anchor:
        return t("answers.with-anchor", value=_number_text(answer), anchor=anchor)
    return _number_text(answer)


def _choice_text(f: Field, answer: Any) -> str:
    return _option_text(f, answer)


def _multi_text(f: Field, answer: Any) -> str:
    return _joined(_option_text(f, v) for v in answer)


def _yesno_text(f: Field, answer: Any) -> str:
    return t("answers.yes") if answer else t("answers.no")


def _text_text(f: Field, answer: Any) -> str:
    return str(answer)


def _date_text(f: Field, answer: Any) -> str:
    from .text import day_text

    return day_text(dt.date.fromisoformat(answer))


def _number_kind_text(f: Field, answer: Any) -> str:
    number = _number_text(answer)
    return t("answers.with-unit", number=number, unit=f.unit) if f.unit else number


def _rank_text(f: Field, answer: Any) -> str:
    return _joined(
        t("answers.ranked", position=i, option=_option_text(f, v))
        for i, v in enumerate(answer, start=1)
    )


def _checklist_text(f: Field, answer: Any) -> str:
    return _joined(
        t("answers.item-value", item=_option_text(f, item),
          value=_option_text(f, state, f.states))
        for item, state in answer.items()
    )  # fmt: skip


def _ratings_text(f: Field, answer: Any) -> str:
    return _joined(
        t("answers.item-value", item=_option_text(f, item), value=_scale_text(f, rating))
        for item, rating in answer.items()
    )


def _list_text(f: Field, answer: Any) -> str:
    entries = []
    for entry in answer:
        parts = [
            answer_text(sub, entry[sub.id])
            if i == 0
            else t("answers.item-value", item=sub.prompt, value=answer_text(sub, entry[sub.id]))
            for i, sub in enumerate(s for s in f.fields if s.id in entry)
        ]
        entries.append(t("answers.part-separator").join(parts))
    return "\n".join(entries)


def answer_text(field: Field, answer: Any) -> str:
    """One saved answer in words, as its kind reads (plain text, escaped by whoever shows it)."""
    return KINDS[field.kind].text(field, answer)


# --- answers made up for a field: one it takes, one it refuses (the tests, the benchmark) --


def _absent(values: Any, base: str = "no_such_value") -> str:
    """A value that is none of ``values``."""
    taken = {str(v) for v in values}
    while base in taken:
        base += "!"
    return base


def _options_of(f: Field) -> list[str]:
    return [str(o) for o in f.options]


def _first_two(f: Field, words: list[str], answers: Mapping[str, Any]) -> list[str]:
    return _options_of(f)[: f.max_items or len(f.options)][:2]


def _list_example(f: Field, words: list[str], answers: Mapping[str, Any]) -> list[dict]:
    return [{sub.id: example(sub, words) for sub in f.fields} for _ in range(2)]


def _ratings_example(f: Field, words: list[str], answers: Mapping[str, Any]) -> dict[str, int]:
    """Ratings of whatever the source field picked (of its first two options alone)."""
    picked = answers.get(f.options_from) if f.options_from in answers else _options_of(f)[:2]
    return {str(o): int(f.min) for o in picked or []}  # type: ignore[arg-type]


def example(field: Field, words: list[str], answers: Mapping[str, Any] | None = None) -> Any:
    """An answer that ``field`` takes; typed text comes from ``words`` (popped), and a
    ratings field rates what its source picked in ``answers`` (the answers so far)."""
    return KINDS[field.kind].example(field, words, answers or {})


def counterexample(field: Field) -> Any:
    """An answer that ``field`` refuses (not an empty one: that is "not answered")."""
    return KINDS[field.kind].counterexample(field)


# --- the registry ------------------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """Everything the kit knows about one kind of question, in one record.

    A new kind is one more record here, and its widget: the definition checker
    (:mod:`kit.content`), saving, the summaries and the report, the pages and the tests all
    read it from :data:`KINDS`, and a test checks that every kind has every part.
    """

    name: str
    keys: frozenset[str]
    """The definition keys it takes beyond :data:`COMMON_KEYS`."""
    required: frozenset[str]
    """Of those, the ones a definition must give."""
    validate: Callable[[Field, Any], Any]
    """An answer as given -> the answer to keep, or :class:`Invalid` with why."""
    text: Callable[[Field, Any], str]
    """A kept answer -> words (a summary, the report, the therapist's inbox)."""
    widget: str
    """The input that shows it, as ``module:class`` (imported when a page is drawn)."""
    example: Callable[[Field, list[str], Mapping[str, Any]], Any]
    """(field, words to type, answers so far) -> an answer the field takes."""
    counterexample: Callable[[Field], Any]
    """field -> an answer the field refuses."""
    min_options: int = 0
    """With ``options``: how many a definition must list."""
    option_safety: bool = False
    """Whether one of its options may be marked ``safety = true``."""
    range: str | None = None
    """``"steps"`` (whole points between min and max, with anchors) or ``"number"``."""
    max_length: tuple[int, int] | None = None
    """For typed text: (the length allowed by default, the most a definition may allow)."""


def _widget(name: str) -> str:
    return f"kit.widgets.inputs:{name}"


def _keys(*names: str) -> frozenset[str]:
    return frozenset(names)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (
    Kind(
        "scale", keys=_keys("min", "max", "anchors"), required=_keys("min", "max"),
        validate=_scale, text=_scale_text, widget=_widget("ScaleInput"),
        example=lambda f, words, answers: int(f.min),  # type: ignore[arg-type]
        counterexample=lambda f: int(f.max) + 1,  # type: ignore[arg-type]
        range="steps",
    ),
    Kind(
        "choice", keys=_keys("options"), required=_keys("options"),
        validate=_choice, text=_choice_text, widget=_widget("ChoiceInput"),
        example=lambda f, words, answers: _options_of(f)[0],
        counterexample=lambda f: _absent(f.options),
        min_options=2, option_safety=True,
    ),
    Kind(
        "multi", keys=_keys("options", "max_items", "safety"), required=_keys("options"),
        validate=_multi, text=_multi_text, widget=_widget("MultiInput"),
        example=_first_two, counterexample=lambda f: [_absent(f.options)],
        min_options=1, option_safety=True,
    ),
    Kind(
        "yesno", keys=_keys("safety", "flag"), required=_keys(),
        validate=_yesno, text=_yesno_text, widget=_widget("YesNoInput"),
        example=lambda f, words, answers: True, counterexample=lambda f: "yes",
    ),
    Kind(
        "text", keys=_keys("max_length", "placeholder"), required=_keys(),
        validate=_text, text=_text_text, widget=_widget("TextInput"),
        example=lambda f, words, answers: words.pop(), counterexample=lambda f: "two\nlines",
        max_length=(DEFAULT_MAX_LENGTH["text"], MAX_LENGTH_LIMIT["text"]),
    ),
    Kind(
        "longtext", keys=_keys("max_length", "placeholder"), required=_keys(),
        validate=_text, text=_text_text, widget=_widget("TextInput"),
        example=lambda f, words, answers: words.pop(),
        counterexample=lambda f: "x" * ((f.max_length or DEFAULT_MAX_LENGTH["longtext"]) + 1),
        max_length=(DEFAULT_MAX_LENGTH["longtext"], MAX_LENGTH_LIMIT["longtext"]),
    ),
    Kind(
        "date", keys=_keys(), required=_keys(),
        validate=_date, text=_date_text, widget=_widget("DateInput"),
        example=lambda f, words, answers: "2026-11-02", counterexample=lambda f: "2026-13-45",
    ),
    Kind(
        "number", keys=_keys("min", "max", "integer", "unit"), required=_keys("min", "max"),
        validate=_number, text=_number_kind_text, widget=_widget("NumberInput"),
        example=lambda f, words, answers: int(f.min),  # type: ignore[arg-type]
        counterexample=lambda f: f.max + 1,  # type: ignore[operator]
        range="number",
    ),
    Kind(
        "rank", keys=_keys("options", "max_items"), required=_keys("options"),
        validate=_rank, text=_rank_text, widget=_widget("RankInput"),
        example=_first_two, counterexample=lambda f: [_options_of(f)[0]] * 2,
        min_options=2,
    ),
    Kind(
        "checklist", keys=_keys("options", "states"), required=_keys("options", "states"),
        validate=_checklist, text=_checklist_text, widget=_widget("ChecklistInput"),
        example=lambda f, words, answers: {_options_of(f)[0]: str(f.states[0])},
        counterexample=lambda f: {_options_of(f)[0]: _absent(f.states)},
        min_options=1,
    ),
    Kind(
        "list", keys=_keys("fields", "max_items", "item_label", "defaults"),
        required=_keys("fields"),
        validate=_list, text=_list_text, widget=_widget("ListInput"),
        example=_list_example, counterexample=lambda f: "not_a_list",
    ),
    Kind(
        "ratings", keys=_keys("options_from", "min", "max", "anchors"),
        required=_keys("options_from", "min", "max"),
        validate=_ratings, text=_ratings_text, widget=_widget("RatingsInput"),
        example=_ratings_example,
        counterexample=lambda f: {_absent(f.options): int(f.min)},  # type: ignore[arg-type]
        range="steps",
    ),
)}  # fmt: skip
"""Every kind of question, by name, in the order the docs list them."""


def __getattr__(name: str) -> Any:
    # REQUIRED_MESSAGE: what an empty required question says, in the language shown now.
    if name == "REQUIRED_MESSAGE":
        return t("answers.required")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class AnswerErrors(Exception):
    """Every problem found in a set of answers, keyed by field id."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(errors)
        self.errors = errors


def validate_answers(fields: tuple[Field, ...], answers: Mapping[str, Any]) -> dict[str, Any]:
    """Check ``answers`` against ``fields``; return the cleaned answers or raise AnswerErrors.

    Every field is checked, so a person sees all problems at once, not one per Save.
    """
    if not isinstance(answers, Mapping):
        raise AnswerErrors({"": t("answers.not-a-mapping")})
    errors: dict[str, str] = {}
    cleaned: dict[str, Any] = {}
    known = {f.id for f in fields}
    for key in answers:
        if key not in known:
            errors[str(key)] = t("answers.unknown-question")
    for f in fields:
        value = answers.get(f.id)
        if is_empty(value):
            if f.required:
                errors[f.id] = t("answers.required")
            continue
        try:
            result = KINDS[f.kind].validate(f, value)
        except Invalid as problem:
            errors[f.id] = str(problem)
            continue
        if is_empty(result):
            if f.required:
                errors[f.id] = t("answers.required")
            continue
        cleaned[f.id] = result
    for f in fields:  # ratings only keep the options that are still picked
        if f.options_from and f.id in cleaned:
            picked = cleaned.get(f.options_from) or []
            kept = {k: v for k, v in cleaned[f.id].items() if k in picked}
            if kept:
                cleaned[f.id] = kept
            else:
                del cleaned[f.id]
                if f.required and f.id not in errors:
                    errors[f.id] = t("answers.required")
    if errors:
        raise AnswerErrors(errors)
    return cleaned
