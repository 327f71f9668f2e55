"""Co-parents and other shared obligations: contact the children, the home or the law need
is kept apart from reaching out, and never costs a no-contact streak or milestone."""

from __future__ import annotations

import datetime as dt

import kit
from kit.analysis.checkins import checkin_days
from kit.analysis.streaks import Streak, column, streak
from kit.analysis.wins import wins_in_checkins
from kit.widgets import Form
from kit.widgets.pages import add_page_extras


def test_necessary_contact_does_not_break_a_streak(journal: kit.Journal) -> None:
    """Do days with contact about the children or legal matters, and no reaching out, keep
    the run going and count as days without reaching out?"""
    start = dt.date(2026, 11, 1)
    days = [
        {"contacted": False, "necessary_contact": ["children"]},
        {"contacted": False, "necessary_contact": ["children", "legal"]},
        {"contacted": False},
    ]
    for i, answers in enumerate(days):
        journal.save("check-in", {"day": (start + dt.timedelta(days=i)).isoformat(), "mood": 5,
                                  **answers})  # fmt: skip
    rows = checkin_days(journal)
    assert rows[1]["necessary_contact"] == ["children", "legal"]
    assert streak(column(rows, "contacted")) == Streak(current=3, longest=3)
    no_contact = [w.day for w in wins_in_checkins(rows) if w.category == "no-contact"]
    assert len(no_contact) == 3


def test_the_contact_plan_names_the_obligations_that_go_on(journal: kit.Journal) -> None:
    """Does the plan say the contact a person named goes on, how they will keep it, and
    that only reaching out beyond it counts?"""
    form = Form(kit.definition("contact-plan"), journal)
    advice = next(e for e in add_page_extras(form) if type(e).__name__ == "ContactAdvice")
    form.inputs["pulled_back"].value = 4
    form.inputs["shared"].value = ["children"]
    assert "Because you share children" in advice.widget.value
    form.inputs["obligations"].append(
        {"what": "School runs & <handovers>", "how": "app", "when": "Fridays at six"}
    )
    words = advice.widget.value
    assert "School runs &amp; &lt;handovers&gt;: A co-parenting app, Fridays at six" in words
    assert "count only reaching out beyond it" in words
    assert "Because you share" not in words, "the named obligations say it more exactly"
    assert form.save() is not None
    assert journal.latest("contact-plan")["obligations"][0]["how"] == "app"
