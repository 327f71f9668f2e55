"""What-ifs: belief before and after, and its chart."""

from __future__ import annotations

from kit.analysis.whatifs import BeliefChange, average_change, belief_changes
from kit.plots.whatifs import belief_figure


def test_belief_changes_need_both_ratings() -> None:
    """Are only records with both ratings counted, in order, with their change?"""
    answers = {"records": [
        {"thought": "What if I was wrong?", "before": 80, "after": 35},
        {"thought": "What if they change?", "before": 60},
        {"thought": "What if I'm alone forever?", "before": 90, "after": 90},
    ]}  # fmt: skip
    changes = belief_changes(answers)
    assert [(c.before, c.after, c.change) for c in changes] == [(80, 35, -45), (90, 90, 0)]
    assert average_change(changes) == -22.5
    assert belief_changes(None) == []
    assert average_change([]) is None


def test_belief_chart() -> None:
    """Are before and after drawn as different markers, the first what-if at the top?"""
    figure = belief_figure(
        [BeliefChange("First <b>one</b>", 70, 20), BeliefChange("Second", 50, 40)]
    )
    before, after = figure.data[-2], figure.data[-1]
    assert before.marker.symbol == "circle-open"
    assert after.marker.symbol == "circle"
    assert list(before.y)[-1] == "1. First &lt;b&gt;one&lt;/b&gt;"
    assert belief_figure([]) is None
