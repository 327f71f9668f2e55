"""Export and import: the person's data out and back in, whole, and never half-imported."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

import kit
from kit.analysis.checkins import checkins
from kit.bundle import BUNDLE_VERSION, FORMAT
from kit.demo import write_demo


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def filled(tmp_path: Path) -> kit.Journal:
    journal = write_demo(tmp_path / "demo", days=40)
    journal.save("reasons", {"reasons": [{"reason": 'I want quiet evenings <b>"home"</b>.'}]})
    journal.set_setting("country", "IE")
    yield journal
    journal.close()


def snapshot(journal: kit.Journal) -> list[tuple]:
    return [(r.worksheet, r.version, r.saved_at, r.answers) for r in journal.all_records()]


def test_export_then_import_into_an_empty_journal_is_identical(filled, tmp_path: Path) -> None:
    """Does a bundle carry every response and setting into an empty journal, unchanged?"""
    bundle = filled.export(tmp_path / "out.json")
    with kit.open_journal(tmp_path / "fresh") as fresh:
        plan = fresh.import_bundle(bundle)
        assert len(plan.added) == len(filled.all_records())
        assert snapshot(fresh) == snapshot(filled)
        assert fresh.settings() == filled.settings()
        assert checkins(fresh).equals(checkins(filled))
        assert kit.reasons(fresh) == ['I want quiet evenings <b>"home"</b>.']


def test_importing_twice_adds_nothing(filled, tmp_path: Path) -> None:
    """Does importing the same bundle a second time add nothing at all?"""
    bundle = filled.export(tmp_path / "out.json")
    with kit.open_journal(tmp_path / "fresh") as fresh:
        fresh.import_bundle(bundle)
        before = snapshot(fresh)
        again = fresh.import_bundle(bundle)
        assert again.added == []
        assert again.already_there == len(before)
        assert snapshot(fresh) == before
        assert "Nothing new" in again.describe()


def test_import_merges_and_keeps_local_settings(filled, tmp_path: Path) -> None:
    """Are local answers and choices kept when a bundle brings in more?"""
    bundle = filled.export(tmp_path / "out.json")
    with kit.open_journal(tmp_path / "fresh") as fresh:
        fresh.save("check-in", {"day": "2020-02-02", "mood": 9})
        fresh.set_setting("country", "NZ")
        plan = fresh.import_bundle(bundle, dry_run=True)
        assert len(fresh.all_records()) == 1, "a dry run changes nothing"
        fresh.import_bundle(bundle)
        assert len(fresh.all_records()) == len(plan.added) + 1
        assert fresh.setting("country") == "NZ"
        assert fresh.setting("demo") is True


def test_checkins_csv_beside_the_bundle(filled, tmp_path: Path) -> None:
    """Are the check-ins also written as a CSV a spreadsheet can open, one row a day?"""
    filled.export(tmp_path / "out.json")
    with (tmp_path / "out.checkins.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(checkins(filled))
    assert rows[0]["date"] == str(checkins(filled).index[0].date())
    assert "[" not in rows[0]["emotions"], "lists are written as plain text"


def _bundle(records, **more) -> str:
    return json.dumps({"format": FORMAT, "bundle_version": BUNDLE_VERSION, "records": records,
                       **more})  # fmt: skip


GOOD = {"worksheet": "check-in", "saved_at": "2026-01-02T20:00:00+00:00",
        "answers": {"day": "2026-01-02", "mood": 5}}  # fmt: skip
BAD_FILES = {
    "empty file": ("", "damaged or cut short"),
    "cut short": (_bundle([GOOD])[:-20], "damaged or cut short: .* line 1, column"),
    "not json": ("day,mood\n2026-01-01,5\n", "damaged or cut short"),
    "another json file": ('{"name": "photos"}', "not a journal bundle"),
    "a list": ("[1, 2]", "not a journal bundle"),
    "newer format": (json.dumps({"format": FORMAT, "bundle_version": 99, "records": []}),
                     "newer version of the kit"),
    "records not a list": (_bundle({"a": 1}), "'records' is missing or not a list"),
    "unknown worksheet": (_bundle([GOOD, {**GOOD, "worksheet": "diary"}]),
                          "record 2: there is no worksheet 'diary'"),
    "missing answers": (_bundle([{"worksheet": "check-in", "saved_at": GOOD["saved_at"]}]),
                        "record 1 is missing 'answers'"),
    "hand-edited mood": (_bundle([GOOD, {**GOOD, "answers": {"day": "2026-01-03", "mood": 12}}]),
                         r"record 2 \(check-in\), field 'mood': Please pick a number from 1"),
    "bad time": (_bundle([{**GOOD, "saved_at": "yesterday"}]), "record 1: saved_at 'yesterday'"),
    "time without zone": (_bundle([{**GOOD, "saved_at": "2026-01-02T20:00:00"}]), "no time zone"),
    "bad version": (_bundle([{**GOOD, "version": "one"}]), "record 1: version 'one'"),
    "record not a table": (_bundle([GOOD, "mood=5"]), "record 2 is not a table"),
    "settings not a table": (_bundle([GOOD], settings=[1]), "'settings' is not a table"),
}  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_bad_bundle_is_refused_and_nothing_changes(
    tmp_path: Path, content: str, message: str
) -> None:
    """Is a broken or hand-edited bundle refused saying what and where, the journal untouched?"""
    (tmp_path / "in.json").write_text(content)
    with kit.open_journal(tmp_path / "j") as journal:
        journal.save("check-in", {"day": "2025-12-31", "mood": 6})
        before = digest(journal.path)
        with pytest.raises(kit.BundleError, match=message):
            journal.import_bundle(tmp_path / "in.json")
        assert digest(journal.path) == before
        assert len(journal.all_records()) == 1


def test_missing_and_binary_files(tmp_path: Path, journal: kit.Journal) -> None:
    """Are a missing file, a folder and a binary file each refused plainly?"""
    with pytest.raises(kit.BundleError, match="no file"):
        journal.import_bundle(tmp_path / "nope.json")
    with pytest.raises(kit.BundleError, match="is a folder"):
        journal.import_bundle(tmp_path)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not text")
    with pytest.raises(kit.BundleError, match="not text"):
        journal.import_bundle(tmp_path / "photo.jpg")
