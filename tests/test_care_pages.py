"""Care on the page: each page that takes a low answer reacts at once, before Save and
without blocking it, under the question that brought it, with what fits the answer."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w
import pytest

import kit
from kit.analysis.care import TOTAL
from kit.widgets import Form
from kit.widgets.pages import add_page_extras


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def text_of(widget: w.Widget) -> str:
    return " ".join(x.value for x in every_widget(widget) if isinstance(x, w.HTML))


@pytest.fixture
def prepared(journal: kit.Journal) -> kit.Journal:
    """A journal with reasons and a plan of who to reach for each moment."""
    journal.save("reasons", {"reasons": [{"reason": "I deserve <calm>."}]})
    journal.save("support", {
        "people": [{"name": "Ana", "reach": "07700 900123"}, {"name": "Sam"}],
        "for_bad_night": "Ana", "for_urge": "Sam", "for_hard_date": "Ana",
    })  # fmt: skip
    return journal


def panels(form: Form, extras: list) -> dict[str, object]:
    return {e.anchor: e for e in extras if type(e).__name__ == "CarePanel"}


LOWEST = "lowest"
LOW = "low"
URGE = "urge"
# (page, answers given on the page, the place on the page, what it must show)
CASES = {
    "check-in, mood 1": ("check-in", {"mood": 1}, "mood", LOWEST),
    "check-in, mood 3": ("check-in", {"mood": 3}, "mood", LOW),
    "check-in, urge 10": ("check-in", {"mood": 7, "urge": 10}, "urge", URGE),
    "phq-9, item 9 at 2": ("phq9", {"q9": 2}, "q9", LOWEST),
    "who-5, total 20": ("who5", {"q1": 1, "q2": 1, "q3": 1, "q4": 1, "q5": 1}, TOTAL, LOWEST),
}  # fmt: skip

# What each kind of help says first and must hold (and must not).
EXPECTED = {
    LOWEST: (["emergency number", "Samaritans", "You chose Ana (07700 900123)",
              'href="11.ipynb"'], ["I deserve"]),
    LOW: (["A hard day", "I deserve &lt;calm&gt;.", "A few kind words",
           "You chose Ana (07700 900123) for a night like this"], ["Samaritans"]),
    URGE: (["You chose Sam for this moment", "I deserve &lt;calm&gt;."],
           ["Samaritans", "emergency number"]),
}  # fmt: skip


@pytest.mark.parametrize(("worksheet", "answers", "anchor", "show"), CASES.values(),
                         ids=CASES.keys())  # fmt: skip
def test_each_page_reacts_at_once(
    prepared: kit.Journal, worksheet: str, answers: dict, anchor: str, show: str
) -> None:
    """Does the answer bring the help that fits it, under its question, before Save, with
    the crisis lines first at the lowest point and never for the urge alone?"""
    form = Form(kit.definition(worksheet), prepared)
    extras = add_page_extras(form)
    panel = panels(form, extras)[anchor]
    assert panel.widget.layout.display == "none"
    for key, value in answers.items():
        form.inputs[key].value = value
    assert panel.widget.layout.display is None
    under = form.sheet.fields[-1].id if anchor == TOTAL else anchor
    assert panel.widget in form.inputs[under].box.children, "it sits under its question"
    words = text_of(panel.widget)
    present, absent = EXPECTED[show]
    for needed in present:
        assert needed in words, needed
    for unwanted in absent:
        assert unwanted not in words, unwanted
    if show == LOWEST:
        first = panel.widget.children[0]
        assert "emergency number" in text_of(first), "the crisis lines come first"
        assert "Samaritans" in text_of(first)
    assert prepared.history(worksheet) == [], "shown before anything is saved"
    if worksheet == "check-in":
        assert form.save() is not None, "it never blocks saving"


def test_the_help_goes_when_the_answer_changes(prepared: kit.Journal) -> None:
    """Does moving the mood up take the help away, and the lowest give way to a low day?"""
    form = Form(kit.definition("check-in"), prepared)
    mood = panels(form, add_page_extras(form))["mood"]
    form.inputs["mood"].value = 1
    assert "emergency number" in text_of(mood.widget)
    form.inputs["mood"].value = 2
    assert "emergency number" not in text_of(mood.widget)
    assert "A hard day" in text_of(mood.widget)
    form.inputs["mood"].value = 8
    assert mood.widget.layout.display == "none"


def test_with_no_one_chosen_the_page_says_where_to_choose(journal: kit.Journal) -> None:
    """Without a plan on "Your people", does the help point there instead of naming someone?"""
    form = Form(kit.definition("check-in"), journal)
    extras = panels(form, add_page_extras(form))
    form.inputs["mood"].value = 1
    assert 'href="09.ipynb"' in text_of(extras["mood"].widget)
    form.inputs["urge"].value = 10
    assert "message instead" in text_of(extras["urge"].widget)


def test_a_hard_date_brings_its_person(prepared: kit.Journal) -> None:
    """A few days before a hard date listed on "Your people", does the check-in name it and
    the person chosen for hard dates (and only then)?"""
    soon = dt.date.today() + dt.timedelta(days=2)
    plan = prepared.latest("support") | {
        "hard_dates": [{"date": soon.replace(year=2019).isoformat(), "what": "our anniversary"}]
    }
    prepared.save("support", plan)
    form = Form(kit.definition("check-in"), prepared)
    panel = next(e for e in add_page_extras(form) if type(e).__name__ == "HardDatePanel")
    words = text_of(panel.widget)
    assert "Our anniversary is on" in words
    assert "You chose Ana (07700 900123) for days like that" in words
    form.inputs["day"].value = (soon + dt.timedelta(days=1)).isoformat()
    assert panel.widget.layout.display == "none"


def test_kindness_page_puts_lines_first_at_the_lowest(prepared: kit.Journal) -> None:
    """After a check-in at the lowest point, does the bad-day page open with the crisis lines?"""
    prepared.save("check-in", {"day": dt.date.today().isoformat(), "mood": 1})
    form = Form(kit.definition("kindness"), prepared)
    protocol = next(e for e in add_page_extras(form) if type(e).__name__ == "BadDayProtocol")
    first = protocol.panel.children[0]
    assert "Please reach out now" in text_of(first)
    assert "Samaritans" in text_of(first)
    assert "I deserve &lt;calm&gt;." in text_of(protocol.panel)
