"""My data: take a copy, bring one in, make a report or a reminder, or delete everything.

Files go to and from the browser directly (a download link, an upload button), so this
works the same when the journal is served from someone else's machine.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..content import definition, worksheet_ids
from ..errors import KitError
from ..journal import Journal
from ..templating import element
from ..text import day_text, markup, markup_n, t
from ._display import DisplayOnce, download_link
from .form import STYLE
from .inputs import full
from .parts import show_part


def confirm_word() -> str:
    """The word to type before everything is deleted ("delete" in English)."""
    return t("mydata-page.delete.word")


def _heading(title: str, words: str) -> w.HTML:
    return w.HTML(element("h2", title, "kit-section") + element("p", words), layout=full())


def _say_error(line: w.HTML, message: str) -> None:
    line.value = element("p", message, "kit-error")


def _button(label: str, action: Callable[[], None], style: str = "") -> w.Button:
    button = w.Button(description=label, button_style=style, layout=w.Layout(width="auto"))
    button.on_click(lambda _: action())
    return button


class MyData(DisplayOnce):
    """The "my data" page for one journal; ``.widget`` goes on the page."""

    def __init__(self, journal: Journal) -> None:
        self.journal = journal
        from .. import clock

        today = clock.today(journal).isoformat()
        self.stamp = today

        # Take a copy
        self.copy_links = w.HTML(layout=full())
        self.plain_copy = w.Checkbox(
            value=False, indent=False,
            description=t("mydata-page.copy.plain"),
            layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.plain_copy.layout.display = None if journal.locked else "none"
        copy = [
            _heading(t("mydata-page.copy.heading"), t("mydata-page.copy.words")),
            self.plain_copy,
            _button(t("mydata-page.copy.prepare"), self.prepare_copy, "primary"),
            self.copy_links,
        ]  # fmt: skip

        # Bring a copy in
        self.upload = w.FileUpload(accept=".json,.csv", multiple=False,
                                   description=t("mydata-page.bring.choose"))  # fmt: skip
        self.upload.observe(self._uploaded, names="value")
        self.preview = w.HTML(layout=full())
        self.copy_passphrase = w.Password(description=t("mydata-page.bring.passphrase"),
                                          layout=w.Layout(width="28em"))  # fmt: skip
        self.open_copy = _button(t("mydata-page.bring.open"), self._preview_again)
        self.copy_unlock = w.HBox([self.copy_passphrase, self.open_copy])
        self.copy_unlock.layout.display = "none"
        self.import_button = _button(t("mydata-page.bring.add"), self.confirm_import, "primary")
        self.import_button.layout.display = "none"
        self._pending: tuple[str, bytes] | None = None
        self._uploaded_file: tuple[str, bytes] | None = None
        bring = [
            _heading(t("mydata-page.bring.heading"), t("mydata-page.bring.words")),
            self.upload, self.preview, self.copy_unlock, self.import_button,
        ]  # fmt: skip

        # A report
        self.report_pick = {
            sheet: w.Checkbox(value=True, description=definition(sheet).title, indent=False)
            for sheet in worksheet_ids()
        }
        self.report_from = w.DatePicker(description=t("mydata-page.report.from"), value=None)
        self.report_to = w.DatePicker(description=t("mydata-page.report.to"), value=None)
        self.report_link = w.HTML(layout=full())
        report = [
            _heading(t("mydata-page.report.heading"), t("mydata-page.report.words")),
            w.VBox(list(self.report_pick.values())),
            w.HBox([self.report_from, self.report_to]),
            _button(t("mydata-page.report.make"), self.make_report, "primary"),
            self.report_link,
        ]  # fmt: skip

        # A reminder
        self.reminder_time = w.Text(value="20:00", description=t("mydata-page.reminder.time"),
                                    placeholder=t("mydata-page.reminder.placeholder"))  # fmt: skip
        self.reminder_link = w.HTML(layout=full())
        reminder = [
            _heading(t("mydata-page.reminder.heading"),
                     t("mydata-page.reminder.words", title=t("reminder.title"))),
            self.reminder_time,
            _button(t("mydata-page.reminder.make"), self.make_reminder),
            self.reminder_link,
        ]  # fmt: skip

        # Your time zone
        self.zone_pick, self.zone_note = self._zone_picker()
        zone = [_heading(t("mydata.zone.heading"), t("mydata.zone.words")), self.zone_pick,
                self.zone_note]  # fmt: skip

        # Delete everything
        self.confirm = w.Text(placeholder=t("mydata-page.delete.placeholder", word=confirm_word()),
                              description=t("mydata-page.delete.label"))  # fmt: skip
        self.delete_result = w.HTML(layout=full())
        delete = [
            _heading(t("mydata-page.delete.heading"), t("mydata.delete.words")),
            w.HTML(str(self._still_shared()), layout=full()),
            self.confirm,
            _button(t("mydata-page.delete.button"), self.delete, "danger"),
            self.delete_result,
        ]  # fmt: skip

        # The passphrase lock
        from .locking import LockSettings

        self.lock = LockSettings(journal)

        # Backups
        from .. import backup

        kept = backup.backups(journal.path)
        self.backup_pick = w.Dropdown(
            options=[(day_text(day), str(path)) for day, path in kept],
            description=t("mydata-page.backups.label"), layout=w.Layout(width="24em"),
        )  # fmt: skip
        self.backup_result = w.HTML(layout=full())
        self.restore_button = _button(t("mydata-page.backups.put-back"), self.restore_backup)
        backups = [
            _heading(t("mydata-page.backups.heading"), t("mydata-page.backups.words")),
            *([self.backup_pick, self.restore_button] if kept else
              [w.HTML(element("p", t("mydata-page.backups.none")), layout=full())]),
            self.backup_result,
        ]  # fmt: skip

        self.widget = w.VBox(
            [w.HTML(STYLE), *copy, *bring, *report, *reminder, *zone, self.lock.widget,
             *backups, *delete],
            layout=full(),
        )  # fmt: skip
        self.widget.add_class("kit-form")
        self.widget.add_class("kit-mydata")

    def _zone_picker(self) -> tuple[w.Dropdown, w.HTML]:
        """The person's own time zone: the browser's (the default) or one chosen here."""
        from .. import clock

        try:
            chosen = self.journal.setting(clock.CHOSEN) or ""
        except KitError:
            chosen = ""
        names = clock.zone_names()
        pick = w.Dropdown(
            options=[(t("mydata.zone.automatic"), ""), *((n.replace("_", " "), n) for n in names)],
            value=chosen if chosen in names else "",
            description=t("mydata.zone.label"),
            style={"description_width": "initial"},
        )
        note = w.HTML(layout=full())
        pick.observe(self._zone_chosen, names="value")
        return pick, note

    def _zone_chosen(self, change: dict[str, Any]) -> None:
        from .. import clock

        try:
            self.journal.set_setting(clock.CHOSEN, change["new"] or None)
        except KitError as problem:
            _say_error(self.zone_note, str(problem))
            return
        shown = clock.zone_name(self.journal)
        self.zone_note.value = element("p", t("mydata.zone.now", zone=shown), "kit-note")

    def _still_shared(self) -> Any:
        """How many shares are still in the therapist's inbox (deleting does not reach them)."""
        from markupsafe import Markup

        from .. import share

        try:
            active = [s for s in share.shares(self.journal) if s.folder and not s.withdrawn_at]
        except KitError:
            return Markup("")
        if not active:
            return Markup("")
        return Markup('<p class="kit-note">{}</p>').format(
            markup_n("mydata.delete.still-shared", len(active))
        )

    # --- actions (each also callable from Python, which is how tests drive them) ----------

    def prepare_copy(self) -> None:
        plain = bool(self.plain_copy.value) or not self.journal.locked
        with tempfile.TemporaryDirectory() as folder:
            bundle = self.journal.export(Path(folder) / f"journal-{self.stamp}.json", plain=plain)
            data = bundle.read_bytes()
            csv = bundle.with_name(bundle.stem + ".checkins.csv")
            table = csv.read_bytes() if csv.exists() else None
        label = t("mydata-page.copy.save-plain") if plain else t("mydata-page.copy.save-locked")
        links = download_link(f"journal-{self.stamp}.json", data, "application/json", label)
        if table is not None:
            links += " · " + download_link(f"check-ins-{self.stamp}.csv", table, "text/csv",
                                           t("mydata-page.copy.save-checkins"))  # fmt: skip
        self.copy_links.value = links

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if files:
            item = files[0]
            self.preview_upload(item["name"], bytes(item["content"]))

    def _run_import(self, name: str, data: bytes, dry_run: bool) -> Any:
        from ..mood_import import import_mood_csv

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(name).name
            path.write_bytes(data)
            if path.suffix.lower() == ".csv":
                return import_mood_csv(self.journal, path, dry_run=dry_run)
            passphrase = self.copy_passphrase.value or None
            return self.journal.import_bundle(path, dry_run=dry_run, passphrase=passphrase)

    def preview_upload(self, name: str, data: bytes) -> None:
        """Show what a file holds, and offer to add it; nothing is added yet."""
        from ..bundle import LockedBundleError

        self._pending = None
        self._uploaded_file = (name, data)
        self.import_button.layout.display = "none"
        try:
            plan = self._run_import(name, data, dry_run=True)
        except LockedBundleError as problem:
            self.preview.value = element("p", str(problem), "kit-note")
            self.copy_passphrase.value = ""
            self.copy_unlock.layout.display = None
            return
        except KitError as problem:
            self.preview.value = element("p", str(problem), "kit-error")
            return
        self.copy_unlock.layout.display = "none"
        new = len(getattr(plan, "added", None) or getattr(plan, "checkins", []))
        self.preview.value = element("pre", plan.describe(), "kit-preview")
        if new:
            self._pending = (name, data)
            self.import_button.layout.display = None

    def _preview_again(self) -> None:
        """The copy's passphrase was typed: look at the file again with it."""
        if self._uploaded_file is not None:
            self.preview_upload(*self._uploaded_file)

    def confirm_import(self) -> None:
        if self._pending is None:
            return
        name, data = self._pending
        try:
            done = self._run_import(name, data, dry_run=False)
        except KitError as problem:
            self.preview.value = element("p", str(problem), "kit-error")
            return
        added = len(getattr(done, "added", None) or getattr(done, "checkins", []))
        self.preview.value = element("p", markup_n("mydata-page.bring.added", added))
        self.copy_passphrase.value = ""
        self._pending = None
        self.import_button.layout.display = "none"

    def restore_backup(self) -> None:
        """Put the chosen backup back (the journal as it was is kept beside it)."""

        if not self.backup_pick.value:
            return
        try:
            kept = self.journal.put_back(Path(self.backup_pick.value))
        except KitError as problem:
            self.backup_result.value = element("p", str(problem), "kit-error")
            return
        back = markup("mydata-page.backups.back", day=self.backup_pick.label, name=kept.name)
        self.backup_result.value = element("p", back)

    def make_report(self) -> None:
        from ..report import build_report

        chosen = [sheet for sheet, box in self.report_pick.items() if box.value]
        try:
            page = build_report(
                self.journal, chosen, start=self.report_from.value, end=self.report_to.value
            )
        except KitError as problem:
            self.report_link.value = element("p", str(problem), "kit-error")
            return
        self.report_link.value = download_link(
            f"journal-report-{self.stamp}.html", page.encode("utf-8"), "text/html",
            t("mydata-page.report.save"),
        )  # fmt: skip

    def make_reminder(self) -> None:
        from ..reminders import reminder_ics

        try:
            at = dt.time.fromisoformat(self.reminder_time.value.strip())
        except ValueError:
            _say_error(self.reminder_link, t("mydata-page.reminder.bad-time"))
            return
        from .. import clock

        ics = reminder_ics(at, clock.today(self.journal)).encode("utf-8")
        self.reminder_link.value = download_link(
            "journal-reminder.ics", ics, "text/calendar", t("mydata-page.reminder.save")
        )

    def delete(self) -> None:
        word = confirm_word()
        if self.confirm.value.strip().lower() != word.lower():
            _say_error(self.delete_result, t("mydata-page.delete.type-first", word=word))
            return
        removed = self.journal.delete_everything()
        self.delete_result.value = element("p", markup_n("mydata-page.delete.done", len(removed)))
        self.confirm.value = ""


def show_my_data(journal: Journal | None = None) -> MyData | None:
    """Display the "my data" page (the default journal if None)."""
    return show_part(MyData, journal)
