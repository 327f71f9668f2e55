"""The lock as a person meets it: a locked copy and bringing it back, the lock settings on
My data, the passphrase field on every page, and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit import lock as lock_module
from kit.bundle import LockedBundleError
from kit.widgets import unlock as unlock_module
from kit.widgets import visit as visit_module
from kit.widgets.mydata import MyData

from .test_mydata import downloads

PASS = "kettle garden tuesday"


@pytest.fixture(autouse=True)
def quick_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lock_module, "KDF", {**lock_module.KDF, "memory_kib": 1024,
                                             "iterations": 1})  # fmt: skip


@pytest.fixture
def fresh_page(monkeypatch: pytest.MonkeyPatch) -> list:
    """A new page (kernel): nothing opened yet; what it displays is collected."""
    monkeypatch.setattr(unlock_module, "_journals", {})
    monkeypatch.setattr(unlock_module, "_waiting", [])
    monkeypatch.setattr(unlock_module, "_asking", False)
    monkeypatch.setattr(visit_module, "_visit", None)
    shown: list = []

    def display(*objs) -> None:  # the parts of the page (the visit piece draws nothing)
        shown.extend(o for o in objs if not isinstance(o, visit_module.Visit))

    monkeypatch.setattr("IPython.display.display", display)
    return shown


def _locked(folder: Path) -> str:
    with kit.open_journal(folder) as journal:
        journal.save("future", {"where": "by the sea"})
        journal.set_setting("country", "gb")
        return journal.set_passphrase(PASS)


def test_a_locked_journals_copy_is_locked_unless_plain_is_asked_for(tmp_path: Path) -> None:
    _locked(tmp_path / "a")
    with kit.open_journal(tmp_path / "a", PASS) as journal:
        sealed = journal.export(tmp_path / "copy.json")
        plain = journal.export(tmp_path / "plain.json", plain=True)
    text = sealed.read_text()
    assert "by the sea" not in text
    assert "future" not in text
    assert json.loads(text)["format"] == "journal-kit-sealed-bundle"
    assert not (tmp_path / "copy.checkins.csv").exists()
    assert "by the sea" in plain.read_text()
    with kit.open_journal(tmp_path / "b") as other:
        with pytest.raises(LockedBundleError, match="locked copy"):
            other.import_bundle(sealed)
        with pytest.raises(LockedBundleError, match="does not open"):
            other.import_bundle(sealed, passphrase="not the passphrase")
        assert other.all_records() == []
        plan = other.import_bundle(sealed, passphrase=PASS)
        assert len(plan.added) == 1
        assert other.latest("future") == {"where": "by the sea"}


def test_my_data_locks_changes_and_unlocks(journal: kit.Journal) -> None:
    journal.save("future", {"where": "by the sea"})
    page = MyData(journal)
    settings = page.lock
    settings.new.value, settings.again.value = PASS, PASS
    assert settings.lock() is None, "not without ticking that a lost passphrase is lost"
    assert "tick the box" in settings.message.value
    settings.new.value, settings.again.value = PASS, PASS + "x"
    settings.understood.value = True
    assert settings.lock() is None
    assert "not the same" in settings.message.value
    assert not journal.locked
    settings.new.value, settings.again.value = PASS, PASS
    settings.understood.value = True
    code = settings.lock()
    assert journal.locked
    assert code in settings.code.value
    assert "recovery-code.txt" in downloads(settings.code.value)
    assert code.encode() in downloads(settings.code.value)["recovery-code.txt"]
    # Changing needs the current one; a recovery code will do.
    settings.current.value = "wrong guess here"
    settings.new.value = settings.again.value = "a second passphrase"
    assert not settings.change()
    assert "does not open" in settings.message.value
    settings.current.value = code
    settings.new.value = settings.again.value = "a second passphrase"
    assert settings.change()
    settings.current.value = "a second passphrase"
    assert settings.remove()
    assert not journal.locked
    assert journal.latest("future") == {"where": "by the sea"}


def test_my_data_offers_a_locked_copy_and_opens_one(tmp_path: Path, fresh_page) -> None:
    _locked(tmp_path / "a")
    with kit.open_journal(tmp_path / "a", PASS) as journal:
        page = MyData(journal)
        page.prepare_copy()
        files = downloads(page.copy_links.value)
        assert list(files) == [next(n for n in files if n.endswith(".json"))]
        page.plain_copy.value = True
        page.prepare_copy()
        assert any(n.endswith(".csv") for n in downloads(page.copy_links.value))
    (name, data) = next(iter(files.items()))
    with kit.open_journal(tmp_path / "b") as other:
        target = MyData(other)
        target.preview_upload(name, data)
        assert "locked copy" in target.preview.value
        assert target.copy_unlock.layout.display is None
        target.copy_passphrase.value = "not it at all"
        target.open_copy.click()
        assert "does not open" in target.preview.value
        target.copy_passphrase.value = PASS
        target.open_copy.click()
        assert "1 response to add" in target.preview.value
        target.confirm_import()
        assert other.latest("future") == {"where": "by the sea"}


def test_every_part_of_a_page_waits_for_one_passphrase(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_page: list
) -> None:
    """On a locked journal the first part asks, later parts wait; a wrong passphrase says
    so; the right one fills every part in."""
    _locked(tmp_path)
    monkeypatch.setenv("KIT_DATA_DIR", str(tmp_path))
    assert kit.show("future") is None
    assert kit.show_journey() is None
    first, second = fresh_page
    asking = first.children[0]
    assert "kit-unlock" in asking._dom_classes
    assert "opens once the journal is unlocked" in second.children[0].value
    unlock = asking.kit_part
    unlock.passphrase.value = "not it, sorry"
    assert unlock.open() is None
    assert "does not open" in unlock.message.value
    assert unlock.passphrase.value == "", "a wrong passphrase is not left in the field"
    unlock.passphrase.value = PASS
    assert unlock.open() is not None
    assert "kit-unlock" not in first.children[0]._dom_classes
    assert "kit-form" in first.children[0]._dom_classes, "the worksheet's form"
    assert "kit-journey" in second.children[0].value, "the journey, filled in too"


def test_the_command_line_does_not_read_a_passphrase_from_a_pipe(tmp_path: Path) -> None:
    _locked(tmp_path)
    out = subprocess.run(
        [sys.executable, "-m", "kit", "export", str(tmp_path / "x.json"), "--data-dir",
         str(tmp_path)],
        capture_output=True, text=True, input=PASS + "\n",
    )  # fmt: skip
    assert out.returncode == 1
    assert "typed at the keyboard" in out.stderr
    assert not (tmp_path / "x.json").exists()
