"""What the eight steps add to their pages: each reads what earlier pages know.

Every piece here is registered in ``pages.EXTRAS`` and follows the same small contract:
``.widget``, ``.refresh(answers)`` and ``.where`` (see ``pages.add_page_extras``).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..readback import reasons, safety_flags
from ..text import t, tn
from ._display import download_link
from .chart import Chart
from .form import Form
from .inputs import full
from .safety import raised_on
from .support import with_lines


class SaferChannels:
    """On the conversation page, whenever any page's answers raised a safety concern."""

    where = "before"

    def __init__(self, form: Form) -> None:
        from markupsafe import Markup

        from ..text import markup

        self.form = form
        flags = safety_flags(form.journal)
        self.flagged = bool(flags)
        words = Markup(
            '<div class="kit-safety" role="region" aria-label="{heading}"><h3>{heading}</h3>'
            "<p>{body}</p><ul><li>{letter}</li><li>{advocate}</li></ul><p>{raised}</p></div>"
        ).format(
            heading=markup("safety.safer-channels.heading"),
            body=markup("safety.safer-channels.body"),
            letter=markup("safety.safer-channels.letter"),
            advocate=markup("safety.safer-channels.advocate"),
            raised=Markup(raised_on(flags)),  # noqa: S704 - built from escaped parts
        )
        self.widget = with_lines(str(words), form.journal, "kit-safer-channels")
        self.widget.layout.display = None if self.flagged else "none"
        # In person stays possible (it is their choice), but it is never picked for them,
        # and choosing it with a concern on record brings a short, calm reminder.
        self.reminder = w.HTML(
            str(Markup('<p class="kit-help">{}</p>').format(markup("safety.in-person-reminder"))),
            layout=full(),
        )
        channel = form.inputs["channel"]
        channel.box.children = (*channel.box.children, self.reminder)
        channel.on_change(self._channel_changed)
        self._channel_changed()

    def _channel_changed(self) -> None:
        chosen = self.form.inputs["channel"].value == "in-person"
        self.reminder.layout.display = None if chosen and self.flagged else "none"

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The concern comes from another page; saving this one does not change it."""


class FromMyReasons:
    """A button that starts the talking points from the person's saved reasons."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.reasons = reasons(form.journal)
        self.button = w.Button(description="Start my talking points from my reasons",
                               layout=w.Layout(width="auto"))  # fmt: skip
        self.button.on_click(lambda _: self.take())
        note = (
            "You have saved reasons on <a href='05.ipynb'>My reasons</a>."
            if self.reasons
            else "Once you have written <a href='05.ipynb'>your reasons</a>, they can "
            "start your talking points."
        )
        self.button.layout.display = None if self.reasons else "none"
        self.widget = w.VBox([w.HTML(f'<p class="kit-help">{note}</p>'), self.button])

    def take(self) -> None:
        """Add each saved reason as a talking point, once."""
        points = self.form.inputs["talking_points"]
        have = [p.get("point") for p in points.value or []]
        for reason in self.reasons:
            if reason not in have:
                points.append({"point": reason})

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Reasons come from another page."""


class IStatement:
    """The I-statement, put together live under its blanks, with a way into the draft."""

    where = "placed"
    BLANKS = ("need", "feel", "when", "because")

    def __init__(self, form: Form) -> None:
        self.form = form
        self.preview = w.HTML(layout=full())
        self.preview.add_class("kit-i-statement")
        self.add = w.Button(description="Add it to my draft", layout=w.Layout(width="auto"))
        self.add.on_click(lambda _: self.into_draft())
        self.widget = w.VBox([self.preview, self.add], layout=full())
        last = form.inputs[self.BLANKS[-1]]
        last.box.children = (*last.box.children, self.widget)
        for blank in self.BLANKS:
            form.inputs[blank].on_change(self.update)
        self.update()

    def sentence(self) -> str:
        from ..analysis.conversation import i_statement

        return i_statement(*(self.form.inputs[b].value for b in self.BLANKS))

    def update(self) -> None:
        text = self.sentence()
        self.preview.value = f"<blockquote>{html.escape(text)}</blockquote>" if text else ""
        self.add.layout.display = None if text else "none"

    def into_draft(self) -> None:
        draft = self.form.inputs["draft"]
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
        draft = form.inputs["draft"]
        draft.box.children = (*draft.box.children, self.widget)
        draft.on_change(self.update)
        self.update()

    def update(self) -> None:
        from ..analysis.conversation import wording_check

        hints = wording_check(self.form.inputs["draft"].value)
        if not hints:
            self.widget.value = ""
            return
        items = "".join(
            f"<li><strong>“{html.escape(h.found)}”</strong>: {html.escape(h.why)} "
            f"<em>{html.escape(h.instead)}</em></li>"
            for h in hints
        )
        self.widget.value = (
            '<div class="kit-help"><p>A few words that may land harder than you mean them '
            f"(only suggestions; it's your call):</p><ul>{items}</ul></div>"
        )

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


class DraftDownload:
    """After saving, the draft as a text file to keep, print or send from elsewhere."""

    def __init__(self, form: Form) -> None:
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        draft = (answers or {}).get("draft")
        self.widget.value = (
            download_link("my-words.txt", draft.encode("utf-8"), "text/plain",
                          "Save my draft as a text file")
            if draft
            else ""
        )  # fmt: skip


class ContactAdvice:
    """What the self-check's answers point to (fade or clean break), with the observations
    behind it, updated as they are answered; it sits under the self-check and never
    chooses for the person. A safety concern from any page (this one's answers on the page
    included) brings what advocates often suggest, and the offer of an advocate's help."""

    where = "placed"
    ASKED = ("pulled_back", "shared", "past_reactions", "style")

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())
        self.widget.add_class("kit-advice")
        last = form.inputs[self.ASKED[-1]]
        last.box.children = (*last.box.children, self.widget)
        for key in (*self.ASKED, "obligations"):
            form.inputs[key].on_change(self.update)
        self.update()

    def update(self) -> None:
        from markupsafe import Markup

        from ..analysis.contact import recommend
        from ..text import list_text, markup
        from .links import page_link

        on_page = self.form.values()
        flags = safety_flags(self.form.journal, on_page=(self.form.sheet.id, on_page))
        answers = {k: on_page[k] for k in self.ASKED if k in on_page}
        advice = recommend(answers, bool(flags))
        if advice is None:
            self.widget.value = ""
            return
        notes = [markup(note) for note in advice.reasons]
        parts = [Markup("<h3>{}</h3>").format(markup("contact.heading"))]
        if advice.with_advocate:
            pages = list_text([page_link(p) for p in dict.fromkeys(f.worksheet for f in flags)])
            parts += [Markup("<p>{}</p>").format(n) for n in notes]
            if flags:
                parts.append(Markup("<p>{}</p>").format(markup("contact.raised-on", pages=pages)))
            parts.append(
                Markup("<p>{}</p>").format(
                    markup("contact.advocate", start_page=page_link("start"))
                )
            )
        else:
            items = Markup("").join(Markup("<li>{}</li>").format(n) for n in notes)
            parts.append(
                Markup("<p>{}</p><ul>{}</ul>").format(
                    markup(f"contact.lean.{advice.approach}"), items
                )
            )
        parts += self._ongoing(advice.practical_contact, on_page.get("obligations") or [])
        parts.append(Markup('<p class="kit-help">{}</p>').format(markup("contact.yours")))
        self.widget.value = str(Markup('<div class="kit-observation">{}</div>').format(
            Markup("").join(parts)
        ))  # fmt: skip

    def _ongoing(self, shared: list[str], obligations: list[dict[str, Any]]) -> list[Any]:
        """The contact that goes on whichever way is chosen: what is shared, and the
        obligations the person named, with how they will keep them practical."""
        from markupsafe import Markup

        from ..text import list_text, markup

        parts = []
        if shared and not obligations:
            things = list_text([markup(f"contact.shared.{s}") for s in shared])
            parts.append(Markup("<p>{}</p>").format(markup("contact.shared", shared=things)))
        if obligations:
            subs = self.form.sheet.field("obligations").fields
            hows = {str(o): o.label for sub in subs if sub.id == "how" for o in sub.options}
            items = Markup("").join(
                Markup("<li>{}</li>").format(self._obligation(o, hows))
                for o in obligations
                if o.get("what")
            )
            parts.append(
                Markup("<p>{}</p><ul>{}</ul>").format(markup("contact.obligations"), items)
            )
        return parts

    @staticmethod
    def _obligation(entry: dict[str, Any], hows: dict[str, str]) -> Any:
        from ..text import markup

        how, when = hows.get(entry.get("how", "")), entry.get("when")
        key = "contact.obligation" + ("-how" if how else "") + ("-when" if when else "")
        return markup(key, what=entry["what"], how=how or "", when=when or "")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


class FadeChart(Chart):
    """A fade's weekly targets beside the contact logged in check-ins."""

    def __init__(self, form: Form) -> None:
        super().__init__(self.fade)
        self.journal = form.journal

    def fade(self, answers: dict[str, Any] | None) -> Any:
        import datetime as dt

        a = answers or {}
        if a.get("approach") != "fade" or not all(k in a for k in ("fade_start", "contacts_now")):
            return None
        from ..analysis.contact import fade_progress
        from ..plots.contact import fade_figure

        progress = fade_progress(
            self.journal.checkin_days(), dt.date.fromisoformat(a["fade_start"]),
            a["contacts_now"], a.get("fade_weeks", 4),
        )  # fmt: skip
        return fade_figure(progress)


DETOX_SAFETY = """
<div class="kit-safety" role="region" aria-label="Cutting off access safely">
<h3>Before you cut off access</h3>
<p>Some of your answers said you may not be safe with them. If they are used to checking
your phone, your location or your accounts, suddenly cutting them off can make them angry
or make them look for you. It may be safer to plan the order and the timing with an
advocate first (the lines on the <a href="00-start.ipynb">start page</a> can help), and to
change passwords and location sharing from a device they can't reach.</p>
</div>
"""


class DetoxSafety:
    """A calm note about cutting off a controlling partner's access, when a concern exists."""

    where = "before"

    def __init__(self, form: Form) -> None:
        flags = safety_flags(form.journal)
        note = f'<p class="kit-help">{raised_on(flags)}</p>' if flags else ""
        self.widget = w.HTML(DETOX_SAFETY.replace("</div>", note + "</div>"), layout=full())
        self.widget.layout.display = None if flags else "none"

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The concern comes from another page."""


class DetoxProgressPanel:
    """How far along the list is, and the run of check-ins without checking their profiles."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ..analysis.detox import detox_progress
        from ..analysis.streaks import column, streak

        done = detox_progress(answers)
        run = streak(column(self.form.journal.checkin_days(), "checked_profiles"))
        lines = []
        if done.planned:
            lines.append(
                f"{done.done} of {done.planned} done, {done.to_do} still to do"
                + (f", {done.not_doing} decided against" if done.not_doing else "")
                + "."
            )
        if run.longest:
            lines.append(
                f"{run.current} check-in{'s' if run.current != 1 else ''} in a row without "
                f"checking their profiles (your longest run: {run.longest})."
            )
        self.widget.value = (
            '<div class="kit-score">'
            + "".join(f"<p>{html.escape(x)}</p>" for x in lines)
            + "</div>"
            if lines
            else ""
        )


class BadDayProtocol:
    """Reasons, kind words and the chosen person, when today is bad (or when asked); the
    crisis lines first at the lowest point; a hard date coming, with its person."""

    where = "before"

    def __init__(self, form: Form) -> None:
        from .. import clock
        from ..analysis import care
        from ..content import definition

        journal = form.journal
        self.journal = journal
        self.today = clock.today(journal)
        checkin, phq9 = definition("check-in"), definition("phq9")
        today = journal.for_day("check-in", self.today)
        self.raised = care.shows(checkin, today.answers if today else None) | care.shows(
            phq9, journal.latest("phq9")
        )
        self.hard_date = next((r for r in checkin.care if r.show == "hard-date"), None)
        self.asked = False
        self.ask = w.Button(description=t("care.ask"), layout=w.Layout(width="auto"))
        self.ask.on_click(lambda _: self.open())
        self.panel = w.VBox(layout=full())
        self.panel.add_class("kit-bad-day")
        self.widget = w.VBox([self.ask, self.panel], layout=full())
        self.update()

    def open(self) -> None:
        self.asked = True
        self.update()

    def update(self) -> None:
        from ..analysis.kindness import bad_day
        from .care import hard_date_parts, low_parts, lowest_parts

        state = bad_day(self.raised, self.asked)
        self.ask.layout.display = "none" if state.show else None
        parts: list[w.Widget] = []
        if self.hard_date is not None:
            parts += hard_date_parts(self.journal, self.today, self.hard_date)
        if state.crisis_first:
            parts += lowest_parts(self.journal, "care.kindness-lowest")[:1]
        if state.show:
            parts += low_parts(self.journal, "care.low")
        self.panel.children = parts

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Today's mood and the reasons come from other pages."""


class WinsFound:
    """Wins spotted in recent check-ins, each with a one-click "Yes, that counts"."""

    where = "before"
    SHOWN = 12

    def __init__(self, form: Form) -> None:
        self.form = form
        self.rows = w.VBox(layout=full())
        self.widget = w.VBox(
            [w.HTML("<h3>Spotted in your check-ins</h3>"), self.rows], layout=full()
        )
        self.widget.add_class("kit-wins-found")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ..analysis.wins import logged_wins, not_yet_logged, wins_in_checkins

        labels = {str(o): o.label for o in self.form.sheet.field("wins").fields[1].options}
        fresh = not_yet_logged(
            wins_in_checkins(self.form.journal.checkin_days()), logged_wins(answers)
        )[: self.SHOWN]
        rows = []
        for win in fresh:
            text = win.what or labels[win.category]
            button = w.Button(description="Yes, that counts", layout=w.Layout(width="auto"))
            button.on_click(lambda _, found=win: self.count(found))
            row = w.HBox(
                [button, w.HTML(f"<span>{html.escape(win.day)}: {html.escape(text)}</span>")]
            )
            row.add_class("kit-win-found")
            rows.append(row)
        if not rows:
            rows = [
                w.HTML(
                    '<p class="kit-help">Nothing new spotted. Your check-ins feed this list.</p>'
                )
            ]
        self.rows.children = rows

    def count(self, win) -> None:
        """Log the win and save straight away: one click."""
        wins = self.form.inputs["wins"]
        entry = {"day": win.day, "category": win.category} | (
            {"what": win.what} if win.what else {}
        )
        wins.append(entry)
        self.form.save()


class Celebration:
    """After a save: a quiet word, a no-contact milestone when one is reached, the streaks,
    and the wins adding up."""

    def __init__(self, form: Form) -> None:
        self.form = form
        self.words = w.HTML(layout=full())
        self.chart = Chart(self._total)
        self.widget = w.VBox([self.words, self.chart.widget], layout=full())
        self._seen = len((form.saved or {}).get("wins") or [])

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ..analysis.streaks import column, streak
        from ..analysis.wins import milestone_reached

        rows = self.form.journal.checkin_days()
        contact = streak(column(rows, "contacted"))
        profiles = streak(column(rows, "checked_profiles"))
        lines = []
        count = len((answers or {}).get("wins") or [])
        if count > self._seen:
            lines.append(t("wins.noted"))
        self._seen = count
        reached = milestone_reached(contact.current)
        if reached:
            lines.append(t(f"wins.milestone.{reached}"))
        for run, what in ((contact, "contact"), (profiles, "profiles")):
            if run.longest:
                lines.append(tn(f"wins.run.{what}", run.current, longest=run.longest))
        self.words.value = "".join(f"<p>{html.escape(x)}</p>" for x in lines)
        self.chart.refresh(answers)

    @property
    def figure(self) -> Any:
        return self.chart.figure

    @staticmethod
    def _total(answers: dict[str, Any] | None) -> Any:
        from ..analysis.wins import logged_wins, wins_over_time
        from ..plots.wins import wins_figure

        return wins_figure(wins_over_time(logged_wins(answers)))
