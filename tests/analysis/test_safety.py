"""Safety flags: which answers route a person to safer options (and that nothing scores)."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.safety import safety_flags_from

SHEET = kit.definition("wellbeing")

CASES = {
    "nothing saved": (None, []),
    "no answers": ({}, []),
    "all safety answers no": (
        {"afraid": False, "threatened": False, "hurt": False, "pressured": False,
         "monitored": False},
        [],
    ),
    "high distress is not a safety flag": (
        {"overall": 1, "drained": 4, "anxious": 4, "eggshells": 4, "at_ease": 0}, [],
    ),
    "afraid": ({"afraid": True}, ["afraid"]),
    "hurt and pressured": ({"hurt": True, "pressured": True}, ["hurt", "pressured"]),
    "control of money and movements": (
        {"controlled": ["money", "movements"]}, ["controlled:money", "controlled:movements"],
    ),
    "threat of self-harm": ({"threats_about": ["self_harm"]}, ["threats_about:self_harm"]),
    "order follows the worksheet": (
        {"monitored": True, "afraid": True, "threats_about": ["pets"]},
        ["afraid", "monitored", "threats_about:pets"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES.values(), ids=CASES.keys())
def test_flags_from_answers(answers, expected) -> None:
    """Does each safety answer raise exactly its own flag, in the worksheet's order?"""
    assert safety_flags_from(SHEET, answers) == expected


def test_flags_carry_labels() -> None:
    """Can a later page name the concern in words rather than an id?"""
    flags = safety_flags_from(SHEET, {"afraid": True, "controlled": ["phone"]})
    assert [f.label for f in flags] == [
        "Afraid of them",
        "My phone: checking it, or deciding who I may call or message",
    ]
    assert all(isinstance(f, str) for f in flags)


def test_flags_have_no_score() -> None:
    """Is a flag only an id and a label: no weight, level or score to rank danger by?"""
    (flag,) = safety_flags_from(SHEET, {"threatened": True})
    public = {name for name in vars(flag) if not name.startswith("_")}
    assert public == {"label"}


def test_safety_flags_reads_the_latest_check(journal: kit.Journal) -> None:
    """Does kit.safety_flags follow the latest well-being check, not an older one?"""
    assert kit.safety_flags(journal) == []
    journal.save("wellbeing", {"overall": 2, "afraid": True})
    assert kit.safety_flags(journal) == ["afraid"]
    journal.save("wellbeing", {"overall": 3, "afraid": False})
    assert kit.safety_flags(journal) == []
