"""The bad-day protocol: when it shows, and when the crisis lines come first."""

from __future__ import annotations

import pytest

from kit.analysis.kindness import bad_day

CASES = {
    "nothing raised, not asked": (set(), False, (False, False)),
    "asked on a good day": (set(), True, (True, False)),
    "a low day": ({"low"}, False, (True, False)),
    "only the urge": ({"urge"}, False, (False, False)),
    "the lowest point": ({"lowest"}, False, (True, True)),
    "the lowest point and the urge": ({"lowest", "urge"}, True, (True, True)),
}


@pytest.mark.parametrize(("raised", "asked", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_day(raised, asked, expected) -> None:
    """Does a low day or asking show the protocol, the lowest point putting lines first?"""
    state = bad_day(raised, asked)
    assert (state.show, state.crisis_first) == expected
