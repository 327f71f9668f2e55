"""Care at the lowest point: which answers, on which page, bring which help (the
``[[care]]`` rules of the worksheets), and that a rule is data the checker holds to."""

from __future__ import annotations

import datetime as dt

import pytest

import kit
from kit.analysis import care
from kit.content import definition

ALL_ITEMS = {f"q{n}": 0 for n in range(1, 10)}

# (worksheet, answers, what each place on the page offers)
CASES = {
    "check-in: nothing yet": ("check-in", {}, {}),
    "check-in: mood 1, the bottom": ("check-in", {"mood": 1}, {"mood": "lowest"}),
    "check-in: mood 2, the bottom third": ("check-in", {"mood": 2}, {"mood": "low"}),
    "check-in: mood 3, the bottom third": ("check-in", {"mood": 3}, {"mood": "low"}),
    "check-in: mood 4": ("check-in", {"mood": 4}, {}),
    "check-in: urge 10, the top": ("check-in", {"mood": 6, "urge": 10}, {"urge": "urge"}),
    "check-in: urge 9": ("check-in", {"mood": 6, "urge": 9}, {}),
    "check-in: the lowest mood and the urge": (
        "check-in", {"mood": 1, "urge": 10}, {"mood": "lowest", "urge": "urge"}),
    "phq-9: item 9 at 0": ("phq9", ALL_ITEMS, {}),
    "phq-9: item 9 at 1, before the rest": ("phq9", {"q9": 1}, {"q9": "lowest"}),
    "phq-9: item 9 at 3": ("phq9", ALL_ITEMS | {"q9": 3}, {"q9": "lowest"}),
    "who-5: total 28, the lowest band": (
        "who5", {"q1": 2, "q2": 2, "q3": 1, "q4": 1, "q5": 1}, {care.TOTAL: "lowest"}),
    "who-5: total 32": ("who5", {"q1": 2, "q2": 2, "q3": 2, "q4": 1, "q5": 1}, {}),
    "who-5: all 0": ("who5", {f"q{n}": 0 for n in range(1, 6)}, {care.TOTAL: "lowest"}),
    "who-5: not every item yet": ("who5", {"q1": 0, "q2": 0}, {}),
    "gad-7: no rules": ("gad7", {f"q{n}": 3 for n in range(1, 8)}, {}),
}  # fmt: skip


@pytest.mark.parametrize(("worksheet", "answers", "expected"), CASES.values(), ids=CASES.keys())
def test_each_trigger(worksheet: str, answers: dict, expected: dict) -> None:
    """Does each answer bring exactly the help its worksheet's rules name, in its place?"""
    found = care.raised(kit.definition(worksheet), answers)
    assert {anchor: rule.show for anchor, rule in found.items()} == expected


def test_the_thresholds_are_data() -> None:
    """Are the points read from the worksheets (not numbers in code), lowest before low?"""
    rules = kit.definition("check-in").care
    assert [(r.show, r.field, r.at_most, r.at_least) for r in rules if r.field] == [
        ("lowest", "mood", 1, None),
        ("low", "mood", 3, None),
        ("urge", "urge", None, 10),
    ]
    assert [r.band for r in kit.definition("who5").care] == [1]
    assert [(r.field, r.at_least) for r in kit.definition("phq9").care] == [("q9", 1)]


HARD = [{"date": "2019-12-03", "what": "Our anniversary"}, {"date": "2020-02-29", "what": "Leap"}]


@pytest.mark.parametrize(
    ("today", "days", "expected"),
    [
        (dt.date(2026, 11, 29), 3, []),
        (dt.date(2026, 11, 30), 3, [dt.date(2026, 12, 3)]),
        (dt.date(2026, 12, 3), 3, [dt.date(2026, 12, 3)]),
        (dt.date(2026, 12, 4), 3, []),
        (dt.date(2027, 2, 27), 1, [dt.date(2027, 2, 28)]),
        (dt.date(2026, 12, 30), 3, []),
    ],
)
def test_hard_dates_come_back_every_year(today, days, expected) -> None:
    """Is a hard date found a few days before it in any year (29 February on the 28th)?"""
    support = definition("support")
    assert [h.day for h in care.coming_hard_dates(HARD, today, days, support)] == expected
