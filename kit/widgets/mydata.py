"""My data: take a copy, bring one in, make a report or a reminder, or delete everything.

Files go to and from the browser directly (a download link, an upload button), so this
works the same when the journal is served from someone else's machine.
"""

from __future__ import annotations

import datetime as dt
import html
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..content import definition, worksheet_ids
from ..errors import KitError
from ..journal import Journal
from ..text import t
from ._display import DisplayOnce, download_link, show_part
from .form import STYLE
from .inputs import full

CONFIRM_WORD = "delete"


def _heading(title: str, words: str) -> w.HTML:
    return w.HTML(
        f'<h2 class="kit-section">{html.escape(title)}</h2><p>{html.escape(words)}</p>',
        layout=full(),
    )


def _say_error(line: w.HTML, message: str) -> None:
    line.value = f'<p class="kit-error">{html.escape(message)}</p>'


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
            description="A plain copy, readable by anyone who gets the file",
            layout=w.Layout(width="auto"),
        )  # fmt: skip
        self.plain_copy.layout.display = None if journal.locked else "none"
        copy = [
            _heading("Take a copy with you", "Everything you have saved, in one file you keep. "
                     "Your check-ins come as a spreadsheet (CSV) too. While your journal is "
                     "locked, the copy is locked with the same passphrase (and comes without "
                     "the spreadsheet) unless you ask for a plain one."),
            self.plain_copy,
            _button("Prepare my copy", self.prepare_copy, "primary"),
            self.copy_links,
        ]  # fmt: skip

        # Bring a copy in
        self.upload = w.FileUpload(accept=".json,.csv", multiple=False, description="Choose a file")
        self.upload.observe(self._uploaded, names="value")
        self.preview = w.HTML(layout=full())
        self.copy_passphrase = w.Password(description="Its passphrase",
                                          layout=w.Layout(width="28em"))  # fmt: skip
        self.open_copy = _button("Open the copy", self._preview_again)
        self.copy_unlock = w.HBox([self.copy_passphrase, self.open_copy])
        self.copy_unlock.layout.display = "none"
        self.import_button = _button("Add these to my journal", self.confirm_import, "primary")
        self.import_button.layout.display = "none"
        self._pending: tuple[str, bytes] | None = None
        self._uploaded_file: tuple[str, bytes] | None = None
        bring = [
            _heading("Bring a copy in", "A copy made here, a Daylio export, or any CSV with a "
                     "date and a mood column. You will see what it holds before anything is "
                     "added, and bringing the same file twice adds nothing."),
            self.upload, self.preview, self.copy_unlock, self.import_button,
        ]  # fmt: skip

        # A report
        self.report_pick = {
            sheet: w.Checkbox(value=True, description=definition(sheet).title, indent=False)
            for sheet in worksheet_ids()
        }
        self.report_from = w.DatePicker(description="From", value=None)
        self.report_to = w.DatePicker(description="To", value=None)
        self.report_link = w.HTML(layout=full())
        report = [
            _heading("A report for your therapist", "One file that opens in any browser, even "
                     "offline, and prints well. Choose what goes in, and the dates if you like."),
            w.VBox(list(self.report_pick.values())),
            w.HBox([self.report_from, self.report_to]),
            _button("Make the report", self.make_report, "primary"),
            self.report_link,
        ]  # fmt: skip

        # A reminder
        self.reminder_time = w.Text(value="20:00", description="Time", placeholder="HH:MM")
        self.reminder_link = w.HTML(layout=full())
        reminder = [
            _heading("A daily reminder", "A calendar file for your phone or computer. The "
                     "reminder is called just 'Journal'."),
            self.reminder_time,
            _button("Make the reminder", self.make_reminder),
            self.reminder_link,
        ]  # fmt: skip

        # Your time zone
        self.zone_pick, self.zone_note = self._zone_picker()
        zone = [_heading(t("mydata.zone.heading"), t("mydata.zone.words")), self.zone_pick,
                self.zone_note]  # fmt: skip

        # Delete everything
        self.confirm = w.Text(placeholder=f"type {CONFIRM_WORD} here", description="To confirm")
        self.delete_result = w.HTML(layout=full())
        delete = [
            _heading("Delete everything", t("mydata.delete.words")),
            w.HTML(str(self._still_shared()), layout=full()),
            self.confirm,
            _button("Delete my journal", self.delete, "danger"),
            self.delete_result,
        ]  # fmt: skip

        # The passphrase lock
        from .locking import LockSettings

        self.lock = LockSettings(journal)

        # Backups
        from .. import backup

        kept = backup.backups(journal.path)
        self.backup_pick = w.Dropdown(
            options=[(f"{day:%-d %B %Y}", str(path)) for day, path in kept],
            description="Backup", layout=w.Layout(width="24em"),
        )  # fmt: skip
        self.backup_result = w.HTML(layout=full())
        self.restore_button = _button("Put this backup back", self.restore_backup)
        backups = [
            _heading("Backups", "Your journal is copied once a day, beside it; the last seven "
                     "are kept. Putting one back keeps today's journal too, renamed, so nothing "
                     "is lost either way."),
            *([self.backup_pick, self.restore_button] if kept else
              [w.HTML("<p>No backup yet: one is made with the first save of each day.</p>",
                      layout=full())]),
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
        self.zone_note.value = (
            f'<p class="kit-note">{html.escape(t("mydata.zone.now", zone=shown))}</p>'
        )

    def _still_shared(self) -> Any:
        """How many shares are still in the therapist's inbox (deleting does not reach them)."""
        from markupsafe import Markup

        from .. import share
        from ..text import markup_n

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
        label = "Save my journal (JSON)" if plain else "Save my locked copy (JSON)"
        links = download_link(f"journal-{self.stamp}.json", data, "application/json", label)
        if table is not None:
            links += " · " + download_link(f"check-ins-{self.stamp}.csv", table, "text/csv",
                                           "Save my check-ins (CSV)")  # fmt: skip
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
            self.preview.value = f'<p class="kit-note">{html.escape(str(problem))}</p>'
            self.copy_passphrase.value = ""
            self.copy_unlock.layout.display = None
            return
        except KitError as problem:
            self.preview.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return
        self.copy_unlock.layout.display = "none"
        new = len(getattr(plan, "added", None) or getattr(plan, "checkins", []))
        text = html.escape(plan.describe())
        self.preview.value = f'<pre class="kit-preview">{text}</pre>'
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
            self.preview.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return
        added = len(getattr(done, "added", None) or getattr(done, "checkins", []))
        self.preview.value = f"<p><strong>Added {added} to your journal.</strong></p>"
        self.copy_passphrase.value = ""
        self._pending = None
        self.import_button.layout.display = "none"

    def restore_backup(self) -> None:
        """Put the chosen backup back (the journal as it was is kept beside it)."""
        from .. import backup

        if not self.backup_pick.value:
            return
        try:
            kept = backup.put_back(self.journal, Path(self.backup_pick.value))
        except KitError as problem:
            self.backup_result.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return
        self.backup_result.value = (
            f"<p><strong>The backup of {html.escape(self.backup_pick.label)} is back in "
            f"place.</strong> The journal as it was is kept as {html.escape(kept.name)}. "
            "Other pages show it once they are reloaded.</p>"
        )

    def make_report(self) -> None:
        from ..report import build_report

        chosen = [sheet for sheet, box in self.report_pick.items() if box.value]
        try:
            page = build_report(
                self.journal, chosen, start=self.report_from.value, end=self.report_to.value
            )
        except KitError as problem:
            self.report_link.value = f'<p class="kit-error">{html.escape(str(problem))}</p>'
            return
        self.report_link.value = download_link(
            f"journal-report-{self.stamp}.html", page.encode("utf-8"), "text/html",
            "Save the report",
        )  # fmt: skip

    def make_reminder(self) -> None:
        from ..reminders import reminder_ics

        try:
            at = dt.time.fromisoformat(self.reminder_time.value.strip())
        except ValueError:
            self.reminder_link.value = (
                '<p class="kit-error">Please give a time like 20:30 (hours and minutes).</p>'
            )
            return
        from .. import clock

        ics = reminder_ics(at, clock.today(self.journal)).encode("utf-8")
        self.reminder_link.value = download_link(
            "journal-reminder.ics", ics, "text/calendar", "Save the reminder"
        )

    def delete(self) -> None:
        if self.confirm.value.strip().lower() != CONFIRM_WORD:
            self.delete_result.value = (
                f'<p class="kit-error">Type the word {CONFIRM_WORD} in the box first. '
                "Nothing was deleted.</p>"
            )
            return
        removed = self.journal.delete_everything()
        self.delete_result.value = (
            f"<p><strong>Your journal has been deleted</strong> ({len(removed)} files). "
            "Close this page now; other pages of the journal that are still open should be "
            "closed too.</p>"
        )
        self.confirm.value = ""


def show_my_data(journal: Journal | None = None) -> MyData | None:
    """Display the "my data" page (the default journal if None)."""
    return show_part(MyData, journal)
