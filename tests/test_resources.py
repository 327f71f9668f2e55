"""Support lines that hold up: the file is checked whole (every problem, with its file and
line), stale lines are named, and a broken file never breaks a page that shows no lines."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import ipywidgets as w
import pytest

import kit
from kit.content import data_dir
from kit.resources import check_file, lines_file, stale_lines, support_lines
from kit.widgets import Form
from kit.widgets.pages import add_page_extras


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(data_dir(), folder)
    monkeypatch.setenv("KIT_CONTENT_DIR", str(folder))
    return folder


def edit(folder: Path, old: str, new: str, count: int = 1) -> None:
    path = lines_file(folder)
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, count))


def problems(folder: Path) -> list[str]:
    return [str(p) for p in check_file(lines_file(folder))[1]]


def test_the_shipped_lines_check_out() -> None:
    """Does every shipped line have a way to reach it, sources and a date, and are the
    emergency numbers sourced too; does "somewhere else" offer both directories?"""
    countries, found = check_file(lines_file())
    assert found == []
    for country in countries:
        if country.code != "INTL":
            assert country.emergency.sources
            assert country.emergency.last_checked
        for line in country.lines:
            assert line.sources
            assert line.phone or line.text or line.chat or line.email or line.url
    anywhere = next(c for c in countries if c.code == "INTL")
    assert {x.kind for x in anywhere.lines} >= {"crisis-directory", "abuse-directory"}
    texted = [x for c in countries for x in c.lines if x.text or x.chat]
    assert {c.code for c in countries if any(x in texted for x in c.lines)} >= {
        "US", "GB", "IE", "CA", "AU", "NZ"}  # fmt: skip
    assert any(a.kind == "video" for c in countries for x in c.lines for a in x.access)


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ('phone = "116 123"', 'phone = "116 123"\nsmss = "x"', "unknown key 'smss'"),
        ('kind = "crisis"', 'kind = "crisis line"', "kind 'crisis line' is not one of"),
        ("last_checked = 2026-12-01", 'last_checked = "yesterday"', "must be a date"),
        ('phone = "988"', 'phone = "98 8x"', "'phone' '98 8x' is not a phone number"),
        ('url = "https://988lifeline.org/"', 'url = "988lifeline.org"', "is not a web address"),
        ('number = "911"', "number = 911", "'number' must be text"),
        ('name = "Samaritans"\n', "", "the key 'name' is missing"),
    ],
)
def test_a_broken_line_is_refused_with_where_and_what(content: Path, old, new, said) -> None:
    """Is each kind of mistake reported with the file, the line of its entry and what?"""
    edit(content, old, new)
    found = problems(content)
    assert any(said in p for p in found), found
    assert all("crisis-lines.toml, line " in p for p in found), found
    kit.resources._loaded.cache_clear()
    with pytest.raises(kit.DefinitionError, match=r"crisis-lines\.toml"):
        support_lines()


def test_every_problem_is_listed_at_once(content: Path) -> None:
    """Are two mistakes in different entries both named, each at its own line?"""
    edit(content, 'phone = "988"', 'phone = "988"\nfax = "1"')
    edit(content, 'phone = "13 11 14"', 'phone = "13 11 14"\nfax = "2"')
    found = problems(content)
    assert len([p for p in found if "unknown key 'fax'" in p]) == 2
    lines = {p.split(" (")[0] for p in found}
    assert len(lines) == 2, "each at the line of its own entry"
    assert any("988 Suicide" in p for p in found)
    assert any("Lifeline Australia" in p for p in found)


def test_stale_lines_are_named(content: Path) -> None:
    """Is a line checked more than a year ago named, and shown on the page with a note?"""
    edit(content, "last_checked = 2026-12-01", "last_checked = 2024-01-05")
    countries, found = check_file(lines_file(content))
    assert found == []
    stale = list(stale_lines(countries, dt.date(2026, 12, 1)))
    assert stale == ["United States: emergency number 911 (checked 2024-01-05)"]
    edit(content, "last_checked = 2026-12-01", "last_checked = 2025-11-30")
    stale = list(stale_lines(check_file(lines_file(content))[0], dt.date(2026, 12, 1)))
    assert stale[-1] == "United States: 988 Suicide & Crisis Lifeline (checked 2025-11-30)"
    from kit.widgets.support import lines_html

    kit.resources._loaded.cache_clear()
    shown = lines_html(support_lines()[:1], dt.date(2026, 12, 1))
    assert "over a year ago: please confirm it" in shown


def test_kit_check_lists_problems_and_stale_lines(content: Path) -> None:
    """Does `kit check DIR` print every problem with its file and line, exit 1, and 0 once
    the folder is sound?"""
    run = [sys.executable, "-m", "kit", "check", str(content)]
    done = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "everything checks out" in done.stdout
    edit(content, 'phone = "988"', 'phone = "988"\nsmss = "x"')
    edit(content, "last_checked = 2026-12-01", "last_checked = 2020-01-01", count=2)
    done = subprocess.run(run, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "crisis-lines.toml, line " in done.stdout
    assert "unknown key 'smss'" in done.stdout
    assert "last checked more than a year ago" in done.stdout


def test_kit_serve_refuses_a_broken_folder(content: Path) -> None:
    """Does `kit serve` refuse to start on a broken support-lines file, with the report?"""
    edit(content, 'phone = "988"', 'phone = "988"\nsmss = "x"')
    done = subprocess.run(
        [sys.executable, "-m", "kit", "serve", "--port", "1"], capture_output=True, text=True,
        timeout=60, env={"PATH": "/usr/bin:/bin", "KIT_CONTENT_DIR": str(content)},
    )  # fmt: skip
    assert done.returncode == 1
    assert "unknown key 'smss'" in done.stderr
    assert "was not started" in done.stderr


def test_a_broken_file_never_breaks_a_page(content: Path, journal: kit.Journal) -> None:
    """With the lines file broken, does a page without lines work as ever, and does the
    lowest mood still bring the person chosen and the bad-day page, with a calm word where
    the lines would be?"""
    edit(content, 'phone = "988"', 'phone = "988"\nsmss = "x"')
    kit.resources._loaded.cache_clear()
    balance = Form(kit.definition("balance"), journal)
    add_page_extras(balance)
    assert balance.save_button.description == "Save"
    form = Form(kit.definition("check-in"), journal)
    panel = next(e for e in add_page_extras(form) if getattr(e, "anchor", "") == "mood")
    form.inputs["mood"].value = 1
    words = " ".join(
        x.value for x in panel.widget.children[0].children + panel.widget.children[1:]
        if isinstance(x, w.HTML)
    )  # fmt: skip
    assert "cannot be shown right now" in words
    assert "emergency number" in words
    assert 'href="11.ipynb"' in words
