"""The form, driven from Python: set values, press Save, read the journal."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import ipywidgets as w
import pytest
from markupsafe import escape

import kit
from kit.fields import REQUIRED_MESSAGE
from kit.widgets import Form


def wellbeing_form(journal: kit.Journal) -> Form:
    return Form(kit.definition("wellbeing"), journal)


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def test_one_input_per_field(journal: kit.Journal) -> None:
    """Does the form show every field of the definition, in order, each with its prompt?"""
    form = wellbeing_form(journal)
    sheet = kit.definition("wellbeing")
    assert list(form.inputs) == [f.id for f in sheet.fields]
    html = " ".join(x.value for x in every_widget(form.widget) if isinstance(x, w.HTML))
    for field in sheet.fields:
        assert escape(field.prompt) in html
    assert form.values() == {}
    assert form.status.value == ""


def test_fill_and_save(journal: kit.Journal) -> None:
    """Does pressing Save store what is on the page and say when?"""
    form = wellbeing_form(journal)
    form.inputs["overall"].value = 2
    form.inputs["drained"].value = 3
    form.inputs["afraid"].value = True
    form.inputs["controlled"].value = ["money"]
    form.inputs["note"].value = "A long week."
    form.save_button.click()
    assert journal.latest("wellbeing") == {
        "overall": 2,
        "drained": 3,
        "afraid": True,
        "controlled": ["money"],
        "note": "A long week.",
    }
    assert form.status.value.startswith("Saved ")
    assert all(i.error.value == "" for i in form.inputs.values())


def test_invalid_shows_inline_errors_and_saves_nothing(journal: kit.Journal) -> None:
    """Does a missing required answer get a message on its own field, with nothing saved?"""
    form = wellbeing_form(journal)
    form.inputs["note"].value = "Only a note."
    form.save_button.click()
    assert form.inputs["overall"].error.value == REQUIRED_MESSAGE
    assert form.inputs["overall"].error.layout.display != "none"
    assert form.inputs["note"].error.value == ""
    assert form.status.value.startswith("Not saved yet")
    assert journal.history("wellbeing") == []
    assert form.inputs["note"].value == "Only a note.", "nothing typed is lost"

    form.inputs["overall"].value = 4
    form.save_button.click()
    assert form.inputs["overall"].error.value == ""
    assert form.inputs["overall"].error.layout.display == "none"
    assert journal.latest("wellbeing") == {"overall": 4, "note": "Only a note."}


def test_second_visit_prefills(journal: kit.Journal) -> None:
    """Does opening the worksheet again show the latest answers and when they were saved?"""
    journal.save("wellbeing", {"overall": 1, "note": "old"})
    journal.save("wellbeing", {"overall": 5, "monitored": False})
    form = wellbeing_form(journal)
    assert form.values() == {"overall": 5, "monitored": False}
    assert form.status.value.startswith("Last saved ")


def test_editing_after_save_says_unsaved(journal: kit.Journal) -> None:
    """After a save, does changing an answer say the change is not saved yet?"""
    form = wellbeing_form(journal)
    form.inputs["overall"].value = 3
    form.save()
    form.inputs["overall"].value = 4
    assert form.status.value == "Not saved yet (kept as a draft)"


def test_clear_answer_button(journal: kit.Journal) -> None:
    """Can a picked answer be taken back, leaving the question unanswered?"""
    form = wellbeing_form(journal)
    form.inputs["overall"].value = 3
    form.inputs["afraid"].value = False
    form.inputs["afraid"].clear.click()
    form.save()
    assert journal.latest("wellbeing") == {"overall": 3}


def test_user_text_is_never_html(journal: kit.Journal) -> None:
    """Does text a person typed stay text, never reaching an HTML widget?"""
    typed = '<img src=x onerror="alert(1)"><b>bold</b> & more'
    journal.save("wellbeing", {"overall": 2, "note": typed})
    form = wellbeing_form(journal)
    assert form.inputs["note"].text.value == typed
    for widget in every_widget(form.widget):
        if isinstance(widget, w.HTML):
            assert "onerror" not in widget.value
            assert "<b>bold" not in widget.value


def test_journal_error_keeps_the_page(journal: kit.Journal) -> None:
    """If the journal cannot be written, does the page say so and keep the answers?"""
    form = wellbeing_form(journal)
    form.inputs["overall"].value = 2
    journal.close()
    assert form.save() is None
    assert form.status.value.startswith("Not saved. This journal was closed")
    assert "Traceback" not in form.status.value
    assert form.inputs["overall"].value == 2


def test_every_kind_round_trips(content_dir: Path, tmp_path: Path) -> None:
    """Does each of the twelve field kinds show, save and pre-fill its answer?"""
    answers = {
        "a_scale": 7,
        "a_choice": "letter",
        "a_multi": ["red", "blue"],
        "a_yesno": False,
        "a_text": "one line",
        "a_longtext": "two\nlines",
        "a_date": "2026-03-14",
        "a_number": 7.5,
        "a_rank": ["calm", "honesty"],
        "a_checklist": {"keys": "done", "bank": "todo"},
        "a_list": [{"name": "Ana", "closeness": 5}, {"name": "Sam"}],
        "a_ratings": {"honesty": 5, "calm": 2},
    }
    sheet = kit.definition("every-kind")
    assert {f.kind for f in sheet.fields} == {
        "scale", "choice", "multi", "yesno", "text", "longtext",
        "date", "number", "rank", "checklist", "list", "ratings",
    }  # fmt: skip
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(sheet, journal)
        for key, value in answers.items():
            form.inputs[key].value = value
        record = form.save()
        assert record is not None, form.status.value
        assert record.answers == answers
        assert record.version == 3
        assert Form(sheet, journal).values() == answers


def test_every_control_has_a_name_for_screen_readers(content_dir: Path, tmp_path: Path) -> None:
    """Every control a person answers with, in every kind of field (list entries and
    ratings included), carries a description: the <label> that names it aloud."""
    sheet = kit.definition("every-kind")
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(sheet, journal)
        form.inputs["a_list"].value = [{"name": "Ana"}]
        form.inputs["a_rank"].value = ["calm", "honesty"]
        controls = [
            x for x in every_widget(form.widget)
            if isinstance(x, (w.Text, w.Textarea, w.DatePicker, w.ToggleButtons,
                              w.RadioButtons, w.Dropdown, w.Checkbox))
        ]  # fmt: skip
        kinds = {type(x) for x in controls}
    assert {w.Text, w.Textarea, w.DatePicker, w.ToggleButtons, w.RadioButtons} <= kinds
    assert len(controls) > 15
    unnamed = [x for x in controls if not x.description.strip()]
    assert unnamed == []
    prompts = {f.prompt for f in sheet.fields}
    assert any(x.description.startswith(tuple(prompts)) for x in controls)


def test_number_typo_gets_a_message(content_dir: Path, tmp_path: Path) -> None:
    """Is a typo in a number box explained on that field, not silently changed?"""
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(kit.definition("every-kind"), journal)
        form.inputs["a_scale"].value = 1
        form.inputs["a_number"].text.value = "seven"
        form.save()
        assert "number" in form.inputs["a_number"].error.value
        form.inputs["a_number"].text.value = "25"
        form.save()
        assert "0 to 24 hours" in form.inputs["a_number"].error.value
        assert journal.history("every-kind") == []


def test_rank_moves(content_dir: Path, tmp_path: Path) -> None:
    """Do the up and down buttons change the ranking that is saved?"""
    with kit.open_journal(tmp_path / "j") as journal:
        rank = Form(kit.definition("every-kind"), journal).inputs["a_rank"]
        rank.value = ["honesty", "calm"]
        rank._move("calm", -1)
        assert rank.value == ["calm", "honesty"]
        rank._move("calm", -1)  # already first: stays
        assert rank.value == ["calm", "honesty"]


def test_list_add_and_remove(content_dir: Path, tmp_path: Path) -> None:
    """Can entries be added and removed, and does an entry's missing name get a message?"""
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(kit.definition("every-kind"), journal)
        people = form.inputs["a_list"]
        form.inputs["a_scale"].value = 1
        people.add.click()
        people.add.click()
        assert len(people.entries) == 2
        people.entries[0]["name"].value = "Ana"
        people.entries[1]["closeness"].value = 2
        form.save()
        assert "Person 2" in people.error.value
        assert "Name" in people.error.value
        people._remove(people.entries[1])
        assert form.save() is not None
        assert journal.latest("every-kind")["a_list"] == [{"name": "Ana"}]


def widgets_made(action) -> int:
    """How many widgets ``action`` creates (Layouts and Styles included)."""
    from ipywidgets.widgets.widget import _instances

    before = set(_instances)
    action()
    return len(set(_instances) - before)


def test_changes_reuse_the_widgets_they_show(content_dir: Path, tmp_path: Path) -> None:
    """Do ticking, moving, rating, adding and removing show the rows already built, instead
    of building every row again? Each rebuilt widget is a message to the page and stays in
    the kernel: a saved list of 12 entries once made about 400 widgets to show 12 cards."""
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(kit.definition("every-kind"), journal)
        rank, ratings, people = (form.inputs[k] for k in ("a_rank", "a_ratings", "a_list"))
        rows = set(rank.rows.children)
        # The first picks build a rating row each (the ratings follow the ranking) ...
        assert widgets_made(lambda: setattr(rank, "value", ["honesty", "calm"])) > 0
        # ... and from then on, ranking, un-ticking and ticking again build nothing.
        assert widgets_made(lambda: rank._move("calm", -1)) == 0
        assert widgets_made(lambda: setattr(rank, "value", ["calm"])) == 0
        assert widgets_made(lambda: setattr(rank, "value", ["calm", "honesty"])) == 0
        assert set(rank.rows.children) == rows
        assert widgets_made(lambda: setattr(ratings, "value", {"calm": 3})) == 0
        assert set(ratings.pickers) == {"honesty", "calm"}, "only for what was picked"
        assert ratings.value == {"calm": 3}
        entries = [{"name": f"Person {i}"} for i in range(12)]
        twelve = widgets_made(lambda: setattr(people, "value", entries))
        one = widgets_made(people.add.click)
        assert twelve == 12 * one, "twelve entries cost twelve times one"
        cards = people.items.children
        people._remove(people.entries[3])
        assert people.items.children == cards[:3] + cards[4:]
        assert [e["name"].value for e in people.entries][3] == "Person 4"


def _damaged(folder: Path) -> str:
    (folder / "journal.sqlite3").write_text("not a journal")
    return "looks damaged"


def _newer(folder: Path) -> str:
    with kit.open_journal(folder):
        pass
    db = sqlite3.connect(folder / "journal.sqlite3")
    db.execute("PRAGMA user_version = 999")
    db.close()  # closed now, so that nothing moves in the folder afterwards
    return "newer version of this kit"


def _unwritable(folder: Path) -> str:
    (folder / "journal.sqlite3").mkdir()  # a folder where the file should be
    return "looks damaged"


PROBLEMS = {"damaged": _damaged, "newer": _newer, "folder-in-the-way": _unwritable}


@pytest.mark.parametrize("make_problem", PROBLEMS.values(), ids=PROBLEMS.keys())
def test_show_displays_a_problem_instead_of_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_problem, shown_on_page
) -> None:
    """When the journal cannot be opened, does kit.show explain calmly and change nothing?"""
    expected = make_problem(tmp_path)
    before = sorted((p.name, p.stat().st_size) for p in tmp_path.rglob("*"))
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path))
    shown = shown_on_page
    assert kit.show("wellbeing") is None
    (box,) = shown
    text = _html_of(box)
    assert expected in text
    assert "Traceback" not in text
    assert 'class="kit-problem"' in text
    assert sorted((p.name, p.stat().st_size) for p in tmp_path.rglob("*")) == before


def _html_of(widget) -> str:
    """All the HTML a widget (and what it holds) puts on the page."""
    own = getattr(widget, "value", "")
    inner = "".join(_html_of(c) for c in getattr(widget, "children", ()))
    return (own if isinstance(own, str) else "") + inner


def test_show_with_a_data_dir_that_cannot_be_made(
    tmp_path: Path, monkeypatch, shown_on_page
) -> None:
    """If the data folder cannot be created, does the page say which folder and why?"""
    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path / "file" / "journal"))
    shown = shown_on_page
    assert kit.show("wellbeing") is None
    assert "cannot be created" in shown[0].value
    assert str(tmp_path / "file" / "journal") in shown[0].value


def test_show_returns_the_form_once_displayed(journal: kit.Journal, monkeypatch) -> None:
    """Does kit.show display the form once, even when its result ends a cell?"""
    shown = []

    def display(*objs):  # like IPython's: an object may display itself
        for obj in objs:
            if hasattr(obj, "_ipython_display_"):
                obj._ipython_display_()
            else:
                shown.append(obj)

    monkeypatch.setattr("IPython.display.display", display)
    form = kit.show("wellbeing", journal)
    assert isinstance(form, Form)
    display(form)  # what IPython does with a cell's last value
    assert shown == [form.widget]


# --- what pages add below Save --------------------------------------------------------------


def page(journal: kit.Journal, worksheet_id: str = "wellbeing"):
    from kit.widgets.pages import add_page_extras

    form = Form(kit.definition(worksheet_id), journal)
    return form, add_page_extras(form)


def test_safety_route_appears_after_a_concern_is_saved(journal: kit.Journal) -> None:
    """Is the safety route hidden until a concern is saved, then shown right away?"""
    form, extras = page(journal)
    panel = next(e for e in extras if type(e).__name__ == "SafetyPanel")
    assert panel.widget.layout.display == "none"
    form.inputs["overall"].value = 2
    form.inputs["threats_about"].value = ["pets"]
    form.save()
    assert panel.widget.layout.display is None
    text = " ".join(x.value for x in every_widget(panel.widget) if isinstance(x, w.HTML))
    assert "face to face may not be safe" in text
    assert "letter" in text
    assert "advocate" in text
    assert "Samaritans" in text, "support lines are on the page"
    form.inputs["threats_about"].value = None
    form.save()
    assert panel.widget.layout.display == "none"


def test_safety_route_shows_on_reopening(journal: kit.Journal) -> None:
    """Does the page open with the safety route when the latest check raised a concern?"""
    journal.save("wellbeing", {"overall": 2, "monitored": True})
    _, extras = page(journal)
    panel = next(e for e in extras if type(e).__name__ == "SafetyPanel")
    assert panel.widget.layout.display is None


def test_summary_escapes_what_was_typed(journal: kit.Journal) -> None:
    """Does the summary show a typed note as text, never as HTML?"""
    form, extras = page(journal)
    summary = extras[-1]
    assert summary.widget.value == ""
    form.inputs["overall"].value = 5
    form.inputs["note"].value = "<script>alert(1)</script> & <b>me</b>"
    form.save()
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;me&lt;/b&gt;" in summary.widget.value
    )
    assert "<script>" not in summary.widget.value
    assert "5 (Much better)" in summary.widget.value


def test_country_is_chosen_once_and_kept(journal: kit.Journal) -> None:
    """Does picking a country show its lines (and the directory), and is it kept?"""
    from kit.widgets.support import SupportLines

    lines = SupportLines(journal)
    assert lines.picker.value == ""
    assert "Samaritans" in lines.table.value
    assert "Lifeline" in lines.table.value
    lines.picker.value = "AU"
    assert "Lifeline" in lines.table.value
    assert "1800RESPECT" in lines.table.value
    assert "Samaritans" not in lines.table.value
    assert "Befrienders" in lines.table.value, "the international directory stays"
    assert journal.setting("country") == "AU"
    assert SupportLines(journal).picker.value == "AU"
    lines.picker.value = ""
    assert journal.setting("country") is None


def test_support_lines_show_even_without_a_journal(
    tmp_path: Path, monkeypatch, shown_on_page
) -> None:
    """If the journal cannot be opened, are the support lines still shown?"""
    (tmp_path / "journal.sqlite3").write_text("damaged")
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path))
    shown = shown_on_page
    kit.show_support_lines()
    text = " ".join(x.value for x in every_widget(shown[0]) if isinstance(x, w.HTML))
    assert "Samaritans" in text
    assert (tmp_path / "journal.sqlite3").read_text() == "damaged"


def test_balance_starts_from_the_usual_areas_and_draws(journal: kit.Journal) -> None:
    """Does a first visit list the usual areas, refuse a nameless one, and draw on save?"""
    form, extras = page(journal, "balance")
    areas = form.inputs["areas"]
    assert [e["area"].value for e in areas.entries][:2] == ["Emotional support", "Listening"]
    chart = next(e for e in extras if type(e).__name__ == "Chart")
    assert chart.figure is None

    areas.entries[0]["you"].value = 4
    areas.entries[0]["them"].value = 1
    areas.add.click()
    areas.entries[-1]["you"].value = 2  # rated, but the name was left empty
    form.save()
    assert "Area 10" in areas.error.value
    assert "needed" in areas.error.value
    assert journal.history("balance") == []

    areas.entries[-1]["area"].value = "Looking after the dog"
    areas.entries[-1]["them"].value = 2
    assert form.save() is not None
    assert list(chart.figure.data[1].y) == ["Looking after the dog", "Emotional support"]
    assert Form(kit.definition("balance"), journal).inputs["areas"].value[-1] == {
        "area": "Looking after the dog", "you": 2, "them": 2,
    }  # fmt: skip


def test_ratings_follow_the_picks(content_dir: Path, tmp_path: Path) -> None:
    """Do rating rows appear for picked options only, keeping a rating if re-picked?"""
    with kit.open_journal(tmp_path / "j") as journal:
        form = Form(kit.definition("every-kind"), journal)
        ratings = form.inputs["a_ratings"]
        assert ratings.rows.children == ()
        assert ratings.empty.layout.display is None
        form.inputs["a_rank"].value = ["fun", "calm"]
        assert len(ratings.rows.children) == 2
        assert ratings.empty.layout.display == "none"
        ratings.pickers["fun"].value = 4
        form.inputs["a_rank"].value = ["calm"]
        assert ratings.value is None
        form.inputs["a_rank"].value = ["calm", "fun"]
        assert ratings.value == {"fun": 4}
        form.inputs["a_scale"].value = 1
        assert form.save().answers["a_ratings"] == {"fun": 4}


def test_suggestions_become_editable_reasons(journal: kit.Journal) -> None:
    """Can a suggestion be added once to the reasons, rewritten, and saved in new words?"""
    journal.save("wellbeing", {"overall": 1, "drained": 4})
    journal.save("future", {"includes_them": "no"})
    form, extras = page(journal, "reasons")
    suggestions = next(e for e in extras if type(e).__name__ == "Suggestions")
    assert suggestions.drafts == [
        "Overall, this relationship leaves me feeling worse, not better.",
        "Time with them leaves me drained.",
        "The future I picture doesn't include them.",
    ]
    suggestions.take(suggestions.drafts[1])
    suggestions.take(suggestions.drafts[1])
    reasons = form.inputs["reasons"]
    assert reasons.value == [{"reason": "Time with them leaves me drained."}]
    reasons.entries[0]["reason"].value = "I come home from our evenings exhausted."
    form.save()
    assert kit.reasons(journal) == ["I come home from our evenings exhausted."]


def test_suggestions_when_nothing_else_is_filled_in(journal: kit.Journal) -> None:
    """With the other pages empty, does the page say where suggestions will come from?"""
    form, extras = page(journal, "reasons")
    suggestions = next(e for e in extras if type(e).__name__ == "Suggestions")
    assert suggestions.drafts == []
    assert "will appear here" in suggestions.widget.children[0].value
    assert form.before.children == (suggestions.widget,)


def test_scale_score_after_saving(journal: kit.Journal) -> None:
    """After saving a scale, is the total shown with its band, as a self-check?"""
    form, extras = page(journal, "gad7")
    score = next(e for e in extras if type(e).__name__ == "ScorePanel")
    assert score.widget.value == ""
    for i in range(1, 8):
        form.inputs[f"q{i}"].value = 2 if i <= 5 else 0
    assert form.save() is not None
    assert "Your score: 10 of 21 (Moderate)" in score.widget.value
    assert "self-check, not a diagnosis" in score.widget.value
    html = " ".join(x.value for x in every_widget(form.widget) if isinstance(x, w.HTML))
    assert "Spitzer" in html, "the attribution is on the page"


def test_trends_page_empty_then_with_data(journal: kit.Journal) -> None:
    """Does the trends page say what to do when empty, and draw once there are check-ins?"""
    from kit.widgets.trends import Trends

    empty = Trends(journal)
    assert "Nothing to show yet" in empty.words.value
    assert empty.charts.children == ()
    today = dt.date.today()
    for i in range(20):
        day = (today - dt.timedelta(days=i)).isoformat()
        journal.save("check-in", {"day": day, "mood": 3 + i % 5, "contacted": i > 4})
    journal.save("who5", {f"q{i}": 3 for i in range(1, 6)})
    trends = Trends(journal)
    assert set(trends.figures()) == {"mood", "urge", "calendar", "who5"}
    assert "5 check-ins in a row without reaching out to them" in trends.words.value
    assert "In your first week" in trends.words.value
    trends.range.value = "30 days"
    assert len(trends.charts.children) == 4


def test_conversation_with_a_safety_concern_offers_safer_ways(journal: kit.Journal) -> None:
    """With a safety flag saved, does the conversation page recommend safer ways and lines?"""
    journal.save("wellbeing", {"overall": 2, "threatened": True})
    journal.save("reasons", {"reasons": [{"reason": "I need to feel safe at home."}]})
    form, extras = page(journal, "conversation")
    safer = next(e for e in extras if type(e).__name__ == "SaferChannels")
    assert safer.widget in form.before.children
    assert safer.widget.layout.display is None
    text = " ".join(x.value for x in every_widget(safer.widget) if isinstance(x, w.HTML))
    assert "A letter or a message" in text
    assert "Samaritans" in text
    assert form.inputs["channel"].value is None, "in person is never picked for them"
    form.inputs["channel"].value = "in-person"
    assert safer.reminder.layout.display is None
    form.inputs["channel"].value = "letter"
    assert safer.reminder.layout.display == "none"
    next(e for e in extras if type(e).__name__ == "FromMyReasons").take()
    assert form.inputs["talking_points"].value == [{"point": "I need to feel safe at home."}]


def test_conversation_without_a_concern(journal: kit.Journal) -> None:
    """Without a safety flag, is the page free of the safety note?"""
    form, extras = page(journal, "conversation")
    safer = next(e for e in extras if type(e).__name__ == "SaferChannels")
    assert safer.widget.layout.display == "none"
    form.inputs["channel"].value = "in-person"
    assert safer.reminder.layout.display == "none"


def test_draft_is_checked_and_can_be_downloaded(journal: kit.Journal) -> None:
    """Is the draft checked as typed, saved anyway, and offered as a text file?"""
    form, extras = page(journal, "conversation")
    form.inputs["need"].value = "room to breathe"
    statement = next(e for e in extras if type(e).__name__ == "IStatement")
    statement.into_draft()
    form.inputs["draft"].value += "\nYOU NEVER listen."
    check = next(e for e in extras if type(e).__name__ == "WordingCheck")
    assert "YOU NEVER" in check.widget.value
    assert form.save() is not None, "suggestions never block saving"
    link = next(e for e in extras if type(e).__name__ == "DraftDownload").widget.value
    assert 'download="my-words.txt"' in link


def test_contact_plan_advice_follows_the_self_check(journal: kit.Journal) -> None:
    """Does the suggestion update as the self-check is answered, safety first?"""
    form, extras = page(journal, "contact-plan")
    advice = next(e for e in extras if type(e).__name__ == "ContactAdvice")
    assert advice.widget.value == ""
    form.inputs["style"].value = "gentle-rain"
    form.inputs["pulled_back"].value = 0
    assert "lean towards a gradual fade" in advice.widget.value
    form.inputs["pulled_back"].value = 4
    assert "lean towards a clean break" in advice.widget.value
    assert "You may see it differently" in advice.widget.value
    assert form.inputs["approach"].value is None, "the person chooses"


def test_contact_plan_with_a_safety_flag(journal: kit.Journal) -> None:
    """With a safety concern, does the page say what advocates often suggest, and offer an
    advocate's help, from the start (and never claim what keeps anyone safe)?"""
    journal.save("wellbeing", {"overall": 2, "afraid": True})
    _, extras = page(journal, "contact-plan")
    advice = next(e for e in extras if type(e).__name__ == "ContactAdvice")
    assert "advocates often suggest" in advice.widget.value
    assert "An advocate can help you plan" in advice.widget.value
    assert 'href="01.ipynb"' in advice.widget.value, "it says which page raised the concern"
    assert "safest" not in advice.widget.value.replace("plan the safest way for you", "")


def test_fade_chart_after_saving_a_fade(journal: kit.Journal) -> None:
    """After saving a fade plan, are its weekly targets drawn beside logged contact?"""
    start = dt.date.today() - dt.timedelta(days=7)
    journal.save("check-in", {"day": start.isoformat(), "mood": 5, "contacted": True})
    form, extras = page(journal, "contact-plan")
    chart = next(e for e in extras if type(e).__name__ == "FadeChart")
    form.inputs["approach"].value = "fade"
    form.inputs["fade_start"].value = start.isoformat()
    form.inputs["contacts_now"].value = 3
    form.inputs["fade_weeks"].value = 3
    assert form.save() is not None
    assert list(chart.figure.data[1].y) == [2, 1, 0]
    assert chart.figure.data[0].y[0] == 1


def test_detox_progress_and_profile_streak(journal: kit.Journal) -> None:
    """Does the detox page show progress and the run of days without checking profiles?"""
    for i, looked in enumerate([True, False, False, False]):
        day = (dt.date.today() - dt.timedelta(days=4 - i)).isoformat()
        journal.save("check-in", {"day": day, "mood": 5, "checked_profiles": looked})
    form, extras = page(journal, "digital-detox")
    safety = next(e for e in extras if type(e).__name__ == "DetoxSafety")
    assert safety.widget.layout.display == "none"
    places = form.inputs["places"]
    places.entries[0]["action"].value = "block"
    places.entries[0]["state"].value = "done"
    places.entries[1]["action"].value = "mute"
    form.save()
    panel = next(e for e in extras if type(e).__name__ == "DetoxProgressPanel")
    assert "1 of 2 done, 1 still to do." in panel.widget.value
    assert "3 check-ins in a row without checking their profiles" in panel.widget.value


def test_detox_safety_note_with_a_concern(journal: kit.Journal) -> None:
    """With a safety concern, does the page warn calmly about cutting off access suddenly?"""
    journal.save("wellbeing", {"overall": 2, "monitored": True})
    _, extras = page(journal, "digital-detox")
    safety = next(e for e in extras if type(e).__name__ == "DetoxSafety")
    assert safety.widget.layout.display is None
    assert "advocate" in safety.widget.value


def test_bad_day_protocol(journal: kit.Journal) -> None:
    """On a low day, are my reasons, kind words and my chosen person shown; at the lowest,
    the crisis lines first?"""
    today = dt.date.today().isoformat()
    journal.save("reasons", {"reasons": [{"reason": "I deserve <calm>."}]})
    journal.save("support", {"people": [{"name": "Ana", "reach": "07700 900123"}],
                             "for_bad_night": "Ana"})  # fmt: skip
    _, extras = page(journal, "kindness")
    protocol = next(e for e in extras if type(e).__name__ == "BadDayProtocol")
    assert protocol.panel.children == ()
    protocol.open()
    text = " ".join(x.value for x in every_widget(protocol.panel) if isinstance(x, w.HTML))
    assert "I deserve &lt;calm&gt;." in text
    assert "You chose Ana (07700 900123)" in text
    assert "Please reach out now" not in text

    journal.save("check-in", {"day": today, "mood": 1})
    _, extras = page(journal, "kindness")
    protocol = next(e for e in extras if type(e).__name__ == "BadDayProtocol")
    first = protocol.panel.children[0]
    first_text = " ".join(x.value for x in every_widget(first) if isinstance(x, w.HTML))
    assert "Please reach out now" in first_text
    assert "Samaritans" in first_text
    assert protocol.ask.layout.display == "none"


def test_a_win_found_in_a_check_in_counts_with_one_click(journal: kit.Journal) -> None:
    """Is a day without checking their profiles offered as a win, logged in one click?"""
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    journal.save("check-in", {"day": yesterday, "mood": 5, "checked_profiles": False})
    _, extras = page(journal, "wins")
    found = next(e for e in extras if type(e).__name__ == "WinsFound")
    (row,) = found.rows.children
    assert "A day without checking their profiles" in row.children[1].value
    row.children[0].click()
    assert journal.latest("wins") == {"wins": [{"day": yesterday, "category": "no-profiles"}]}
    assert "Nothing new spotted" in found.rows.children[0].value
    party = next(e for e in extras if type(e).__name__ == "Celebration")
    assert "Noted." in party.words.value
    assert "1 check-in in a row without checking their profiles" in party.words.value
    assert party.figure is not None


@pytest.mark.parametrize("worksheet_id", kit.worksheet_ids())
def test_every_extra_keeps_to_one_interface(journal: kit.Journal, worksheet_id: str) -> None:
    """Is every page extra an Extra (a widget, a place, a refresh), placed where it says,
    and does refreshing it as the page is shown again work?"""
    from kit.widgets.extras import Extra
    from kit.widgets.pages import add_page_extras

    form = Form(kit.definition(worksheet_id), journal)
    extras = add_page_extras(form)
    for extra in extras:
        assert isinstance(extra, Extra), type(extra).__name__
        assert extra.where in ("alerts", "before", "below", "placed")
        slot = {"alerts": form.alerts, "before": form.before, "below": form.extras}.get(extra.where)
        if slot is not None:
            assert extra.widget in slot.children
        extra.refresh(form.saved)
