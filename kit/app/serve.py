"""``kit serve``: the notebooks as a simple web app, with Voila and safe defaults.

Every setting Voila gets is in :func:`voila_config`, in one place, with the reason it
is set. The person's data directory reaches the notebook kernels through the environment
variable ``KIT_DATA_DIR``, which kernels inherit from the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config

from ..journal import default_data_dir

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE_ROOT = Path(__file__).resolve().parent / "share"

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
# Where "Quick exit" and the Escape key go: an everyday site that draws no attention.
DEFAULT_EXIT_URL = "https://www.bbc.com/weather"
# A kernel whose page was closed is shut down after this many idle seconds; Voila itself
# does not shut a kernel down when its tab closes.
CULL_IDLE_SECONDS = 600
CULL_INTERVAL_SECONDS = 60


def notebooks_dir() -> Path:
    """The kit's notebooks: the repository's folder in a checkout, else the installed copy."""
    for candidate in (_PACKAGE.parent / "notebooks", _PACKAGE / "_notebooks"):
        if (candidate / "00-start.ipynb").is_file():
            return candidate
    raise FileNotFoundError("The kit's notebooks are missing from this installation.")


@dataclass(frozen=True)
class ServeOptions:
    """What `kit serve` was asked for."""

    port: int = DEFAULT_PORT
    ip: str = DEFAULT_IP
    data_dir: Path | None = None
    notebooks: Path | None = None
    open_browser: bool = False
    exit_url: str = DEFAULT_EXIT_URL
    cull_idle: int = CULL_IDLE_SECONDS


# The browser may load nothing from anywhere but this server: no fonts or scripts from a
# CDN (a third party would learn that this page was opened), and no image or script that
# somehow ended up in a page could call out either.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
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


def voila_config(options: ServeOptions) -> Config:
    """Every setting Voila gets, in one place, each with the reason it is set."""
    config = Config()
    # Only the kit's own pages, only on the address asked for.
    config.Voila.ip = options.ip
    config.Voila.port = options.port
    config.Voila.port_retries = 0
    config.Voila.open_browser = options.open_browser
    config.Voila.tornado_settings = {
        "headers": {"Content-Security-Policy": CONTENT_SECURITY_POLICY}
    }
    # Clients see answers and forms, never code or tracebacks.
    config.VoilaConfiguration.strip_sources = True
    config.VoilaConfiguration.show_tracebacks = False
    # Our template: the lab template with a neutral page title ("Journal").
    config.VoilaConfiguration.template = "kit"
    config.VoilaConfiguration.resources = {"kit_exit_url": options.exit_url}
    # Closed tabs do not pile up kernels.
    config.MappingKernelManager.cull_idle_timeout = options.cull_idle
    config.MappingKernelManager.cull_interval = max(
        1, min(CULL_INTERVAL_SECONDS, options.cull_idle // 2)
    )
    config.MappingKernelManager.cull_connected = False
    return config


def serve(options: ServeOptions) -> None:
    """Run Voila in this process until interrupted."""
    data_dir = (options.data_dir or default_data_dir()).expanduser().resolve()
    os.environ["KIT_DATA_DIR"] = str(data_dir)
    # Voila finds templates on the Jupyter data path; ours ships inside the package.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")) if p
    )
    notebooks = options.notebooks or notebooks_dir()
    print(f"Serving the journal at http://{options.ip}:{options.port}/ (data in {data_dir})")
    print("Press Ctrl+C to stop.")
    from voila.app import Voila

    Voila.launch_instance(argv=[str(notebooks)], config=voila_config(options))
