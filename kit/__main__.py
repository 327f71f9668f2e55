"""The command line: ``kit serve``, ``export``, ``import``, ``demo``, ``report`` and
``reminder`` (also ``python -m kit ...``)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from traitlets import Bool, Enum, Int

from . import settings as kit_settings
from .app import skip_unused_imports
from .app.serve import serve
from .bundle import LockedBundleError
from .errors import KitError
from .journal import open_journal
from .lock import LockedError
from .settings import KitSettings, SettingsError


def _setting_type(name: str, trait: object):
    """An argparse type for one setting: its value, checked as the setting checks it."""
    what = getattr(trait, "metadata", {}).get("what", "a whole number")

    def convert(text: str) -> object:
        value: object = text
        if isinstance(trait, Int):
            try:
                value = int(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"{text!r} is not {what}") from None
        try:
            return kit_settings.check_value(name, value)
        except SettingsError as problem:
            raise argparse.ArgumentTypeError(str(problem)) from None

    return convert


def _setting_options(command: argparse.ArgumentParser) -> None:
    """One option for every setting that has one, made from the setting itself: its help,
    its default and its check (kit.settings.KitSettings). An option not given stays
    unset, so a config file's value is kept."""
    for name, trait in kit_settings.settings_traits().items():
        option = trait.metadata.get("option")
        if option is None:
            continue
        default = trait.default_value
        shown = f" (default {default})." if default not in ("", False) else "."
        help_text = trait.help.rstrip(".") + shown
        kwargs: dict[str, object] = {"dest": name, "default": argparse.SUPPRESS,
                                     "help": help_text.replace("%", "%%")}  # fmt: skip
        if isinstance(trait, Bool):
            kwargs["action"] = "store_true"
        elif isinstance(trait, Enum):
            kwargs["choices"] = list(trait.values or ())
        else:
            kwargs["type"] = _setting_type(name, trait)
            if "metavar" in trait.metadata:
                kwargs["metavar"] = trait.metadata["metavar"]
        command.add_argument(option, **kwargs)


class _Print(argparse.Action):
    """An option that prints something made at the moment it is asked for, then exits."""

    def __init__(self, *args, words=None, **kwargs) -> None:
        super().__init__(*args, nargs=0, default=argparse.SUPPRESS, **kwargs)
        self.words = words

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        text = self.words(parser)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        parser.exit(0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kit", description="A reflective journal kit.")
    commands = parser.add_subparsers(dest="command", title="commands", required=True)
    serve_cmd = commands.add_parser(
        "serve",
        help="serve the notebooks as a web app with Voila",
        description="Serve the notebooks as a web app with Voila, on this machine only by default.",
    )
    _setting_options(serve_cmd)
    serve_cmd.add_argument(
        "--config", type=Path, metavar="FILE",
        help="a config file of settings (Python, c.KitSettings.title = 'Notes', or JSON); "
        "options given here come before it (see --generate-config)",
    )  # fmt: skip
    serve_cmd.add_argument(
        "--help-all", action=_Print, help="list every setting, with its help, and exit",
        words=lambda parser: parser.format_help() + "\n" + kit_settings.describe(),
    )  # fmt: skip
    serve_cmd.add_argument(
        "--generate-config", action=_Print,
        help="print a config file with every setting commented out, and exit",
        words=lambda _parser: kit_settings.generate_config(),
    )  # fmt: skip

    commands.add_parser(
        "hub-server",
        help="the single-user server JupyterHub starts for each person (see deploy/)",
        description="Started by JupyterHub for one person: the kit's pages only, behind the "
        "hub's log-in. Its settings come from the hub, in KIT_CONFIG (see kit serve "
        "--help-all for every setting).",
    )

    platform = kit_settings.default_data_dir()  # what the help says, not read from settings
    data_help = f"the journal's folder (default: $KIT_DATA_DIR, else {platform})"
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


def _serve_settings(args: argparse.Namespace) -> KitSettings | None:
    """What kit serve was asked for: the options given, over the config file, over
    $KIT_CONFIG, $KIT_DATA_DIR and $KIT_CONTENT_DIR, over the defaults; None, with a
    message, if a setting cannot be used. From then on this process (and the kernels it
    starts) use them: the content is read from the content folder."""
    try:
        base = kit_settings.current()
        if args.config is not None:
            base = base.replace(**kit_settings.load_file(args.config).given())
        given = {name: getattr(args, name) for name in kit_settings.settings_traits()
                 if hasattr(args, name)}  # fmt: skip
        options = base.replace(**given)
    except SettingsError as problem:
        print(f"kit serve: {problem}", file=sys.stderr)
        return None
    folder = options.content_dir.strip()
    if folder:
        where = Path(folder).expanduser()
        if not where.is_dir():
            print(f"kit: the content folder {where} is not a folder", file=sys.stderr)
            return None
        options = options.replace(content_dir=str(where.resolve()))
    kit_settings.use(options)
    return options


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
    try:  # settings a host or a shell gave (KIT_CONFIG) are read by every command
        kit_settings.current()
    except SettingsError as problem:
        print(f"kit {args.command}: {problem}", file=sys.stderr)
        return 1
    if args.command in ("serve", "hub-server"):
        skip_unused_imports()
    options = _serve_settings(args) if args.command == "serve" else None
    if args.command == "serve" and options is None:
        return 1
    if args.command in ("serve", "hub-server") and not _content_is_sound():
        return 1
    if args.command == "check":
        return _check(args)
    if options is not None:
        serve(options)
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
