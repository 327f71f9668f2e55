"""``kit serve``: the notebooks as a simple web app, with Voila and safe defaults.

Every option Voila gets is listed in :func:`voila_argv`, in one place, with the reason it
is set. The person's data directory reaches the notebook kernels through the environment
variable ``KIT_DATA_DIR``, which kernels inherit from the server.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..journal import default_data_dir

_PACKAGE = Path(__file__).resolve().parent.parent
TEMPLATE_ROOT = Path(__file__).resolve().parent / "share"

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
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


def voila_argv(options: ServeOptions) -> list[str]:
    """The command-line arguments for Voila, safe defaults first."""
    notebooks = options.notebooks or notebooks_dir()
    return [
        str(notebooks),
        f"--port={options.port}",
        f"--Voila.ip={options.ip}",
        # Only the kit's own pages, only on the address asked for.
        "--Voila.port_retries=0",
        "--no-browser" if not options.open_browser else "--Voila.open_browser=True",
        # Clients see answers and forms, never code or tracebacks.
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        # Our template: the lab template with a neutral page title ("Journal").
        "--VoilaConfiguration.template=kit",
        # Closed tabs do not pile up kernels.
        f"--MappingKernelManager.cull_idle_timeout={CULL_IDLE_SECONDS}",
        f"--MappingKernelManager.cull_interval={CULL_INTERVAL_SECONDS}",
        "--MappingKernelManager.cull_connected=False",
    ]


def serve(options: ServeOptions) -> None:
    """Run Voila in this process until interrupted."""
    data_dir = (options.data_dir or default_data_dir()).expanduser().resolve()
    os.environ["KIT_DATA_DIR"] = str(data_dir)
    # Voila finds templates on the Jupyter data path; ours ships inside the package.
    os.environ["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(TEMPLATE_ROOT), os.environ.get("JUPYTER_PATH", "")) if p
    )
    argv = voila_argv(options)
    print(f"Serving the journal at http://{options.ip}:{options.port}/ (data in {data_dir})")
    print("Press Ctrl+C to stop.")
    from voila.app import Voila

    Voila.launch_instance(argv=argv)
