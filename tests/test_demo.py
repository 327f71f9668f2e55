"""The demo journal: realistic, repeatable, and never written into a person's own journal."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit.analysis import checkins as days
from kit.demo import default_demo_dir, write_demo


def test_demo_is_six_months_of_plausible_data(tmp_path: Path) -> None:
    """Does the demo hold about six months of check-ins, weekly WHO-5s and some worksheets?"""
    with write_demo(tmp_path / "demo") as journal:
        checkins = days.checkins(journal)
        scores = days.scores(journal)
        assert 140 <= len(checkins) <= 183
        assert (checkins.index.max() - checkins.index.min()).days == 182
        assert checkins["mood"].between(1, 10).all()
        assert checkins["mood"].iloc[-30:].mean() > checkins["mood"].iloc[:30].mean()
        assert set(scores["scale"]) == {"who5", "phq9", "gad7"}
        assert journal.latest("milestones")
        assert journal.setting("demo") is True


def test_demo_never_touches_a_persons_journal(tmp_path: Path, monkeypatch) -> None:
    """Is the demo refused in the person's own folder and over a journal that is not a demo?"""
    own = tmp_path / "mine"
    monkeypatch.setenv("KIT_DATA_DIR", str(own))
    assert default_demo_dir() == tmp_path / "mine-demo"
    with pytest.raises(kit.KitError, match="your own data folder"):
        write_demo(own)
    with kit.open_journal(tmp_path / "real") as real:
        real.save("wellbeing", {"overall": 3})
    with pytest.raises(kit.KitError, match="not a demo"):
        write_demo(tmp_path / "real")
    with kit.open_journal(tmp_path / "real") as real:
        assert len(real.all_records()) == 1


def test_writing_the_demo_again_replaces_it(tmp_path: Path) -> None:
    """Does a second demo replace the first, rather than doubling it?"""
    write_demo(tmp_path / "demo", days=30).close()
    with write_demo(tmp_path / "demo", days=30) as journal:
        assert len(days.checkins(journal)) == len(set(days.checkins(journal).index))
        assert len(journal.history("check-in")) == len(days.checkins(journal))


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True,
                          input=stdin)  # fmt: skip


def test_command_line_demo_export_import(tmp_path: Path) -> None:
    """Do `kit demo`, `kit export` and `kit import` work together, asking before importing?"""
    demo, bundle, fresh = tmp_path / "demo", tmp_path / "out.json", tmp_path / "fresh"
    assert run("demo", "--data-dir", str(demo), "--days", "20").returncode == 0
    out = run("export", str(bundle), "--data-dir", str(demo))
    assert out.returncode == 0
    assert bundle.is_file()
    declined = run("import", str(bundle), "--data-dir", str(fresh), stdin="n\n")
    assert "responses to add" in declined.stdout
    assert "Nothing was imported" in declined.stdout
    with kit.open_journal(fresh) as journal:
        assert journal.all_records() == []
    accepted = run("import", str(bundle), "--data-dir", str(fresh), stdin="y\n")
    assert "Imported" in accepted.stdout
    bundle.write_text(bundle.read_text()[:100])
    broken = run("import", str(bundle), "--data-dir", str(fresh), "--yes")
    assert broken.returncode == 1
    assert "damaged or cut short" in broken.stderr
    assert "Traceback" not in broken.stderr
