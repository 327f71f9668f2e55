"""The command line: `kit serve --help`, its checks, and the options it gives Voila."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile

import pytest

from kit.app.hub import server_config
from kit.app.serve import (
    ALLOWED_MESSAGE_TYPES,
    PAGE_KERNEL_MANAGER,
    kernel_sockets_fit,
    notebooks_dir,
    voila_config,
)
from kit.settings import KitSettings


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True)


def test_serve_help() -> None:
    """Does `kit serve --help` explain the port and data folder options?"""
    out = run("serve", "--help")
    assert out.returncode == 0
    assert "--port" in out.stdout
    assert "--data-dir" in out.stdout
    assert "8866" in out.stdout


def test_bad_port_is_refused() -> None:
    """Is a port typo refused with a plain message, before anything starts?"""
    out = run("serve", "--port", "99999")
    assert out.returncode == 2
    assert "99999 is not a port number" in out.stderr
    out = run("serve", "--port", "eighty")
    assert out.returncode == 2
    assert "'eighty' is not a port number" in out.stderr


def test_no_command_shows_usage() -> None:
    """Does plain `kit` say which commands there are?"""
    out = run()
    assert out.returncode == 2
    assert "serve" in out.stderr


def test_voila_gets_safe_defaults() -> None:
    """Are sources stripped, tracebacks hidden, idle kernels culled, on loopback only?"""
    config = voila_config(KitSettings(port=9123))
    assert config.Voila.ip == "127.0.0.1"
    assert config.Voila.port == 9123
    assert config.Voila.open_browser is False
    assert config.VoilaConfiguration.strip_sources is True
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.VoilaConfiguration.template == "kit"
    assert config.MappingKernelManager.cull_idle_timeout > 0
    assert config.MappingKernelManager.cull_connected is False
    # ... never while a page is rendering (issue 17; tests/browser/test_cull_render.py)
    assert config.VoilaConfiguration.multi_kernel_manager_class == PAGE_KERNEL_MANAGER
    csp = config.Voila.tornado_settings["headers"]["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "connect-src 'self'" in csp
    assert "https:" not in csp
    assert config.MappingKernelManager.allowed_message_types == ALLOWED_MESSAGE_TYPES
    assert "execute_request" not in ALLOWED_MESSAGE_TYPES
    assert config.VoilaConfiguration.preheat_kernel is True
    pools = config.VoilaKernelManager.kernel_pools_config
    assert pools["default"] == {"pool_size": 0}
    assert pools == {"default": {"pool_size": 0}, "app.ipynb": {"pool_size": 1}}
    (denied,) = config.VoilaKernelManager.preheat_denylist
    therapist_pages = str(notebooks_dir() / "therapist" / "inbox.ipynb")
    assert re.match(denied, therapist_pages)
    assert not re.match(denied, str(notebooks_dir() / "app.ipynb"))


def test_kernels_talk_over_sockets_where_they_fit(monkeypatch, tmp_path) -> None:
    """Unix sockets, not TCP ports (two servers can be handed the same free port); TCP stays
    where the temporary folder's path would make a socket's path too long."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    fits = len(str(tmp_path)) + 75 <= 100
    assert kernel_sockets_fit() is fits
    assert (voila_config(KitSettings()).KernelManager.get("transport") == "ipc") is fits
    short = "/tmp"
    assert kernel_sockets_fit(short)
    monkeypatch.setattr(tempfile, "tempdir", short)
    assert voila_config(KitSettings()).KernelManager.transport == "ipc"
    assert server_config("client", notebooks_dir(), 60)["KernelManager"]["transport"] == "ipc"
    long = "/tmp/" + "a-long-folder-name/" * 2
    assert not kernel_sockets_fit(long)
    monkeypatch.setattr(tempfile, "tempdir", long)
    assert "transport" not in voila_config(KitSettings()).KernelManager


def test_preheat_keeps_pages_under_a_folder_named_therapist(tmp_path) -> None:
    """Voila matches the denylist against full paths: does a kit installed under
    /home/therapist/ still pre-heat its app (and only the therapist's pages stay cold)?"""
    notebooks = tmp_path / "home" / "therapist" / "kit (1)" / "notebooks"
    config = voila_config(KitSettings(notebooks=str(notebooks)))
    (denied,) = config.VoilaKernelManager.preheat_denylist
    assert not re.match(denied, str(notebooks / "app.ipynb"))
    assert denied not in str(notebooks / "app.ipynb")
    assert re.match(denied, str(notebooks / "therapist" / "inbox.ipynb"))


def test_preheat_and_title_options() -> None:
    """Do --preheat and --title reach the settings, and are bad values refused?"""
    assert "preheat_kernel" not in voila_config(KitSettings(preheat="none")).VoilaConfiguration
    every = voila_config(KitSettings(preheat="all")).VoilaKernelManager.kernel_pools_config
    assert every == {"default": {"pool_size": 1}}
    out = run("serve", "--preheat", "some")
    assert out.returncode == 2
    assert "invalid choice: 'some'" in out.stderr
    out = run("serve", "--title", "   ")
    assert out.returncode == 2
    assert "the page title is empty" in out.stderr
    out = run("serve", "--title", "x" * 61)
    assert out.returncode == 2
    assert "longer than 60 characters" in out.stderr


def test_exit_url_must_be_a_web_address() -> None:
    """Is an exit address that is not a web address refused before anything starts?"""
    out = run("serve", "--exit-url", "javascript:alert(1)")
    assert out.returncode == 2
    assert "not a web address" in out.stderr


def test_cull_idle_option() -> None:
    """Is the idle time before a closed page's kernel is shut down settable, and checked?"""
    config = voila_config(KitSettings(cull_idle=30))
    assert config.MappingKernelManager.cull_idle_timeout == 30
    assert config.MappingKernelManager.cull_interval == 15
    # A busy server's late output is waited for, not dropped after nbclient's 4 s.
    assert config.VoilaExecutor.iopub_timeout == 60
    out = run("serve", "--cull-idle", "soon")
    assert out.returncode == 2
    assert "not a number of seconds" in out.stderr


SERVER_IMPORTS = """
import json, sys, types
import kit.__main__ as cli

def start(*_args, **_kwargs):
    import jupyter_server.serverapp, voila.app  # what a server imports as it starts
    from jsonschema import Draft7Validator
    checkers = Draft7Validator.FORMAT_CHECKER.checkers
    loaded = sorted(m for m, module in sys.modules.items()
                    if module is not None and m.split(".")[0] in ("rfc3987_syntax", "lark"))
    print(json.dumps({"loaded": loaded, "iri": "iri" in checkers, "uri": "uri" in checkers}))

# In place of the server itself: kit serve's Voila, and the hub's single-user server.
cli.serve = start
sys.modules["jupyterhub.singleuser.extension"] = types.SimpleNamespace(main=start)
cli.main(sys.argv[1:])
"""


@pytest.mark.parametrize("command", [["serve"], ["hub-server"]])
def test_servers_skip_the_slow_format_checker(command, tmp_path) -> None:
    """kit serve and kit hub-server start without building rfc3987_syntax's grammars (some
    0.9 s of CPU a server); jsonschema's other checkers stay."""
    args = [*command, "--data-dir", str(tmp_path)] if command == ["serve"] else command
    hub = {"JUPYTERHUB_USER": "someone", "JUPYTERHUB_API_TOKEN": "not-used"}
    done = subprocess.run(
        [sys.executable, "-c", SERVER_IMPORTS, *args],
        capture_output=True, text=True, env={**os.environ, **hub},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen == {"loaded": [], "iri": False, "uri": True}
