"""Fields the code reads are found by their role (kit/roles.py), never by id or place.

A worksheet may be reworded, reordered and even have its ids changed: the code follows the
role. A worksheet that drops a field the code reads, or gives it another kind, is refused
as it is loaded (so ``kit check`` and ``kit serve`` report it), naming the file, the role,
the kind and what reads it.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest

import kit
from kit import roles
from kit.analysis.balance import area_balances
from kit.analysis.checkins import checkin_days, checkins
from kit.analysis.lookback import look_back
from kit.check import check_content
from kit.content import data_dir, definition, load_definition
from kit.layers import Content
from tests.test_content import to_toml

NEEDED = [(sheet, role) for sheet, needs in roles.NEEDS.items() for role in needs]
WORKSHEETS = data_dir() / "worksheets"


def _field(raw: dict[str, Any], role: str) -> tuple[list[dict[str, Any]], int]:
    """The list holding the field (in ``raw``) that carries ``role``, and its place there."""
    for section in raw["sections"]:
        for position, field in enumerate(section["fields"]):
            if field.get("role") == role:
                return section["fields"], position
            for place, sub in enumerate(field.get("fields", [])):
                if sub.get("role") == role:
                    return field["fields"], place
    raise AssertionError(f"no field with role {role!r}")


def _raw(sheet: str) -> dict[str, Any]:
    return tomllib.loads((WORKSHEETS / f"{sheet}.toml").read_text(encoding="utf-8"))


def _write(tmp_path: Path, sheet: str, raw: dict[str, Any]) -> Path:
    path = tmp_path / f"{sheet}.toml"
    path.write_text(to_toml(raw), encoding="utf-8")
    return path


# Another kind for a field of each kind, keeping only the keys the new kind takes (a scale
# stays something a [[care]] rule can watch: a number).
OTHER_KIND = {
    "scale": ("number", {"min", "max"}),
    "number": ("text", set()),
    "text": ("longtext", {"placeholder"}),
    "longtext": ("text", {"placeholder"}),
    "yesno": ("text", set()),
    "multi": ("choice", {"options"}),
    "choice": ("multi", {"options"}),
    "rank": ("multi", {"options", "max_items"}),
    "ratings": ("scale", {"min", "max", "anchors"}),
    "list": ("text", set()),
    "date": ("text", set()),
}
KEPT = {"id", "prompt", "help", "required", "role"}


def test_every_needed_role_is_in_the_shipped_worksheets() -> None:
    """Does each worksheet carry every role the code reads, on a field of the right kind?"""
    for sheet, needs in roles.NEEDS.items():
        loaded = definition(sheet)
        for role, need in needs.items():
            assert loaded.by_role(role).kind == need.kind, (sheet, role)


def test_by_role_names_the_worksheet_and_the_role_when_absent() -> None:
    """Does asking for a role no field carries say which worksheet and role?"""
    with pytest.raises(KeyError, match=r"'balance' has no field with role = 'nothing'"):
        definition("balance").by_role("nothing")


@pytest.mark.parametrize(("sheet", "role"), NEEDED, ids=[f"{s}:{r}" for s, r in NEEDED])
def test_a_worksheet_without_a_needed_role_is_refused(tmp_path, sheet, role) -> None:
    """Is a copy with one needed role taken away refused, saying what reads it and how to
    put it back?"""
    text = (WORKSHEETS / f"{sheet}.toml").read_text(encoding="utf-8")
    line = f'role = "{role}"\n'
    assert text.count(line) == 1
    path = tmp_path / f"{sheet}.toml"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    need = roles.NEEDS[sheet][role]
    with pytest.raises(kit.DefinitionError) as refused:
        load_definition(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: ")
    assert f'the kit needs a field with role = "{role}" (kind "{need.kind}")' in message
    assert f"it is read by {need.read_by}" in message
    assert f'Put role = "{role}" back on that field' in message


@pytest.mark.parametrize(("sheet", "role"), NEEDED, ids=[f"{s}:{r}" for s, r in NEEDED])
def test_a_needed_role_on_a_field_of_another_kind_is_refused(tmp_path, sheet, role) -> None:
    """Is a copy whose needed field has changed kind refused, naming the field, the role,
    both kinds and what reads it?"""
    raw = _raw(sheet)
    holder, place = _field(raw, role)
    need = roles.NEEDS[sheet][role]
    kind, keys = OTHER_KIND[need.kind]
    holder[place] = {k: v for k, v in holder[place].items() if k in KEPT | keys} | {"kind": kind}
    path = _write(tmp_path, sheet, raw)
    with pytest.raises(kit.DefinitionError) as refused:
        load_definition(path)
    error = refused.value
    assert error.field == holder[place]["id"]
    assert f'role = "{role}" is on a field of kind "{kind}"' in str(error)
    assert f'the kit needs kind "{need.kind}" there; it is read by {need.read_by}' in str(error)


@pytest.mark.parametrize(
    ("change", "match"),
    [
        pytest.param(("mood", "Mood!"), r"role 'Mood!' is not a valid role", id="not-id-like"),
        pytest.param(("mood", "urge"), r"role 'urge' is given to two fields", id="twice"),
        pytest.param(("mood", "mood.x"), r"role 'mood.x' has a dot", id="dot-on-top"),
    ],
)
def test_a_role_is_id_like_and_unique(tmp_path, change, match) -> None:
    """Is a role that is not written like an id, or that two fields share, refused?"""
    raw = _raw("check-in")
    holder, place = _field(raw, change[0])
    holder[place]["role"] = change[1]
    with pytest.raises(kit.DefinitionError, match=match):
        load_definition(_write(tmp_path, "check-in", raw))


def test_a_question_in_a_list_is_named_after_its_list(tmp_path) -> None:
    """Is a role in a list that does not start with the list's own role refused?"""
    raw = _raw("balance")
    holder, place = _field(raw, "areas.you")
    holder[place]["role"] = "you"
    with pytest.raises(kit.DefinitionError, match=r"must be the list's role, a dot"):
        load_definition(_write(tmp_path, "balance", raw))
    holder[place]["role"] = "areas.you"
    holder, place = _field(raw, "areas.area")
    holder.append({**holder[place], "id": "more", "role": "elsewhere.more", "required": False})
    with pytest.raises(kit.DefinitionError, match=r"must start with the list's own role") as no:
        load_definition(_write(tmp_path, "balance", raw))
    assert no.value.field == "more"


def _reworked_balance(raw: dict[str, Any]) -> dict[str, Any]:
    """The give-and-take worksheet with its questions reordered and reworded, and the id of
    "how much you give" changed: only the roles stay as they were."""
    (areas,) = [f for s in raw["sections"] for f in s["fields"] if f.get("role") == "areas"]
    areas["fields"].reverse()
    for sub in areas["fields"]:
        sub["prompt"] = f"Reworded: {sub['prompt']}"
        if sub.get("role") == "areas.you":
            sub["id"] = "mine"
    raw["sections"].reverse()
    return raw


def test_reworded_reordered_renamed_fields_are_still_read(tmp_path) -> None:
    """Does a copy with its fields reordered, reworded and an id changed still load, and
    does the analysis that reads it give the same result for answers under the new id?"""
    sheet = load_definition(_write(tmp_path, "balance", _reworked_balance(_raw("balance"))))
    assert sheet.by_role("areas.you").id == "mine"
    before = {"areas": [{"area": "Money", "you": 4, "them": 1}, {"area": "Chores", "you": 2}]}
    after = {"areas": [{"area": "Money", "mine": 4, "them": 1}, {"area": "Chores", "mine": 2}]}
    assert area_balances(after, sheet) == area_balances(before) != []


def _reworked_checkin() -> dict[str, Any]:
    """The check-in with its fields in another order and other words, and new ids for the
    mood and for contact (its [[care]] rules follow the new id, as a therapist would do)."""
    raw = _raw("check-in")
    renamed = {"mood": "feeling", "contacted": "in_touch"}
    for section in raw["sections"]:
        section["fields"].reverse()
        for field in section["fields"]:
            field["prompt"] = f"In other words: {field['prompt']}"
            field["id"] = renamed.get(field["id"], field["id"])
    raw["sections"].reverse()
    for rule in raw["care"]:
        if "field" in rule:
            rule["field"] = renamed.get(rule["field"], rule["field"])
    return raw


def test_check_ins_under_new_ids_are_read_the_same(tmp_path, monkeypatch) -> None:
    """With a therapist's check-in whose mood and contact have new ids, do the look-back,
    the trends and the streaks read the same as with the kit's own?"""
    start = dt.date(2026, 1, 1)
    days = [start + dt.timedelta(days=i) for i in range(40)]

    def fill(mood: str, contacted: str) -> tuple[Any, ...]:
        from kit.analysis.mood import mood_trend

        with kit.open_journal(tmp_path / f"journal-{mood}") as journal:
            for i, day in enumerate(days):
                answers = {"day": day.isoformat(), mood: 3 + i % 5, contacted: i % 3 == 0}
                journal.save("check-in", answers)
            rows = checkin_days(journal)
            found = look_back(rows, days[-1] + dt.timedelta(days=1))
            trend = mood_trend(checkins(journal))
        return found, trend["rolling"].tolist()

    kits = fill("mood", "contacted")
    own = tmp_path / "own"
    (own / "worksheets").mkdir(parents=True)
    (own / "worksheets" / "check-in.toml").write_text(to_toml(_reworked_checkin()), "utf-8")
    monkeypatch.setenv("KIT_CONTENT_DIR", str(own))
    assert definition("check-in").by_role("mood").id == "feeling"
    theirs = fill("feeling", "in_touch")
    assert theirs == kits
    assert kits[0].mood is not None
    assert kits[0].longest_no_contact == 2


def test_kit_check_reports_a_missing_role(tmp_path) -> None:
    """Does ``kit check`` (which ``kit serve`` runs before it starts) list the problem?"""
    own = tmp_path / "own"
    (own / "worksheets").mkdir(parents=True)
    text = (WORKSHEETS / "support.toml").read_text(encoding="utf-8")
    (own / "worksheets" / "support.toml").write_text(
        text.replace('role = "people.reach"\n', ""), encoding="utf-8"
    )
    report = check_content(Content(data_dir(), own))
    found = [p for p in report.problems if 'role = "people.reach"' in p]
    assert len(found) == 1
    assert re.search(r"support\.toml.*the kit needs a field with role", found[0])
    assert not report.ok
