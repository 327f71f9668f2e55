"""My people: who covers which role, and which roles are empty."""

from __future__ import annotations

import kit
from kit.analysis.support import role_coverage
from kit.plots.support import roles_figure

SHEET = kit.definition("support")


def test_roles_covered_and_empty() -> None:
    """Is each role listed with the people who fill it, and empty roles shown as empty?"""
    answers = {"people": [
        {"name": "Ana", "roles": ["cheerleader", "shoulder"]},
        {"name": "Dr Kim", "roles": ["professional"]},
        {"name": "Sam"},
    ]}  # fmt: skip
    coverage = role_coverage(SHEET, answers)
    assert coverage == {
        "Cheerleader": ["Ana"],
        "A shoulder to cry on": ["Ana"],
        "Rescue squad": [],
        "Practical help": [],
        "A professional": ["Dr Kim"],
    }
    figure = roles_figure(coverage)
    (bars,) = figure.data
    assert "no one yet" in bars.text


def test_nobody_yet() -> None:
    """With nobody listed, is every role empty and no chart drawn?"""
    coverage = role_coverage(SHEET, None)
    assert all(names == [] for names in coverage.values())
    assert roles_figure(coverage) is None
