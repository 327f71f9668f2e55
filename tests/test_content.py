"""Loading worksheet definitions: the shipped ones load, and a broken one is refused clearly.

The broken-definition tests start from a small valid worksheet (``make_worksheet``), break
exactly one thing, write it to ``tmp_path/<id>.toml`` and check that ``load_definition``
refuses it with a :class:`kit.DefinitionError` naming the file, the field (where there is
one) and the problem.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import kit
from kit.content import load_definition
from kit.fields import DEFAULT_MAX_LENGTH, ID_PATTERN, KINDS, MAX_LENGTH_LIMIT

# --------------------------------------------------------------------------------------
# Helpers: a valid minimal worksheet, written as TOML, that each test breaks in one place
# --------------------------------------------------------------------------------------

DROP = object()
"""Pass as a value to ``make_*`` to remove that key."""

FID = "feeling"
"""The id of the field ``make_field`` builds unless told otherwise."""

# The smallest set of extra keys that makes each kind valid.
KIND_EXTRAS: dict[str, dict[str, Any]] = {
    "scale": {"min": 0, "max": 4},
    "choice": {"options": ["often", "sometimes", "never"]},
    "multi": {"options": ["phone", "money", "friends"]},
    "yesno": {},
    "text": {},
    "longtext": {},
    "date": {},
    "number": {"min": 0, "max": 10},
    "rank": {"options": ["honesty", "calm", "fun"]},
    "checklist": {"options": ["keys", "documents"], "states": ["todo", "done"]},
    "list": {"fields": [{"id": "name", "kind": "text", "prompt": "Name"}]},
    "ratings": {"options_from": "picked", "min": 1, "max": 5},
}


def _apply(table: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    for key, value in changes.items():
        if value is DROP:
            table.pop(key, None)
        else:
            table[key] = value
    return table


def make_field(kind: str = "yesno", **changes: Any) -> dict[str, Any]:
    """A valid field of this kind (id ``feeling``), with ``changes`` applied."""
    table = {"id": FID, "kind": kind, "prompt": "How do you feel?"}
    table.update(copy.deepcopy(KIND_EXTRAS.get(kind, {})))
    return _apply(table, {"kind": kind, **changes})


def make_section(*fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A valid section ``main`` holding ``fields`` (one yes/no field if none are given)."""
    table = {"id": "main", "title": "Main", "fields": list(fields) or [make_field()]}
    return _apply(table, changes)


def make_worksheet(*fields: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A valid worksheet ``sample`` with one section holding ``fields``."""
    table = {
        "id": "sample",
        "title": "A sample worksheet",
        "version": 1,
        "sections": [make_section(*fields)],
    }
    return _apply(table, changes)


def _toml_key(key: Any) -> str:
    key = str(key)
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)  # inf and nan are spelled the same in TOML
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a valid TOML basic string
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{" + ", ".join(pairs) + "}"
    raise TypeError(f"cannot write {value!r} as TOML")


def to_toml(table: dict[str, Any]) -> str:
    """The table as TOML text (nested tables are written inline)."""
    return "".join(f"{_toml_key(k)} = {_toml_value(v)}\n" for k, v in table.items())


def write(tmp_path: Path, table: dict[str, Any], name: str | None = None) -> Path:
    """Write ``table`` to ``tmp_path/<name>.toml`` (name defaults to the table's id)."""
    path = tmp_path / f"{name if name is not None else table.get('id', 'sample')}.toml"
    path.write_text(to_toml(table), encoding="utf-8")
    return path


def load(tmp_path: Path, table: dict[str, Any]) -> kit.Definition:
    return load_definition(write(tmp_path, table))


def assert_refused(path: Path, match: str, field: str | None = None) -> kit.DefinitionError:
    """Loading ``path`` raises DefinitionError naming the file, ``field`` and the problem."""
    with pytest.raises(kit.DefinitionError, match=match) as caught:
        load_definition(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, kit.KitError)
    assert error.file == str(path)
    assert str(path) in str(error)
    assert str(error).startswith(f"{path}: ")
    assert error.field == field
    if field:  # an empty id cannot be named
        assert f"field '{field}'" in str(error)
    else:
        assert "field '" not in str(error).removeprefix(str(path))
    return error


def refused(tmp_path: Path, table: dict[str, Any], match: str, field: str | None = None):
    return assert_refused(write(tmp_path, table), match, field)


# --------------------------------------------------------------------------------------
# The helpers themselves
# --------------------------------------------------------------------------------------


def test_minimal_worksheet_loads(tmp_path):
    """Does the minimal worksheet every broken case starts from load cleanly?"""
    definition = load(tmp_path, make_worksheet())
    assert definition.id == "sample"
    assert [f.id for f in definition.fields] == [FID]


@pytest.mark.parametrize("kind", KINDS)
def test_minimal_field_of_each_kind_loads(tmp_path, kind):
    """Does the minimal field of each kind load, so a broken case fails for its one change?"""
    fields = [make_field(kind)]
    if kind == "ratings":  # ratings rate what an earlier field picked
        fields.insert(0, make_field("rank", id="picked"))
    definition = load(tmp_path, make_worksheet(*fields))
    assert definition.field(FID).kind == kind


# --------------------------------------------------------------------------------------
# 1. The shipped worksheets
# --------------------------------------------------------------------------------------


def test_worksheet_ids_are_sorted_and_include_wellbeing():
    """Are the shipped worksheet ids listed, sorted, with the well-being check among them?"""
    ids = kit.worksheet_ids()
    assert ids == sorted(ids)
    assert "wellbeing" in ids
    assert all(isinstance(i, str) and ID_PATTERN.match(i) for i in ids)


@pytest.mark.parametrize("worksheet_id", kit.worksheet_ids())
def test_shipped_worksheet_loads(worksheet_id):
    """Does every shipped worksheet load into a well-formed Definition?"""
    definition = kit.definition(worksheet_id)
    assert isinstance(definition, kit.Definition)
    assert definition.id == worksheet_id
    assert Path(definition.source).name == f"{worksheet_id}.toml"
    assert Path(definition.source).is_file()
    assert isinstance(definition.version, int)
    assert definition.version >= 1
    assert definition.title.strip()
    assert definition.sections
    assert all(isinstance(s, kit.Section) and s.fields for s in definition.sections)
    # .fields is flat and in the order the sections show them.
    assert definition.fields == tuple(f for s in definition.sections for f in s.fields)
    assert definition.fields
    ids = [f.id for f in definition.fields]
    assert len(ids) == len(set(ids))
    section_ids = [s.id for s in definition.sections]
    assert len(section_ids) == len(set(section_ids))


def _check_field(f: kit.Field, *, nested: bool = False) -> None:
    assert isinstance(f, kit.Field)
    assert ID_PATTERN.match(f.id)
    assert f.kind in KINDS
    assert isinstance(f.required, bool)
    assert f.prompt.strip()
    if f.kind in ("choice", "multi", "rank", "checklist", "ratings"):
        assert f.options
        assert all(isinstance(o, kit.Option) and o.label for o in f.options)
        assert len(set(f.options)) == len(f.options)
        if f.max_items is not None:
            assert 1 <= f.max_items <= len(f.options)
    else:
        assert f.options == ()
    if f.kind == "checklist":
        assert len(f.states) >= 2
        assert all(isinstance(s, kit.Option) for s in f.states)
    else:
        assert f.states == ()
    if f.kind in ("scale", "number", "ratings"):
        assert f.min < f.max
        if f.kind == "scale":
            assert isinstance(f.min, int)
            assert isinstance(f.max, int)
            assert f.max - f.min <= 20
            assert all(isinstance(k, int) and f.min <= k <= f.max for k in f.anchors)
    else:
        assert f.min is None
        assert f.max is None
    if f.kind in ("text", "longtext"):
        assert 1 <= f.max_length <= MAX_LENGTH_LIMIT[f.kind]
    else:
        assert f.max_length is None
    if f.kind == "list":
        assert not nested
        assert f.fields
        for sub in f.fields:
            _check_field(sub, nested=True)
    else:
        assert f.fields == ()


@pytest.mark.parametrize("worksheet_id", kit.worksheet_ids())
def test_shipped_worksheet_fields_are_well_formed(worksheet_id):
    """Does every field of every shipped worksheet expose sensible attributes for its kind?"""
    for f in kit.definition(worksheet_id).fields:
        _check_field(f)


def test_wellbeing_definition_carries_the_file_values():
    """Does the well-being worksheet load with the sections and values written in its file?"""
    definition = kit.definition("wellbeing")
    raw = tomllib.loads(Path(definition.source).read_text(encoding="utf-8"))
    assert (definition.title, definition.version) == (raw["title"], raw["version"])
    assert definition.intro == raw["intro"].strip()
    assert [s.id for s in definition.sections] == [s["id"] for s in raw["sections"]]
    assert [f.id for f in definition.fields] == [
        f["id"] for s in raw["sections"] for f in s["fields"]
    ]
    overall = definition.field("overall")
    assert (overall.kind, overall.required, overall.min, overall.max) == ("scale", True, 1, 5)
    assert overall.anchors == {1: "Much worse", 3: "About the same", 5: "Much better"}
    controlled = definition.field("controlled")
    assert controlled.options[1].label == "Money: my income, my cards or what I may spend"
    assert definition.field("note").max_length == 4000


def test_wellbeing_asks_what_the_guidance_asks():
    """Does the well-being check cover each feeling and safety question it promises?"""
    definition = kit.definition("wellbeing")
    ids = {f.id for f in definition.fields}
    feelings = {"drained", "anxious", "eggshells", "unseen", "unheard", "unappreciated"}
    safety = {"afraid", "threatened", "hurt", "pressured", "controlled", "monitored"}
    assert feelings | safety | {"threats_about", "at_ease", "not_listening", "note"} <= ids
    assert set(definition.field("controlled").options) == {"phone", "money", "friends", "movements"}
    assert set(definition.field("threats_about").options) == {"children", "pets", "self_harm"}
    assert all(definition.field(f).safety for f in safety | {"threats_about"})
    assert not any(definition.field(f).safety for f in feelings)


def test_definition_field_lookup_raises_key_error_for_unknown_field():
    """Does Definition.field raise KeyError for a field id the worksheet does not have?"""
    with pytest.raises(KeyError, match="nope"):
        kit.definition("wellbeing").field("nope")


def test_definition_is_loaded_once():
    """Is a worksheet loaded once per process, giving the same Definition each time?"""
    assert kit.definition("wellbeing") is kit.definition("wellbeing")


def test_definition_is_frozen():
    """Is a loaded Definition read-only?"""
    definition = kit.definition("wellbeing")
    with pytest.raises(AttributeError):
        definition.title = "changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        definition.fields[0].required = False  # type: ignore[misc]


# --------------------------------------------------------------------------------------
# 2. An unknown worksheet id
# --------------------------------------------------------------------------------------


def test_unknown_worksheet_id_is_refused_by_name():
    """Does asking for an unknown worksheet raise UnknownWorksheetError naming the id?"""
    with pytest.raises(kit.UnknownWorksheetError, match="'nope'") as caught:
        kit.definition("nope")
    error = caught.value
    assert isinstance(error, KeyError)
    assert isinstance(error, kit.KitError)
    assert error.worksheet_id == "nope"
    assert str(error).startswith("There is no worksheet called 'nope'.")
    assert "wellbeing" in str(error)  # it lists the known ones


def test_unknown_worksheet_id_is_refused_every_time():
    """Is an unknown id refused again on a second call (the cache keeps no bad answer)?"""
    for _ in range(2):
        with pytest.raises(KeyError):
            kit.definition("nope")


# --------------------------------------------------------------------------------------
# 3. Broken definitions
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "shown"),
    [
        pytest.param("slider", "'slider'", id="made-up"),
        pytest.param("Scale", "'Scale'", id="wrong-case"),
        pytest.param("", "''", id="empty"),
        pytest.param(3, "3", id="number"),
    ],
)
def test_unknown_kind_is_refused(tmp_path, kind, shown):
    """Is an unknown field kind refused, naming the file, the field and the kind?"""
    error = refused(
        tmp_path, make_worksheet(make_field(kind=kind)), f"unknown kind {shown}", field=FID
    )
    assert "known kinds: scale, choice" in str(error)


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(
            make_worksheet(make_field(), make_field("text", prompt="Again")),
            id="same-section",
        ),
        pytest.param(
            make_worksheet(
                sections=[
                    make_section(make_field(), id="first"),
                    make_section(make_field("scale"), id="second"),
                ]
            ),
            id="across-sections",
        ),
    ],
)
def test_duplicate_field_id_is_refused(tmp_path, table):
    """Is a field id used twice in one worksheet refused, naming the field?"""
    refused(tmp_path, table, "duplicate field id", field=FID)


def test_duplicate_field_id_inside_list_is_refused(tmp_path):
    """Is a sub-field id used twice inside one list refused, naming the sub-field?"""
    subs = [make_field("text", id="name"), make_field("date", id="name")]
    refused(tmp_path, make_worksheet(make_field("list", fields=subs)), "duplicate", field="name")


def test_sub_field_may_share_an_id_with_a_top_level_field(tmp_path):
    """May a list's sub-field reuse a top-level id (its answers live inside the list)?"""
    table = make_worksheet(
        make_field("text", id="name"),
        make_field("list", fields=[make_field("text", id="name")]),
    )
    assert [f.id for f in load(tmp_path, table).fields] == ["name", FID]


def test_duplicate_section_id_is_refused(tmp_path):
    """Is a section id used twice refused, saying which id appears twice?"""
    table = make_worksheet(
        sections=[make_section(make_field(id="a")), make_section(make_field(id="b"))]
    )
    refused(tmp_path, table, "section id 'main' appears twice")


@pytest.mark.parametrize(
    ("field", "match"),
    [
        pytest.param(
            make_field("choice", options=["often", "never", "often"]),
            "options has the value 'often' twice",
            id="choice-text",
        ),
        pytest.param(
            make_field(
                "choice",
                options=[{"value": "a", "label": "First"}, {"value": "a", "label": "Second"}],
            ),
            "options has the value 'a' twice",
            id="choice-tables",
        ),
        pytest.param(
            make_field("multi", options=["phone", {"value": "phone", "label": "Phone"}]),
            "options has the value 'phone' twice",
            id="multi-mixed",
        ),
        pytest.param(
            make_field("rank", options=["calm", "fun", "calm"]),
            "options has the value 'calm' twice",
            id="rank",
        ),
        pytest.param(
            make_field("checklist", options=["keys", "keys"]),
            "options has the value 'keys' twice",
            id="checklist-options",
        ),
        pytest.param(
            make_field("checklist", states=["todo", "done", "todo"]),
            "states has the value 'todo' twice",
            id="checklist-states",
        ),
    ],
)
def test_duplicate_option_value_is_refused(tmp_path, field, match):
    """Is an option (or state) value listed twice refused, naming the field and the value?"""
    refused(tmp_path, make_worksheet(field), match, field=FID)


@pytest.mark.parametrize("key", ["id", "title", "version", "sections"])
def test_missing_worksheet_key_is_refused(tmp_path, key):
    """Is a worksheet missing a required top-level key refused, naming the key?"""
    path = write(tmp_path, make_worksheet(**{key: DROP}), name="sample")
    assert_refused(path, f"the worksheet is missing the key '{key}'")


def test_intro_is_optional(tmp_path):
    """Does a worksheet load without the optional intro (and sections without theirs)?"""
    definition = load(tmp_path, make_worksheet())
    assert definition.intro == ""
    assert definition.sections[0].intro == ""


def test_empty_file_is_refused(tmp_path):
    """Is an empty file refused as missing its keys?"""
    path = tmp_path / "sample.toml"
    path.write_text("", encoding="utf-8")
    assert_refused(path, "missing the key 'id'")


@pytest.mark.parametrize(
    "key",
    [
        "id",
        "kind",
        "prompt",
    ],
)
def test_missing_field_key_is_refused(tmp_path, key):
    """Is a field missing id, kind or prompt refused, saying which key is missing?"""
    field_id = None if key == "id" else FID
    refused(
        tmp_path,
        make_worksheet(make_field(**{key: DROP})),
        f"missing the key '{key}'",
        field=field_id,
    )


def test_field_without_id_is_at_least_refused(tmp_path):
    """Is a field without an id refused (whatever the wording), naming the file?"""
    refused(tmp_path, make_worksheet(make_field(id=DROP)), r"\bid\b", field=None)


@pytest.mark.parametrize(
    ("kind", "key"),
    [
        ("scale", "min"),
        ("scale", "max"),
        ("choice", "options"),
        ("multi", "options"),
        ("rank", "options"),
        ("checklist", "options"),
        ("checklist", "states"),
        ("list", "fields"),
        ("number", "min"),
        ("number", "max"),
    ],
)
def test_missing_kind_specific_key_is_refused(tmp_path, kind, key):
    """Is a field missing a key its kind needs (a scale without max…) refused, naming it?"""
    refused(
        tmp_path,
        make_worksheet(make_field(kind, **{key: DROP})),
        f"the field is missing the key '{key}'",
        field=FID,
    )


@pytest.mark.parametrize(
    ("table", "match", "field"),
    [
        pytest.param(
            make_worksheet(author="Me"),
            "the worksheet has an unknown key 'author'",
            None,
            id="worksheet",
        ),
        pytest.param(
            make_worksheet(sections=[make_section(colour="blue")]),
            "a section has an unknown key 'colour'",
            None,
            id="section",
        ),
        pytest.param(
            make_worksheet(make_field(promt="How do you feel?")),
            "the field has an unknown key 'promt'",
            FID,
            id="field-extra-typo",
        ),
        pytest.param(
            make_worksheet(make_field(prompt=DROP, promt="How do you feel?")),
            "the field is missing the key 'prompt'",
            FID,
            id="field-typo-instead-of-prompt",
        ),
        pytest.param(
            make_worksheet(make_field(requried=True)),
            "unknown key 'requried'",
            FID,
            id="field-typo-required",
        ),
        pytest.param(
            make_worksheet(make_field("yesno", options=["a", "b"])),
            "unknown key 'options'",
            FID,
            id="key-of-another-kind",
        ),
        pytest.param(
            make_worksheet(make_field("choice", max_items=1)),
            "unknown key 'max_items'",
            FID,
            id="max-items-on-choice",
        ),
        pytest.param(
            make_worksheet(make_field("text", min=0)),
            "unknown key 'min'",
            FID,
            id="min-on-text",
        ),
        pytest.param(
            make_worksheet(
                make_field("choice", options=[{"value": "a", "label": "A", "lable": "x"}, "b"])
            ),
            "an entry of options has an unknown key 'lable'",
            FID,
            id="option-table",
        ),
        pytest.param(
            make_worksheet(make_field("list", fields=[make_field("text", id="name", colour=1)])),
            "unknown key 'colour'",
            "name",
            id="sub-field",
        ),
    ],
)
def test_unknown_key_is_refused(tmp_path, table, match, field):
    """Is an unknown key (a typo like `promt`) refused at worksheet, section and field level?"""
    error = refused(tmp_path, table, match, field=field)
    assert "allowed:" in str(error) or "missing" in str(error)


@pytest.mark.parametrize(
    ("field", "match"),
    [
        pytest.param(make_field("scale", min=5, max=5), r"bad range 5\.\.5", id="scale-min=max"),
        pytest.param(make_field("scale", min=5, max=1), r"bad range 5\.\.1", id="scale-min>max"),
        pytest.param(make_field("scale", min=0, max=21), "21 steps at most", id="scale-22-steps"),
        pytest.param(
            make_field("scale", min=-10, max=11), "21 steps at most", id="scale-22-steps-negative"
        ),
        pytest.param(
            make_field("scale", anchors={5: "Always"}),
            r"anchor 5 is outside the range 0\.\.4",
            id="anchor-above",
        ),
        pytest.param(
            make_field("scale", anchors={-1: "Never"}),
            r"anchor -1 is outside the range 0\.\.4",
            id="anchor-below",
        ),
        pytest.param(
            make_field("scale", anchors={"often": "Often"}),
            "anchor 'often' is not a whole number",
            id="anchor-not-a-number",
        ),
        pytest.param(make_field("number", min=10, max=10), "bad range", id="number-min=max"),
        pytest.param(make_field("number", min=10, max=1), "bad range", id="number-min>max"),
        pytest.param(
            make_field("number", min=0.5, max=0.25), "bad range", id="number-float-min>max"
        ),
        pytest.param(
            make_field("text", max_length=0),
            r"max_length must be between 1 and 1000 \(got 0\)",
            id="text-max-length-0",
        ),
        pytest.param(
            make_field("text", max_length=1001),
            r"max_length must be between 1 and 1000 \(got 1001\)",
            id="text-max-length-above-limit",
        ),
        pytest.param(
            make_field("longtext", max_length=0),
            r"max_length must be between 1 and 100000 \(got 0\)",
            id="longtext-max-length-0",
        ),
        pytest.param(
            make_field("longtext", max_length=100_001),
            r"max_length must be between 1 and 100000 \(got 100001\)",
            id="longtext-max-length-above-limit",
        ),
        pytest.param(
            make_field("text", max_length=-5), "max_length must be between", id="negative"
        ),
        pytest.param(
            make_field("multi", max_items=4),
            "max_items is larger than the number of options",
            id="multi-max-items",
        ),
        pytest.param(
            make_field("rank", max_items=4),
            "max_items is larger than the number of options",
            id="rank-max-items",
        ),
        pytest.param(
            make_field("multi", max_items=0),
            r"max_items must be between 1 and 10000 \(got 0\)",
            id="max-items-0",
        ),
        pytest.param(
            make_field("list", max_items=10_001),
            r"max_items must be between 1 and 10000 \(got 10001\)",
            id="list-max-items-above-limit",
        ),
    ],
)
def test_bad_range_is_refused(tmp_path, field, match):
    """Is a field with an impossible range or limit refused, saying what is out of range?"""
    refused(tmp_path, make_worksheet(field), match, field=FID)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        pytest.param(
            {"version": 0}, r"version must be between 1 and 10000 \(got 0\)", id="version-0"
        ),
        pytest.param({"version": -1}, "version must be between", id="version-negative"),
        pytest.param({"version": 10_001}, "version must be between", id="version-too-high"),
    ],
)
def test_bad_version_range_is_refused(tmp_path, changes, match):
    """Is a version number outside 1..10000 refused?"""
    refused(tmp_path, make_worksheet(**changes), match)


@pytest.mark.parametrize(
    ("field", "match"),
    [
        pytest.param(make_field(required="yes"), "'required' must be true or false", id="req-yes"),
        pytest.param(make_field(required=1), "'required' must be true or false", id="req-1"),
        pytest.param(
            make_field("scale", min=0.5), "min must be a whole number", id="scale-min-float"
        ),
        pytest.param(
            make_field("scale", min=0.0), "min must be a whole number", id="scale-min-0.0"
        ),
        pytest.param(make_field("scale", max="4"), "max must be a whole number", id="scale-text"),
        pytest.param(make_field("scale", min=False), "min must be a whole number", id="scale-bool"),
        pytest.param(make_field("number", min="0"), "min must be a number", id="number-text"),
        pytest.param(make_field("number", min=True), "min must be a number", id="number-bool"),
        pytest.param(
            make_field("number", max=float("inf")),
            "max must be an ordinary number",
            id="number-inf",
        ),
        pytest.param(
            make_field("number", max=float("nan")),
            "max must be an ordinary number",
            id="number-nan",
        ),
        pytest.param(
            make_field("number", integer="yes"), "'integer' must be true or false", id="integer"
        ),
        pytest.param(make_field("number", unit=""), "the unit must be non-empty", id="unit"),
        pytest.param(
            make_field("choice", options="often, never"),
            "options must be a non-empty list",
            id="options-text",
        ),
        pytest.param(
            make_field("choice", options={"often": "Often"}),
            "options must be a non-empty list",
            id="options-table",
        ),
        pytest.param(
            make_field("multi", options=[]), "options must be a non-empty list", id="options-empty"
        ),
        pytest.param(
            make_field("choice", options=["only"]),
            "a choice field needs at least two options",
            id="choice-one-option",
        ),
        pytest.param(
            make_field("rank", options=["only"]),
            "a rank field needs at least two options",
            id="rank-one-option",
        ),
        pytest.param(
            make_field("checklist", states=["done"]),
            "a checklist needs at least two states",
            id="checklist-one-state",
        ),
        pytest.param(
            make_field("checklist", states=[]),
            "states must be a non-empty list",
            id="checklist-no-states",
        ),
        pytest.param(
            make_field("choice", options=["a", 3]),
            "each entry of options must be text or a table",
            id="option-number",
        ),
        pytest.param(
            make_field("choice", options=["a", ""]), "empty or over-long value", id="option-empty"
        ),
        pytest.param(
            make_field("choice", options=["a", "   "]),
            "empty or over-long value",
            id="option-blank",
        ),
        pytest.param(
            make_field("choice", options=["a", "x" * 81]),
            "empty or over-long value",
            id="option-81-chars",
        ),
        pytest.param(
            make_field("choice", options=[{"value": "a"}, "b"]),
            "an entry of options is missing the key 'label'",
            id="option-table-without-label",
        ),
        pytest.param(
            make_field("choice", options=[{"value": "a", "label": ""}, "b"]),
            "the label of options entry 'a' must be non-empty text",
            id="option-empty-label",
        ),
        pytest.param(
            make_field("scale", anchors="Never..Always"),
            "anchors must be a table",
            id="anchors-text",
        ),
        pytest.param(
            make_field("scale", anchors={0: ""}), "anchor 0 must be non-empty text", id="anchor"
        ),
        pytest.param(make_field(prompt=""), "the prompt must be non-empty text", id="prompt-empty"),
        pytest.param(make_field(prompt="  "), "the prompt must be non-empty text", id="blank"),
        pytest.param(make_field(prompt=3), "the prompt must be non-empty text", id="prompt-num"),
        pytest.param(make_field(help=""), "the help must be non-empty text", id="help-empty"),
        pytest.param(
            make_field("text", max_length="200"),
            "max_length must be a whole number",
            id="max-length-text",
        ),
        pytest.param(
            make_field("text", max_length=True),
            "max_length must be a whole number",
            id="max-length-bool",
        ),
        pytest.param(
            make_field("multi", max_items=1.5),
            "max_items must be a whole number",
            id="max-items-float",
        ),
        pytest.param(
            make_field("text", placeholder=5),
            "the placeholder must be non-empty text",
            id="placeholder",
        ),
        pytest.param(
            make_field("list", fields=[]), "a list needs a non-empty 'fields' list", id="list-empty"
        ),
        pytest.param(
            make_field("list", fields="name"),
            "a list needs a non-empty 'fields' list",
            id="list-fields-text",
        ),
        pytest.param(
            make_field("list", item_label=""),
            "item_label must be non-empty text",
            id="item-label",
        ),
    ],
)
def test_wrong_type_in_field_is_refused(tmp_path, field, match):
    """Is a field key of the wrong type or shape refused, naming the field and the key?"""
    refused(tmp_path, make_worksheet(field), match, field=FID)


@pytest.mark.parametrize(
    ("changes", "match"),
    [
        pytest.param({"version": "1"}, "version must be a whole number", id="version-text"),
        pytest.param({"version": 1.0}, "version must be a whole number", id="version-float"),
        pytest.param({"version": True}, "version must be a whole number", id="version-bool"),
        pytest.param({"title": ""}, "the title must be non-empty text", id="title-empty"),
        pytest.param({"title": 3}, "the title must be non-empty text", id="title-number"),
        pytest.param({"intro": ""}, "the intro must be non-empty text", id="intro-empty"),
        pytest.param({"intro": ["a"]}, "the intro must be non-empty text", id="intro-list"),
        pytest.param(
            {"sections": "main"}, "'sections' must be a non-empty list", id="sections-text"
        ),
        pytest.param(
            {"sections": make_section()},
            r"'sections' must be a non-empty list of \[\[sections\]\] tables",
            id="sections-single-table",
        ),
        pytest.param(
            {"sections": ["main"]}, "a section must be a table of keys", id="section-text"
        ),
    ],
)
def test_wrong_type_in_worksheet_is_refused(tmp_path, changes, match):
    """Is a worksheet key of the wrong type (version as text…) refused, saying which key?"""
    refused(tmp_path, make_worksheet(**changes), match)


def test_field_that_is_not_a_table_is_refused(tmp_path):
    """Is a field written as plain text rather than a table refused?"""
    refused(
        tmp_path,
        make_worksheet(sections=[make_section(fields=["q"])]),
        "each field must be a table",
    )


@pytest.mark.parametrize(
    ("section", "match"),
    [
        pytest.param(make_section(title=""), "the title of section 'main'", id="title-empty"),
        pytest.param(make_section(intro=""), "the intro must be non-empty", id="intro-empty"),
        pytest.param(make_section(id=DROP), "a section is missing the key 'id'", id="no-id"),
        pytest.param(
            make_section(title=DROP), "a section is missing the key 'title'", id="no-title"
        ),
    ],
)
def test_broken_section_is_refused(tmp_path, section, match):
    """Is a section with a missing or empty id or title refused?"""
    refused(tmp_path, make_worksheet(sections=[section]), match)


def test_list_inside_list_is_refused(tmp_path):
    """Is a list field inside a list field refused, naming the inner field?"""
    inner = make_field("list", id="inner")
    refused(
        tmp_path,
        make_worksheet(make_field("list", fields=[inner])),
        "a list cannot contain another list",
        field="inner",
    )


def test_broken_sub_field_is_refused_by_its_own_id(tmp_path):
    """Is a broken sub-field inside a list refused, naming the sub-field?"""
    sub = make_field("scale", id="how_much", max=DROP)
    refused(
        tmp_path,
        make_worksheet(make_field("list", fields=[sub])),
        "missing the key 'max'",
        field="how_much",
    )


BAD_IDS = [
    pytest.param("Feeling", id="upper-case"),
    pytest.param("1feeling", id="starts-with-digit"),
    pytest.param("_feeling", id="starts-with-underscore"),
    pytest.param("my feeling", id="space"),
    pytest.param(" feeling", id="leading-space"),
    pytest.param("feeling.now", id="dot"),
    pytest.param("gefühl", id="non-ascii"),
    pytest.param("", id="empty"),
    pytest.param("a" * 41, id="41-chars"),
]


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_invalid_field_id_is_refused(tmp_path, bad_id):
    """Is a field id that is not lower-case letters, digits, '-' or '_' refused?"""
    refused(
        tmp_path,
        make_worksheet(make_field(id=bad_id)),
        f"the field id {re.escape(repr(bad_id))} is not a valid id",
        field=bad_id,
    )


def test_non_text_field_id_is_refused(tmp_path):
    """Is a field id that is a number, not text, refused?"""
    refused(tmp_path, make_worksheet(make_field(id=7)), "the field id 7 is not a valid id", "7")


@pytest.mark.parametrize("bad_id", BAD_IDS)
def test_invalid_section_id_is_refused(tmp_path, bad_id):
    """Is a section id that is not a valid id refused?"""
    refused(
        tmp_path,
        make_worksheet(sections=[make_section(id=bad_id)]),
        f"the section id {re.escape(repr(bad_id))} is not a valid id",
    )


@pytest.mark.parametrize(
    "bad_id",
    [
        pytest.param("Sample", id="upper-case"),
        pytest.param("1sample", id="starts-with-digit"),
        pytest.param("my sample", id="space"),
        pytest.param("a" * 41, id="41-chars"),
    ],
)
def test_invalid_worksheet_id_is_refused(tmp_path, bad_id):
    """Is an invalid worksheet id refused, even when the file is named after it?"""
    path = write(tmp_path, make_worksheet(id=bad_id), name=bad_id)
    assert_refused(path, f"the worksheet id {re.escape(repr(bad_id))} is not a valid id")


@pytest.mark.parametrize("where", ["field", "section"])
def test_id_with_trailing_newline_is_refused(tmp_path, where):
    """Is an id with a trailing newline ("feeling\\n") refused like any other bad id?"""
    if where == "field":
        table, field = make_worksheet(make_field(id="feeling\n")), "feeling\n"
    else:
        table, field = make_worksheet(sections=[make_section(id="main\n")]), None
    assert_refused(write(tmp_path, table), "is not a valid id", field=field)


@pytest.mark.parametrize(
    "good_id", ["a", "a" * 40, "a-b_c9", "own-words", "at_ease"], ids=lambda i: f"{len(i)}-chars"
)
def test_valid_ids_are_accepted(tmp_path, good_id):
    """Are ids at the edges of the rules (one letter, 40 characters, '-' and '_') accepted?"""
    table = make_worksheet(make_field(id=good_id), id=good_id)
    table["sections"][0]["id"] = good_id
    definition = load(tmp_path, table)
    assert definition.id == good_id
    assert definition.sections[0].id == good_id
    assert definition.fields[0].id == good_id


def test_id_not_matching_file_name_is_refused(tmp_path):
    """Is a worksheet whose id differs from its file name refused, naming both?"""
    path = write(tmp_path, make_worksheet(id="sample"), name="other")
    assert_refused(path, r"the id 'sample' does not match the file name \(other\.toml\)")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('id = "sample\n', id="unclosed-string"),
        pytest.param('id = "sample"\nid = "sample"\n', id="repeated-key"),
        pytest.param("[[sections]\n", id="unclosed-bracket"),
        pytest.param("title = Sample\n", id="unquoted-text"),
    ],
)
def test_invalid_toml_is_refused(tmp_path, text):
    """Is a file that is not valid TOML refused, naming the file?"""
    path = tmp_path / "sample.toml"
    path.write_text(text, encoding="utf-8")
    error = assert_refused(path, "is not valid TOML")
    assert error.__cause__ is None  # a readable message, not a chained traceback
    assert error.__suppress_context__


def test_empty_sections_list_is_refused(tmp_path):
    """Is a worksheet with an empty sections list refused?"""
    refused(tmp_path, make_worksheet(sections=[]), "'sections' must be a non-empty list")


@pytest.mark.parametrize(
    ("section", "match"),
    [
        pytest.param(make_section(fields=[]), "section 'main' needs at least one field", id="[]"),
        pytest.param(
            make_section(fields=make_field()),
            "section 'main' needs at least one field",
            id="single-table",
        ),
        pytest.param(
            make_section(fields=DROP), "a section is missing the key 'fields'", id="no-fields-key"
        ),
    ],
)
def test_section_without_fields_is_refused(tmp_path, section, match):
    """Is a section with no fields refused, naming the section?"""
    refused(tmp_path, make_worksheet(sections=[section]), match)


@pytest.mark.parametrize(
    "data",
    [
        pytest.param('title = "Café"\n'.encode("latin-1"), id="latin-1"),
        pytest.param('id = "sample"\n'.encode("utf-16"), id="utf-16"),
        pytest.param(b'id = "sample"\ntitle = "\xff\xfe"\n', id="stray-bytes"),
    ],
)
def test_non_utf8_file_is_refused(tmp_path, data):
    """Is a file that is not UTF-8 refused as unreadable, naming the file?"""
    path = tmp_path / "sample.toml"
    path.write_bytes(data)
    assert_refused(path, "cannot be read")


def test_missing_file_is_refused(tmp_path):
    """Is a file that does not exist refused as a DefinitionError, naming the file?"""
    assert_refused(tmp_path / "absent.toml", "cannot be read")


def test_load_definition_accepts_a_string_path(tmp_path):
    """Does load_definition take a plain string path as well as a Path?"""
    path = write(tmp_path, make_worksheet())
    assert load_definition(str(path)).source == str(path)


def test_huge_number_bound_is_refused_calmly(tmp_path):
    """Is a number field with an absurdly large max refused as a DefinitionError, not a crash?"""
    refused(tmp_path, make_worksheet(make_field("number", max=10**400)), "max must be", field=FID)


# --------------------------------------------------------------------------------------
# Edges that must still be accepted
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "attribute", "expected"),
    [
        pytest.param(make_field("scale", min=0, max=20), "max", 20, id="scale-21-steps"),
        pytest.param(make_field("scale", min=-10, max=10), "min", -10, id="scale-negative"),
        pytest.param(make_field("scale", min=0, max=1), "max", 1, id="scale-2-steps"),
        pytest.param(
            make_field("scale", anchors={0: "Never", 4: "Always"}),
            "anchors",
            {0: "Never", 4: "Always"},
            id="anchors-at-both-ends",
        ),
        pytest.param(make_field("text", max_length=1), "max_length", 1, id="text-length-1"),
        pytest.param(make_field("text", max_length=1000), "max_length", 1000, id="text-limit"),
        pytest.param(
            make_field("longtext", max_length=100_000),
            "max_length",
            100_000,
            id="longtext-limit",
        ),
        pytest.param(make_field("multi", max_items=3), "max_items", 3, id="max-items=options"),
        pytest.param(make_field("rank", max_items=1), "max_items", 1, id="rank-max-items-1"),
        pytest.param(make_field("list", max_items=10_000), "max_items", 10_000, id="list-limit"),
        pytest.param(make_field("multi", options=["only"]), "options", ("only",), id="multi-1"),
        pytest.param(
            make_field("checklist", options=["keys"]), "options", ("keys",), id="checklist-1"
        ),
        pytest.param(make_field("number", min=-1.5, max=1e6), "min", -1.5, id="number-floats"),
        pytest.param(make_field(prompt="  Padded  "), "prompt", "Padded", id="prompt-stripped"),
    ],
)
def test_edge_values_are_accepted(tmp_path, field, attribute, expected):
    """Are values right at the edge of each rule accepted and carried over as written?"""
    loaded = load(tmp_path, make_worksheet(field)).field(FID)
    assert getattr(loaded, attribute) == expected


def test_version_limits_are_accepted(tmp_path):
    """Are versions 1 and 10000, the ends of the allowed range, accepted?"""
    for version in (1, 10_000):
        assert load(tmp_path, make_worksheet(version=version)).version == version


# --------------------------------------------------------------------------------------
# 4. A worksheet using every kind
# --------------------------------------------------------------------------------------


def every_kind_worksheet() -> dict[str, Any]:
    return {
        "id": "every-kind",
        "title": "  Every kind  ",
        "version": 3,
        "intro": "All twelve kinds of question.",
        "sections": [
            {
                "id": "first",
                "title": "First",
                "intro": "Scales and choices.",
                "fields": [
                    {
                        "id": "mood",
                        "kind": "scale",
                        "prompt": "How is your mood?",
                        "help": "Today only.",
                        "required": True,
                        "min": -2,
                        "max": 2,
                        "anchors": {-2: "Low", 0: "Even", 2: "High"},
                    },
                    {
                        "id": "often",
                        "kind": "choice",
                        "prompt": "How often?",
                        "options": [
                            {"value": "never", "label": "Never", "help": "Not once."},
                            {"value": "sometimes", "label": "Sometimes"},
                            "always",
                        ],
                    },
                    {
                        "id": "controlled",
                        "kind": "multi",
                        "prompt": "Which of these?",
                        "options": ["phone", "money", "friends"],
                        "max_items": 2,
                    },
                    {"id": "afraid", "kind": "yesno", "prompt": "Are you afraid?"},
                    {
                        "id": "name",
                        "kind": "text",
                        "prompt": "A name",
                        "placeholder": "Anyone",
                    },
                    {"id": "story", "kind": "longtext", "prompt": "What happened?"},
                ],
            },
            {
                "id": "second",
                "title": "Second",
                "fields": [
                    {"id": "when", "kind": "date", "prompt": "When?"},
                    {
                        "id": "hours",
                        "kind": "number",
                        "prompt": "How many hours?",
                        "min": 0,
                        "max": 24.5,
                        "integer": True,
                        "unit": "hours",
                    },
                    {
                        "id": "values",
                        "kind": "rank",
                        "prompt": "Put these in order",
                        "options": ["honesty", "calm", "fun"],
                        "max_items": 3,
                    },
                    {
                        "id": "plan",
                        "kind": "checklist",
                        "prompt": "Your plan",
                        "options": [{"value": "keys", "label": "Spare keys"}, "documents"],
                        "states": [
                            {"value": "todo", "label": "To do"},
                            {"value": "done", "label": "Done"},
                        ],
                    },
                    {
                        "id": "people",
                        "kind": "list",
                        "prompt": "People you can call",
                        "item_label": "Person",
                        "max_items": 10,
                        "fields": [
                            {"id": "name", "kind": "text", "prompt": "Name", "required": True},
                            {"id": "phone", "kind": "text", "prompt": "Phone", "max_length": 30},
                            {
                                "id": "trust",
                                "kind": "scale",
                                "prompt": "Trust",
                                "min": 1,
                                "max": 5,
                            },
                        ],
                    },
                    {
                        "id": "lived",
                        "kind": "ratings",
                        "prompt": "How much do you live each one?",
                        "options_from": "values",
                        "min": 1,
                        "max": 5,
                        "anchors": {1: "Hardly", 5: "Fully"},
                    },
                ],
            },
        ],
    }


@pytest.fixture
def every_kind(tmp_path) -> kit.Definition:
    return load(tmp_path, every_kind_worksheet())


def test_every_kind_loads(every_kind):
    """Does a worksheet using all twelve kinds load, keeping the order of the file?"""
    assert isinstance(every_kind, kit.Definition)
    assert {f.kind for f in every_kind.fields} == set(KINDS)
    assert [f.kind for f in every_kind.fields] == list(KINDS)
    assert every_kind.id == "every-kind"
    assert every_kind.title == "Every kind"  # surrounding spaces are trimmed
    assert every_kind.version == 3
    assert every_kind.intro == "All twelve kinds of question."
    assert [s.id for s in every_kind.sections] == ["first", "second"]
    assert every_kind.sections[0].intro == "Scales and choices."
    assert [f.id for f in every_kind.sections[1].fields] == [
        "when",
        "hours",
        "values",
        "plan",
        "people",
        "lived",
    ]
    for f in every_kind.fields:
        _check_field(f)


def test_every_kind_scale(every_kind):
    """Does a scale carry its range, its anchors keyed by int, help and required?"""
    mood = every_kind.field("mood")
    assert (mood.min, mood.max) == (-2, 2)
    assert mood.anchors == {-2: "Low", 0: "Even", 2: "High"}
    assert all(type(k) is int for k in mood.anchors)
    assert mood.help == "Today only."
    assert mood.required is True
    assert mood.prompt == "How is your mood?"


def test_every_kind_options_are_option_strings_with_labels(every_kind):
    """Are options kit.Option strings, with the label (and help) from the file?"""
    often = every_kind.field("often")
    assert often.options == ("never", "sometimes", "always")
    assert all(isinstance(o, kit.Option) and isinstance(o, str) for o in often.options)
    assert [o.label for o in often.options] == ["Never", "Sometimes", "always"]
    assert [o.help for o in often.options] == ["Not once.", None, None]
    assert often.option("sometimes").label == "Sometimes"
    assert often.option("nope") is None
    assert often.required is False
    assert often.max_items is None


def test_every_kind_multi_and_rank(every_kind):
    """Do multi and rank fields carry their options and max_items?"""
    controlled = every_kind.field("controlled")
    assert controlled.options == ("phone", "money", "friends")
    assert controlled.max_items == 2
    values = every_kind.field("values")
    assert values.options == ("honesty", "calm", "fun")
    assert values.max_items == 3


def test_every_kind_text_fields_have_default_lengths(every_kind):
    """Do text and longtext default to 200 and 10000 characters, and keep the placeholder?"""
    name = every_kind.field("name")
    assert name.max_length == DEFAULT_MAX_LENGTH["text"] == 200
    assert name.placeholder == "Anyone"
    story = every_kind.field("story")
    assert story.max_length == DEFAULT_MAX_LENGTH["longtext"] == 10_000
    assert story.placeholder is None


def test_every_kind_plain_kinds(every_kind):
    """Do yesno and date fields load with nothing beyond the common keys?"""
    for field_id, kind in (("afraid", "yesno"), ("when", "date")):
        f = every_kind.field(field_id)
        assert f.kind == kind
        assert (f.options, f.states, f.fields) == ((), (), ())
        assert (f.min, f.max, f.max_length, f.max_items) == (None, None, None, None)
        assert f.anchors == {}


def test_every_kind_number(every_kind):
    """Does a number field carry its min, max, integer flag and unit?"""
    hours = every_kind.field("hours")
    assert (hours.min, hours.max) == (0, 24.5)
    assert hours.integer is True
    assert hours.unit == "hours"


def test_number_defaults(tmp_path):
    """Does a number field default to integer = false and no unit?"""
    f = load(tmp_path, make_worksheet(make_field("number"))).field(FID)
    assert f.integer is False
    assert f.unit is None


def test_every_kind_checklist(every_kind):
    """Does a checklist carry its items and its states as labelled options?"""
    plan = every_kind.field("plan")
    assert plan.options == ("keys", "documents")
    assert [o.label for o in plan.options] == ["Spare keys", "documents"]
    assert plan.states == ("todo", "done")
    assert all(isinstance(s, kit.Option) for s in plan.states)
    assert [s.label for s in plan.states] == ["To do", "Done"]


def test_every_kind_list(every_kind):
    """Does a list carry its sub-fields (as Field objects), item label and max_items?"""
    people = every_kind.field("people")
    assert people.item_label == "Person"
    assert people.max_items == 10
    assert [f.id for f in people.fields] == ["name", "phone", "trust"]
    assert all(isinstance(f, kit.Field) for f in people.fields)
    name, phone, trust = people.fields
    assert name.required is True
    assert name.max_length == 200
    assert phone.max_length == 30
    assert (trust.kind, trust.min, trust.max) == ("scale", 1, 5)
    # Sub-fields are not top-level fields of the worksheet.
    assert "phone" not in [f.id for f in every_kind.fields]


def test_definition_records_its_source(tmp_path):
    """Does a loaded Definition record the file it came from?"""
    path = write(tmp_path, every_kind_worksheet())
    assert load_definition(path).source == str(path)


def test_byte_order_mark_is_accepted(tmp_path):
    """Does a file saved with a byte-order mark (as some editors do) still load?"""
    path = tmp_path / "sample.toml"
    path.write_bytes(b"\xef\xbb\xbf" + to_toml(make_worksheet()).encode("utf-8"))
    assert load_definition(path).id == "sample"


def test_anchor_given_twice_is_refused(tmp_path):
    """Are two anchors for the same point ("1" and "01") refused as a duplicate?"""
    table = make_worksheet(make_field("scale", anchors={"1": "Low", "01": "Also low"}))
    refused(tmp_path, table, "anchor 1 is given twice", field=FID)


def test_anchor_with_underscores_is_refused(tmp_path):
    """Is an anchor written like "1_0" refused rather than read as 10?"""
    table = make_worksheet(make_field("scale", max=10, anchors={"1_0": "Ten"}))
    refused(tmp_path, table, "not a whole number", field=FID)


def test_option_value_with_spaces_around_is_refused(tmp_path):
    """Is an option value with stray spaces (" often") refused, so "often" stays unique?"""
    table = make_worksheet(make_field("choice", options=[" often", "never"]))
    refused(tmp_path, table, "spaces around it", field=FID)


def test_ratings_take_the_options_of_the_field_they_rate(every_kind):
    """Does a ratings field rate exactly the options of the rank field it names?"""
    lived = every_kind.field("lived")
    assert lived.options == every_kind.field("values").options
    assert (lived.min, lived.max, lived.options_from) == (1, 5, "values")
    assert lived.anchors == {1: "Hardly", 5: "Fully"}


@pytest.mark.parametrize(
    ("source", "why"),
    [
        pytest.param(None, "no such field", id="missing"),
        pytest.param(make_field("yesno", id="picked"), "not a rank or multi", id="wrong-kind"),
    ],
)
def test_ratings_need_an_earlier_rank_or_multi(tmp_path, source, why):
    """Is a ratings field refused when the field it rates is missing or of the wrong kind?"""
    fields = [make_field("ratings")] + ([source] if source else [])
    refused(tmp_path, make_worksheet(*fields), "must name a rank or multi field", field=FID)


def test_ratings_before_their_source_are_refused(tmp_path):
    """Is a ratings field refused when the field it rates only comes after it?"""
    fields = [make_field("ratings"), make_field("rank", id="picked")]
    refused(tmp_path, make_worksheet(*fields), "comes earlier", field=FID)


def scored(bands, **field_changes) -> dict[str, Any]:
    """A two-item 0-3 scale (highest total 6) with the given bands."""
    changes = {"required": True, "max": 3, **field_changes}
    items = [make_field("scale", id=f"q{i}", **changes) for i in (1, 2)]
    sheet = make_worksheet(*items)
    sheet["scoring"] = {"multiplier": 1, "note": "A self-check.", "bands": bands}
    return sheet


def band(upto: int, label: str = "Some") -> dict[str, Any]:
    return {"upto": upto, "label": label}


def test_scored_worksheet_loads(tmp_path):
    """Does a scale with bands ending at its highest total load, finding bands by total?"""
    definition = load(tmp_path, scored([band(2, "Low"), band(6, "High")]))
    assert definition.scoring.band(2) == "Low"
    assert definition.scoring.band(3) == "High"


@pytest.mark.parametrize(
    ("sheet", "match"),
    [
        pytest.param(scored([band(3), band(2), band(6)]), "must go up", id="bands-down"),
        pytest.param(scored([band(2), band(5)]), "highest score, 6", id="bands-short"),
        pytest.param(scored([]), "non-empty list", id="no-bands"),
        pytest.param(scored([band(6)], required=False), "only required scale", id="optional"),
        pytest.param(scored([{"upto": 6}]), "missing the key 'label'", id="band-label"),
    ],
)
def test_broken_scoring_is_refused(tmp_path, sheet, match):
    """Is a scale whose bands do not cover its totals in order refused, naming the file?"""
    assert_refused(write(tmp_path, sheet), match)


def test_crisis_mark_only_on_scales(tmp_path):
    """Is `crisis` refused on a field that is not a scale?"""
    refused(tmp_path, make_worksheet(make_field("yesno", crisis=True)), "unknown key 'crisis'", FID)


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param([make_field("date", required=True, id="when")], id="names-no-field"),
        pytest.param([make_field("text", required=True, id="day")], id="not-a-date"),
        pytest.param([make_field("date", id="day")], id="date-not-required"),
    ],
)
def test_daily_must_name_a_required_date(tmp_path, fields):
    """Is `daily` refused unless it names a required date field of the worksheet?"""
    sheet = make_worksheet(*fields)
    sheet["daily"] = "day"
    assert_refused(write(tmp_path, sheet), "daily must name a required date field")
