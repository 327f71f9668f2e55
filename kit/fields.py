"""Field kinds: what each kind of question accepts, in one place.

A worksheet is a list of fields, and every field has a *kind*. This module knows, for
each kind, which definition keys it takes (checked when ``data/worksheets/*.toml`` is
loaded) and which answers it accepts (checked before anything is saved). It knows
nothing about widgets or storage, so both can rely on it and it can be tested alone.

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

KINDS = (
    "scale",
    "choice",
    "multi",
    "yesno",
    "text",
    "longtext",
    "date",
    "number",
    "rank",
    "checklist",
    "list",
    "ratings",
)

COMMON_KEYS = {"id", "kind", "prompt", "help", "required", "role"}

# Keys each kind accepts beyond the common ones; a key in the second set must be present.
KIND_KEYS: dict[str, tuple[set[str], set[str]]] = {
    "scale": ({"min", "max", "anchors"}, {"min", "max"}),
    "choice": ({"options"}, {"options"}),
    "multi": ({"options", "max_items", "safety"}, {"options"}),
    "yesno": ({"safety", "flag"}, set()),
    "text": ({"max_length", "placeholder"}, set()),
    "longtext": ({"max_length", "placeholder"}, set()),
    "date": (set(), set()),
    "number": ({"min", "max", "integer", "unit"}, {"min", "max"}),
    "rank": ({"options", "max_items"}, {"options"}),
    "checklist": ({"options", "states"}, {"options", "states"}),
    "list": ({"fields", "max_items", "item_label", "defaults"}, {"fields"}),
    "ratings": ({"options_from", "min", "max", "anchors"}, {"options_from", "min", "max"}),
}

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
    limit = f.max_length or DEFAULT_MAX_LENGTH[f.kind]
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


VALIDATORS: dict[str, Callable[[Field, Any], Any]] = {
    "scale": _scale,
    "choice": _choice,
    "multi": _multi,
    "yesno": _yesno,
    "text": _text,
    "longtext": _text,
    "date": _date,
    "number": _number,
    "rank": _rank,
    "checklist": _checklist,
    "list": _list,
    "ratings": _ratings,
}
assert set(VALIDATORS) == set(KINDS)


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
            result = VALIDATORS[f.kind](f, value)
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
