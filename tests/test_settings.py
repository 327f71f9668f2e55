"""One configuration object (kit.settings.KitSettings): the command line, --help-all, a
config file and the hub's KIT_CONFIG are all made from it, and every way in checks each
setting the same way, with a message that names it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from traitlets.config import Config

from kit import settings
from kit.app import hub
from kit.errors import HubSetupError
from kit.settings import KitSettings, SettingsError

# kit serve as it is, with Voila left out: the settings it would serve with, as JSON.
SERVE_WITHOUT_VOILA = """
import json, sys
import kit.__main__ as cli
cli.serve = lambda options: print(json.dumps(options.given(), sort_keys=True))
sys.exit(cli.main(sys.argv[1:]))
"""


@pytest.fixture(autouse=True)
def _own_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """What kit.settings.use and kit hub-server write into os.environ goes with the test."""
    for name in ("KIT_CONFIG", "JUPYTER_PATH", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_PATH"):
        monkeypatch.setenv(name, os.environ.get(name, ""))


def serve(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KIT_")}
    return subprocess.run(
        [sys.executable, "-c", SERVE_WITHOUT_VOILA, "serve", *args],
        capture_output=True, text=True, env={**clean, **(env or {})}, timeout=120,
    )  # fmt: skip


def served_with(*args: str, env: dict[str, str] | None = None) -> dict:
    done = serve(*args, env=env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_help_all_lists_every_setting_with_its_help() -> None:
    """Does `kit serve --help-all` list every setting, each with its help and default, and
    the options beside them?"""
    done = subprocess.run([sys.executable, "-m", "kit", "serve", "--help-all"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    listing = " ".join(done.stdout.split())
    traits = settings.settings_traits()
    assert len(traits) >= 15
    for name, trait in traits.items():
        assert f"\n{name}" in done.stdout, name
        assert " ".join(trait.help.split()) in listing, name
        assert f"Default: {trait.default_value!r}" in listing, name
        if "option" in trait.metadata:
            assert trait.metadata["option"] in done.stdout
    for hub_only in ("role", "share_inbox", "therapist_inbox", "allow_root"):
        assert hub_only in traits


def test_every_option_of_kit_serve_is_a_setting() -> None:
    """Are kit serve's options made from the settings (none of its own beside the three that
    read or print them), with the setting's help?"""
    from kit.__main__ import build_parser

    parser = build_parser()
    serve_parser = parser._subparsers._group_actions[0].choices["serve"]
    options = {o for a in serve_parser._actions for o in a.option_strings}
    from_settings = {t.metadata["option"] for t in settings.settings_traits().values()
                     if "option" in t.metadata}  # fmt: skip
    assert options - from_settings == {"-h", "--help", "--help-all", "--generate-config",
                                       "--config"}  # fmt: skip
    assert from_settings <= options


def test_a_config_file_and_the_command_line(tmp_path: Path) -> None:
    """Does a Python config file, or a JSON one, reach kit serve, with an option given on
    the command line coming before it, and both before $KIT_DATA_DIR?"""
    python = tmp_path / "kit_config.py"
    python.write_text('c.KitSettings.title = "Notes"\nc.KitSettings.idle_lock = 0\n'
                      f'c.KitSettings.data_dir = {str(tmp_path / "from-file")!r}\n')  # fmt: skip
    seen = served_with("--config", str(python), "--idle-lock", "60",
                       env={"KIT_DATA_DIR": str(tmp_path / "from-env")})  # fmt: skip
    assert seen["title"] == "Notes"
    assert seen["idle_lock"] == 60
    assert seen["data_dir"] == str(tmp_path / "from-file")
    as_json = tmp_path / "kit_config.json"
    as_json.write_text(json.dumps({"KitSettings": {"exit_url": "https://example.org/"}}))
    seen = served_with("--config", str(as_json), env={"KIT_DATA_DIR": str(tmp_path / "e")})
    assert seen["exit_url"] == "https://example.org/"
    assert seen["data_dir"] == str((tmp_path / "e").resolve())


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('c.KitSettings.tilte = "Notes"', "there is no setting 'tilte' (did you mean 'title'?)"),
        ("c.KitSettings.port = 99999", "port: 99999 is not a port number (1-65535)"),
        ('c.KitSettings.idle_lock = "soon"', "idle_lock: 'soon' is not a number of seconds"),
        ('c.KitSettings.preheat = "some"', "preheat: 'some' is not one of: daily, all, none"),
        ('c.KitSettings.exit_url = "javascript:x"', "'javascript:x' is not a web address"),
        ("c.KitSettings.title = ", "could not be read"),
        ('c.Voila.port = 1', "only KitSettings can be set here, not Voila"),
    ],
)  # fmt: skip
def test_a_bad_config_file_is_refused_in_words(tmp_path: Path, text: str, words: str) -> None:
    """Is a typo, a bad value, a broken file or another app's section refused with a message
    that names it, before anything starts?"""
    path = tmp_path / "kit_config.py"
    path.write_text(text + "\n")
    done = serve("--config", str(path))
    assert done.returncode == 1
    assert words in done.stderr
    assert str(path) in done.stderr
    assert done.stdout == ""  # nothing was served


def test_a_missing_config_file_is_said_plainly(tmp_path: Path) -> None:
    done = serve("--config", str(tmp_path / "nowhere.py"))
    assert done.returncode == 1
    assert f"the config file {tmp_path / 'nowhere.py'} was not found" in done.stderr


def test_generate_config_writes_a_file_that_loads(tmp_path: Path) -> None:
    """Is --generate-config a config file with every setting commented out, which loads
    as it is and with a line taken in?"""
    done = subprocess.run([sys.executable, "-m", "kit", "serve", "--generate-config"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0, done.stderr
    for name in settings.settings_traits():
        assert f"# c.KitSettings.{name} = " in done.stdout
    path = tmp_path / "kit_config.py"
    path.write_text(done.stdout)
    assert settings.load_file(path).given() == {}
    path.write_text(done.stdout.replace("# c.KitSettings.title = 'Journal'",
                                        "c.KitSettings.title = 'Notes'"))  # fmt: skip
    assert settings.load_file(path).given() == {"title": "Notes"}


def test_kit_config_travels_whole_and_comes_first(monkeypatch) -> None:
    """Does KIT_CONFIG carry only what differs from the defaults, come back the same, and
    come before KIT_DATA_DIR and KIT_CONTENT_DIR?"""
    monkeypatch.setenv("KIT_DATA_DIR", "/from/env")
    monkeypatch.setenv("KIT_CONTENT_DIR", "/content/env")
    monkeypatch.delenv("KIT_CONFIG", raising=False)
    assert settings.current().given() == {"data_dir": "/from/env", "content_dir": "/content/env"}
    chosen = KitSettings(title="Notes", data_dir="/from/config", idle_lock=0)
    assert json.loads(settings.encode(chosen)) == {
        "KitSettings": {"data_dir": "/from/config", "idle_lock": 0, "title": "Notes"}
    }
    settings.use(chosen)
    now = settings.current()
    assert (now.title, now.data_dir, now.idle_lock) == ("Notes", "/from/config", 0)
    assert now.content_dir == "/content/env"
    assert now.journal_dir() == Path("/from/config")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{", "KIT_CONFIG is not JSON"),
        ("[1]", "KIT_CONFIG is not a set of settings"),
        ('{"KitSettings": {"rol": "therapist"}}', "KIT_CONFIG: there is no setting 'rol'"),
        ('{"KitSettings": {"role": "admin"}}', "role: 'admin' is not one of: client, therapist"),
    ],
)  # fmt: skip
def test_a_damaged_kit_config_stops_the_hub_server_in_words(text: str, words: str) -> None:
    """Does kit hub-server refuse settings it cannot use, saying which, before it starts?"""
    hub_env = {"JUPYTERHUB_USER": "someone", "JUPYTERHUB_API_TOKEN": "x", "KIT_CONFIG": text}
    done = subprocess.run([sys.executable, "-m", "kit", "hub-server"], capture_output=True,
                          text=True, env={**os.environ, **hub_env}, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("kit hub-server: ")
    assert words in done.stderr
    assert "Traceback" not in done.stderr
    with pytest.raises(SettingsError, match="KIT_CONFIG"):
        settings.decode(text)


def test_every_command_says_plainly_when_kit_config_is_damaged(tmp_path: Path) -> None:
    """Does a command that only reads the journal also refuse damaged settings in words,
    touching nothing, rather than fail with a traceback?"""
    env = {**os.environ, "KIT_CONFIG": "{", "KIT_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "kit", "export", str(tmp_path / "x.json")],
                          capture_output=True, text=True, env=env, timeout=120)  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.startswith("kit export: KIT_CONFIG is not JSON")
    assert "Traceback" not in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_clients_server_hands_its_kernels_no_therapist_inbox(monkeypatch, tmp_path) -> None:
    """Whatever KIT_CONFIG a client's server is given, do its kernels get the settings
    without the therapist's inbox (and the therapist's server keep it)?"""
    handed = []
    fake = SimpleNamespace(main=lambda argv: handed.append(os.environ["KIT_CONFIG"]))
    monkeypatch.setitem(sys.modules, "jupyterhub.singleuser.extension", fake)
    monkeypatch.setenv("JUPYTERHUB_USER", "client1")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "x")
    inbox = str(tmp_path / "inbox")
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"therapist_inbox": inbox, "title": "N"}))
    hub.run_server([])
    client = settings.decode(handed[-1])
    assert (client.therapist_inbox, client.title) == ("", "N")
    monkeypatch.setenv("KIT_CONFIG", settings.encode({"role": "therapist",
                                                      "therapist_inbox": inbox}))  # fmt: skip
    hub.run_server([])
    assert settings.decode(handed[-1]).therapist_inbox == inbox


def test_the_hub_passes_any_setting_and_checks_each_at_start(tmp_path: Path) -> None:
    """Do settings given to configure_hub reach every server in KIT_CONFIG, and does a typo,
    a bad value or a per-user setting stop the hub with a message naming it?"""
    c = Config()
    hub.configure_hub(c, therapists=set(), inbox_root=tmp_path / "inbox",
                      settings={"idle_lock": 600})  # fmt: skip
    assert set(c.Spawner.environment) == {"KIT_CONFIG", "JUPYTERHUB_ACTIVITY_INTERVAL"}
    server = SimpleNamespace(user=SimpleNamespace(name="client1"), environment={})
    c.Spawner.pre_spawn_hook(server)
    given = settings.decode(server.environment["KIT_CONFIG"])
    assert given.idle_lock == 600
    assert given.share_inbox == str(tmp_path / "inbox" / "client1")
    for bad, words in [({"idle_lok": 600}, "there is no setting 'idle_lok'"),
                       ({"idle_lock": -1}, "idle_lock: 0 (never) or more seconds"),
                       ({"role": "therapist"}, "role is set for each user")]:  # fmt: skip
        with pytest.raises(HubSetupError, match=words.replace("(", r"\(").replace(")", r"\)")):
            hub.configure_hub(Config(), therapists=set(), inbox_root=tmp_path, settings=bad)
    with pytest.raises(HubSetupError, match="the page title is empty"):
        hub.configure_hub(Config(), therapists=set(), inbox_root=tmp_path, title=" ")
