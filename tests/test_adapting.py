"""A therapist adapts the kit in place: a folder of only the files they change, read over
the kit's own, checked whole by `kit check`, refused by `kit serve` when broken."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kit
from kit import content, languages, text
from kit.check import check_content
from kit.layers import Content, kit_content, merge_words, missing_words

KIT_DATA = kit_content()


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kit", *args], capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
    )  # fmt: skip


def copy_in(folder: Path, *relative: str) -> Path:
    """Copy one of the kit's files into the therapist's folder, as the guide says."""
    target = folder.joinpath(*relative)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(KIT_DATA.joinpath(*relative), target)
    return target


def change(path: Path, old: str, new: str) -> None:
    words = path.read_text(encoding="utf-8")
    assert old in words, f"{old!r} is not in {path}"
    path.write_text(words.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A therapist's content folder, in use (empty: everything comes from the kit)."""
    folder = tmp_path / "our-words"
    folder.mkdir()
    monkeypatch.setenv("KIT_CONTENT_DIR", str(folder))
    yield folder
    text.set_language("en")


def test_an_empty_folder_is_the_kit_itself(own: Path) -> None:
    """With nothing changed, does everything come from the kit?"""
    assert content.definition("check-in").field("mood").prompt == "Your mood, overall"
    assert text.t("content.start.title") == "Start"


def test_one_worksheet_and_one_message_changed(own: Path) -> None:
    """The guide's example: copy one worksheet and one message file, change a sentence in
    each; is each change what the kit shows, while everything else is still the kit's?"""
    sheet = copy_in(own, "worksheets", "check-in.toml")
    change(sheet, 'prompt = "Your mood, overall"', 'prompt = "How was your mood, all in all?"')
    messages = copy_in(own, "messages", "en", "content.po")
    change(messages, 'msgstr "Start"', 'msgstr "Begin here"')
    assert content.definition("check-in").field("mood").prompt == "How was your mood, all in all?"
    assert text.t("content.start.title") == "Begin here"
    assert content.site_pages()[0][1] == "Begin here"
    assert content.definition("wins").title == "Small wins", "the rest is the kit's"
    assert text.t("care.lowest.heading")  # other catalogues still the kit's
    report = check_content(own)
    assert report.ok, report.text()


def test_kit_check_and_serve_on_a_changed_folder(tmp_path: Path) -> None:
    """From the command line: does `kit check DIR` pass a sound folder and list a broken
    one's problem with its file; does `kit serve --content DIR` refuse the broken one?"""
    folder = tmp_path / "ours"
    sheet = copy_in(folder, "worksheets", "wins.toml")
    change(sheet, 'title = "Small wins"', 'title = "Little victories"')
    sound = run("check", str(folder))
    assert "problem" not in sound.stdout, sound.stdout
    change(sheet, 'kind = "date"', 'kind = "datum"')
    broken = run("check", str(folder))
    assert broken.returncode == 1
    assert "wins.toml" in broken.stdout
    assert "datum" in broken.stdout
    refused = run("serve", "--content", str(folder), "--port", "1")
    assert refused.returncode == 1
    assert "wins.toml" in refused.stderr
    assert "The app was not started" in refused.stderr
    missing = run("serve", "--content", str(tmp_path / "nowhere"))
    assert missing.returncode == 1
    assert "is not a folder" in missing.stderr


def test_a_file_the_kit_never_reads_is_named(own: Path) -> None:
    """A typo in a file's name would silently change nothing: is it named?"""
    (own / "worksheets").mkdir()
    shutil.copy(KIT_DATA / "worksheets" / "wins.toml", own / "worksheets" / "wins.tml")
    (own / "pages").mkdir()
    (own / "pages" / "start.txt").write_text("# Hello\n")
    (own / ".git" / "objects").mkdir(parents=True)
    (own / ".git" / "config").write_text("[core]\n")  # a folder kept in git is fine
    found = check_content(own).problems
    assert any("wins.tml: the kit does not read this file" in p for p in found), found
    assert any("start.txt: the kit does not read this file" in p for p in found), found
    assert not any(".git" in p for p in found), found


def test_a_message_file_that_drops_a_message_is_refused(own: Path) -> None:
    """A copied catalogue with a message deleted would break a page: is it named, with
    the line of the kit's own file that has it?"""
    messages = copy_in(own, "messages", "en", "content.po")
    words = messages.read_text()
    start = words.index("#. The language picker")
    messages.write_text(words[:start])
    found = check_content(own).problems
    assert any("'content.language.label' is missing" in p and "content.po, line" in p
               for p in found), found  # fmt: skip


def test_a_message_with_a_placeholder_the_kit_does_not_fill_is_refused(own: Path) -> None:
    messages = copy_in(own, "messages", "en", "content.po")
    change(messages, 'msgstr "Start"', 'msgstr "Start, {name}"')
    found = check_content(own).problems
    assert any("uses {name}, which the kit does not fill in" in p for p in found), found


def test_a_page_that_loses_its_form_is_refused(own: Path) -> None:
    page = copy_in(own, "pages", "es", "check-in.md")
    change(page, "::: form", "")
    found = check_content(own).problems
    assert any("check-in.md: its '::: ' parts" in p for p in found), found


def test_a_translation_may_change_only_words(own: Path) -> None:
    """A translation that changes a bound, or names a field the English has not, is
    refused with where; one that leaves words out lists them as missing."""
    words = copy_in(own, "worksheets", "es", "wins.toml")
    change(words, 'id = "wins"', 'id = "wins"\nmax_items = 5')
    found = check_content(own).problems
    assert any("worksheets/es/wins.toml" in p and "max_items" in p and "only words" in p
               for p in found), found  # fmt: skip
    options = ["one", {"value": "two", "label": "Two"}]
    english = {"sections": [{"id": "a", "title": "A", "fields": [
        {"id": "x", "kind": "choice", "prompt": "P", "options": options},
    ]}]}  # fmt: skip
    merged, problems = merge_words(english, {"sections": [{"id": "a", "fields": [
        {"id": "x", "prompt": "Pe", "options": [{"value": "one", "label": "uno"}]},
        {"id": "y", "prompt": "?"},
    ]}]})  # fmt: skip
    assert [str(p) for p in problems] == [
        "sections[a].fields: names id 'y', which the English does not have"
    ]
    assert merged["sections"][0]["fields"][0]["prompt"] == "Pe"
    assert merged["sections"][0]["fields"][0]["options"][0] == {"value": "one", "label": "uno"}
    partly = {"sections": [{"id": "a", "fields": [{"id": "x", "prompt": "Pe"}]}]}
    assert list(missing_words(english, partly)) == [
        "sections[a].title", "sections[a].fields[x].options[one].label",
        "sections[a].fields[x].options[two].label",
    ]  # fmt: skip


def test_a_translation_falls_back_to_english_word_by_word(own: Path) -> None:
    """A Spanish worksheet file that leaves out one word shows that word in English and
    the rest in Spanish; `kit check` lists the one left out."""
    words = copy_in(own, "worksheets", "es", "wins.toml")
    spanish = content._read_toml(KIT_DATA / "worksheets" / "es" / "wins.toml")
    title = spanish["title"]
    change(words, f'title = "{title}"', "")
    text.set_language("es")
    sheet = content.definition("wins")
    assert sheet.title == "Small wins"
    assert sheet.intro != content._definition(Content(KIT_DATA), "wins", "en").intro
    report = check_content(own)
    assert any(m.endswith("wins.toml: title") for m in report.missing), report.missing


def test_switching_language_never_changes_what_was_saved(journal: kit.Journal) -> None:
    """Every worksheet in Spanish has the English one's fields, kinds and option values in
    the same order, so an answer is stored the same in either; switching the journal's
    language keeps every record as it was."""
    from support.filling import answers_for, fill_every_worksheet

    fill_every_worksheet(journal, [f"typed {i}" for i in range(500)])
    try:
        for sheet_id in kit.worksheet_ids():
            text.set_language("en")
            english = content.definition(sheet_id)
            text.set_language("es")
            spanish = content.definition(sheet_id)
            assert answers_for(spanish, ["x"] * 99) == answers_for(english, ["x"] * 99)
            assert [(f.id, f.kind) for f in spanish.fields] == [
                (f.id, f.kind) for f in english.fields
            ]
            assert spanish.title != english.title, sheet_id
        text.set_language("en")
        before = [(r.worksheet, r.answers) for r in journal.all_records()]
        languages.choose(journal, "es")
        assert journal.setting(languages.CHOSEN) == "es"
        assert text.language() == "es"
        assert [(r.worksheet, r.answers) for r in journal.all_records()] == before
    finally:
        text.set_language("en")


def test_the_browsers_language_is_the_default(journal: kit.Journal) -> None:
    try:
        languages.set_reported(["de-DE", "es-MX", "en"])
        assert languages.wanted(journal) == "es"
        languages.set_reported(["de"])
        assert languages.wanted(journal) == "en"
        journal.set_setting(languages.CHOSEN, "es")
        assert languages.wanted(journal) == "es", "the person's choice comes first"
        journal.set_setting(languages.CHOSEN, "xx")
        assert languages.wanted(journal) == "en", "a language the content lost is passed over"
        with pytest.raises(ValueError, match="no language 'xx'"):
            languages.choose(journal, "xx")
        assert languages.name("es") == "Español"
        assert languages.name("en") == "English"
    finally:
        languages.set_reported([])
        text.set_language("en")


def test_every_hub_passes_the_content_folder_on(tmp_path: Path) -> None:
    """Does the hub give each server the therapist's folder, and refuse one that is not
    there; do the other deployments set it?"""
    from traitlets.config import Config

    from kit import settings
    from kit.app.hub import HubSetupError, configure_hub

    folder = tmp_path / "our-words"
    folder.mkdir()
    c = Config()
    configure_hub(c, therapists=["therapist"], inbox_root=tmp_path / "inbox", content=folder)
    assert settings.decode(c.Spawner.environment["KIT_CONFIG"]).content_dir == str(folder.resolve())
    with pytest.raises(HubSetupError, match="is not a folder"):
        configure_hub(Config(), therapists=[], inbox_root=tmp_path, content=tmp_path / "no")
    deploy = Path(__file__).parents[1] / "deploy"
    assert (
        'content=os.environ.get("KIT_CONTENT_DIR")'
        in (deploy / "local" / "jupyterhub_config.py").read_text()
    )
    assert "content=CONTENT" in (deploy / "tljh" / "kit.py").read_text()
    assert '"content_dir": "/srv/kit-content"' in (deploy / "z2jh" / "config.yaml").read_text()
    assert "/srv/kit-content" in (deploy / "z2jh" / "Dockerfile").read_text()


def test_the_kit_is_whole_in_spanish() -> None:
    """Does every message, worksheet, page, the journey and the support lines have its
    Spanish, with nothing left out and nothing but words changed?"""
    report = check_content(Content(KIT_DATA))
    assert report.problems == []
    assert report.missing == []
    assert "es" in languages.available()


def test_a_dropped_message_still_shows_the_kits_words(own: Path) -> None:
    """Served without `kit check` (a notebook in JupyterLab), a page whose message the
    therapist's copy lost shows the kit's own words rather than failing."""
    messages = copy_in(own, "messages", "en", "content.po")
    words = messages.read_text()
    messages.write_text(words[: words.index("#. The language picker")])
    assert text.t("content.language.label") == "Language"
