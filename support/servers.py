"""Servers in child processes, each with a process group of its own and a log file, on free
loopback ports: ``kit serve`` here, the hub in :mod:`support.hub`. Stopping one stops the
whole group, kernels included."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

START_TIMEOUT = 90
# Kernels of closed test pages are shut down after this many idle seconds, so that a long
# session does not pile up kernels. Before issue 17 a page that took longer than this to
# render on a busy machine was culled mid-render (seen in CI at 10 s, 30 s and 60 s); a
# page still rendering is no longer culled at all (kit.app.kernels, with 2 s in
# test_cull_render.py), and this stays at 120 s only because it has long been CI's value.
# kit serve's default is 600 s.
CULL_IDLE = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    """A server in a child process with a process group of its own, logging to a file."""

    name = "the server"
    start_timeout: float = START_TIMEOUT
    log_path: Path
    process: subprocess.Popen[bytes] | None = None

    def launch(self, argv: list[str], env: dict[str, str], cwd: Path | None = None) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                argv, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env=env,
                start_new_session=True,
            )  # fmt: skip

    def wait_until_answers(self, url: str) -> None:
        """Wait for a 200 from ``url``; stop the server and raise if none comes in time."""
        assert self.process is not None
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early:\n{self.log()}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        self.stop()
        waited = f"{self.name} did not answer within {self.start_timeout}s"
        raise RuntimeError(f"{waited}:\n{self.log()}")

    def stop(self, grace: float = 15) -> None:
        """Stop the whole process group: the server and the kernels it started."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]


class KitServer(ServerProcess):
    """`python -m kit serve` in a child process, on a loopback port of its own."""

    name = "kit serve"

    def __init__(
        self, data_dir: Path, log_path: Path, *extra: str, env: dict[str, str] | None = None
    ) -> None:
        self.data_dir = data_dir
        self.log_path = log_path
        self.extra = list(extra)
        self.more_env = env or {}
        self.port = free_port()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page(self, notebook: str) -> str:
        return f"{self.url}/voila/render/{notebook}"

    def start(self) -> None:
        # The server's settings are its own: none leak in from the tests' process.
        inherited = {k: v for k, v in os.environ.items() if k not in ("KIT_DATA_DIR", "KIT_CONFIG")}
        env = inherited | self.more_env
        self.launch(
            [sys.executable, "-m", "kit", "serve", "--port", str(self.port),
             "--data-dir", str(self.data_dir), "--cull-idle", str(CULL_IDLE), *self.extra],
            env,
        )  # fmt: skip
        self.wait_until_answers(self.url)

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> KitServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
