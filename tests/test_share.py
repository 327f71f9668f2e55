"""Sharing with a therapist: exactly what was chosen, a log, withdrawal, and a safe inbox."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

import kit
from kit import share as sharing
from kit.analysis.checkins import checkins, scores
from kit.bundle import BUNDLE_VERSION, FORMAT

D = dt.date
SECRET = "a-setting-that-must-stay-home"
SCRIPT = "<script>alert(1)</script>"


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(D.fromisoformat(day), dt.time(hour), dt.UTC)


def checkin(day: str, **more) -> dict:
    return {"day": day, "mood": 5, **more}


WHO5 = {f"q{i}": 3 for i in range(1, 6)}
ROWS = [
    ("check-in", at("2026-03-01"), checkin("2026-03-01")),
    ("check-in", at("2026-03-10"), checkin("2026-03-10", note=SCRIPT)),
    ("check-in", at("2026-03-20"), checkin("2026-03-20")),
    # Filled in the morning after: it belongs to 31 March, its own day.
    ("check-in", at("2026-04-01", 9), checkin("2026-03-31")),
    ("check-in", at("2026-04-02"), checkin("2026-04-02")),
    ("reasons", at("2026-03-05"), {"reasons": [{"reason": SCRIPT}]}),
    ("reasons", at("2026-04-05"), {"reasons": [{"reason": "later"}]}),
    ("who5", at("2026-03-15"), WHO5),
    ("who5", at("2026-04-15"), WHO5),
    ("balance", at("2026-03-12"), {"note": "not chosen"}),
]


@pytest.fixture
def filled(journal: kit.Journal) -> kit.Journal:
    journal.add_responses([(w, kit.definition(w).version, when, a) for w, when, a in ROWS])
    journal.set_setting("country", SECRET)
    return journal


def shared_days(share: sharing.Share) -> list[tuple[str, str]]:
    """(worksheet, day) of every record in the share's JSON: a check-in's own day, else the
    day it was saved."""
    records = json.loads(share.bundle)["records"]
    return [
        (r["worksheet"], r["answers"].get("day") or r["saved_at"][:10]) for r in records
    ]  # fmt: skip


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


CHOICES = {
    "march, check-ins and reasons": (
        ["check-in", "reasons"], D(2026, 3, 1), D(2026, 3, 31),
        [("check-in", "2026-03-01"), ("check-in", "2026-03-10"), ("check-in", "2026-03-20"),
         ("check-in", "2026-03-31"), ("reasons", "2026-03-05")],
    ),
    "one day": (["check-in"], D(2026, 3, 10), D(2026, 3, 10), [("check-in", "2026-03-10")]),
    "from a day on": (["who5"], D(2026, 4, 1), None, [("who5", "2026-04-15")]),
    "up to a day": (["reasons", "who5"], None, D(2026, 3, 31),
                    [("reasons", "2026-03-05"), ("who5", "2026-03-15")]),
    "all dates": (["balance"], None, None, [("balance", "2026-03-12")]),
    "nothing in the dates": (["reasons"], D(2025, 1, 1), D(2025, 1, 2), []),
}  # fmt: skip


@pytest.mark.parametrize(("chosen", "start", "end", "expected"), CHOICES.values(), ids=CHOICES)
def test_a_share_holds_exactly_the_chosen_worksheets_and_days(
    filled, chosen, start, end, expected
) -> None:
    """Does a share hold the chosen worksheets within the dates, and nothing else?"""
    share = sharing.make_share(filled, chosen, start, end)
    assert sorted(shared_days(share)) == sorted(expected)
    bundle = json.loads(share.bundle)
    assert (bundle["format"], bundle["bundle_version"]) == (FORMAT, BUNDLE_VERSION)
    part = bundle["share"]
    assert part["id"] == share.id
    assert part["worksheets"] == chosen
    assert part["start"] == (start.isoformat() if start else None)
    assert part["end"] == (end.isoformat() if end else None)


def test_settings_stay_out_of_a_share(filled) -> None:
    """Are the journal's settings left out of both files?"""
    share = sharing.make_share(filled, ["check-in", "reasons", "who5", "balance"])
    assert "settings" not in json.loads(share.bundle)
    assert SECRET.encode() not in share.bundle
    assert SECRET.encode() not in share.report


def test_the_report_shows_typed_markup_as_text(filled) -> None:
    """Is a <script> typed into an answer escaped in the shared report?"""
    share = sharing.make_share(filled, ["check-in", "reasons"], D(2026, 3, 1), D(2026, 3, 31))
    page = share.report.decode()
    assert SCRIPT not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Give and take" not in page, "only the chosen worksheets"
    assert "1 March 2026 to 31 March 2026" in page


def test_a_share_in_the_inbox_and_withdrawing_it(filled, tmp_path: Path) -> None:
    """Do both files land in the client's inbox folder, readable by the therapist, and does
    withdrawing delete them and mark the log (twice is fine)?"""
    inbox = tmp_path / "inbox" / "client"
    inbox.parent.mkdir()
    share = sharing.make_share(filled, ["reasons"], inbox=inbox)
    assert files_under(inbox) == [f"{share.id}.html", f"{share.id}.json"]
    assert (inbox / f"{share.id}.json").read_bytes() == share.bundle
    assert (inbox / f"{share.id}.html").read_bytes() == share.report
    assert {p.stat().st_mode & 0o777 for p in inbox.iterdir()} == {0o640}
    assert re.fullmatch(r"share-\d{8}-\d{6}-[0-9a-f]{6}", share.id)
    (logged,) = sharing.shares(filled)
    assert (logged.id, logged.folder, logged.withdrawn_at) == (share.id, inbox, None)

    done = sharing.withdraw(filled, share.id)
    assert files_under(inbox) == []
    assert done.withdrawn_at is not None
    assert "withdrawn" in done.describe()
    assert sharing.shares(filled) == [done]
    again = sharing.withdraw(filled, share.id)
    assert again.withdrawn_at == done.withdrawn_at


def test_a_download_writes_nothing_and_can_only_be_marked(filled, tmp_path: Path) -> None:
    """Is a download share written nowhere, logged as such, and only marked when withdrawn?"""
    before = files_under(tmp_path)
    share = sharing.make_share(filled, ["who5"])
    assert share.folder is None
    assert share.files == ()
    assert json.loads(share.bundle)["share"]["id"] == share.id
    assert share.report.startswith(b"<!DOCTYPE html>")
    assert files_under(tmp_path) == before
    assert "saved as files" in share.describe()
    done = sharing.withdraw(filled, share.id)
    assert done.withdrawn_at is not None
    assert files_under(tmp_path) == before


def test_the_log_lists_every_share_newest_first(filled, tmp_path: Path) -> None:
    """Does the person see every share: when, what, which dates, where?"""
    first = sharing.make_share(filled, ["reasons"], D(2026, 3, 1), D(2026, 3, 31))
    second = sharing.make_share(filled, ["check-in", "who5"], inbox=tmp_path / "box")
    listed = sharing.shares(filled)
    assert [s.id for s in listed] == [second.id, first.id]
    by_id = {s.id: s for s in listed}
    assert (
        by_id[first.id]
        .describe()
        .endswith("My reasons (1 March 2026 to 31 March 2026), saved as files")
    )
    assert (
        by_id[second.id]
        .describe()
        .endswith(
            "Today's check-in, WHO-5 well-being check (all dates), sent to your therapist's inbox"
        )
    )
    assert by_id[first.id].bundle == b"", "the log keeps no copy of what was shared"


def _file_in_the_way(tmp_path: Path) -> Path:
    (tmp_path / "box").write_text("not a folder")
    return tmp_path / "box"


BAD_CHOICES = {
    "no worksheets": ([], None, None, None, "worksheets", "Choose at least one worksheet"),
    "unknown worksheet": (["reasons", "diary"], None, None, None, "worksheets",
                          "no worksheet called 'diary'"),
    "start after end": (["reasons"], D(2026, 3, 2), D(2026, 3, 1), None, "dates",
                        "first date comes after the last"),
    "a file where the inbox should be": (["reasons"], None, None, _file_in_the_way, "inbox",
                                         "is a file, not a folder"),
    "the inbox's own folder is missing": (["reasons"], None, None,
                                          lambda p: p / "missing" / "client", "inbox",
                                          "cannot be reached"),
}  # fmt: skip


@pytest.mark.parametrize(
    ("chosen", "start", "end", "inbox", "field", "message"), BAD_CHOICES.values(), ids=BAD_CHOICES
)
def test_a_bad_choice_is_refused_plainly_and_writes_nothing(
    filled, tmp_path: Path, chosen, start, end, inbox, field, message
) -> None:
    """Is each bad choice refused with a plain message on the right choice, nothing written?"""
    folder = inbox(tmp_path) if inbox else None
    before = files_under(tmp_path)
    with pytest.raises(sharing.ShareError, match=message) as raised:
        sharing.make_share(filled, chosen, start, end, inbox=folder)
    assert raised.value.field == field
    assert "Nothing was shared" in str(raised.value)
    assert files_under(tmp_path) == before
    assert filled.setting(sharing.LOG_SETTING) is None


def test_a_half_written_share_is_taken_back(filled, tmp_path: Path, monkeypatch) -> None:
    """If the second file cannot be written, is the first removed and nothing logged?"""
    real = sharing.write_atomically

    def fail_on_html(target: Path, data: bytes, mode: int = 0o600) -> None:
        if target.suffix == ".html":
            raise OSError(28, "No space left on device")
        real(target, data, mode)

    monkeypatch.setattr(sharing, "write_atomically", fail_on_html)
    with pytest.raises(sharing.ShareError, match="No space left"):
        sharing.make_share(filled, ["reasons"], inbox=tmp_path / "box")
    assert files_under(tmp_path / "box") == []
    assert sharing.shares(filled) == []


def test_a_share_that_cannot_be_logged_is_not_left_behind(
    filled, tmp_path: Path, monkeypatch
) -> None:
    """A share the person could not see (or withdraw) must not stay in the inbox."""

    def busy(key, value):
        raise kit.JournalError("The journal is busy in another window.")

    monkeypatch.setattr(filled, "set_setting", busy)
    with pytest.raises(kit.JournalError):
        sharing.make_share(filled, ["reasons"], inbox=tmp_path / "box")
    assert files_under(tmp_path / "box") == []


def test_a_forged_log_entry_cannot_delete_files(filled, tmp_path: Path) -> None:
    """A log entry not made by the kit (say, brought in with a bundle) is ignored: withdrawing
    it deletes nothing."""
    victim = tmp_path / "precious.json"
    victim.write_text("{}")
    forged = {"id": "precious", "made_at": "2026-03-01T12:00:00+00:00", "worksheets": ["reasons"],
              "where": "inbox", "folder": str(tmp_path)}  # fmt: skip
    filled.set_setting(sharing.LOG_SETTING, [forged, "nonsense"])
    assert sharing.shares(filled) == []
    with pytest.raises(sharing.ShareError, match="no such share"):
        sharing.withdraw(filled, "precious")
    assert victim.exists()
    share = sharing.make_share(filled, ["reasons"])
    assert forged in filled.setting(sharing.LOG_SETTING), "other entries are kept as they were"
    assert [s.id for s in sharing.shares(filled)] == [share.id]


# --- the therapist's side ------------------------------------------------------------------


def _bundle(records, **more) -> str:
    return json.dumps({"format": FORMAT, "bundle_version": BUNDLE_VERSION, "records": records,
                       **more})  # fmt: skip


GOOD = {"worksheet": "check-in", "saved_at": "2026-01-02T20:00:00+00:00",
        "answers": {"day": "2026-01-02", "mood": 5}}  # fmt: skip
PART = {"id": "share-20260102-200000-abcdef", "made_at": "2026-01-02T20:00:00+00:00",
        "worksheets": ["check-in"], "start": None, "end": None}  # fmt: skip
BAD_SHARES = {
    "malformed json": (_bundle([GOOD])[:-9], "damaged or cut short"),
    "wrong format": ('{"format": "photos", "records": []}', "not a journal bundle"),
    "newer version": (json.dumps({"format": FORMAT, "bundle_version": BUNDLE_VERSION + 1,
                                  "records": []}), "newer version of the kit"),
    "invalid answers": (_bundle([GOOD, {**GOOD, "answers": {"day": "2026-01-03", "mood": 12}}],
                                share=PART),
                        r"record 2 \(check-in\), field 'mood': Please pick a number from 1"),
    "share not a table": (_bundle([GOOD], share=["check-in"]), "'share' is not a table"),
    "share lists no worksheets": (_bundle([GOOD], share={**PART, "worksheets": []}),
                                  "does not list its worksheets"),
    "share with a bad date": (_bundle([GOOD], share={**PART, "end": "soon"}),
                              "end date 'soon' is not a date"),
    "share made at no time": (_bundle([GOOD], share={**PART, "made_at": "2026-01-02T20:00"}),
                              "made_at is not a time with a time zone"),
    "not text": (b"\xff\xd8\xff\xe0 a photo", "not text"),
}  # fmt: skip


@pytest.mark.parametrize(("content", "message"), BAD_SHARES.values(), ids=BAD_SHARES)
def test_a_bad_share_gets_a_clear_message(tmp_path: Path, content, message) -> None:
    """Is each broken share refused with a message naming the file, from a path or an upload?"""
    data = content.encode() if isinstance(content, str) else content
    (tmp_path / "inbox" / "ann").mkdir(parents=True)
    path = tmp_path / "inbox" / "ann" / "share.json"
    path.write_bytes(data)
    with pytest.raises(kit.BundleError, match=message) as from_inbox:
        sharing.read_share(path, root=tmp_path / "inbox")
    assert str(from_inbox.value).startswith("ann/share.json")
    with pytest.raises(kit.BundleError, match=message) as uploaded:
        sharing.read_share(data, name="given.json")
    assert str(uploaded.value).startswith("given.json")
    (entry,) = sharing.inbox_bundles(tmp_path / "inbox")
    assert (entry.client, entry.made_at) == ("ann", None)
    assert message.split(r"\(")[0] in entry.problem


def test_a_share_reads_back_whole(filled, tmp_path: Path, monkeypatch) -> None:
    """Does the therapist read back what was shared, who shared it, and the dates?"""
    monkeypatch.setenv("JUPYTERHUB_USER", "ann")
    (tmp_path / "inbox").mkdir()
    share = sharing.make_share(filled, ["check-in", "who5"], D(2026, 3, 1), D(2026, 3, 31),
                               inbox=tmp_path / "inbox" / "c1")  # fmt: skip
    shared = sharing.read_share(share.files[0], root=tmp_path / "inbox")
    assert (shared.id, shared.sender, shared.whole) == (share.id, "ann", False)
    assert (shared.start, shared.end) == (D(2026, 3, 1), D(2026, 3, 31))
    assert shared.worksheets == ("check-in", "who5")
    assert shared.made_at == share.made_at
    assert len(shared.records) == 5
    with sharing.opened(shared) as journal:
        assert list(checkins(journal)["note"].dropna()) == [SCRIPT]
        assert list(scores(journal)["scale"]) == ["who5"]
        folder = journal.path.parent
    assert not folder.exists(), "the temporary journal is deleted afterwards"


def test_a_whole_copy_can_be_read_too(filled, tmp_path: Path) -> None:
    """Is a whole copy (made with 'take a copy') shown as such, with what it holds?"""
    copy = filled.export(tmp_path / "copy.json")
    shared = sharing.read_share(copy)
    assert shared.whole
    assert shared.worksheets == ("balance", "check-in", "reasons", "who5")
    assert len(shared.records) == len(ROWS)


def test_the_inbox_lists_shares_by_client_newest_first(filled, tmp_path: Path) -> None:
    """Are only the shares listed (no other files, nothing hidden), by client, newest first?"""
    root = tmp_path / "inbox"
    root.mkdir()
    old = sharing.make_share(filled, ["reasons"], inbox=root / "b-client")
    new = sharing.make_share(filled, ["who5"], inbox=root / "b-client")
    third = sharing.make_share(filled, ["check-in"], inbox=root / "a-client")
    (root / "b-client" / "notes.txt").write_text("ignored")
    (root / "b-client" / f".{new.id}.json.x.tmp").write_text("half-written, ignored")
    (root / "stray.json").write_text("not in a client folder: ignored")
    listed = sharing.inbox_bundles(root)
    assert [(e.client, e.path.name) for e in listed] == [
        ("a-client", f"{third.id}.json"),
        ("b-client", f"{new.id}.json"),
        ("b-client", f"{old.id}.json"),
    ]
    assert all(e.problem is None and e.made_at is not None for e in listed)


def test_links_out_of_the_inbox_are_never_followed(filled, tmp_path: Path) -> None:
    """Is a file or folder that leads outside the inbox refused, while one inside is fine?"""
    outside = tmp_path / "outside"
    share = sharing.make_share(filled, ["reasons"], inbox=outside)
    root = tmp_path / "inbox"
    (root / "mallory").mkdir(parents=True)
    (root / "mallory" / "evil.json").symlink_to(share.files[0])
    (root / "linked").symlink_to(outside, target_is_directory=True)
    inside = sharing.make_share(filled, ["who5"], inbox=root / "ann")
    (root / "ann" / "again.json").symlink_to(inside.files[0])

    with pytest.raises(sharing.ShareError, match=r"mallory/evil\.json points outside the inbox"):
        sharing.read_share(root / "mallory" / "evil.json", root=root)
    with pytest.raises(sharing.ShareError, match="points outside the inbox"):
        sharing.read_share(share.files[0], root=root)
    problems = {e.client: e.problem for e in sharing.inbox_bundles(root) if e.problem}
    assert problems.keys() == {"mallory", "linked"}
    assert all("points outside the inbox" in p for p in problems.values())
    assert sharing.read_share(root / "ann" / "again.json", root=root).id == inside.id


def test_an_inbox_that_cannot_be_read(tmp_path: Path) -> None:
    """Is a missing inbox, or a file in its place, said plainly?"""
    with pytest.raises(sharing.ShareError, match="is not there"):
        sharing.inbox_bundles(tmp_path / "nope")
    (tmp_path / "file").write_text("x")
    with pytest.raises(sharing.ShareError, match="is a file, not a folder"):
        sharing.inbox_bundles(tmp_path / "file")
