"""``kit serve``: the notebooks as a simple web app, with Voila and safe defaults.

What kit serve was asked for is a :class:`kit.settings.KitSettings` (the command line and
a config file are made from it). Every setting Voila gets is in :func:`page_settings`
(shared with the JupyterHub server in :mod:`kit.app.hub`) and :func:`voila_config`, in one
place, with the reason it is set. The kit's own settings reach the notebook kernels in one
environment variable, ``KIT_CONFIG`` (:func:`kit.settings.use`), which kernels inherit from
the server.

What every page shows around the notebook (its title, where quick exit goes, the
previous/next links) is written at start-up into a small template file, ``kit_site.html``,
in a folder of its own that goes first on the Jupyter path: so the file list and error
pages, which Voila renders without the notebook's resources, get the same title.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config

from .. import settings as kit_settings
from ..content import site_pages
from ..settings import (
    CULL_IDLE_SECONDS,
    DEFAULT_EXIT_URL,
    DEFAULT_TITLE,
    KitSettings,
    check_exit_url,
    check_title,
)
from ..text import t

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE_ROOT = Path(__file__).resolve().parent / "share"

# The start-up words are wrapped to fit an ordinary terminal.
CONSOLE_WIDTH = 79
# The app (every page of the journal in one kernel), whose kernel waits ready by default
# (kit serve --preheat daily); the single pages' notebooks can wait too (--preheat all).
APP_PAGE = "app.ipynb"
DAILY_PAGES = (APP_PAGE,)
# The therapist's pages, in a folder of their own among the notebooks.
THERAPIST_PAGES = "therapist"
CULL_INTERVAL_SECONDS = 60
# The kernel manager whose culler leaves a page still rendering alone (named, so that
# importing this module does not import jupyter_server).
PAGE_KERNEL_MANAGER = "kit.app.kernels.PageMappingKernelManager"
IOPUB_TIMEOUT_SECONDS = 60
# The longest Unix socket path the kit will hand a kernel (sun_path holds 108 bytes on
# Linux, 104 on macOS, both with the closing NUL).
SOCKET_PATH_MAX = 100


def notebooks_dir() -> Path:
    """The kit's notebooks: the repository's folder in a checkout, else the installed copy."""
    for candidate in (_PACKAGE.parent / "notebooks", _PACKAGE / "_notebooks"):
        if (candidate / "00-start.ipynb").is_file():
            return candidate
    raise FileNotFoundError("The kit's notebooks are missing from this installation.")


@dataclass(frozen=True)
class Site:
    """What every page shows around the notebook, the same under kit serve and a hub."""

    title: str = DEFAULT_TITLE
    exit_url: str = DEFAULT_EXIT_URL


SITE_WORDS = {"exit": "content.exit.label", "exit_title": "content.exit.title",
              "problem": "content.problem", "open": "content.open"}  # fmt: skip


def site_words() -> dict[str, dict[str, str]]:
    """What the page shows before the journal answers (Quick exit, the calm words for a
    part that failed), in every language the content has, for kit_site.html."""
    from ..languages import available
    from ..text import t_in

    return {code: {key: t_in(code, message) for key, message in SITE_WORDS.items()}
            for code in available()}  # fmt: skip


def write_site(site: Site, folder: Path, journey: bool = True) -> Path:
    """Write ``kit_site.html`` (title, quick-exit address, the pages in order) into a
    template folder under ``folder``, put ``folder`` first on the Jupyter path, and return
    the file. The values are JSON literals, which Jinja reads as its own. Without
    ``journey`` (the therapist's server, which has none of the journal's pages) there are
    no previous/next links."""
    title, exit_url = check_title(site.title), check_exit_url(site.exit_url)
    pages = [{"notebook": n, "title": t} for n, t in site_pages()] if journey else []
    target = folder / "voila" / "templates" / "kit" / "kit_site.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        "{#- Written by the kit at start-up; see kit/app/serve.py. -#}\n"
        f"{{%- set kit_title = {json.dumps(title)} -%}}\n"
        f"{{%- set kit_exit_url = {json.dumps(exit_url)} -%}}\n"
        f"{{%- set kit_pages = {json.dumps(pages)} -%}}\n"
        f"{{%- set kit_words = {json.dumps(site_words())} -%}}\n",
        encoding="utf-8",
    )
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(folder), str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")) if p
    )
    return target


# The browser may load nothing from anywhere but this server: no fonts or scripts from a
# CDN (a third party would learn that this page was opened), and no image or script that
# somehow ended up in a page could call out either.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
)

# What a page may ask its kernel over the websocket: what widgets need, and nothing that
# runs code. Voila runs the notebook itself, on the server; a visitor who opens the kernel's
# websocket by hand and sends an execute_request is ignored (and the server logs it).
ALLOWED_MESSAGE_TYPES = [
    "comm_open",
    "comm_msg",
    "comm_close",
    "comm_info_request",
    "kernel_info_request",
]


def page_settings(config: Config, cull_idle: int = CULL_IDLE_SECONDS) -> Config:
    """The settings every kit page needs, standalone or as a Jupyter server extension."""
    # Clients see answers and forms, never code or tracebacks.
    config.VoilaConfiguration.strip_sources = True
    config.VoilaConfiguration.show_tracebacks = False
    # Our template: the lab template with the site's title, navigation and quick exit.
    config.VoilaConfiguration.template = "kit"
    # A page's kernel answers widgets, and runs no code a visitor sends.
    config.MappingKernelManager.allowed_message_types = list(ALLOWED_MESSAGE_TYPES)
    # Closed tabs do not pile up kernels.
    config.MappingKernelManager.cull_idle_timeout = cull_idle
    config.MappingKernelManager.cull_interval = max(1, min(CULL_INTERVAL_SECONDS, cull_idle // 2))
    config.MappingKernelManager.cull_connected = False
    # ... but never while Voila is still rendering the page (kit.app.kernels explains why
    # jupyter_server's culler would): under kit serve and on a hub alike.
    config.VoilaConfiguration.multi_kernel_manager_class = PAGE_KERNEL_MANAGER
    config.ServerApp.kernel_manager_class = PAGE_KERNEL_MANAGER
    # On a busy server a cell's output can reach Voila seconds after the cell has finished.
    # nbclient waits only 4 s for it by default, then drops it: the page stays without its
    # widgets for good (seen with twenty clients at once in benchmarks/budget.py).
    config.VoilaExecutor.iopub_timeout = IOPUB_TIMEOUT_SECONDS
    # A kernel talks to its server over Unix sockets, not TCP ports on 127.0.0.1. The server
    # picks a kernel's ports free before the kernel binds them, so servers starting kernels
    # at the same moment can pick the same port (jupyter/jupyter_client#487): seen with 20
    # clients at once in benchmarks/hubload.py, as "Address already in use" and a page that
    # never came. Sockets have no such race, and in the server's own folder (made private:
    # Voila's connection folder, or kit hub-server's runtime folder) no other account on
    # the machine can reach them. Where a socket's path would be too long, TCP stays.
    if kernel_sockets_fit():
        config.KernelManager.transport = "ipc"
    return config


def kernel_sockets_fit(folder: str | None = None) -> bool:
    """Whether the kernels' sockets fit in a private folder made in ``folder`` (the
    temporary folder by default), as kit serve's Voila and kit hub-server make them: the
    longest path, a kernel's id and socket number included, within SOCKET_PATH_MAX."""
    base = folder or tempfile.gettempdir()
    # a folder of up to 24 characters (voila_xxxxxxxx, kit-hub-xxxxxxxx/run), then the file
    longest = os.path.join(base, "x" * 24, f"kernel-{'0' * 36}-ipc-99")
    return os.name == "posix" and len(longest) <= SOCKET_PATH_MAX


def therapist_pages_pattern(notebooks: Path | None) -> str:
    """The therapist's pages for Voila's ``preheat_denylist``, which it matches (as a
    substring and as a regular expression from the start) against each notebook's full
    path: so the folder is named by its full path, escaped. A bare ``therapist/`` would
    also match every page of a kit installed under, say, /home/therapist/."""
    folder = os.path.abspath(notebooks or notebooks_dir())
    return re.escape(os.path.join(folder, THERAPIST_PAGES, ""))


def voila_config(options: KitSettings) -> Config:
    """Every setting Voila gets, in one place, each with the reason it is set."""
    config = page_settings(Config(), options.cull_idle)
    # Only the kit's own pages, only on the address asked for.
    config.Voila.ip = options.ip
    config.Voila.port = options.port
    config.Voila.port_retries = 0
    config.Voila.open_browser = options.open_browser
    config.Voila.tornado_settings = {
        "headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    }
    if options.preheat != "none":
        # A page waits with a kernel that has already imported the kit, so it opens without
        # the import. The kit reads the journal only once the page is asked for (see
        # kit.widgets._display.await_visitor), so a waiting page is never stale. Each
        # waiting kernel holds about 56 MB (measured by benchmarks/budget.py), so by default
        # only the pages opened every day wait ready; "all" has every page wait (some 1.2 GB
        # for the whole kit).
        config.VoilaConfiguration.preheat_kernel = True
        pattern = therapist_pages_pattern(Path(options.notebooks) if options.notebooks else None)
        config.VoilaKernelManager.preheat_denylist = [pattern]
        if options.preheat == "all":
            config.VoilaKernelManager.kernel_pools_config = {"default": {"pool_size": 1}}
        else:
            pools = {"default": {"pool_size": 0}}
            pools.update({page: {"pool_size": 1} for page in DAILY_PAGES})
            config.VoilaKernelManager.kernel_pools_config = pools
    return config


def start_up_words(options: KitSettings, data_dir: Path) -> str:
    """What kit serve prints first: where, whose data, and that visitors are not told apart."""
    host = f"[{options.ip}]" if ":" in options.ip else options.ip
    address = f"http://{host}:{options.port}/voila/render/{APP_PAGE}"
    words = [
        t("serve.start.address", address=address),
        t("serve.start.one-journal", folder=str(data_dir)),
        _wrapped(t("serve.start.no-log-in")),
    ]
    if options.open_to_others:
        words.append(t("serve.start.open-wide", ip=options.ip))
    words.append(t("serve.start.stop"))
    return "\n".join(words)


def _wrapped(text: str) -> str:
    """A paragraph in lines that fit the terminal (never breaking a word or a path)."""
    return textwrap.fill(text, width=CONSOLE_WIDTH, break_long_words=False, break_on_hyphens=False)


def serve(options: KitSettings) -> None:
    """Run Voila in this process until interrupted."""
    data_dir = options.journal_dir().expanduser().resolve()
    # The kernels get the same settings, with the journal's folder made whole; the start
    # page reads open_to_others from them and says so (kit.widgets.start).
    options = options.replace(data_dir=str(data_dir))
    kit_settings.use(options)
    notebooks = Path(options.notebooks) if options.notebooks else notebooks_dir()
    with tempfile.TemporaryDirectory(prefix="kit-site-") as folder:
        write_site(Site(options.title, options.exit_url), Path(folder))
        print(start_up_words(options, data_dir), flush=True)
        from voila.app import Voila

        Voila.launch_instance(argv=[str(notebooks)], config=voila_config(options))
