"""Give and take: the balance index, per-area gaps, words for the index, and the chart."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.balance import AreaBalance, area_balances, balance_index, describe_index
from kit.plots.balance import balance_figure


def rows(*ratings: tuple[int, int]) -> dict:
    return {
        "areas": [{"area": f"Area {i}", "you": y, "them": t} for i, (y, t) in enumerate(ratings)]
    }


INDEX = {
    "nothing saved": (None, None),
    "no areas": ({"areas": []}, None),
    "named but unrated": ({"areas": [{"area": "Money"}, {"area": "Chores", "you": 2}]}, None),
    "all zero": (rows((0, 0), (0, 0)), 0.0),
    "even": (rows((2, 2), (3, 3)), 0.0),
    "you give everything": (rows((4, 0), (2, 0)), 1.0),
    "they give everything": (rows((0, 3), (0, 1)), -1.0),
    "one area rated": (rows((3, 1)), 0.5),
    "mixed": (rows((4, 1), (3, 3), (1, 4)), 0.0),
    "you give more": (rows((4, 2), (3, 1)), 0.4),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), INDEX.values(), ids=INDEX.keys())
def test_balance_index(answers, expected) -> None:
    """Does the index run from -1 (they give all) to +1 (you give all), over rated areas?"""
    index = balance_index(area_balances(answers))
    assert index == pytest.approx(expected) if expected is not None else index is None


def test_gaps_per_area_in_the_persons_order() -> None:
    """Are per-area gaps kept in the order listed, with the person's own area names?"""
    answers = {"areas": [
        {"area": "Listening", "you": 4, "them": 1},
        {"area": "Money"},
        {"area": "Fun", "you": 1, "them": 3, "example": "They plan trips"},
    ]}  # fmt: skip
    areas = area_balances(answers)
    assert [(a.area, a.gap) for a in areas] == [("Listening", 3), ("Fun", -2)]


WORDS = {
    "none": (None, "Nothing rated"),
    "even": (0.1, "About even"),
    "even the other way": (-0.14, "About even"),
    "you somewhat": (0.2, "you give somewhat more"),
    "they much": (-0.5, "they give much more"),
}


@pytest.mark.parametrize(("index", "phrase"), WORDS.values(), ids=WORDS.keys())
def test_describe_index(index, phrase) -> None:
    """Is the index put into plain words, without a verdict?"""
    assert phrase in describe_index(index)


def test_chart_pulls_both_ways() -> None:
    """Does the chart draw what they give to the left and what you give to the right?"""
    figure = balance_figure([AreaBalance("Listening", 4, 1), AreaBalance("Money", 0, 3)])
    they, you = figure.data
    assert (they.name, you.name) == ("They give", "You give")
    assert list(they.x) == [-3, -1]  # first area drawn at the top
    assert list(you.x) == [0, 4]
    assert list(you.y) == ["Money", "Listening"]
    assert they.marker.pattern.shape == "/", "not colour alone"
    assert "Balance +0.00" in figure.layout.title.text


def test_chart_with_nothing_rated() -> None:
    """With nothing rated, is there no chart rather than an empty or broken one?"""
    assert balance_figure([]) is None


def test_balance_worksheet_starts_with_the_usual_areas() -> None:
    """Does the ledger offer the usual areas, which a person can rename or remove?"""
    areas = kit.definition("balance").field("areas")
    names = [d["area"] for d in areas.defaults]
    for expected in ("Emotional support", "Listening", "Money", "Affection"):
        assert expected in names
    assert [f.id for f in areas.fields] == ["area", "you", "them", "example"]


def test_typed_names_are_shown_as_typed() -> None:
    """Is markup in an area's name shown as typed, never read by plotly as HTML?"""
    figure = balance_figure([AreaBalance("<b>Chores</b> & <a href='x'>jobs</a>", 3, 1)])
    (label,) = figure.data[0].y
    assert label == "&lt;b&gt;Chores&lt;/b&gt; &amp; &lt;a href='x'&gt;jobs&lt;/a&gt;"
