"""The digital detox: progress through the list of places."""

from __future__ import annotations

import pytest

import kit
from kit.analysis.detox import DetoxProgress, detox_progress

CASES = {
    "nothing": (None, DetoxProgress(0, 0, 0, 0)),
    "places without a plan": ({"places": [{"platform": "Instagram"}]}, DetoxProgress(0, 0, 0, 0)),
    "a mix": (
        {"places": [
            {"platform": "Instagram", "action": "block", "state": "done"},
            {"platform": "WhatsApp", "action": "mute"},
            {"platform": "Photos", "action": "archive", "state": "not-doing"},
            {"platform": "Email", "action": "remove", "state": "todo"},
        ]},
        DetoxProgress(planned=4, done=1, to_do=2, not_doing=1),
    ),
}  # fmt: skip


@pytest.mark.parametrize(("answers", "expected"), CASES.values(), ids=CASES.keys())
def test_detox_progress(answers, expected) -> None:
    """Are planned places counted by where each stands (no state yet counts as to do)?"""
    assert detox_progress(answers) == expected


def test_detox_lists_the_usual_places() -> None:
    """Does the list start from the usual platforms, location sharing among them?"""
    names = [d["platform"] for d in kit.definition("digital-detox").field("places").defaults]
    for expected in ("Instagram", "WhatsApp", "Phone contacts", "Location sharing"):
        assert expected in names
