"""Finding, loading and checking the content under ``data/``.

Worksheets are data, so a therapist can read and adapt them without touching code:
one TOML file per worksheet in ``data/worksheets/<id>.toml``. This module turns a file
into a frozen :class:`Definition` and refuses a broken one with a
:class:`~kit.errors.DefinitionError` that names the file, the field and the problem.

In a checkout, ``data/`` is the folder at the top of the repository; in an installed
wheel it travels inside the package as ``kit/_data``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import roles
from .analysis.care import SHOWS, CareRule
from .errors import DefinitionError, UnknownWorksheetError
from .fields import (
    COMMON_KEYS,
    DEFAULT_LIST_ITEMS,
    ID_PATTERN,
    KINDS,
    AnswerErrors,
    Field,
    Option,
    validate_answers,
)
from .layers import Content, as_content, content, kit_content, merge_words
from .text import language

# Number fields hold everyday quantities; bounds beyond this are a typo in the definition.
NUMBER_LIMIT = 1e15


def data_dir() -> Path:
    """The content shipped with the kit (worksheets, pages, messages, resources).

    A therapist's changes are not here: they sit in their own folder, which
    :func:`kit.layers.content` lays over this one (``$KIT_CONTENT_DIR``).
    """
    return kit_content()


@dataclass(frozen=True)
class Section:
    """A titled group of fields within a worksheet."""

    id: str
    title: str
    intro: str
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Band:
    """A published score range: totals up to and including ``upto`` carry ``label``."""

    upto: int
    label: str


@dataclass(frozen=True)
class Scoring:
    """How a validated scale is scored: the sum of its items, times ``multiplier``."""

    multiplier: int
    bands: tuple[Band, ...]
    note: str

    def band(self, total: int) -> str:
        """The label of the band this total falls in."""
        return next(b.label for b in self.bands if total <= b.upto)


@dataclass(frozen=True)
class Definition:
    """A worksheet: its text and its fields, as loaded from ``data/worksheets/<id>.toml``."""

    id: str
    title: str
    version: int
    intro: str
    sections: tuple[Section, ...]
    source: str
    scoring: Scoring | None = None
    """Set for a validated scale (WHO-5, PHQ-9, GAD-7): how its total and band are found."""
    attribution: str = ""
    """Where published content comes from, shown with it (copyright, source, permission)."""
    daily: str | None = None
    """For a once-a-day worksheet: its date field; the newest save for each day counts."""
    care: tuple[CareRule, ...] = ()
    """What the page offers at once when an answer reaches a low point (kit.analysis.care)."""

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every top-level field, in the order the worksheet shows them."""
        return tuple(f for section in self.sections for f in section.fields)

    def field(self, field_id: str) -> Field:
        """The field with this id (KeyError if none)."""
        for f in self.fields:
            if f.id == field_id:
                return f
        raise KeyError(field_id)

    def by_role(self, role: str) -> Field:
        """The field that carries this role (a question inside a list: ``"people.name"``);
        code finds a field this way and reads answers under its id (see kit.roles).
        KeyError, naming the worksheet and the role, if no field carries it."""
        for f in self.fields:
            if f.role == role:
                return f
            for sub in f.fields:
                if sub.role == role:
                    return sub
        raise KeyError(
            f"the worksheet {self.id!r} has no field with role = {role!r} "
            "(kit/roles.py lists the roles the kit reads)"
        )


WORKSHEET_KEYS = {
    "id", "title", "version", "intro", "sections", "scoring", "attribution", "daily", "care",
}  # fmt: skip
CARE_KEYS = {"show", "field", "at_most", "at_least", "band", "days_before", "words"}
SCORING_KEYS = {"multiplier", "bands", "note"}
OPTION_KEYS = {"value", "label", "help", "safety", "flag"}
WORKSHEET_REQUIRED = {"id", "title", "version", "sections"}
SECTION_KEYS = {"id", "title", "intro", "fields"}
SECTION_REQUIRED = {"id", "title", "fields"}


class _Checker:
    """Checks one file's parsed TOML, raising DefinitionError at the first problem."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, problem: str, field: str | None = None) -> DefinitionError:
        return DefinitionError(self.source, problem, field)

    def keys(self, table: Any, allowed: set[str], required: set[str], what: str, fid=None):
        if not isinstance(table, dict):
            raise self.fail(f"{what} must be a table of keys", fid)
        missing = sorted(required - table.keys())
        if missing:
            raise self.fail(f"{what} is missing the key '{missing[0]}'", fid)
        unknown = sorted(table.keys() - allowed)
        if unknown:
            raise self.fail(
                f"{what} has an unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})",
                fid,
            )

    def text(self, value: Any, what: str, fid=None, *, optional=False) -> str | None:
        if value is None and optional:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{what} must be non-empty text", fid)
        return value.strip()

    def ident(self, value: Any, what: str, fid=None) -> str:
        if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
            raise self.fail(
                f"{what} {value!r} is not a valid id (lower-case letters, digits, '-' or '_', "
                "starting with a letter, at most 40 characters)",
                fid,
            )
        return value

    def integer(self, value: Any, what: str, fid=None, *, low=None, high=None) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{what} must be a whole number", fid)
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.fail(f"{what} must be between {low} and {high} (got {value})", fid)
        return value

    def options(self, raw: Any, fid: str, what: str = "options") -> tuple[Option, ...]:
        if not isinstance(raw, list) or not raw:
            raise self.fail(f"{what} must be a non-empty list", fid)
        options: list[Option] = []
        for item in raw:
            if isinstance(item, str):
                value, label, help_ = item, item, None
                safety, flag = False, None
            elif isinstance(item, dict):
                self.keys(item, OPTION_KEYS, {"value", "label"}, f"an entry of {what}", fid)
                value = item["value"]
                label = self.text(item["label"], f"the label of {what} entry {value!r}", fid)
                help_ = self.text(item.get("help"), f"the help of {what} entry", fid, optional=True)
                safety, flag = self.option_safety(item, what, fid)
            else:
                raise self.fail(f"each entry of {what} must be text or a table", fid)
            if not isinstance(value, str) or not value.strip() or len(value) > 80:
                raise self.fail(f"{what} has an empty or over-long value {value!r}", fid)
            if value != value.strip():
                raise self.fail(f"{what} has a value with spaces around it: {value!r}", fid)
            if value in options:
                raise self.fail(f"{what} has the value {value!r} twice (duplicate)", fid)
            options.append(Option(value, label, help_, safety, flag))
        return tuple(options)

    def option_safety(self, item: dict[str, Any], what: str, fid: str) -> tuple[bool, str | None]:
        """An option's own safety mark, and the name of its flag."""
        safety = item.get("safety", False)
        if not isinstance(safety, bool):
            raise self.fail(f"'safety' of an entry of {what} must be true or false", fid)
        if safety and what != "options":
            raise self.fail(f"only options can be marked safety = true, not {what}", fid)
        flag = self.text(item.get("flag"), f"the flag of an entry of {what}", fid, optional=True)
        if flag and not safety:
            raise self.fail("'flag' names a safety concern, so it needs safety = true", fid)
        return safety, flag

    def field(self, raw: Any, *, nested: bool = False) -> Field:
        if not isinstance(raw, dict):
            raise self.fail("each field must be a table")
        if "id" not in raw:
            raise self.fail("a field is missing the key 'id'")
        fid = self.ident(raw["id"], "the field id", str(raw["id"]))
        kind = raw.get("kind")
        if kind is None:
            raise self.fail("is missing the key 'kind'", fid)
        if kind not in KINDS:
            raise self.fail(f"unknown kind {kind!r} (known kinds: {', '.join(KINDS)})", fid)
        # What the kind takes and how it is checked: its record in kit.fields.KINDS.
        record = KINDS[kind]
        extra, needed = record.keys, record.required
        if nested and "fields" in needed:
            raise self.fail("a list cannot contain another list", fid)
        self.keys(raw, COMMON_KEYS | extra, {"id", "kind", "prompt"} | needed, "the field", fid)
        required = raw.get("required", False)
        if not isinstance(required, bool):
            raise self.fail("'required' must be true or false", fid)
        spec: dict[str, Any] = {
            "id": fid,
            "kind": kind,
            "prompt": self.text(raw["prompt"], "the prompt", fid),
            "help": self.text(raw.get("help"), "the help", fid, optional=True),
            "required": required,
        }
        if "role" in raw:
            spec["role"] = self.role(raw["role"], fid, nested=nested)
        if "options" in needed:
            spec["options"] = self.options(raw["options"], fid)
            least = record.min_options
            if len(spec["options"]) < least:
                count = "two" if least == 2 else str(least)
                raise self.fail(f"a {kind} field needs at least {count} options", fid)
            if any(o.safety for o in spec["options"]) and not record.option_safety:
                marked = " or ".join(k.name for k in KINDS.values() if k.option_safety)
                raise self.fail(f"options can be marked safety = true in a {marked}", fid)
        if "states" in needed:
            spec["states"] = self.options(raw["states"], fid, "states")
            if len(spec["states"]) < 2:
                raise self.fail(f"a {kind} needs at least two states", fid)
        if "max_items" in extra and "max_items" in raw:
            spec["max_items"] = self.integer(raw["max_items"], "max_items", fid, low=1, high=10_000)
            if "options" in needed and spec["max_items"] > len(spec["options"]):
                raise self.fail("max_items is larger than the number of options (bad range)", fid)
        if "options_from" in needed:
            spec["options_from"] = self.ident(raw["options_from"], "options_from", fid)
        if record.range == "steps":
            low = self.integer(raw["min"], "min", fid)
            high = self.integer(raw["max"], "max", fid)
            if not low < high or high - low > 20:
                raise self.fail(
                    f"bad range {low}..{high}: min must be below max, 21 steps at most", fid
                )
            anchors: dict[int, str] = {}
            raw_anchors = raw.get("anchors", {})
            if not isinstance(raw_anchors, dict):
                raise self.fail('anchors must be a table like { 0 = "Not at all" }', fid)
            for key, label in raw_anchors.items():
                if not re.fullmatch(r"-?[0-9]+", key):
                    raise self.fail(f"anchor {key!r} is not a whole number", fid)
                point = int(key)
                if point in anchors:
                    raise self.fail(f"anchor {point} is given twice (duplicate)", fid)
                if not low <= point <= high:
                    raise self.fail(
                        f"anchor {point} is outside the range {low}..{high} (bad range)", fid
                    )
                anchors[point] = self.text(label, f"anchor {point}", fid)
            spec.update(min=low, max=high, anchors=anchors)
        if record.range == "number":
            low, high = raw["min"], raw["max"]
            for name, value in (("min", low), ("max", high)):
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise self.fail(f"{name} must be a number", fid)
                if not -NUMBER_LIMIT <= value <= NUMBER_LIMIT:  # also refuses NaN and infinity
                    raise self.fail(f"{name} must be an ordinary number (bad range)", fid)
            if not low < high:
                raise self.fail(f"bad range {low}..{high}: min must be below max", fid)
            integer = raw.get("integer", False)
            if not isinstance(integer, bool):
                raise self.fail("'integer' must be true or false", fid)
            spec.update(min=low, max=high, integer=integer)
            spec["unit"] = self.text(raw.get("unit"), "the unit", fid, optional=True)
        if record.max_length is not None:
            usual, most = record.max_length
            limit = raw.get("max_length", usual)
            spec["max_length"] = self.integer(limit, "max_length", fid, low=1, high=most)
            spec["placeholder"] = self.text(
                raw.get("placeholder"), "the placeholder", fid, optional=True
            )
        if "safety" in raw:
            if not isinstance(raw["safety"], bool):
                raise self.fail("'safety' must be true or false", fid)
            spec["safety"] = raw["safety"]
        if nested and (spec.get("safety") or any(o.safety for o in spec.get("options", ()))):
            raise self.fail("a question inside a list cannot raise a safety flag", fid)
        if "flag" in raw:
            if not raw.get("safety"):
                raise self.fail("'flag' names a safety concern, so it needs safety = true", fid)
            spec["flag"] = self.text(raw["flag"], "the flag", fid)
        if "fields" in needed:
            subs = raw["fields"]
            if not isinstance(subs, list) or not subs:
                raise self.fail("a list needs a non-empty 'fields' list", fid)
            spec["fields"] = self.unique(tuple(self.field(s, nested=True) for s in subs))
            spec["item_label"] = self.text(raw.get("item_label"), "item_label", fid, optional=True)
            spec["defaults"] = self.defaults(raw.get("defaults", []), spec["fields"], fid)
            if len(spec["defaults"]) > spec.get("max_items", DEFAULT_LIST_ITEMS):
                raise self.fail("there are more defaults than max_items allows (bad range)", fid)
        return Field(**spec)

    def defaults(self, raw: Any, subs: tuple[Field, ...], fid: str) -> tuple[dict[str, Any], ...]:
        if not isinstance(raw, list):
            raise self.fail("defaults must be a list of tables", fid)
        entries = []
        for position, entry in enumerate(raw, start=1):
            try:
                cleaned = validate_answers(subs, entry)
            except AnswerErrors as problem:
                key, message = next(iter(problem.errors.items()))
                raise self.fail(f"default entry {position}, '{key}': {message}", fid) from None
            if not cleaned:
                raise self.fail(f"default entry {position} is empty", fid)
            entries.append(cleaned)
        return tuple(entries)

    def role(self, value: Any, fid: str, *, nested: bool) -> str:
        """A field's role: id-like; a question in a list adds a dot and a name of its own
        to the list's role ("people.name"). See kit.roles."""
        if not isinstance(value, str) or not roles.ROLE_PATTERN.fullmatch(value):
            raise self.fail(
                f"role {value!r} is not a valid role (written like an id; a question in a "
                'list: the list\'s role, a dot and a name, like "people.name")',
                fid,
            )
        if nested and "." not in value:
            raise self.fail(
                f"role {value!r} of a question in a list must be the list's role, a dot and a "
                'name, like "people.name"',
                fid,
            )
        if not nested and "." in value:
            raise self.fail(f"role {value!r} has a dot, which only a question in a list has", fid)
        return value

    def unique_roles(self, definition: Definition) -> None:
        """No two fields of a worksheet (questions in its lists included) share a role."""
        seen: set[str] = set()
        for f in definition.fields:
            for one in (f, *f.fields):
                if one.role is None:
                    continue
                if one.role in seen:
                    raise self.fail(f"role {one.role!r} is given to two fields (duplicate)", one.id)
                seen.add(one.role)

    def needed_roles(self, definition: Definition) -> Definition:
        """Refuse a definition that lacks a field the kit's code reads (kit.roles.NEEDS), or
        has it with another kind, saying what reads it and how to put it back."""
        for role, need in roles.NEEDS.get(definition.id, {}).items():
            try:
                found = definition.by_role(role)
            except KeyError:
                inside = roles.list_role(role)
                where = f' inside the list with role = "{inside}"' if inside else ""
                raise self.fail(
                    f'the kit needs a field with role = "{role}" (kind "{need.kind}"){where}; '
                    f'it is read by {need.read_by}. Put role = "{role}" back on that field, '
                    f"or on a new {need.kind} field (kit/roles.py lists what the kit reads)"
                ) from None
            if found.kind != need.kind:
                raise self.fail(
                    f'role = "{role}" is on a field of kind "{found.kind}", but the kit needs '
                    f'kind "{need.kind}" there; it is read by {need.read_by}. Change the kind '
                    f'back to "{need.kind}", or move role = "{role}" to a {need.kind} field',
                    found.id,
                )
        for f in definition.fields:  # a question's role starts with its own list's role
            for sub in f.fields:
                if sub.role and roles.list_role(sub.role) != f.role:
                    has = f'role = "{f.role}"' if f.role else "no role"
                    raise self.fail(
                        f'role = "{sub.role}" of a question in a list must start with the '
                        f"list's own role and a dot (the list has {has})",
                        sub.id,
                    )
        return definition

    def unique(self, fields: tuple[Field, ...]) -> tuple[Field, ...]:
        seen: set[str] = set()
        for f in fields:
            if f.id in seen:
                raise self.fail("duplicate field id", f.id)
            seen.add(f.id)
        return fields

    def worksheet(self, raw: dict[str, Any], expected_id: str) -> Definition:
        self.keys(raw, WORKSHEET_KEYS, WORKSHEET_REQUIRED, "the worksheet")
        wid = self.ident(raw["id"], "the worksheet id")
        if wid != expected_id:
            raise self.fail(f"the id {wid!r} does not match the file name ({expected_id}.toml)")
        version = self.integer(raw["version"], "version", low=1, high=10_000)
        sections_raw = raw["sections"]
        if not isinstance(sections_raw, list) or not sections_raw:
            raise self.fail("'sections' must be a non-empty list of [[sections]] tables")
        sections: list[Section] = []
        section_ids: set[str] = set()
        for raw_section in sections_raw:
            self.keys(raw_section, SECTION_KEYS, SECTION_REQUIRED, "a section")
            sid = self.ident(raw_section["id"], "the section id")
            if sid in section_ids:
                raise self.fail(f"the section id {sid!r} appears twice (duplicate)")
            section_ids.add(sid)
            if not isinstance(raw_section["fields"], list) or not raw_section["fields"]:
                raise self.fail(f"section {sid!r} needs at least one field")
            sections.append(
                Section(
                    id=sid,
                    title=self.text(raw_section["title"], f"the title of section {sid!r}"),
                    intro=self.text(raw_section.get("intro"), "the intro", optional=True) or "",
                    fields=tuple(self.field(f) for f in raw_section["fields"]),
                )
            )
        definition = Definition(
            id=wid,
            title=self.text(raw["title"], "the title"),
            version=version,
            intro=self.text(raw.get("intro"), "the intro", optional=True) or "",
            sections=tuple(sections),
            source=self.source,
        )
        self.unique(definition.fields)
        self.unique_roles(definition)
        definition = dataclasses.replace(
            definition,
            attribution=self.text(raw.get("attribution"), "the attribution", optional=True) or "",
        )
        if "daily" in raw:
            day = raw["daily"]
            match = next((f for f in definition.fields if f.id == day), None)
            if match is None or match.kind != "date" or not match.required:
                raise self.fail(f"daily must name a required date field (got {day!r})")
            definition = dataclasses.replace(definition, daily=day)
        if "scoring" in raw:
            definition = dataclasses.replace(
                definition, scoring=self.scoring(raw["scoring"], definition)
            )
        if "care" in raw:
            definition = dataclasses.replace(definition, care=self.care(raw["care"], definition))
        return self.needed_roles(self.resolve_ratings(definition))

    def care(self, raw: Any, definition: Definition) -> tuple[CareRule, ...]:
        """The ``[[care]]`` rules: what the page offers at once when an answer is low."""
        if not isinstance(raw, list) or not raw:
            raise self.fail("'care' must be a list of [[care]] tables")
        rules = []
        for position, entry in enumerate(raw, start=1):
            what = f"care rule {position}"
            self.keys(entry, CARE_KEYS, {"show"}, what)
            show = entry["show"]
            if show not in SHOWS:
                raise self.fail(f"{what}: unknown show {show!r} (known: {', '.join(SHOWS)})")
            words = self.text(entry.get("words"), f"{what}'s words", optional=True)
            if show == "hard-date":
                if set(entry) - {"show", "days_before", "words"}:
                    raise self.fail(f"{what}: a hard-date rule takes only days_before (and words)")
                days = self.integer(entry.get("days_before"), f"{what}'s days_before", low=0,
                                    high=60)  # fmt: skip
                rules.append(CareRule(show, days_before=days, words=words))
                continue
            if "days_before" in entry:
                raise self.fail(f"{what}: days_before belongs to a hard-date rule")
            if "band" in entry:
                if {"field", "at_most", "at_least"} & entry.keys():
                    raise self.fail(f"{what}: a rule names a band or a field, not both")
                if definition.scoring is None:
                    raise self.fail(f"{what}: a band needs a scored worksheet ([scoring])")
                band = self.integer(entry["band"], f"{what}'s band", low=1,
                                    high=len(definition.scoring.bands))  # fmt: skip
                rules.append(CareRule(show, band=band, words=words))
                continue
            if "field" not in entry:
                raise self.fail(f"{what} needs a field (or a band)")
            field = next((f for f in definition.fields if f.id == entry["field"]), None)
            if field is None or field.kind not in ("scale", "number"):
                raise self.fail(
                    f"{what}: field {entry['field']!r} must be a scale or number field of this "
                    "worksheet"
                )
            bounds = {}
            for key in ("at_most", "at_least"):
                if key in entry:
                    value = entry[key]
                    if isinstance(value, bool) or not isinstance(value, int | float):
                        raise self.fail(f"{what}: {key} must be a number", field.id)
                    if not field.min <= value <= field.max:  # type: ignore[operator]
                        raise self.fail(
                            f"{what}: {key} {value} is outside {field.id}'s range "
                            f"{field.min:g}..{field.max:g} (bad range)",
                            field.id,
                        )
                    bounds[key] = value
            if not bounds:
                raise self.fail(f"{what} needs at_most or at_least", field.id)
            rules.append(CareRule(show, field=field.id, words=words, **bounds))
        return tuple(rules)

    def scoring(self, raw: Any, definition: Definition) -> Scoring:
        self.keys(raw, SCORING_KEYS, SCORING_KEYS, "the scoring table")
        items = definition.fields
        if not items or any(f.kind != "scale" or not f.required for f in items):
            raise self.fail("a scored worksheet holds only required scale fields")
        multiplier = self.integer(raw["multiplier"], "the scoring multiplier", low=1, high=100)
        highest = multiplier * sum(int(f.max) for f in items)  # type: ignore[arg-type]
        if not isinstance(raw["bands"], list) or not raw["bands"]:
            raise self.fail("the scoring bands must be a non-empty list")
        bands: list[Band] = []
        for entry in raw["bands"]:
            self.keys(entry, {"upto", "label"}, {"upto", "label"}, "a scoring band")
            upto = self.integer(entry["upto"], "a band's upto", low=0, high=highest)
            if bands and upto <= bands[-1].upto:
                raise self.fail(
                    "the scoring bands must go up, each ending above the last (bad range)"
                )
            bands.append(Band(upto, self.text(entry["label"], "a band's label")))
        if bands[-1].upto != highest:
            raise self.fail(
                f"the last scoring band must end at the highest score, {highest} (bad range)"
            )
        return Scoring(multiplier, tuple(bands), self.text(raw["note"], "the scoring note"))

    def resolve_ratings(self, definition: Definition) -> Definition:
        """Give each ratings field the options of the field it rates (which must come first)."""
        seen: dict[str, Field] = {}
        sections = []
        for section in definition.sections:
            fields = []
            for f in section.fields:
                if f.options_from:
                    source = seen.get(f.options_from)
                    if source is None or source.kind not in ("rank", "multi"):
                        raise self.fail(
                            f"options_from {f.options_from!r} must name a rank or multi field "
                            "that comes earlier in the worksheet",
                            f.id,
                        )
                    f = dataclasses.replace(f, options=source.options)
                seen[f.id] = f
                fields.append(f)
            sections.append(dataclasses.replace(section, fields=tuple(fields)))
        return dataclasses.replace(definition, sections=tuple(sections))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        # utf-8-sig: some editors start a saved file with a byte-order mark.
        return tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as problem:
        raise DefinitionError(path, f"is not valid TOML ({problem})") from None
    except (OSError, UnicodeDecodeError) as problem:
        raise DefinitionError(path, f"cannot be read ({problem})") from None


def with_words(raw: dict[str, Any], words: Path | None) -> dict[str, Any]:
    """The English table ``raw`` with a translation's words over it (DefinitionError,
    naming the translation's file, if the translation changes more than words)."""
    if words is None:
        return raw
    merged, problems = merge_words(raw, _read_toml(words))
    if problems:
        raise DefinitionError(words, "; ".join(str(p) for p in problems))
    return merged


def load_definition(path: str | Path, words: str | Path | None = None) -> Definition:
    """Load and check one worksheet file, with the words of a translation of it if one is
    given; raise DefinitionError if either is broken."""
    path = Path(path)
    raw = with_words(_read_toml(path), Path(words) if words is not None else None)
    return _Checker(str(path)).worksheet(raw, path.stem)


def _worksheet_files(folder: Path | Content) -> dict[str, Path]:
    found = as_content(folder).files("worksheets", pattern="*.toml")
    return {Path(name).stem: path for name, path in found.items()}


def worksheet_ids() -> list[str]:
    """The ids of every worksheet, sorted."""
    return list(_worksheet_files(content()))


def definition(worksheet_id: str) -> Definition:
    """The checked definition of one worksheet, in the language pages are shown in (each
    file is loaded once per process and language)."""
    return _definition(content(), worksheet_id, language())


def field_ids(sheet: str | Definition, *role_names: str) -> tuple[str, ...]:
    """The ids the answers of these roles are stored under, in the order asked, in the
    worksheet ``sheet`` (a worksheet id, or a definition already loaded). Where answers are
    read in a loop, look the ids up once, before it."""
    if isinstance(sheet, str):
        sheet = definition(sheet)
    return tuple(sheet.by_role(role).id for role in role_names)


def field_id(sheet: str | Definition, role: str) -> str:
    """The id the answers of this role are stored under (see :func:`field_ids`)."""
    return field_ids(sheet, role)[0]


@functools.cache
def _definition(folder: Content, worksheet_id: str, code: str = "en") -> Definition:
    files = _worksheet_files(folder)
    if worksheet_id not in files:
        raise UnknownWorksheetError(worksheet_id, list(files))
    return load_definition(
        files[worksheet_id], folder.translation(code, "worksheets", f"{worksheet_id}.toml")
    )


@dataclass(frozen=True)
class JourneyPart:
    """A part of the journey (the why, the steps, day by day) and its pages in order."""

    title: str
    pages: tuple[tuple[str, str], ...]  # (notebook, worksheet id)


def journey() -> tuple[JourneyPart, ...]:
    """The journey from ``data/journey.toml``; every page must name a known worksheet."""
    return journey_in(content(), language())


JOURNEY = "journey.toml"


def journey_file(folder: Content, code: str) -> tuple[Path, dict[str, Any]]:
    """journey.toml (the therapist's or the kit's) with its words in language ``code``."""
    path = folder.file(JOURNEY)
    raw = _journey_file(path)
    words = folder.translation(code, JOURNEY)
    return path, with_words(raw, words)


@functools.cache
def journey_in(folder: Path | Content, code: str = "en") -> tuple[JourneyPart, ...]:
    """The journey of the content folder ``folder`` (DefinitionError if it is broken)."""
    folder = as_content(folder)
    path, raw = journey_file(folder, code)
    known = set(_worksheet_files(folder))
    parts = []
    for part in raw.get("parts", []):
        if not isinstance(part, dict) or not isinstance(part.get("pages"), list):
            raise DefinitionError(path, f"each of 'parts' needs a title and pages: {part!r}")
        pages = []
        for page in part["pages"]:
            if not isinstance(page, dict) or not all(
                isinstance(page.get(k), str) for k in ("notebook", "worksheet")
            ):
                raise DefinitionError(path, f"each page needs a notebook and a worksheet: {page!r}")
            if page["worksheet"] not in known:
                raise DefinitionError(
                    path, f"{page['notebook']} names no worksheet {page['worksheet']!r}"
                )
            pages.append((page["notebook"], page["worksheet"]))
        parts.append(JourneyPart(str(part.get("title", "")), tuple(pages)))
    return tuple(parts)


def _journey_file(path: Path) -> dict[str, Any]:
    return _read_toml(path)


def journey_pages() -> list[tuple[str, str]]:
    """Every page of the journey that holds a worksheet, as (notebook, worksheet id), in
    order: the journey's parts, then the ``more`` pages."""
    return [(n, p) for n, p, _ in site() if p in set(worksheet_ids())]


START_PAGE = ("00-start.ipynb", "start")


def _more(path: Path, raw: dict[str, Any], known: set[str]) -> list[tuple[str, str, str]]:
    """The ``more`` pages of journey.toml as (notebook, page id, title)."""
    found = []
    for entry in raw.get("more", []):
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) and entry[k].strip() for k in ("notebook", "title")
        ):
            raise DefinitionError(path, f"each of 'more' needs a notebook and a title: {entry!r}")
        page = entry.get("worksheet") or entry.get("page") or entry["notebook"]
        if entry.get("worksheet") and entry["worksheet"] not in known:
            raise DefinitionError(path, f"{entry['notebook']} names no worksheet {page!r}")
        unknown = sorted(set(entry) - {"notebook", "worksheet", "page", "title", "invite_after"})
        if unknown:
            raise DefinitionError(path, f"{entry['notebook']} has an unknown key '{unknown[0]}'")
        if "invite_after" in entry:
            _invitation(path, entry)
        found.append((entry["notebook"], str(page), entry["title"]))
    return found


def _invitation(path: Path, entry: dict[str, Any]) -> tuple[int, int]:
    raw = entry["invite_after"]
    if (
        not isinstance(raw, dict)
        or set(raw) - {"days", "checkins"}
        or not all(
            isinstance(raw.get(k, 0), int)
            and not isinstance(raw.get(k, 0), bool)
            and 0 <= raw.get(k, 0) <= 3650
            for k in ("days", "checkins")
        )
    ):
        raise DefinitionError(
            path, f"{entry['notebook']}: invite_after must be like {{ days = 21, checkins = 10 }}"
        )
    return raw.get("days", 0), raw.get("checkins", 0)


def invitations() -> dict[str, tuple[int, int]]:
    """Pages the start page invites the person to once there is enough for them, by page
    id: (days since the first check-in, check-ins saved), from ``data/journey.toml``."""
    path, raw = journey_file(content(), "en")
    return {
        str(e.get("worksheet") or e.get("page")): _invitation(path, e)
        for e in raw.get("more", [])
        if isinstance(e, dict) and "invite_after" in e
    }


def site_pages() -> tuple[tuple[str, str], ...]:
    """Every page in the order previous/next links walk them, as (notebook, title): the
    start page, the journey, then the ``more`` pages of ``data/journey.toml``."""
    return tuple((notebook, title) for notebook, _, title in site())


def site() -> tuple[tuple[str, str, str], ...]:
    """Every page as (notebook, page id, title), in the journey's order."""
    return site_in(content(), language())


@functools.cache
def site_in(folder: Path | Content, code: str = "en") -> tuple[tuple[str, str, str], ...]:
    from .text import t_in

    folder = as_content(folder)
    path, raw = journey_file(folder, code)
    pages = [(START_PAGE[0], START_PAGE[1], t_in(code, "content.start.title"))]
    pages += [
        (n, s, _definition(folder, s, code).title)
        for part in journey_in(folder, code)
        for n, s in part.pages
    ]
    pages += _more(path, raw, set(_worksheet_files(folder)))
    seen = [n for n, _, _ in pages]
    twice = sorted({n for n in seen if seen.count(n) > 1})
    if twice:
        raise DefinitionError(path, f"{twice[0]} is listed twice")
    return tuple(pages)


def page_address(page: str) -> tuple[str, str]:
    """Where a page is, and its title: (notebook, title) for a worksheet id or a page id
    (``start``, ``my-data``), from ``data/journey.toml``. KeyError if it is not there."""
    for notebook, page_id, title in site():
        if page_id == page:
            return notebook, title
    raise KeyError(page)
