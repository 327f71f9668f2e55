"""The bad-day protocol: when it shows, and when the crisis lines come first."""

from __future__ import annotations

import pytest

from kit.analysis.kindness import bad_day

CASES = {
    "no check-in, not asked": (None, None, False, (False, False)),
    "a good day": (7, 0, False, (False, False)),
    "asked on a good day": (7, 0, True, (True, False)),
    "mood 3": (3, None, False, (True, False)),
    "mood 4": (4, None, False, (False, False)),
    "the lowest mood": (1, None, False, (True, True)),
    "phq-9 item 9 above 0": (6, 1, False, (True, True)),
    "phq-9 item 9 at 0": (2, 0, False, (True, False)),
}


@pytest.mark.parametrize(("mood", "item9", "asked", "expected"), CASES.values(), ids=CASES.keys())
def test_bad_day(mood, item9, asked, expected) -> None:
    """Does a low day or asking show the protocol, the lowest moments putting lines first?"""
    state = bad_day(mood, item9, asked)
    assert (state.show, state.crisis_first) == expected
