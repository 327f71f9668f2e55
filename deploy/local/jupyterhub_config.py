"""A hub on one machine, to try the kit with a few clients and a therapist before hosting
it for real (and what the kit's own hub test runs). Everything runs as the account that
starts it; the kit keeps each person's journal in a folder of their own.

    KIT_HUB_PASSWORD=choose-one jupyterhub -f deploy/local/jupyterhub_config.py

Then open http://127.0.0.1:8000/ and log in as client1, client2 or therapist, with that
password. Settings come from the environment, all optional except the password:

    KIT_HUB_STATE       folder for the hub's database, the journals and the inbox
                        (default ./kit-hub-state)
    KIT_HUB_CLIENTS     comma-separated client user names (default client1,client2)
    KIT_HUB_THERAPISTS  comma-separated therapist user names (default therapist)
    KIT_HUB_PORT        the port people open (default 8000); the hub also uses the next two
    KIT_CHP             the configurable-http-proxy command (default: the one on PATH)
    KIT_CULL_SERVERS    stop a client's server unused this many seconds (default 3600;
                        jupyterhub-idle-culler, at least 60)
    KIT_CONTENT_DIR     a content folder of your changes, read over the kit's own
                        (docs/adapting.md; default: none, the kit's own words)

This is for trying things out: the dummy log-in takes one shared password, and every user
runs under one system account. deploy/tljh and deploy/z2jh are for real use.
"""

import os
from pathlib import Path

from kit.app.hub import configure_hub

c = get_config()  # noqa: F821 (JupyterHub provides get_config)

password = os.environ.get("KIT_HUB_PASSWORD", "")
if len(password) < 8:
    raise SystemExit("Set KIT_HUB_PASSWORD to a password of 8 characters or more.")


def _names(variable: str, default: str) -> set[str]:
    return {n.strip() for n in os.environ.get(variable, default).split(",") if n.strip()}


state = Path(os.environ.get("KIT_HUB_STATE", "kit-hub-state")).resolve()
state.mkdir(parents=True, exist_ok=True, mode=0o700)
port = int(os.environ.get("KIT_HUB_PORT", "8000"))
clients = _names("KIT_HUB_CLIENTS", "client1,client2")
therapists = _names("KIT_HUB_THERAPISTS", "therapist")

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = port + 1
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{port + 2}"
if os.environ.get("KIT_CHP"):
    c.ConfigurableHTTPProxy.command = [os.environ["KIT_CHP"]]
c.JupyterHub.db_url = f"sqlite:///{state / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(state / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(state / "jupyterhub.pid")

c.JupyterHub.authenticator_class = "dummy"
c.DummyAuthenticator.password = password
c.Authenticator.allowed_users = clients | therapists

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(state / "homes" / "{username}")
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120

configure_hub(
    c,
    therapists=therapists,
    inbox_root=state / "inbox",
    data_root=state / "journals",
    cull_idle=int(os.environ.get("KIT_CULL_IDLE", "600")),
    content=os.environ.get("KIT_CONTENT_DIR") or None,
    cull_servers_after=int(os.environ.get("KIT_CULL_SERVERS", "3600")),
    # Everything here runs as one account; in a container that is often root.
    settings={"allow_root": os.geteuid() == 0},
)
