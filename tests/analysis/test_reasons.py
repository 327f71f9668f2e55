"""My reasons: suggestions drawn from the other pages, saved reasons, decisional balance."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.reasons import decisional_balance, draft_reasons, reasons_from
from kit.plots.reasons import decisional_figure

WELLBEING, VALUES = kit.definition("wellbeing"), kit.definition("values")


def draft(**pages) -> list[str]:
    return draft_reasons(WELLBEING, VALUES, **pages)


DRAFTS = {
    "nothing filled in": ({}, []),
    "calm well-being": ({"wellbeing": {"overall": 4, "drained": 1, "at_ease": 3}}, []),
    "safety concern first": (
        {"wellbeing": {"overall": 2, "afraid": True, "controlled": ["money"]}},
        ["I don't always feel safe with them, and I deserve to feel safe.",
         "They control things that should be mine to decide.",
         "Overall, this relationship leaves me feeling worse, not better."],
    ),
    "feelings often or more": (
        {"wellbeing": {"overall": 3, "eggshells": 3, "unheard": 4, "anxious": 2, "at_ease": 1}},
        ["I walk on eggshells so as not to upset them.",
         "When I say how I feel, it goes nowhere.", "I can't be myself with them."],
    ),
    "monitored": ({"wellbeing": {"monitored": True}},
                  ["I don't always feel safe with them, and I deserve to feel safe.",
                   "I feel watched."]),
    "lopsided ledger": (
        {"balance": {"areas": [{"area": "Chores", "you": 4, "them": 0},
                               {"area": "Listening", "you": 3, "them": 1}]}},
        ["I give much more than I get back.",
         "When it comes to chores, I give far more than they do.",
         "When it comes to listening, I give far more than they do."],
    ),
    "even ledger": ({"balance": {"areas": [{"area": "Money", "you": 2, "them": 2}]}}, []),
    "values and goals apart": (
        {"values": {"top_values": ["honesty"], "lives": {"honesty": 1}, "shares": {"honesty": 2},
                    "life_goals": [{"topic": "Children", "middle": "no"},
                                   {"topic": "Money", "middle": "yes"}]}},
        ["We want different things when it comes to children.",  # the widest gap first
         "I can't live my value of honesty in this relationship."],
    ),
    "future without them": (
        {"future": {"includes_them": "no", "missing": "  Quiet mornings.  "}},
        ["The future I picture doesn't include them.", "Missing from my life now: Quiet mornings."],
    ),
    "future unsure": ({"future": {"includes_them": "unsure"}},
                      ["I'm not sure they belong in the future I want."]),
}  # fmt: skip


@pytest.mark.parametrize(("pages", "expected"), DRAFTS.values(), ids=DRAFTS.keys())
def test_draft_reasons(pages, expected) -> None:
    """Does each suggestion come from something answered, and only then?"""
    assert draft(**pages) == expected


GRIDS = {
    "empty": ({}, {"stay_gains": 0, "stay_costs": 0, "leave_gains": 0, "leave_costs": 0}),
    "weights add up": (
        {"stay_gains": [{"item": "Our home", "weight": 4}, {"item": "Routine", "weight": 1}],
         "leave_costs": [{"item": "Lonely at first"}]},
        {"stay_gains": 5, "stay_costs": 0, "leave_gains": 0, "leave_costs": 1},
    ),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), GRIDS.values(), ids=GRIDS.keys())
def test_decisional_balance(answers, expected) -> None:
    """Are the weights of each list added up (an unweighted item counting 1)?"""
    assert decisional_balance(answers) == expected


def test_decisional_chart() -> None:
    """Are gains and costs drawn for both sides, costs patterned, nothing when empty?"""
    figure = decisional_figure(
        {"stay_gains": 5, "stay_costs": 9, "leave_gains": 7, "leave_costs": 2}
    )
    gains, costs = figure.data
    assert list(gains.y) == [5, 7]
    assert list(costs.y) == [9, 2]
    assert costs.marker.pattern.shape == "x"
    assert decisional_figure(decisional_balance({})) is None


def test_reasons_are_the_persons_own_words(journal: kit.Journal) -> None:
    """Does kit.reasons return the saved reasons, in order and as written?"""
    assert kit.reasons(journal) == []
    journal.save("reasons", {"reasons": [{"reason": "I want to feel calm at home."},
                                         {"reason": "  I stopped laughing.  "}]})  # fmt: skip
    assert kit.reasons(journal) == ["I want to feel calm at home.", "I stopped laughing."]
    assert reasons_from(None) == []
