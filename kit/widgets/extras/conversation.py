"""The honest conversation: safer ways when a concern is on record, talking points from
the reasons, the I-statement, a gentle wording check, and the draft as a file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...readback import reasons, safety_flags
from ...templating import element
from ...text import t
from .._display import download_link
from ..inputs import full
from ..safety import raised_on
from ..support import with_lines

if TYPE_CHECKING:
    from ..form import Form


def _by_role(form: Form, role: str) -> Any:
    """The input on the page of the field with this role (see kit.roles)."""
    return form.inputs[form.sheet.by_role(role).id]


class SaferChannels:
    """On the conversation page, whenever any page's answers raised a safety concern."""

    where = "before"

    def __init__(self, form: Form) -> None:
        from markupsafe import Markup

        from ...text import markup

        self.form = form
        self.flagged = False
        self.widget = with_lines("", form.journal, "kit-safer-channels")
        self._read()
        # In person stays possible (it is their choice), but it is never picked for them,
        # and choosing it with a concern on record brings a short, calm reminder.

        self.reminder = w.HTML(
            str(Markup('<p class="kit-help">{}</p>').format(markup("safety.in-person-reminder"))),
            layout=full(),
        )
        channel = _by_role(form, "channel")
        channel.box.children = (*channel.box.children, self.reminder)
        channel.on_change(self._channel_changed)
        self._channel_changed()

    def _read(self) -> None:
        """Read the safety flags of every page again, and say which pages raised them."""
        from markupsafe import Markup

        from ...text import markup

        flags = safety_flags(self.form.journal)
        self.flagged = bool(flags)
        words = Markup(
            '<div class="kit-safety" role="region" aria-label="{heading}"><h3>{heading}</h3>'
            "<p>{body}</p><ul><li>{letter}</li><li>{advocate}</li></ul><p>{raised}</p></div>"
        ).format(
            heading=markup("safety.safer-channels.heading"),
            body=markup("safety.safer-channels.body"),
            letter=markup("safety.safer-channels.letter"),
            advocate=markup("safety.safer-channels.advocate"),
            raised=raised_on(flags),
        )
        self.widget.children[0].value = str(words) if flags else ""
        self.widget.layout.display = None if flags else "none"

    def _channel_changed(self) -> None:
        chosen = _by_role(self.form, "channel").value == "in-person"
        self.reminder.layout.display = None if chosen and self.flagged else "none"

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The concern comes from any page: read the flags again."""
        self._read()
        self._channel_changed()


class FromMyReasons:
    """A button that starts the talking points from the person's saved reasons."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.reasons: list[str] = []
        self.button = w.Button(description=t("extras.conversation.from-reasons"),
                               layout=w.Layout(width="auto"))  # fmt: skip
        self.button.on_click(lambda _: self.take())
        self.note = w.HTML(layout=full())
        self.widget = w.VBox([self.note, self.button])
        self._read()

    def _read(self) -> None:
        from markupsafe import Markup

        from ...text import markup
        from ..links import page_link

        self.reasons = reasons(self.form.journal)
        key = "conversation.reasons-saved" if self.reasons else "conversation.reasons-none"
        self.note.value = str(
            Markup('<p class="kit-help">{}</p>').format(markup(key, page=page_link("reasons")))
        )
        self.button.layout.display = None if self.reasons else "none"

    def take(self) -> None:
        """Add each saved reason as a talking point, once."""
        points = _by_role(self.form, "talking_points")
        point = self.form.sheet.by_role("talking_points.point").id
        have = [p.get(point) for p in points.value or []]
        for reason in self.reasons:
            if reason not in have:
                points.append({point: reason})

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Reasons come from another page: read them again."""
        self._read()


class IStatement:
    """The I-statement, put together live under its blanks, with a way into the draft."""

    where = "placed"
    BLANKS = ("need", "feel", "when", "because")  # roles (kit.roles)

    def __init__(self, form: Form) -> None:
        self.form = form
        self.preview = w.HTML(layout=full())
        self.preview.add_class("kit-i-statement")
        self.add = w.Button(
            description=t("extras.conversation.into-draft"), layout=w.Layout(width="auto")
        )
        self.add.on_click(lambda _: self.into_draft())
        self.widget = w.VBox([self.preview, self.add], layout=full())
        last = _by_role(form, self.BLANKS[-1])
        last.box.children = (*last.box.children, self.widget)
        for blank in self.BLANKS:
            _by_role(form, blank).on_change(self.update)
        self.update()

    def sentence(self) -> str:
        from ...analysis.conversation import i_statement

        return i_statement(*(_by_role(self.form, b).value for b in self.BLANKS))

    def update(self) -> None:
        text = self.sentence()
        self.preview.value = element("blockquote", text) if text else ""
        self.add.layout.display = None if text else "none"

    def into_draft(self) -> None:
        draft = _by_role(self.form, "draft")
        text = self.sentence()
        current = draft.value or ""
        if text and text not in current:
            draft.value = f"{current.rstrip()}\n\n{text}".strip()

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


class WordingCheck:
    """Gentle suggestions under the draft, as it is typed. Never a block."""

    where = "placed"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())
        self.widget.add_class("kit-wording")
        draft = _by_role(form, "draft")
        draft.box.children = (*draft.box.children, self.widget)
        draft.on_change(self.update)
        self.update()

    def update(self) -> None:
        from ...analysis.conversation import wording_check

        hints = wording_check(_by_role(self.form, "draft").value)
        if not hints:
            self.widget.value = ""
            return
        from markupsafe import Markup

        from ...text import markup

        items = Markup("").join(
            element(
                "li",
                markup(
                    "extras.conversation.hint",
                    found=h.found,
                    why=h.why,
                    instead=Markup("<em>{}</em>").format(h.instead),
                ),
            )
            for h in hints
        )
        intro = element("p", t("extras.conversation.wording"))
        self.widget.value = element("div", intro + element("ul", items), "kit-help")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


class DraftDownload:
    """After saving, the draft as a text file to keep, print or send from elsewhere."""

    where = "below"

    def __init__(self, form: Form) -> None:
        self.widget = w.HTML(layout=full())
        self.draft = form.sheet.by_role("draft").id

    def refresh(self, answers: dict[str, Any] | None) -> None:
        draft = (answers or {}).get(self.draft)
        self.widget.value = (
            download_link("my-words.txt", draft.encode("utf-8"), "text/plain",
                          t("extras.conversation.download"))
            if draft
            else ""
        )  # fmt: skip


EXTRAS = (SaferChannels, FromMyReasons, IStatement, WordingCheck, DraftDownload)
