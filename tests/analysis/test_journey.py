"""The journey: where each page stands, and the next one to suggest."""

from __future__ import annotations

from pathlib import Path

import pytest

import kit
from kit.analysis.journey import DONE, NOT_STARTED, STARTED, next_page, page_state
from kit.content import journey

REPO = Path(__file__).resolve().parent.parent.parent
FUTURE = kit.definition("future")  # one section
CONVERSATION = kit.definition("conversation")  # several sections

STATES = {
    "nothing saved": (FUTURE, None, NOT_STARTED),
    "one answer in its only section": (FUTURE, {"where": "By the sea"}, DONE),
    "one section of several": (CONVERSATION, {"channel": "letter"}, STARTED),
    "every section touched": (
        CONVERSATION,
        {"channel": "letter", "talking_points": [{"point": "x"}], "need": "calm",
         "likely_reactions": [{"reaction": "no"}], "how_it_went": "ok"},
        DONE,
    ),
}  # fmt: skip


@pytest.mark.parametrize(("sheet", "answers", "expected"), STATES.values(), ids=STATES.keys())
def test_page_state(sheet, answers, expected) -> None:
    """Is a page not started, started, or done (every section has an answer)?"""
    assert page_state(sheet, answers) == expected


def test_next_page() -> None:
    """Is the next suggestion the first page, in order, that is not done?"""
    assert next_page([("a", DONE), ("b", STARTED), ("c", NOT_STARTED)]) == "b"
    assert next_page([("a", DONE)]) is None


def test_journey_names_real_pages_in_order() -> None:
    """Does the journey list every step's notebook, each of which exists, in order?"""
    pages = [notebook for part in journey() for notebook, _ in part.pages]
    assert pages[:13] == sorted(pages[:13])
    assert all((REPO / "notebooks" / page).is_file() for page in pages)
    steps = [w for part in journey() for _, w in part.pages][5:13]
    assert steps == ["conversation", "contact-plan", "digital-detox", "support", "reclaim",
                     "kindness", "what-ifs", "wins"]  # fmt: skip


def test_journey_widget_suggests_the_next_page(journal: kit.Journal) -> None:
    """Does the start page's journey mark what is done and suggest what comes next?"""
    from kit.widgets.journey import Journey

    journal.save("wellbeing", {"overall": 3, "afraid": False, "note": "ok"})
    view = Journey(journal)
    assert view.states[0] == ("01.ipynb", DONE)
    assert view.next == "02.ipynb"
    assert 'Next, when you are ready: <a href="02.ipynb">Give and take</a>' in view.widget.value
