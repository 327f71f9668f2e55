"""Sharing on the page, driven from Python: the client's share part and the therapist's inbox."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w
import pytest

import kit
from kit import settings
from kit import share as sharing
from kit.bundle import BUNDLE_VERSION, FORMAT
from kit.widgets.share import Share
from kit.widgets.therapist import Inbox

REPO = Path(__file__).resolve().parent.parent
PAYLOAD = "<img src=x onerror=alert(1)>"
ESCAPED = "&lt;img src=x onerror=alert(1)&gt;"


def every_widget(widget: w.Widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from every_widget(child)


def page_html(widget: w.Widget) -> str:
    return "\n".join(x.value for x in every_widget(widget) if isinstance(x, w.HTML))


def said(markup: str) -> str:
    """What a person reads in some HTML (for checking our words, not the escaping)."""
    return html.unescape(markup)


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs) -> None:
        self.seen.add(tag)


def tags_in(text: str) -> set[str]:
    parser = Tags()
    parser.feed(text)
    return parser.seen


def downloads(html: str) -> dict[str, bytes]:
    found = re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', html)
    return {name: base64.b64decode(data) for name, data in found}


@pytest.fixture
def client(journal: kit.Journal) -> kit.Journal:
    today = dt.date.today()
    for back in range(10):
        day = (today - dt.timedelta(days=back)).isoformat()
        journal.save("check-in", {"day": day, "mood": 3 + back % 5, "urge": back % 4,
                                  "contacted": back == 3, "note": f"{PAYLOAD} day {back}",
                                  "own_tags": "gym, <b>walks</b>"})  # fmt: skip
    journal.save("reasons", {"reasons": [{"reason": PAYLOAD}]})
    journal.save("who5", {f"q{i}": 2 for i in range(1, 6)})
    return journal


@pytest.fixture
def inbox(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "inbox"
    root.mkdir()
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"share_inbox": str(root / "client-1")}))
    return root


# --- the client's side ----------------------------------------------------------------------


def test_only_answered_worksheets_are_offered_and_none_is_ticked(client, monkeypatch) -> None:
    """Does the page offer just what has answers, with nothing chosen for the person?"""
    monkeypatch.delenv("KIT_CONFIG", raising=False)
    page = Share(client)
    assert list(page.pick) == ["check-in", "reasons", "who5"]
    assert not any(box.value for box in page.pick.values())
    assert "Nothing shared yet" in page_html(page.history)


def test_share_to_the_inbox_then_withdraw(client, inbox: Path) -> None:
    """Does Share write to the inbox and say so, list it, and Withdraw delete it?"""
    page = Share(client)
    assert "therapist's inbox on this server" in said(page_html(page.widget))
    page.pick["reasons"].value = True
    page.share_button.click()
    assert "It is in your therapist's inbox now" in html.unescape(page.result.value)
    (made,) = sharing.shares(client)
    assert sorted(p.name for p in (inbox / "client-1").iterdir()) == [
        f"{made.id}.html",
        f"{made.id}.json",
    ]
    assert "My reasons (all dates), sent to your therapist's inbox" in said(page_html(page.history))
    page.withdraw_buttons[made.id].click()
    assert list((inbox / "client-1").iterdir()) == []
    assert "deleted from your therapist's inbox" in said(page.withdraw_result.value)
    assert page.withdraw_buttons == {}, "a withdrawn share has no button"
    assert "withdrawn" in page_html(page.history)


def test_without_an_inbox_the_files_are_offered(client, tmp_path: Path, monkeypatch) -> None:
    """Without an inbox, are the two files offered, and is withdrawing honest about them?"""
    monkeypatch.delenv("KIT_CONFIG", raising=False)
    page = Share(client)
    page.pick["check-in"].value = True
    page.start.value = dt.date.today() - dt.timedelta(days=2)
    page.end.value = dt.date.today()
    page.share_button.click()
    files = downloads(page.result.value)
    (made,) = sharing.shares(client)
    assert set(files) == {f"{made.id}.json", f"{made.id}.html"}
    bundle = json.loads(files[f"{made.id}.json"])
    assert len(bundle["records"]) == 3
    assert {r["worksheet"] for r in bundle["records"]} == {"check-in"}
    assert ESCAPED.encode() in files[f"{made.id}.html"]
    assert page.withdraw_buttons[made.id].description == "Mark as withdrawn"
    page.withdraw_buttons[made.id].click()
    assert "out of the kit's reach" in said(page.withdraw_result.value)


PROBLEMS = {
    "nothing ticked": ([], None, None, "pick_error", "Choose at least one worksheet"),
    "dates back to front": (["reasons"], dt.date(2026, 5, 2), dt.date(2026, 5, 1), "dates_error",
                            "first date comes after the last"),
}  # fmt: skip


@pytest.mark.parametrize(("ticked", "start", "end", "where", "message"), PROBLEMS.values(),
                         ids=PROBLEMS)  # fmt: skip
def test_a_bad_choice_is_marked_on_that_choice_and_nothing_is_written(
    client, inbox: Path, ticked, start, end, where, message
) -> None:
    """Is the message shown beside the choice to fix, with nothing shared or logged?"""
    page = Share(client)
    for sheet in ticked:
        page.pick[sheet].value = True
    page.start.value, page.end.value = start, end
    page.share_button.click()
    line = getattr(page, where)
    assert message in line.value
    assert line.layout.display is None
    assert page.result.value == ""
    assert list(inbox.iterdir()) == []
    assert sharing.shares(client) == []
    page.pick["reasons"].value, page.start.value, page.end.value = True, None, None
    page.share_button.click()
    assert line.layout.display == "none", "the message goes once it is put right"


def test_an_inbox_that_cannot_be_written_is_said_plainly(client, tmp_path, monkeypatch) -> None:
    """Is an unusable inbox explained under the button, with nothing logged?"""
    (tmp_path / "box").write_text("a file")
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"share_inbox": str(tmp_path / "box")}))
    page = Share(client)
    page.pick["reasons"].value = True
    page.share_button.click()
    assert "is a file, not a folder" in page.result.value
    assert "save the files yourself" in page.result.value
    assert sharing.shares(client) == []


# --- the therapist's side -------------------------------------------------------------------


def share_from(client: kit.Journal, folder: Path, chosen=("check-in", "reasons", "who5")):
    return sharing.make_share(client, list(chosen), inbox=folder)


def test_the_inbox_shows_a_share_with_every_client_word_escaped(client, inbox: Path) -> None:
    """Does the therapist see the dates, worksheets, trends, scales and answers, with a typed
    <img onerror> (and a folder named like one) shown as text, never as markup?"""
    folder = inbox / PAYLOAD
    made = share_from(client, folder)
    page = Inbox(inbox)
    assert "1 shared file from 1 client folder." in page.about.value
    ((label, position),) = [o for o in page.choice.options if o[1] is not None]
    assert label.startswith(PAYLOAD), "a Dropdown shows its labels as text"
    page.choice.value = position
    shown = page_html(page.view)
    assert ESCAPED in shown
    assert PAYLOAD not in shown
    assert "img" not in tags_in(shown)
    assert f"{made.made_at.astimezone():%-d %B %Y at %H:%M}" in shown
    for words in ("Daily check-ins", "Days with a check-in</th><td>10<", "My reasons",
                  "Well-being scales", "40 of 100", "Low well-being", "all dates",
                  "Today's check-in, My reasons, WHO-5 well-being check"):  # fmt: skip
        assert words in said(shown), words
    assert "<h3>My reasons</h3>" in shown, "the report's section, one heading level down"
    charts = {c for x in every_widget(page.view) for c in x._dom_classes}
    assert {"kit-chart-mood", "kit-chart-urge", "kit-chart-who5"} <= charts


def test_a_broken_share_is_explained_and_the_page_keeps_working(client, inbox: Path) -> None:
    """Is a damaged or newer file explained, while the good ones still open?"""
    share_from(client, inbox / "ann", ["reasons"])
    (inbox / "bob").mkdir()
    (inbox / "bob" / "share.json").write_text('{"format": "journal-kit-bundle", "bund')
    newer = {"format": FORMAT, "bundle_version": BUNDLE_VERSION + 1, "records": []}
    (inbox / "bob" / "newer.json").write_text(json.dumps(newer))
    page = Inbox(inbox)
    assert "Some files cannot be opened" in page.problems.value
    by_label = {label: value for label, value in page.choice.options if value is not None}
    broken = next(v for k, v in by_label.items() if "share.json (cannot be opened)" in k)
    page.choice.value = broken
    assert "damaged or cut short" in page_html(page.view)
    page.choice.value = next(v for k, v in by_label.items() if "newer.json" in k)
    assert "newer version of the kit" in page_html(page.view)
    page.choice.value = next(v for k, v in by_label.items() if k.startswith("ann"))
    assert "My reasons" in page_html(page.view)


def test_a_share_withdrawn_after_the_list_was_read(client, inbox: Path) -> None:
    """If the client withdraws while the page is open, does opening it say so calmly?"""
    made = share_from(client, inbox / "ann", ["reasons"])
    page = Inbox(inbox)
    sharing.withdraw(client, made.id)
    page.choice.value = 0
    assert "may have been withdrawn" in page_html(page.view)
    page.look_again.click()
    assert [v for _, v in page.choice.options] == [None]


def test_a_file_given_by_hand(client, monkeypatch) -> None:
    """With no inbox set up, does the page say so, and open an uploaded share or explain it?"""
    monkeypatch.delenv("KIT_CONFIG", raising=False)
    made = sharing.make_share(client, ["reasons"])
    page = Inbox()
    assert "No inbox is set up here" in page.about.value
    assert page.choice.layout.display == "none"
    page.open_upload("given.json", b'{"format": "photos"}')
    assert "given.json is not a journal bundle" in page_html(page.view)
    page.upload.value = (
        {"name": PAYLOAD + ".json", "type": "application/json", "size": len(made.bundle),
         "content": memoryview(made.bundle), "last_modified": dt.datetime.now(dt.UTC)},
    )  # fmt: skip
    shown = page_html(page.view)
    assert "My reasons" in shown
    assert ESCAPED in shown
    assert "img" not in tags_in(shown)


def test_show_share_and_show_inbox_are_on_kit(client, inbox: Path, monkeypatch) -> None:
    """Are the two pages reachable as kit.show_share and kit.show_inbox, and displayed?"""
    from kit.widgets.visit import Visit

    shown = []
    monkeypatch.setattr(
        "IPython.display.display",
        lambda *objs: shown.extend(o for o in objs if not isinstance(o, Visit)),
    )
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"therapist_inbox": str(inbox)}))
    assert isinstance(kit.show_share(client), Share)
    assert isinstance(kit.show_inbox(), Inbox)
    assert shown[1].root == inbox
    assert {"show_share", "show_inbox"} <= set(kit.__all__)


def test_the_therapist_notebook_is_clean_thin_and_neutral() -> None:
    """Is the inbox notebook committed without outputs, titled neutrally, and thin?"""
    notebook = json.loads((REPO / "notebooks" / "therapist" / "inbox.ipynb").read_text())
    assert notebook["metadata"].get("title") == "Journal"
    (code,) = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code["outputs"] == []
    assert code["execution_count"] is None
    assert [x for x in "".join(code["source"]).splitlines() if x] == [
        "import kit",
        "kit.show_inbox()",
    ]
