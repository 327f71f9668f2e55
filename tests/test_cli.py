"""The command line: `kit serve --help`, its checks, and the options it gives Voila."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kit.app.serve import ServeOptions, notebooks_dir, voila_argv


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


def test_voila_gets_safe_defaults(tmp_path: Path) -> None:
    """Are sources stripped, tracebacks hidden, idle kernels culled, on loopback only?"""
    argv = voila_argv(ServeOptions(port=9123))
    assert argv[0] == str(notebooks_dir())
    assert "--port=9123" in argv
    assert "--Voila.ip=127.0.0.1" in argv
    assert "--no-browser" in argv
    assert "--VoilaConfiguration.strip_sources=True" in argv
    assert "--VoilaConfiguration.show_tracebacks=False" in argv
    assert "--VoilaConfiguration.template=kit" in argv
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in argv)
    assert "--MappingKernelManager.cull_connected=False" in argv
    assert voila_argv(ServeOptions(notebooks=tmp_path))[0] == str(tmp_path)
