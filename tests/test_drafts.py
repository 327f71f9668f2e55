"""Drafts: what is typed and not saved is kept in the journal, comes back marked as a draft
on the next visit, and goes once it is saved, discarded, or everything is deleted."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import kit
from kit.widgets import Form
from kit.widgets.pages import add_page_extras

PASS = "kettle garden tuesday"


def page(journal: kit.Journal, sheet: str = "conversation") -> Form:
    form = Form(kit.definition(sheet), journal)
    add_page_extras(form)
    return form


def test_typing_is_kept_and_comes_back_as_a_draft(journal: kit.Journal) -> None:
    """Does text still being typed (reported by the page) become a draft that the next visit
    shows, marked, with the picks made around it?"""
    form = page(journal)
    assert {"where_when", "need", "draft"} <= set(form.drafts.watch.fields)
    assert "talking_points" not in form.drafts.watch.fields, "only the page's own text boxes"
    form.inputs["channel"].value = "letter"
    form.drafts.watch.typed = {"draft": "Dear Sam, I have been thinking"}
    kept = journal.draft("conversation")
    assert kept.answers == {"channel": "letter", "draft": "Dear Sam, I have been thinking"}
    assert journal.history("conversation") == [], "a draft is not a save"

    again = page(journal)
    assert again.inputs["draft"].value == "Dear Sam, I have been thinking"
    assert again.inputs["channel"].value == "letter"
    assert again.drafts.bar.layout.display is None
    assert "Your draft is back." in again.drafts.message.value
    assert again.status.value.startswith("A draft from ")


def test_saving_ends_the_draft(journal: kit.Journal) -> None:
    """Once the draft is saved, is it gone, and the next visit shows the saved answers only?"""
    form = page(journal)
    form.drafts.watch.typed = {"draft": "Dear Sam"}
    again = page(journal)
    again.drafts.save_button.click()
    assert journal.latest("conversation") == {"draft": "Dear Sam"}
    assert journal.draft("conversation") is None
    assert again.drafts.bar.layout.display == "none"
    assert page(journal).drafts.bar.layout.display == "none"


def test_discarding_shows_what_was_saved(journal: kit.Journal) -> None:
    """Does discarding a draft put back the answers as saved, and forget the draft?"""
    journal.save("conversation", {"draft": "The saved words."})
    page(journal).drafts.watch.typed = {"draft": "The saved words, and more."}
    again = page(journal)
    assert again.inputs["draft"].value == "The saved words, and more."
    again.drafts.discard_button.click()
    assert again.inputs["draft"].value == "The saved words."
    assert journal.draft("conversation") is None
    assert page(journal).inputs["draft"].value == "The saved words."


def test_a_page_back_as_it_was_saved_keeps_no_draft(journal: kit.Journal) -> None:
    """Typing and then undoing it leaves no draft (nothing differs from what was saved)."""
    journal.save("conversation", {"draft": "Same."})
    form = page(journal)
    form.drafts.watch.typed = {"draft": "Same, and more."}
    assert journal.draft("conversation") is not None
    form.drafts.watch.typed = {"draft": "Same."}
    assert journal.draft("conversation") is None


def test_a_draft_older_than_the_last_save_is_dropped(journal: kit.Journal) -> None:
    """A draft made before the page was saved in another window is not offered back."""
    page(journal).drafts.watch.typed = {"draft": "An older draft"}
    journal.save("conversation", {"draft": "Saved in another window"})
    journal.save_draft("conversation", {"draft": "An older draft"})
    with closing(sqlite3.connect(journal.path)) as db:  # as if it were kept before that save
        db.execute("UPDATE drafts SET saved_at = '2020-01-01T00:00:00.000000+00:00'")
        db.commit()
    again = page(journal)
    assert again.inputs["draft"].value == "Saved in another window"
    assert journal.draft("conversation") is None


def test_a_damaged_draft_is_ignored(journal: kit.Journal) -> None:
    """Is a draft that cannot be read (a hand-edited file) ignored, the page fine?"""
    journal.save_draft("conversation", {"draft": "x"})
    with closing(sqlite3.connect(journal.path)) as db:
        db.execute("UPDATE drafts SET payload = x'00ff'")
        db.commit()
    assert journal.draft("conversation") is None
    assert page(journal).drafts.bar.layout.display == "none"


def test_a_draft_that_no_longer_fits_the_page_is_let_go(journal: kit.Journal) -> None:
    """A draft from an older version of the worksheet (odd values) never breaks the page."""
    journal.save_draft("conversation", {"talking_points": "not a list", "nope": 3})
    form = page(journal)
    assert form.inputs["talking_points"].value is None


def test_a_locked_journal_seals_its_drafts(tmp_path: Path) -> None:
    """Are drafts unreadable in a locked journal's file, through locking and unlocking?"""
    with kit.open_journal(tmp_path) as journal:
        journal.save_draft("conversation", {"draft": "MARKER-before-lock"})
        journal.set_passphrase(PASS)
        journal.save_draft("future", {"where": "MARKER-while-locked"})
        files = b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())
        assert b"MARKER" not in files
        assert journal.draft("conversation").answers == {"draft": "MARKER-before-lock"}
    with kit.open_journal(tmp_path, PASS) as journal:
        assert journal.draft("future").answers == {"where": "MARKER-while-locked"}
        journal.set_passphrase(None, current=PASS)
        assert journal.draft("conversation").answers == {"draft": "MARKER-before-lock"}


def test_drafts_go_with_everything_else(tmp_path: Path) -> None:
    """Does "Delete everything" take the drafts too?"""
    with kit.open_journal(tmp_path / "data") as journal:
        journal.save_draft("conversation", {"draft": "gone"})
        journal.delete_everything()
    with kit.open_journal(tmp_path / "data") as journal:
        assert journal.draft("conversation") is None


def test_a_draft_must_be_plain_and_of_a_page_size(journal: kit.Journal) -> None:
    """Is a draft that is not plain data, or far larger than a page, refused?"""
    import pytest

    with pytest.raises(kit.ValidationError):
        journal.save_draft("conversation", {"draft": object()})
    with pytest.raises(kit.ValidationError):
        journal.save_draft("conversation", {"draft": "x" * 1_000_001})
    assert journal.draft("conversation") is None


def test_a_check_in_with_only_its_day_keeps_no_draft(journal: kit.Journal) -> None:
    """Picking a mood and taking it back leaves no draft of a day with nothing in it."""
    form = page(journal, "check-in")
    form.inputs["mood"].value = 4
    assert journal.draft("check-in").answers["mood"] == 4
    form.inputs["mood"].value = None
    assert journal.draft("check-in") is None
