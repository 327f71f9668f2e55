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
    """Is a flag only an id, a label and the page it came from: no weight, level or score
    to rank danger by?"""
    (flag,) = safety_flags_from(SHEET, {"threatened": True})
    public = {name for name in vars(flag) if not name.startswith("_")}
    assert public == {"label", "worksheet"}
    assert flag.worksheet == "wellbeing"


def test_safety_flags_reads_the_latest_check(journal: kit.Journal) -> None:
    """Does kit.safety_flags follow the latest well-being check, not an older one?"""
    assert kit.safety_flags(journal) == []
    journal.save("wellbeing", {"overall": 2, "afraid": True})
    assert kit.safety_flags(journal) == ["afraid"]
    journal.save("wellbeing", {"overall": 3, "afraid": False})
    assert kit.safety_flags(journal) == []


def test_every_worksheet_feeds_the_route(journal: kit.Journal) -> None:
    """Does a frightening past reaction on the contact plan raise a flag that says where it
    came from, beside the well-being check's, and does saving it as something else
    withdraw it?"""
    journal.save("wellbeing", {"overall": 2, "afraid": True})
    journal.save("contact-plan", {"past_reactions": "frightening"})
    flags = kit.safety_flags(journal)
    assert flags == ["afraid", "past_reactions:frightening"]
    assert [f.worksheet for f in flags] == ["wellbeing", "contact-plan"]
    assert flags[1].label == "Frightened by how they reacted"
    journal.save("contact-plan", {"past_reactions": "upset"})
    assert kit.safety_flags(journal) == ["afraid"]
    journal.save("wellbeing", {"overall": 3, "afraid": False})
    assert kit.safety_flags(journal) == []


def test_answers_on_the_page_stand_in_for_the_saved_ones(journal: kit.Journal) -> None:
    """Can a page ask for the flags as they would be with its own unsaved answers?"""
    journal.save("contact-plan", {"past_reactions": "frightening"})
    assert kit.safety_flags(journal, on_page=("contact-plan", {"past_reactions": "calm"})) == []
    assert kit.safety_flags(journal, on_page=("contact-plan", None)) == []
    on_page = ("contact-plan", {"past_reactions": "frightening"})
    assert kit.safety_flags(journal, on_page=on_page) == ["past_reactions:frightening"]
