"""A real JupyterHub on loopback ports, from deploy/local/jupyterhub_config.py: the dummy
log-in with a password, SimpleLocalProcessSpawner, and configurable-http-proxy installed
from the npm registry (into .cache/node, once). Two clients and a therapist by default.
Stopping it stops every server it started."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path

from .servers import ServerProcess, free_port
from .tools import makefile_pin, npm_package

REPO = Path(__file__).resolve().parents[1]
CONFIG = REPO / "deploy" / "local" / "jupyterhub_config.py"
# The same version `make hub` installs.
CHP_VERSION = makefile_pin("CHP_VERSION")
PASSWORD = "a-long-test-password"
CLIENTS = ("client1", "client2")
THERAPIST = "therapist"
START_TIMEOUT = 120


def proxy_command() -> Path:
    """configurable-http-proxy, installed from the npm registry the first time."""
    return npm_package("configurable-http-proxy", CHP_VERSION) / "bin" / "configurable-http-proxy"


class Hub(ServerProcess):
    """jupyterhub in a child process with its own process group."""

    name = "jupyterhub"
    start_timeout = START_TIMEOUT

    def __init__(self, state: Path, clients: tuple[str, ...] = CLIENTS) -> None:
        self.state = state
        self.clients = tuple(clients)
        # Three ports in a row: the proxy, the hub's API, the proxy's API.
        self.port = free_port()
        while not all(_free(self.port + i) for i in (1, 2)):
            self.port = free_port()
        self.log_path = state / "hub.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, chp: Path, **more_env: str) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("KIT_", "JUPYTER"))}
        env.update(
            KIT_HUB_PASSWORD=PASSWORD,
            KIT_HUB_STATE=str(self.state),
            KIT_HUB_PORT=str(self.port),
            KIT_HUB_CLIENTS=",".join(self.clients),
            KIT_HUB_THERAPISTS=THERAPIST,
            KIT_CHP=str(chp),
            KIT_CULL_IDLE="120",
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        )
        env.update(more_env)
        self.launch([sys.executable, "-m", "jupyterhub", "-f", str(CONFIG)], env, cwd=self.state)
        self.wait_until_answers(f"{self.url}/hub/health")

    def stop(self, grace: float = 30) -> None:
        super().stop(grace)
        # The hub stops its users' servers as it shuts down; stop any that outlived it (they
        # are recognised by the inbox folder in their environment).
        marker = str(self.state).encode()
        for environ in Path("/proc").glob("[0-9]*/environ"):
            with contextlib.suppress(OSError, ValueError, ProcessLookupError):
                if marker in environ.read_bytes():
                    os.kill(int(environ.parent.name), signal.SIGKILL)


def _free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
