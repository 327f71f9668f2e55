"""What the eight steps add to their pages: each reads what earlier pages know.

Every piece here is registered in ``pages.EXTRAS`` and follows the same small contract:
``.widget``, ``.refresh(answers)`` and ``.where`` (see ``pages.add_page_extras``).
"""

from __future__ import annotations

import html
from typing import Any

import ipywidgets as w

from ..readback import reasons, safety_flags
from ._display import download_link
from .chart import Chart
from .form import Form
from .inputs import full
from .support import with_lines

SAFER_CHANNELS = """
<div class="kit-safety" role="region" aria-label="A safer way to tell them">
<h3>A safer way to tell them</h3>
<p>Some of your answers on <a href="01.ipynb">How are you, really?</a> said you
may not be safe with them. When that is so, telling them face to face can put you at risk,
especially in the moment they hear it.</p>
<ul>
<li><strong>A letter or a message</strong> says everything a conversation would, and lets
you be somewhere safe when they read it.</li>
<li><strong>An advocate</strong> from one of the lines below can help you plan how and when,
and what to do afterwards. They can also look properly at how dangerous things are, which
this journal does not do.</li>
</ul>
</div>
"""


class SaferChannels:
    """On the conversation page, whenever the well-being check raised a safety concern."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = with_lines(SAFER_CHANNELS, form.journal, "kit-safer-channels")
        self.flagged = bool(safety_flags(form.journal))
        self.widget.layout.display = None if self.flagged else "none"
        # In person stays possible (it is their choice), but it is never picked for them,
        # and choosing it with a concern on record brings a short, calm reminder.
        self.reminder = w.HTML(
            '<p class="kit-help">You chose in person. If you go ahead, choose a public place, '
            "tell someone you trust where you are, and keep a way to leave.</p>",
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
    """The fade-or-clean-break suggestion, with its reasons, updated as the self-check is
    answered; it sits under the self-check and never chooses for the person."""

    where = "placed"
    ASKED = ("pulled_back", "shared", "past_reactions", "style")

    def __init__(self, form: Form) -> None:
        self.form = form
        self.flagged = bool(safety_flags(form.journal))
        self.widget = w.HTML(layout=full())
        self.widget.add_class("kit-advice")
        last = form.inputs[self.ASKED[-1]]
        last.box.children = (*last.box.children, self.widget)
        for key in self.ASKED:
            form.inputs[key].on_change(self.update)
        self.update()

    def update(self) -> None:
        from ..analysis.contact import recommend

        answers = {k: self.form.inputs[k].value for k in self.ASKED}
        advice = recommend({k: v for k, v in answers.items() if v is not None}, self.flagged)
        if advice is None:
            self.widget.value = ""
            return
        name = {"fade": "a gradual fade", "clean-break": "a clean break"}[advice.approach]
        items = "".join(f"<li>{html.escape(r)}</li>" for r in advice.reasons)
        extra = ""
        if advice.with_advocate:
            extra += (
                "<p>Please plan it with an advocate: the support lines on the "
                "<a href='00-start.ipynb'>start page</a> can help, free and in confidence.</p>"
            )
        if advice.practical_contact:
            shared = ", ".join(advice.practical_contact)
            extra += (
                f"<p>Because you share {html.escape(shared)}, some contact will go on. Keep it "
                "to practical matters, in writing where you can.</p>"
            )
        self.widget.value = (
            f'<div class="kit-score"><strong>This suggests {name}.</strong>'
            f"<ul>{items}</ul>{extra}<p class='kit-help'>Only a suggestion: you know your "
            "life best.</p></div>"
        )

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
        self.widget = w.HTML(DETOX_SAFETY, layout=full())
        self.widget.layout.display = None if safety_flags(form.journal) else "none"

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


KIND_WORDS = """
<ul class="kit-kind-words">
<li>A hard day is not proof of a wrong decision. Both can be true: you miss them, and
you had your reasons.</li>
<li>What would you say to a friend feeling this way? Say it to yourself, out loud if you
can.</li>
<li>Feelings come in waves. You don't have to act on this one; you only have to get
through it.</li>
<li>Do one small kind thing for your body: water, food, a shower, ten minutes outside.</li>
</ul>
"""

CRISIS_FIRST = """
<div class="kit-crisis" role="alert">
<h3>Please reach out now</h3>
<p>You are having the hardest kind of day. You don't have to get through it alone: call
one of the lines below, or your local emergency number if you might hurt yourself.</p>
</div>
"""


class BadDayProtocol:
    """Reasons, kind words and the chosen person, when today is bad (or when asked)."""

    where = "before"

    def __init__(self, form: Form) -> None:
        import datetime as dt

        journal = form.journal
        today = journal.for_day("check-in", dt.date.today())
        self.today_mood = today.answers.get("mood") if today else None
        self.item9 = (journal.latest("phq9") or {}).get("q9")
        self.asked = False
        self.ask = w.Button(description="I'm having a bad day", layout=w.Layout(width="auto"))
        self.ask.on_click(lambda _: self.open())
        self.panel = w.VBox(layout=full())
        self.panel.add_class("kit-bad-day")
        self.journal = journal
        self.widget = w.VBox([self.ask, self.panel], layout=full())
        self.update()

    def open(self) -> None:
        self.asked = True
        self.update()

    def update(self) -> None:
        from ..analysis.kindness import bad_day

        state = bad_day(self.today_mood, self.item9, self.asked)
        self.ask.layout.display = "none" if state.show else None
        if not state.show:
            self.panel.children = ()
            return
        parts: list[w.Widget] = []
        if state.crisis_first:
            parts.append(with_lines(CRISIS_FIRST, self.journal))
        mine = reasons(self.journal)
        listed = "".join(f"<li>{html.escape(r)}</li>" for r in mine)
        parts.append(
            w.HTML(
                "<h3>Your reasons, in your own words</h3>"
                + (f"<ul>{listed}</ul>" if mine else "<p>You haven't written your reasons yet. "
                   "<a href='05.ipynb'>My reasons</a> keeps them for days like this.</p>")
                + "<h3>A few kind words</h3>" + KIND_WORDS,
                layout=full(),
            )
        )  # fmt: skip
        parts.append(w.HTML(self._person(), layout=full()))
        self.panel.children = parts

    def _person(self) -> str:
        plan = self.journal.latest("support") or {}
        name = plan.get("for_bad_night")
        if not name:
            return (
                "<p>Who could you call tonight? <a href='09.ipynb'>Your people</a> is "
                "the place to decide in advance.</p>"
            )
        person = next((p for p in plan.get("people", []) if p["name"] == name), {})
        reach = f" ({html.escape(person['reach'])})" if person.get("reach") else ""
        chosen = html.escape(name)
        return f"<h3>Who to call</h3><p>You chose {chosen}{reach} for a night like this.</p>"

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
            lines.append("Noted. Small steps like this are how you get there.")
        self._seen = count
        reached = milestone_reached(contact.current)
        if reached:
            lines.append(
                {1: "A whole day without contacting them. That is where it starts.",
                 7: "A week of check-ins without contacting them. Look at you.",
                 30: "Thirty check-ins in a row without contact. That is a real change.",
                 100: "One hundred check-ins without contact. Take a moment to be proud."}[reached]
            )  # fmt: skip
        for run, what in ((contact, "without contacting them"),
                          (profiles, "without checking their profiles")):  # fmt: skip
            if run.longest:
                lines.append(f"{run.current} check-ins in a row {what} (longest: {run.longest}).")
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
