"""The report for therapy: chosen worksheets and dates, every typed word escaped, offline."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markupsafe import escape

import kit
from kit.demo import write_demo
from kit.report import build_report, write_report

MARKUP = '<img src=x onerror="alert(1)"><b>bold</b></script>'


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.seen.append(tag)


@pytest.fixture
def journal_with_markup(tmp_path: Path):
    journal = write_demo(tmp_path / "demo", days=30)
    today = dt.date.today().isoformat()
    journal.save("check-in", {"day": today, "mood": 6, "note": MARKUP, "own_tags": MARKUP[:60]})
    journal.save("reasons", {"reasons": [{"reason": MARKUP}]})
    journal.save("balance", {"areas": [{"area": MARKUP[:60], "you": 3, "them": 1}]})
    yield journal
    journal.close()


def test_report_escapes_every_typed_word(journal_with_markup) -> None:
    """Does the report show typed markup as text, with no tag from the person's words?"""
    page = build_report(journal_with_markup)
    parser = Tags()
    parser.feed(page)
    assert "img" not in parser.seen
    assert "b" not in parser.seen
    assert escape('<img src=x onerror="alert(1)">') in page  # shown as the text it was
    assert "<title>Journal</title>" in page
    assert "self-checks, not a diagnosis" in page


def test_report_is_self_contained(journal_with_markup, tmp_path: Path) -> None:
    """Does the report carry plotly inside, fetching nothing from anywhere?"""
    path = write_report(journal_with_markup, tmp_path / "report.html")
    page = path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?https?:""", page)
    assert "Plotly" in page[:5_000_000]


def test_report_follows_the_chosen_worksheets_and_dates(journal_with_markup) -> None:
    """Are only the chosen worksheets shown, in the journey's order, within the dates?"""
    today = dt.date.today()
    page = build_report(journal_with_markup, ["check-in", "reasons"], start=today, end=today)
    assert page.index("My reasons") < page.index("Daily check-ins")
    assert "Give and take" not in page
    assert "Days with a check-in</th><td>1<" in page
    old = build_report(journal_with_markup, ["reasons"], end=today - dt.timedelta(days=400))
    assert "Nothing saved in these dates" in old


def test_report_refuses_bad_choices(journal: kit.Journal) -> None:
    """Are an unknown worksheet and back-to-front dates refused plainly?"""
    with pytest.raises(kit.KitError, match="no worksheet called 'diary'"):
        build_report(journal, ["diary"])
    with pytest.raises(kit.KitError, match="first date comes after"):
        build_report(journal, start=dt.date(2026, 5, 2), end=dt.date(2026, 5, 1))


def test_empty_journal_report(journal: kit.Journal) -> None:
    """Does an empty journal still give a readable report?"""
    page = build_report(journal)
    assert "<h1>Journal</h1>" in page
