"""What every page shows around the notebook (title, quick exit, previous/next), and the
JupyterHub half: folder names from user names, the hub's settings, pages that cannot be
changed. (The real hub is started in tests/hub.)"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from types import SimpleNamespace

import jinja2
import pytest
from tornado.web import HTTPError
from traitlets.config import Config

from kit import settings
from kit.app import hub
from kit.app.serve import (
    PAGE_KERNEL_MANAGER,
    TEMPLATE_ROOT,
    Site,
    check_exit_url,
    check_title,
    start_up_words,
    write_site,
)
from kit.content import site_pages
from kit.settings import KitSettings


@pytest.mark.parametrize(
    ("given", "kept"),
    [("Journal", "Journal"), ("  My   notes ", "My notes"), ("Café ☕", "Café ☕"),
     ('Say "hi" {% raw %}', 'Say "hi" {% raw %}')],
)  # fmt: skip
def test_titles_that_are_kept(given: str, kept: str) -> None:
    assert check_title(given) == kept


@pytest.mark.parametrize(
    ("given", "why"),
    [("", "empty"), ("   ", "empty"), ("x" * 61, "longer than 60"), ("a\x07b", "control")],
)
def test_titles_that_are_refused(given: str, why: str) -> None:
    with pytest.raises(ValueError, match=why):
        check_title(given)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x", "https://a b", "weather"])
def test_exit_addresses_that_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="not a web address"):
        check_exit_url(url)


def _render(folder: Path, source: str) -> str:
    loader = jinja2.FileSystemLoader(
        [str(folder / "voila" / "templates" / "kit"), str(TEMPLATE_ROOT / "voila/templates/kit")]
    )
    # Like Voila's templates: no autoescape, so the file itself must carry text safely.
    return jinja2.Environment(loader=loader).from_string(source).render()  # noqa: S701


def test_the_site_file_carries_any_title_safely(tmp_path: Path, monkeypatch) -> None:
    """Does a title with quotes, Jinja syntax and HTML come out as exactly that text?"""
    monkeypatch.setenv("JUPYTER_PATH", "")
    title = 'Notes "daily" {{ 7*7 }} %} <b>'
    write_site(Site(title, "https://example.org/?a=1&b='x'"), tmp_path)
    out = _render(
        tmp_path,
        '{% from "kit_site.html" import kit_title, kit_exit_url, kit_pages %}'
        "{{ kit_title }}|{{ kit_exit_url }}|{{ kit_pages | length }}|{{ kit_pages[1].notebook }}",
    )
    assert out == f"{title}|https://example.org/?a=1&b='x'|{len(site_pages())}|01.ipynb"
    assert os.environ["JUPYTER_PATH"].split(os.pathsep)[:2] == [str(tmp_path), str(TEMPLATE_ROOT)]


def test_site_pages_walk_start_journey_then_the_rest() -> None:
    pages = [n for n, _ in site_pages()]
    assert pages[0] == "00-start.ipynb"
    assert pages[1:4] == ["01.ipynb", "02.ipynb", "03.ipynb"]
    assert pages[-1] == "16.ipynb"
    assert len(pages) == len(set(pages))
    notebooks = {p.name for p in (Path(__file__).parents[1] / "notebooks").glob("*.ipynb")}
    assert set(pages) == notebooks - {"app.ipynb"}, "every page is reachable by previous/next"


def test_site_pages_refuse_a_page_listed_twice(tmp_path: Path, monkeypatch) -> None:
    import shutil

    from kit import content, layers
    from kit.errors import DefinitionError

    shutil.copytree(content.data_dir(), tmp_path / "data")
    journey = tmp_path / "data" / "journey.toml"
    journey.write_text(
        journey.read_text().replace(
            '{ notebook = "16.ipynb", page = "my-data", title = "My data" }',
            '{ notebook = "01.ipynb", title = "Again" }',
        )
    )
    monkeypatch.setattr(layers, "kit_content", lambda: tmp_path / "data")
    with pytest.raises(DefinitionError, match=r"01\.ipynb is listed twice"):
        content.site_pages()


def test_start_up_words_say_visitors_are_not_told_apart(tmp_path: Path) -> None:
    words = start_up_words(KitSettings(), tmp_path)
    assert "cannot tell visitors apart" in words
    assert "JupyterHub" in words
    assert "anyone who can reach" not in words
    everywhere = "0.0.0.0"  # noqa: S104 (the words kit serve prints for it)
    wide = start_up_words(KitSettings(ip=everywhere), tmp_path)
    assert "anyone who can reach this address can read this journal" in wide


@pytest.mark.parametrize(
    ("name", "folder"),
    [("client1", "client1"), ("ana_m-2", "ana_m-2"), ("../other", "~2e~~2e~~2f~other"),
     ("a.b", "a~2e~b"), ("..", "~2e~~2e~"), ("Zoë", "~5a~o~eb~")],
)  # fmt: skip
def test_folder_names_stay_inside_their_root(name: str, folder: str, tmp_path: Path) -> None:
    assert hub.folder_name(name) == folder
    assert (tmp_path / hub.folder_name(name)).resolve().parent == tmp_path.resolve()


def test_folder_names_never_collide() -> None:
    names = ["a.b", "a~2e~b", "a/b", "a_b", "a-b", "ab", "a~b"]
    assert len({hub.folder_name(n) for n in names}) == len(names)


def _spawn(c: Config, name: str) -> SimpleNamespace:
    spawner = SimpleNamespace(
        user=SimpleNamespace(name=name),
        environment=dict(c.Spawner.environment),
        default_url=c.Spawner.default_url,
    )
    c.Spawner.pre_spawn_hook(spawner)
    return spawner


def test_the_hub_gives_each_person_their_own_folders(tmp_path: Path) -> None:
    c = Config()
    hub.configure_hub(
        c, therapists={"dr"}, inbox_root=tmp_path / "inbox", data_root=tmp_path / "j",
        title="Notes", exit_url="https://example.org/",
    )  # fmt: skip
    assert c.Spawner.cmd[-2:] == ["kit", "hub-server"]
    assert c.Spawner.disable_user_config is True
    assert c.Authenticator.username_pattern == hub.USERNAME_PATTERN
    client = settings.decode(_spawn(c, "../other").environment["KIT_CONFIG"]).given()
    assert client["data_dir"] == str(tmp_path / "j" / "~2e~~2e~~2f~other")
    assert client["share_inbox"] == str(tmp_path / "inbox" / "~2e~~2e~~2f~other")
    assert Path(client["share_inbox"]).is_dir()
    assert "therapist_inbox" not in client
    assert client["title"] == "Notes"
    therapist_server = _spawn(c, "dr")
    therapist = settings.decode(therapist_server.environment["KIT_CONFIG"]).given()
    assert therapist["role"] == "therapist"
    assert therapist["therapist_inbox"] == str(tmp_path / "inbox")
    assert "share_inbox" not in therapist
    assert therapist_server.default_url.endswith("/inbox.ipynb")


@pytest.mark.parametrize("pattern_ok", ["client1", "ana.m", "a_b-c"])
def test_username_pattern_accepts(pattern_ok: str) -> None:
    import re

    assert re.fullmatch(hub.USERNAME_PATTERN, pattern_ok)


@pytest.mark.parametrize("pattern_bad", ["../other", ".hidden", "a/b", "", "A" * 65, "x y"])
def test_username_pattern_refuses(pattern_bad: str) -> None:
    import re

    assert not re.fullmatch(hub.USERNAME_PATTERN, pattern_bad)


def test_server_config_is_voila_only(tmp_path: Path) -> None:
    client = hub.server_config("client", tmp_path, 60)
    assert client["ServerApp"]["jpserver_extensions"]["voila"] is True
    off = [k for k, v in client["ServerApp"]["jpserver_extensions"].items() if not v]
    assert {"jupyterlab", "notebook", "jupyter_server_terminals"} <= set(off)
    assert client["ServerApp"]["terminals_enabled"] is False
    assert client["ServerApp"]["root_dir"] == str(tmp_path)
    assert client["PagesOnly"]["hide_therapist_pages"] is True
    assert "execute_request" not in client["MappingKernelManager"]["allowed_message_types"]
    assert client["VoilaExecutor"]["iopub_timeout"] == 60  # not nbclient's 4 s
    assert client["ServerApp"]["kernel_manager_class"] == PAGE_KERNEL_MANAGER  # issue 17
    therapist = hub.server_config("therapist", tmp_path, 60)
    assert therapist["ServerApp"]["root_dir"] == str(tmp_path / "therapist")
    assert therapist["PagesOnly"]["hide_therapist_pages"] is False


def test_hub_server_needs_the_hub() -> None:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB")}
    out = subprocess.run([sys.executable, "-m", "kit", "hub-server"], capture_output=True,
                         text=True, env=env)  # fmt: skip
    assert out.returncode == 1
    assert "started by JupyterHub" in out.stderr


@pytest.fixture
def pages(tmp_path: Path) -> hub.PagesOnly:
    (tmp_path / "01.ipynb").write_text('{"cells": [], "metadata": {}, "nbformat": 4, '
                                       '"nbformat_minor": 5}')  # fmt: skip
    (tmp_path / "therapist").mkdir()
    (tmp_path / "therapist" / "inbox.ipynb").write_text((tmp_path / "01.ipynb").read_text())
    return hub.PagesOnly(root_dir=str(tmp_path))


def _run(coroutine):
    """Run a coroutine on a thread of its own: a browser test's Playwright may hold this
    thread's event loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_pages_cannot_be_changed(pages: hub.PagesOnly, tmp_path: Path) -> None:
    model = {"type": "file", "format": "text", "content": "print('x')"}
    for attempt in (
        lambda: pages.save(model, "evil.py"),
        lambda: pages.new(model, "evil.ipynb"),
        lambda: pages.delete("01.ipynb"),
        lambda: pages.rename("01.ipynb", "02.ipynb"),
        lambda: pages.copy("01.ipynb"),
    ):
        with pytest.raises(HTTPError) as refused:
            attempt()
        assert refused.value.status_code == 403
    assert sorted(p.name for p in tmp_path.iterdir()) == ["01.ipynb", "therapist"]


def test_therapist_pages_are_hidden_from_a_client(pages: hub.PagesOnly) -> None:
    listing = _run(pages.get(""))
    assert [m["name"] for m in listing["content"]] == ["01.ipynb"]
    with pytest.raises(HTTPError) as hidden:
        _run(pages.get("therapist/inbox.ipynb"))
    assert hidden.value.status_code == 404
    assert _run(pages.file_exists("therapist/inbox.ipynb")) is False
    pages.hide_therapist_pages = False
    assert _run(pages.file_exists("therapist/inbox.ipynb")) is True


def test_the_start_page_says_when_the_journal_is_open_to_others(monkeypatch) -> None:
    """Served on an address others can reach, does the start page say that everyone who
    opens it shares this one journal (and say nothing of the kind on loopback)?"""
    from kit.widgets.start import journal_location_html

    monkeypatch.delenv("KIT_CONFIG", raising=False)
    assert "cannot tell people apart" not in journal_location_html()
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"ip": "0.0.0.0"}))  # noqa: S104
    assert "cannot tell people apart" in journal_location_html()
