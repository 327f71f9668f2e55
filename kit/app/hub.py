"""Many clients on one JupyterHub: each client gets a server of their own, with only the
kit's pages, a journal folder of their own, and no way to run code.

Two halves, one module:

* :func:`configure_hub` is called from a ``jupyterhub_config.py`` (see ``deploy/``). It tells
  the hub to start ``kit hub-server`` for every user, and, just before each start, gives
  the server its settings (:class:`kit.settings.KitSettings`) in one environment variable,
  ``KIT_CONFIG``: the hub's own (title, quick exit, culling, content, ...) and that user's
  folders: ``data_dir`` for the journal, ``share_inbox`` for the client's folder in the
  therapist's inbox, and, for a therapist, ``role="therapist"`` and ``therapist_inbox``.
  Folder names come from :func:`folder_name`, never straight from a user name, so a name
  like ``../other`` stays inside its root.
* :func:`run_server` is ``kit hub-server``: the JupyterHub single-user server (a Jupyter
  server that checks the hub's log-in on every request) with Voila as its only extension.
  No JupyterLab, no terminals, notebooks that cannot be changed, and kernels that take
  widget messages only (:data:`kit.app.serve.ALLOWED_MESSAGE_TYPES`).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from traitlets import Bool
from traitlets.config import Config

from .. import settings as kit_settings
from ..errors import HubSetupError
from ..settings import CULL_IDLE_SECONDS, DEFAULT_EXIT_URL, DEFAULT_TITLE, SettingsError
from ..text import t
from .serve import (
    CONTENT_SECURITY_POLICY,
    THERAPIST_PAGES,
    Site,
    notebooks_dir,
    page_settings,
    write_site,
)

THERAPIST = "therapist"
START_PAGE = "app.ipynb"  # the whole journal, one page (kit.widgets.app)
INBOX_PAGE = "inbox.ipynb"
# User names the hub accepts: lower-case letters, digits, dot, dash and underscore, not
# starting with a dot. Anything else is refused at log-in.
USERNAME_PATTERN = r"^[a-z0-9_][a-z0-9._-]{0,63}$"
# A client's server unused this long is stopped by jupyterhub-idle-culler (their journal
# stays in its folder; the next log-in starts the server again). An hour: longer than the
# kit's own idle lock (15 minutes), so a locked journal has locked itself well before.
SERVER_IDLE_SECONDS = 60 * 60
IDLE_CULLER = "kit-idle-culler"
SERVER_POLL_SECONDS = 10
RESPAWN_AFTER_SECONDS = 1
_SAFE = re.compile(r"[a-z0-9_-]")


def folder_name(username: str) -> str:
    """A folder name for a user that can never leave its parent folder, and that two
    different user names never share: letters, digits, ``-`` and ``_`` stay, every other
    character (dots and slashes included) becomes ``~`` and its code point in hex."""
    if not username:
        raise ValueError("a user name is needed")
    return "".join(c if _SAFE.fullmatch(c) else f"~{ord(c):x}~" for c in username)


def client_folders(
    username: str, data_root: str | os.PathLike[str] | None, inbox_root: str | os.PathLike[str]
) -> dict[str, str]:
    """The settings for a client's own folders: their journal folder (``data_dir``, under
    ``data_root``; None leaves the default, the user's own home) and their folder in the
    inbox (``share_inbox``)."""
    name = folder_name(username)
    folders = {"share_inbox": str(Path(inbox_root) / name)}
    if data_root is not None:
        folders["data_dir"] = str(Path(data_root) / name)
    return folders


def configure_hub(
    c: Config,
    *,
    therapists: Iterable[str],
    inbox_root: str | os.PathLike[str],
    data_root: str | os.PathLike[str] | None = None,
    title: str = DEFAULT_TITLE,
    exit_url: str = DEFAULT_EXIT_URL,
    cull_idle: int = CULL_IDLE_SECONDS,
    inbox_owner: Callable[[Any], str] | None = None,
    inbox_group: str | None = None,
    server_command: list[str] | None = None,
    content: str | os.PathLike[str] | None = None,
    cull_servers_after: int | None = SERVER_IDLE_SECONDS,
    settings: dict[str, Any] | None = None,
) -> None:
    """Set a hub up for the kit (call it from jupyterhub_config.py with the ``c`` there).

    ``therapists`` are the user names that get the inbox page instead of the journal.
    ``inbox_root`` holds one folder per client. ``data_root`` is for spawners that run every
    user under one system account (e.g. SimpleLocalProcessSpawner, for trying it out):
    each journal then goes in its own folder under it; leave it None where every user has
    a home of their own (The Littlest JupyterHub, Kubernetes).

    Where every user is a system user of their own (The Littlest JupyterHub), give
    ``inbox_owner``, which returns the system account of a spawner's user (creating it if
    need be), and ``inbox_group``, the group the therapist's account is in: each client's
    inbox folder is then made the client's, readable by that group, and closed to everyone
    else (mode 2770). ``server_command`` starts a user's server where the users' Python is
    not the hub's (default: ``kit hub-server`` with the hub's Python). ``content`` is a
    therapist's content folder (only the files they change; docs/adapting.md), which every
    server reads over the kit's own: it must be readable by every user's server.
    ``cull_servers_after`` (seconds) runs jupyterhub-idle-culler as a hub service that stops
    servers unused that long; None where the hub runs one already (The Littlest JupyterHub).
    ``settings`` are any other of the servers' settings (:class:`kit.settings.KitSettings`),
    by name: ``{"idle_lock": 600}``, say.

    Every setting is checked here, so a typo stops the hub with a message naming it,
    before any server starts.
    """
    shared: dict[str, Any] = {"title": title, "exit_url": exit_url, "cull_idle": cull_idle}
    if content is not None:
        folder = Path(content).expanduser().resolve()
        if not folder.is_dir():
            raise HubSetupError(f"the content folder {folder} is not a folder")
        shared["content_dir"] = str(folder)
    per_user = sorted(kit_settings.per_user() & set(settings or {}))
    if per_user:
        raise HubSetupError(
            f"configure_hub: {', '.join(per_user)} is set for each user from therapists, "
            "inbox_root and data_root, not in settings"
        )
    shared.update(settings or {})
    try:
        kit_settings.make(shared, "configure_hub")
    except SettingsError as problem:
        raise HubSetupError(str(problem)) from None
    therapist_names = frozenset(therapists)
    inbox = Path(inbox_root)

    c.Authenticator.username_pattern = USERNAME_PATTERN
    c.Spawner.cmd = server_command or [sys.executable, "-m", "kit", "hub-server"]
    c.Spawner.args = []
    c.Spawner.default_url = f"/voila/render/{START_PAGE}"
    # Nothing from a user's own Jupyter configuration may undo the kit's settings.
    c.Spawner.disable_user_config = True
    # A server that stopped (killed for memory, stopped for being idle, or by a restart) is
    # noticed within seconds, and the page's reload starts it again on its own, without
    # the hub's "server not running" page and its button.
    c.Spawner.poll_interval = SERVER_POLL_SECONDS
    c.JupyterHub.implicit_spawn_seconds = RESPAWN_AFTER_SECONDS
    c.Spawner.environment = kit_settings.environment(**shared)
    if cull_servers_after is not None:
        _run_idle_culler(c, cull_servers_after)
        # A server tells the hub it is in use every 5 minutes by default, too seldom for a
        # short timeout: an open page would be culled as idle. Six reports per timeout.
        c.Spawner.environment["JUPYTERHUB_ACTIVITY_INTERVAL"] = str(
            max(10, min(300, cull_servers_after // 6))
        )

    def before_start(spawner: Any) -> None:
        name = spawner.user.name
        if name in therapist_names:
            inbox.mkdir(parents=True, exist_ok=True)
            own: dict[str, Any] = {"role": THERAPIST, "therapist_inbox": str(inbox)}
            spawner.default_url = f"/voila/render/{INBOX_PAGE}"
            if data_root is not None:
                own["data_dir"] = str(Path(data_root) / folder_name(name))
            spawner.environment.update(kit_settings.environment(**{**shared, **own}))
            return
        folders = client_folders(name, data_root, inbox)
        own_inbox = Path(folders["share_inbox"])
        own_inbox.mkdir(parents=True, exist_ok=True)
        if inbox_owner is not None and inbox_group is not None:
            import shutil

            # The inbox: the therapist's group lists it, others may only pass through.
            shutil.chown(inbox, group=inbox_group)
            inbox.chmod(0o751)
            # A client's folder: theirs, read by the therapist's group, closed to others;
            # files made in it take the group (setgid).
            shutil.chown(own_inbox, user=inbox_owner(spawner), group=inbox_group)
            own_inbox.chmod(0o2770)
        spawner.environment.update(kit_settings.environment(**{**shared, **folders}))

    c.Spawner.pre_spawn_hook = before_start


def _run_idle_culler(c: Config, seconds: int) -> None:
    """jupyterhub-idle-culler as a service of the hub, with only the rights it needs."""
    if seconds < 60:
        raise HubSetupError(f"cull_servers_after must be at least 60 seconds (got {seconds})")
    c.JupyterHub.services = [
        *[s for s in c.JupyterHub.get("services", []) if s.get("name") != IDLE_CULLER],
        {"name": IDLE_CULLER,
         "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={seconds}",
                     f"--cull-every={max(30, min(300, seconds // 4))}"]},
    ]  # fmt: skip
    c.JupyterHub.load_roles = [
        *[r for r in c.JupyterHub.get("load_roles", []) if r.get("name") != IDLE_CULLER],
        {"name": IDLE_CULLER, "services": [IDLE_CULLER],
         "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"]},
    ]  # fmt: skip


def server_config(
    role: str, notebooks: Path, cull_idle: int, allow_root: bool = False
) -> dict[str, Any]:
    """The Jupyter server's settings for a client's (or the therapist's) server."""
    config = page_settings(Config(), cull_idle)
    therapist = role == THERAPIST
    config.ServerApp.root_dir = str(notebooks / THERAPIST_PAGES if therapist else notebooks)
    config.ServerApp.default_url = f"/voila/render/{INBOX_PAGE if therapist else START_PAGE}"
    # Voila only: no JupyterLab or classic notebook (either would let a client run code),
    # no terminals, no language server.
    config.ServerApp.jpserver_extensions = {
        "voila": True,
        "jupyterlab": False,
        "notebook": False,
        "notebook_shim": False,
        "nbclassic": False,
        "jupyter_lsp": False,
        "jupyter_server_terminals": False,
    }
    config.ServerApp.terminals_enabled = False
    config.ServerApp.contents_manager_class = "kit.app.hub.PagesOnly"
    config.ServerApp.tornado_settings = {
        "headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    }
    config.PagesOnly.hide_therapist_pages = not therapist
    # A trial hub run by root (deploy/local, in a container) says so; real hubs run each
    # server as its user.
    config.ServerApp.allow_root = allow_root
    return json.loads(json.dumps(config))


def run_server(argv: list[str] | None = None) -> None:
    """``kit hub-server``: the single-user server JupyterHub starts for one person, with
    the settings the hub gave it in ``KIT_CONFIG``."""
    user = os.environ.get("JUPYTERHUB_USER")
    if not user or not os.environ.get("JUPYTERHUB_API_TOKEN"):
        raise HubSetupError(t("serve.hub.not-from-hub"))
    try:
        settings = kit_settings.current()
    except SettingsError as problem:
        raise HubSetupError(str(problem)) from None
    therapist = settings.role == THERAPIST
    # A client's server must never read the therapist's inbox, whatever it was given.
    if not therapist:
        settings = settings.replace(therapist_inbox="")
    kit_settings.use(settings)  # for the kernels, which inherit it
    site = Site(settings.title, settings.exit_url)
    with tempfile.TemporaryDirectory(prefix="kit-hub-") as folder:
        where = Path(folder)
        write_site(site, where / "data", journey=not therapist)
        (where / "config").mkdir()
        settings_json = server_config(
            settings.role, notebooks_dir(), settings.cull_idle, settings.allow_root
        )
        (where / "config" / "jupyter_server_config.json").write_text(json.dumps(settings_json))
        # The server's runtime files, and its kernels' sockets (kit.app.serve.page_settings),
        # in its own private folder: short enough for a socket's path, and gone with it.
        (where / "run").mkdir(mode=0o700)
        os.environ["JUPYTER_RUNTIME_DIR"] = str(where / "run")
        os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(
            p for p in (str(where / "config"), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p
        )
        from jupyterhub.singleuser.extension import main

        main(argv=list(argv or []))


def _contents_manager_base() -> type:
    from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager

    return AsyncLargeFileManager


class PagesOnly(_contents_manager_base()):  # type: ignore[misc]
    """The notebooks, to be shown and never changed: every write is refused, and on a
    client's server the therapist's pages are neither listed nor opened."""

    hide_therapist_pages = Bool(True, config=True, help="Hide the therapist/ folder.")

    def _refuse(self, *_args: Any, **_kwargs: Any) -> Any:
        from tornado.web import HTTPError

        raise HTTPError(403, t("serve.pages.unchangeable"))

    save = new = new_untitled = copy = delete = delete_file = rename = rename_file = _refuse
    create_checkpoint = restore_checkpoint = delete_checkpoint = _refuse

    def _hidden(self, path: str) -> bool:
        first = path.strip("/").split("/", 1)[0]
        return self.hide_therapist_pages and first == THERAPIST_PAGES

    async def get(self, path: str, content: bool = True, **kwargs: Any) -> dict[str, Any]:
        from tornado.web import HTTPError

        if self._hidden(path):
            raise HTTPError(404, t("serve.pages.no-such-page"))
        return await super().get(path, content=content, **kwargs)

    def should_list(self, name: str) -> bool:
        hidden = self.hide_therapist_pages and name == THERAPIST_PAGES
        return not hidden and super().should_list(name)

    async def file_exists(self, path: str = "") -> bool:
        return not self._hidden(path) and await super().file_exists(path)

    async def dir_exists(self, path: str) -> bool:
        return not self._hidden(path) and await super().dir_exists(path)
