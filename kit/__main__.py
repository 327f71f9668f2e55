"""The command line: ``kit serve`` (also ``python -m kit serve``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .app.serve import DEFAULT_IP, DEFAULT_PORT, ServeOptions, serve
from .journal import default_data_dir


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1-65535)")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kit", description="A reflective journal kit.")
    commands = parser.add_subparsers(dest="command", title="commands", required=True)
    serve_cmd = commands.add_parser(
        "serve",
        help="serve the notebooks as a web app with Voila",
        description="Serve the notebooks as a web app with Voila, on this machine only by default.",
    )
    serve_cmd.add_argument(
        "--port",
        type=_port,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT})",
    )
    serve_cmd.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help=f"address to listen on (default {DEFAULT_IP}: this machine only)",
    )
    serve_cmd.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"folder for the journal (default: $KIT_DATA_DIR, else {default_data_dir()})",
    )
    serve_cmd.add_argument(
        "--notebooks",
        type=Path,
        default=None,
        help="folder of notebooks to serve (default: the kit's own)",
    )
    serve_cmd.add_argument(
        "--open",
        dest="open_browser",
        action="store_true",
        help="open a browser tab once the server is up",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "serve":
        serve(ServeOptions(args.port, args.ip, args.data_dir, args.notebooks, args.open_browser))
    return 0


if __name__ == "__main__":
    sys.exit(main())
