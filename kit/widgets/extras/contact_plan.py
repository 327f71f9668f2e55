"""Fade or clean break: what the answers point to, and a fade's weekly targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...analysis.checkins import checkin_days
from ...readback import safety_flags
from ..chart import Chart
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


class ContactAdvice:
    """What the self-check's answers point to (fade or clean break), with the observations
    behind it, updated as they are answered; it sits under the self-check and never
    chooses for the person. A safety concern from any page (this one's answers on the page
    included) brings what advocates often suggest, and the offer of an advocate's help."""

    where = "placed"
    ASKED = ("pulled_back", "shared", "past_reactions", "style")  # roles (kit.roles)

    def __init__(self, form: Form) -> None:
        from ...content import field_id, field_ids

        self.form = form
        self.asked = field_ids(form.sheet, *self.ASKED)
        self.obligations = field_id(form.sheet, "obligations")
        self.widget = w.HTML(layout=full())
        self.widget.add_class("kit-advice")
        last = form.inputs[self.asked[-1]]
        last.box.children = (*last.box.children, self.widget)
        for key in (*self.asked, self.obligations):
            form.inputs[key].on_change(self.update)
        self.update()

    def update(self) -> None:
        from markupsafe import Markup

        from ...analysis.contact import recommend
        from ...text import list_text, markup
        from ..links import page_link

        on_page = self.form.values()
        flags = safety_flags(self.form.journal, on_page=(self.form.sheet.id, on_page))
        answers = {k: on_page[k] for k in self.asked if k in on_page}
        advice = recommend(answers, bool(flags), self.form.sheet)
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
        parts += self._ongoing(advice.practical_contact, on_page.get(self.obligations) or [])
        parts.append(Markup('<p class="kit-help">{}</p>').format(markup("contact.yours")))
        self.widget.value = str(Markup('<div class="kit-observation">{}</div>').format(
            Markup("").join(parts)
        ))  # fmt: skip

    def _ongoing(self, shared: list[str], obligations: list[dict[str, Any]]) -> list[Any]:
        """The contact that goes on whichever way is chosen: what is shared, and the
        obligations the person named, with how they will keep them practical."""
        from markupsafe import Markup

        from ...text import list_text, markup

        parts = []
        if shared and not obligations:
            things = list_text([markup(f"contact.shared.{s}") for s in shared])
            parts.append(Markup("<p>{}</p>").format(markup("contact.shared", shared=things)))
        if obligations:
            from ...content import field_ids

            ids = field_ids(self.form.sheet, "obligations.what", "obligations.how",
                            "obligations.when")  # fmt: skip
            hows = {str(o): o.label for o in self.form.sheet.by_role("obligations.how").options}
            items = Markup("").join(
                Markup("<li>{}</li>").format(self._obligation(o, hows, ids))
                for o in obligations
                if o.get(ids[0])
            )
            parts.append(
                Markup("<p>{}</p><ul>{}</ul>").format(markup("contact.obligations"), items)
            )
        return parts

    @staticmethod
    def _obligation(
        entry: dict[str, Any], hows: dict[str, str], ids: tuple[str, ...] = ("what", "how", "when")
    ) -> Any:
        from ...text import markup

        what_id, how_id, when_id = ids
        how, when = hows.get(entry.get(how_id, "")), entry.get(when_id)
        key = "contact.obligation" + ("-how" if how else "") + ("-when" if when else "")
        return markup(key, what=entry[what_id], how=how or "", when=when or "")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


class FadeChart(Chart):
    """A fade's weekly targets beside the contact logged in check-ins."""

    where = "below"

    def __init__(self, form: Form) -> None:
        from ...content import field_ids

        super().__init__(self.fade)
        self.journal = form.journal
        self.ids = field_ids(form.sheet, "approach", "fade_start", "contacts_now", "fade_weeks")

    def fade(self, answers: dict[str, Any] | None) -> Any:
        import datetime as dt

        a = answers or {}
        approach, start, contacts, weeks = self.ids
        if a.get(approach) != "fade" or not all(k in a for k in (start, contacts)):
            return None
        from ...analysis.contact import fade_progress
        from ...plots.contact import fade_figure

        progress = fade_progress(
            checkin_days(self.journal), dt.date.fromisoformat(a[start]),
            a[contacts], a.get(weeks, 4),
        )  # fmt: skip
        return fade_figure(progress)


EXTRAS = (ContactAdvice, FadeChart)
