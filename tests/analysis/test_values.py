"""Values and life goals: each clash, the clash score, the biggest gaps, and the chart."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.values import Clash, biggest_gaps, clash_score, goal_clashes, value_clashes
from kit.plots.values import clash_figure

SHEET = kit.definition("values")


def values(top: list[str], lives: dict, shares: dict) -> dict:
    return {"top_values": top, "lives": lives, "shares": shares}


def goals(*middles: str | None) -> dict:
    return {"life_goals": [
        {"topic": f"Goal {i}", **({"middle": m} if m else {})} for i, m in enumerate(middles)
    ]}  # fmt: skip


SCORES = {
    "nothing saved": (None, None),
    "values picked but not rated": (values(["honesty"], {}, {}), None),
    "fully lived and shared": (values(["honesty", "calm"], {"honesty": 5, "calm": 5},
                                      {"honesty": 5, "calm": 5}), 0.0),
    "not lived or shared at all": (values(["honesty"], {"honesty": 1}, {"honesty": 1}), 100.0),
    "one rating only": (values(["honesty"], {"honesty": 3}, {}), 50.0),
    "top value weighs more": (values(["honesty", "calm"], {"honesty": 1, "calm": 5},
                                     {"honesty": 1, "calm": 5}), 66.7),
    "goals all meet": (goals("yes", "yes"), 0.0),
    "goals: one no, one maybe": (goals("no", "maybe"), 75.0),
    "goals unanswered are skipped": (goals(None, "no"), 100.0),
    "values and goals averaged": ({**values(["fun"], {"fun": 5}, {"fun": 5}), **goals("no")}, 50.0),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), SCORES.values(), ids=SCORES.keys())
def test_clash_score(answers, expected) -> None:
    """Does the clash score run from 0 (room for both) to 100, over what was answered?"""
    score = clash_score(value_clashes(SHEET, answers), goal_clashes(answers))
    assert score == expected


def test_value_clashes_use_labels_and_rank_weights() -> None:
    """Are value clashes named as people read them, weighted by rank?"""
    answers = values(["self-care", "trust", "fun"], {"self-care": 2, "fun": 4}, {"fun": 2})
    clashes = value_clashes(SHEET, answers)
    assert [(c.name, c.clash, c.weight) for c in clashes] == [
        ("Self-care", 0.75, 3),
        ("Fun", 0.5, 1),
    ]


def test_biggest_gaps() -> None:
    """Are the widest gaps (half or more) listed widest first, at most three?"""
    clashes = [Clash("a", "value", 0.2), Clash("b", "goal", 1.0), Clash("c", "value", 0.5),
               Clash("d", "value", 0.75), Clash("e", "goal", 1.0)]  # fmt: skip
    assert [c.name for c in biggest_gaps(clashes)] == ["b", "e", "d"]
    assert biggest_gaps([Clash("a", "value", 0.4)]) == []


def test_clash_chart() -> None:
    """Does the chart show values and goals as separate, patterned bars, widest at the top?"""
    figure = clash_figure(
        [Clash("Honesty", "value", 1.0), Clash("Calm", "value", 0.25), Clash("Kids", "goal", 0.5)],
        58.3,
    )
    first, second = figure.data
    assert first.name == "Your values"
    assert list(first.y) == ["Calm", "Honesty"]
    assert list(first.x) == [25, 100]
    assert second.marker.pattern.shape == "/"
    assert "58 of 100" in figure.layout.title.text
    assert clash_figure([], None) is None


def test_values_worksheet_has_about_forty_described_values() -> None:
    """Does the card sort offer about forty values, each with a one-line description?"""
    cards = SHEET.field("top_values").options
    assert 35 <= len(cards) <= 45
    assert all(o.help and len(o.help) < 90 for o in cards)
    topics = [d["topic"] for d in SHEET.field("life_goals").defaults]
    assert topics[:3] == ["Children", "Where to live", "Marriage"]
