"""The command line: ``kit serve``, ``export``, ``import``, ``demo``, ``report`` and
``reminder`` (also ``python -m kit ...``)."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from .app import skip_unused_imports
from .app.serve import (
    CULL_IDLE_SECONDS,
    DEFAULT_EXIT_URL,
    DEFAULT_IP,
    DEFAULT_PORT,
    DEFAULT_TITLE,
    IDLE_LOCK_SECONDS,
    PREHEAT_CHOICES,
    ServeOptions,
    check_exit_url,
    check_title,
    serve,
)
from .bundle import LockedBundleError
from .errors import KitError
from .journal import default_data_dir, open_journal
from .lock import LockedError


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
    serve_cmd.add_argument(
        "--exit-url",
        type=_checked(check_exit_url),
        default=DEFAULT_EXIT_URL,
        help=f"where Quick exit and the Escape key go (default {DEFAULT_EXIT_URL})",
    )
    serve_cmd.add_argument(
        "--cull-idle",
        type=_seconds,
        default=CULL_IDLE_SECONDS,
        help=f"shut down a closed page's kernel after this many idle seconds "
        f"(default {CULL_IDLE_SECONDS})",
    )
    serve_cmd.add_argument(
        "--title",
        type=_checked(check_title),
        default=DEFAULT_TITLE,
        help=f"the title every page shows in the tab and the history (default {DEFAULT_TITLE!r})",
    )
    serve_cmd.add_argument(
        "--preheat",
        choices=PREHEAT_CHOICES,
        default="daily",
        help="which pages wait with a kernel ready, so they open faster: the app (daily, the "
        "default), the app and every single page's notebook too (all: about 60 MB each), or "
        "none",
    )
    serve_cmd.add_argument(
        "--content", type=Path, default=None, metavar="DIR",
        help="a content folder holding only the files you change (worksheets, messages, "
        "pages, support lines, the journey; see docs/adapting.md), read over the kit's own "
        "(default: $KIT_CONTENT_DIR, else the kit's own)",
    )  # fmt: skip
    serve_cmd.add_argument(
        "--idle-lock",
        type=_seconds_or_never,
        default=IDLE_LOCK_SECONDS,
        help=f"lock a locked journal again after this many seconds without use (default "
        f"{IDLE_LOCK_SECONDS}, 15 minutes; 0: never)",
    )

    commands.add_parser(
        "hub-server",
        help="the single-user server JupyterHub starts for each person (see deploy/)",
        description="Started by JupyterHub for one person: the kit's pages only, behind the "
        "hub's log-in. Its settings come from the environment the hub gives it.",
    )

    data_help = f"the journal's folder (default: $KIT_DATA_DIR, else {default_data_dir()})"
    export_cmd = commands.add_parser(
        "export", help="write the whole journal to one JSON file (and check-ins to CSV)"
    )
    export_cmd.add_argument("file", type=Path, help="the bundle file to write, e.g. journal.json")
    export_cmd.add_argument("--data-dir", type=Path, default=None, help=data_help)
    export_cmd.add_argument(
        "--plain",
        action="store_true",
        help="for a locked journal: a plain copy, readable by anyone who gets the file "
        "(by default the copy is locked with the same passphrase)",
    )

    import_cmd = commands.add_parser(
        "import",
        help="add what is new from a bundle, a Daylio export or a date,mood CSV (checked first)",
    )
    import_cmd.add_argument(
        "file", type=Path, help="a bundle from `kit export` (.json), or a mood CSV (.csv)"
    )
    import_cmd.add_argument("--data-dir", type=Path, default=None, help=data_help)
    import_cmd.add_argument("--yes", action="store_true", help="import without asking first")

    demo_cmd = commands.add_parser(
        "demo", help="write a made-up six-month journal into a separate demo folder"
    )
    demo_cmd.add_argument(
        "--data-dir", type=Path, default=None,
        help="the demo folder (default: beside your own data folder, never inside it)",
    )  # fmt: skip
    demo_cmd.add_argument("--days", type=int, default=183, help="how many days (default 183)")

    report_cmd = commands.add_parser(
        "report", help="write a self-contained HTML report to bring to a therapist"
    )
    report_cmd.add_argument("file", type=Path, help="the HTML file to write, e.g. report.html")
    report_cmd.add_argument("--data-dir", type=Path, default=None, help=data_help)
    report_cmd.add_argument("--from", dest="start", type=_date, help="first day (YYYY-MM-DD)")
    report_cmd.add_argument("--to", dest="end", type=_date, help="last day (YYYY-MM-DD)")
    report_cmd.add_argument(
        "--worksheets", type=lambda t: [w.strip() for w in t.split(",") if w.strip()],
        help="which worksheets, separated by commas (default: all)",
    )  # fmt: skip

    check_cmd = commands.add_parser(
        "check",
        help="check a content folder whole: worksheets, journey, messages, support lines",
        description="Check a content folder (by default the one the kit uses), read over the "
        "kit's own as the app reads it, and list every problem with its file; every support "
        "line last checked more than a year ago; and every word a translation does not give "
        "yet. Exit status 1 if anything needs fixing, re-checking or translating.",
    )
    check_cmd.add_argument(
        "folder", type=Path, nargs="?", default=None,
        help="the content folder: only the files you change, or a whole copy of the kit's "
        "(default: $KIT_CONTENT_DIR, else the kit's own)",
    )  # fmt: skip

    reminder_cmd = commands.add_parser(
        "reminder", help="write a daily check-in reminder (.ics) for your calendar app"
    )
    reminder_cmd.add_argument("file", type=Path, help="the .ics file to write")
    reminder_cmd.add_argument("--at", type=_time, default=dt.time(20, 0), help="time (HH:MM)")
    return parser


def _seconds(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if seconds < 2:
        raise argparse.ArgumentTypeError("at least 2 seconds")
    return seconds


def _seconds_or_never(text: str) -> int:
    try:
        seconds = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if seconds < 0:
        raise argparse.ArgumentTypeError("0 (never) or more seconds")
    return seconds


def _checked(check):
    """An argparse type from one of the kit's checks, which raise ValueError in words."""

    def convert(text: str) -> str:
        try:
            return check(text)
        except ValueError as problem:
            raise argparse.ArgumentTypeError(str(problem)) from None

    return convert


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-14") from None


def _time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a time like 20:30") from None


def _ask(prompt: str) -> str:
    """A passphrase from the keyboard, not echoed; never from the command line."""
    import getpass

    if not sys.stdin.isatty():
        raise LockedError("This needs a passphrase, typed at the keyboard.")
    return getpass.getpass(prompt)


def _open(args: argparse.Namespace):
    """The journal; a locked one asks for its passphrase (twice at most)."""
    try:
        return open_journal(args.data_dir)
    except LockedError:
        pass
    for attempt in range(2):
        try:
            return open_journal(args.data_dir, _ask("Passphrase: "))
        except LockedError:
            if attempt:
                raise
            print("That passphrase does not open this journal; try once more.", file=sys.stderr)
    raise AssertionError("unreachable")


def _report(args: argparse.Namespace) -> int:
    from .languages import apply
    from .report import write_report

    with _open(args) as journal:
        apply(journal)  # in the language the person chose for their journal
        written = write_report(
            journal, args.file, worksheets=args.worksheets, start=args.start, end=args.end
        )
    print(f"Wrote {written}. It opens in any browser, with no network needed.")
    return 0


def _reminder(args: argparse.Namespace) -> int:
    from ._files import write_atomically
    from .reminders import reminder_ics

    write_atomically(args.file.expanduser(), reminder_ics(args.at).encode("utf-8"))
    print(f"Wrote {args.file}: open it with your calendar app to add a daily reminder.")
    return 0


def _export(args: argparse.Namespace) -> int:
    with _open(args) as journal:
        written = journal.export(args.file, plain=args.plain)
        locked = journal.locked and not args.plain
    if locked:
        print(f"Wrote {written}, locked with this journal's passphrase.")
    else:
        print(f"Wrote {written} and {written.with_name(written.stem + '.checkins.csv')}.")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .mood_import import import_mood_csv

    mood_csv = args.file.suffix.lower() == ".csv"
    copy_passphrase = None
    with _open(args) as journal:
        if mood_csv:
            preview = import_mood_csv(journal, args.file, dry_run=True)
            print(preview.describe())
            new = len(preview.checkins)
        else:
            try:
                plan = journal.import_bundle(args.file, dry_run=True)
            except LockedBundleError as problem:
                print(problem)
                copy_passphrase = _ask("The copy's passphrase: ")
                plan = journal.import_bundle(args.file, dry_run=True, passphrase=copy_passphrase)
            print(plan.describe())
            new = len(plan.added)
        if not new:
            return 0
        if not args.yes:
            answer = input("Add them to your journal? [y/N] ").strip().lower()
            if answer not in ("y", "yes"):
                print("Nothing was imported.")
                return 0
        if mood_csv:
            added = len(import_mood_csv(journal, args.file).checkins)
        else:
            added = len(journal.import_bundle(args.file, passphrase=copy_passphrase).added)
    print(f"Imported {added}.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .demo import default_demo_dir, write_demo

    with write_demo(args.data_dir, days=args.days) as journal:
        count = len(journal.all_records())
    folder = args.data_dir or default_demo_dir()
    print(f"Wrote a made-up journal of {count} responses to {folder}.")
    print(f"Try it with: kit serve --data-dir {folder}")
    return 0


def _check(args: argparse.Namespace) -> int:
    from .check import check_content
    from .layers import content

    folder = args.folder.expanduser() if args.folder else None
    if folder is not None and not folder.is_dir():
        print(f"kit check: {folder} is not a folder", file=sys.stderr)
        return 1
    report = check_content(folder.resolve() if folder else content())
    print(report.text())
    return 0 if report.clean else 1


def _use_content(folder: Path | None) -> bool:
    """Read the content from ``folder`` (over the kit's own) from now on, in this process
    and the kernels it starts; False, with a message, if it is not a folder."""
    if folder is None:
        return True
    folder = folder.expanduser()
    if not folder.is_dir():
        print(f"kit: the content folder {folder} is not a folder", file=sys.stderr)
        return False
    os.environ["KIT_CONTENT_DIR"] = str(folder.resolve())
    return True


def _content_is_sound() -> bool:
    """Check the content before serving it; on a problem, say what and where, and refuse.
    Lines due for a re-check and words not yet translated are listed, and do not stop the
    app."""
    from .check import check_content
    from .layers import content

    report = check_content(content())
    if not report.clean:
        print(report.text(), file=sys.stderr if report.problems else sys.stdout)
    if report.problems:
        print("The app was not started: please fix the content first (kit check).",
              file=sys.stderr)  # fmt: skip
    return report.ok


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("serve", "hub-server"):
        skip_unused_imports()
    if args.command == "serve" and not _use_content(args.content):
        return 1
    if args.command in ("serve", "hub-server") and not _content_is_sound():
        return 1
    if args.command == "check":
        return _check(args)
    if args.command == "serve":
        serve(
            ServeOptions(
                args.port, args.ip, args.data_dir, args.notebooks, args.open_browser,
                args.exit_url, args.cull_idle, args.title, args.preheat, args.idle_lock,
            )
        )  # fmt: skip
        return 0
    if args.command == "hub-server":
        from .app.hub import HubSetupError, run_server

        try:
            run_server([])
        except (HubSetupError, ValueError) as problem:
            print(f"kit hub-server: {problem}", file=sys.stderr)
            return 1
        return 0
    actions = {
        "export": _export, "import": _import, "demo": _demo, "report": _report,
        "reminder": _reminder,
    }  # fmt: skip
    try:
        return actions[args.command](args)
    except KitError as problem:
        print(f"kit {args.command}: {problem}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("\nNothing was imported.", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
