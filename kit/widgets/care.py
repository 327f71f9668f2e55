"""Help on the page the moment an answer is low: the crisis lines, the person chosen for
that moment, the person's own reasons, kind words (see :mod:`kit.analysis.care`).

A panel sits under the question whose answer brought it (under the last item for a
scale's total), appears as the answer is given, before Save, and never stands in the way
of saving. What it offers comes from the worksheet's ``[[care]]`` rules; its words come
from ``data/messages/<language>/care.po``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import ipywidgets as w
from markupsafe import Markup

from ..analysis import care
from ..readback import reasons
from ..text import markup
from .inputs import full
from .links import page_link
from .support import SupportLines

if TYPE_CHECKING:
    from ..journal import Journal
    from .form import Form

# Which of the plan's people ("Your people") each moment calls for: the roles of its fields.
PERSON_FOR = {"bad-night": "for_bad_night", "urge": "for_urge", "hard-date": "for_hard_date"}
KIND_WORDS = ("care.kind.both-true", "care.kind.friend", "care.kind.waves", "care.kind.body")


def _p(text: Markup) -> Markup:
    return Markup("<p>{}</p>").format(text)


def person_html(journal: Journal, moment: str) -> Markup:
    """Who the person chose on "Your people" for this moment, and how to reach them; or
    where to choose someone, when no one is chosen yet."""
    from ..content import field_ids

    chosen, people, name_id, reach = field_ids(
        "support", PERSON_FOR[moment], "people", "people.name", "people.reach"
    )
    plan = journal.latest("support") or {}
    name = plan.get(chosen)
    key = f"care.person.{moment}"
    if not name:
        return _p(markup(f"{key}-none", people_page=page_link("support")))
    person = next((p for p in plan.get(people) or [] if p.get(name_id) == name), {})
    if person.get(reach):
        return _p(markup(f"{key}-reach", name=name, reach=person[reach]))
    return _p(markup(key, name=name))


def reasons_html(journal: Journal) -> Markup:
    """The person's saved reasons, in their words (escaped), under a heading."""
    mine = reasons(journal)
    heading = Markup("<h4>{}</h4>").format(markup("care.reasons.heading"))
    if not mine:
        return heading + _p(markup("care.reasons.none", reasons_page=page_link("reasons")))
    items = Markup("").join(Markup("<li>{}</li>").format(r) for r in mine)
    return heading + Markup('<ul class="kit-reasons">{}</ul>').format(items)


def kind_words_html() -> Markup:
    """A few kind words, under a heading."""
    items = Markup("").join(Markup("<li>{}</li>").format(markup(k)) for k in KIND_WORDS)
    return Markup("<h4>{}</h4><ul class='kit-kind-words'>{}</ul>").format(
        markup("care.kind.heading"), items
    )


def _html(content: Markup) -> w.HTML:
    return w.HTML(str(content), layout=full())


def _heading(prefix: str) -> Markup:
    return Markup("<h3>{}</h3>").format(markup(f"{prefix}.heading")) + _p(markup(f"{prefix}.body"))


def lowest_parts(journal: Journal, prefix: str = "care.lowest") -> list[w.Widget]:
    """At the lowest point: the crisis lines first, then the person for a bad night, then
    the bad-day page."""
    emergency = _p(markup(f"{prefix}.emergency"))
    lines = w.VBox(
        [_html(_heading(prefix) + emergency), SupportLines(journal).widget], layout=full()
    )
    return [
        lines,
        _html(person_html(journal, "bad-night")),
        _html(_p(markup("care.bad-day-page", kindness_page=page_link("kindness")))),
    ]


def low_parts(journal: Journal, prefix: str = "care.low") -> list[w.Widget]:
    """On a low day: their reasons, kind words, and their person for a bad night."""
    return [
        _html(
            _heading(prefix)
            + reasons_html(journal)
            + kind_words_html()
            + person_html(journal, "bad-night")
        )
    ]


def urge_parts(journal: Journal, prefix: str = "care.urge") -> list[w.Widget]:
    """With the urge at its strongest: their person for that moment and their reasons."""
    return [_html(_heading(prefix) + person_html(journal, "urge") + reasons_html(journal))]


PARTS: dict[str, Callable[[Journal, str], list[w.Widget]]] = {
    "lowest": lowest_parts,
    "low": low_parts,
    "urge": urge_parts,
}


def _panel_box() -> w.VBox:
    box = w.VBox(layout=full())
    box.add_class("kit-care")
    box.layout.display = "none"
    return box


class CarePanel:
    """The help for one place on a page (a field, or a scale's total), following the
    answers on the page as they are given."""

    where = "placed"

    def __init__(self, form: Form, anchor: str, rules: list[care.CareRule]) -> None:
        self.form = form
        self.anchor = anchor
        self.rules = rules
        self.showing: care.CareRule | None = None
        self.widget = _panel_box()
        self.widget.add_class(f"kit-care-{anchor}")
        under = form.sheet.fields[-1].id if anchor == care.TOTAL else anchor
        box = form.inputs[under].box
        box.children = (*box.children, self.widget)
        watched = form.sheet.fields if anchor == care.TOTAL else [form.sheet.field(anchor)]
        for field in watched:
            form.inputs[field.id].on_change(self.update)
        self.update()

    def update(self) -> None:
        """Show what fits the answers on the page now (nothing, when none fits)."""
        on_page = self.form.values()
        rule = next((r for r in self.rules if r.fits(self.form.sheet, on_page)), None)
        if rule == self.showing:
            return
        self.showing = rule
        if rule is None:
            self.widget.layout.display = "none"
            self.widget.children = ()
            return
        parts = PARTS[rule.show](self.form.journal, rule.message_prefix)
        self.widget.children = parts
        self.widget.layout.display = None
        self.widget.remove_class("kit-care-lowest")
        if rule.show == "lowest":
            self.widget.add_class("kit-care-lowest")

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.showing = None  # read the person and the reasons again after a save
        self.update()


class HardDatePanel:
    """On a once-a-day page: a hard date from "Your people" coming up, and the person
    chosen for it, a few days before it (the rule's ``days_before``)."""

    where = "placed"

    def __init__(self, form: Form, rule: care.CareRule) -> None:
        self.form = form
        self.rule = rule
        self.widget = _panel_box()
        self.widget.add_class("kit-care-hard-date")
        day_field = form.sheet.daily or form.sheet.fields[0].id
        box = form.inputs[day_field].box
        box.children = (*box.children, self.widget)
        form.inputs[day_field].on_change(self.update)
        self.update()

    def update(self) -> None:
        import datetime as dt

        from .. import clock

        shown = self.form.values().get(self.form.sheet.daily or "")
        try:
            day = dt.date.fromisoformat(shown) if shown else clock.today(self.form.journal)
        except ValueError:
            day = clock.today(self.form.journal)
        self.widget.children = hard_date_parts(self.form.journal, day, self.rule)
        self.widget.layout.display = None if self.widget.children else "none"

    def refresh(self, answers: dict[str, Any] | None) -> None:
        self.update()


def hard_date_parts(journal: Journal, day: Any, rule: care.CareRule) -> list[w.Widget]:
    """The hard dates coming within the rule's days from ``day``, and the person for them;
    nothing when none is coming."""
    from ..content import definition, field_id
    from ..text import day_text

    plan = journal.latest("support") or {}
    listed = plan.get(field_id("support", "hard_dates"))
    coming = care.coming_hard_dates(listed, day, rule.days_before or 0, definition("support"))
    if not coming:
        return []
    lines = Markup("").join(
        _p(
            markup(
                "care.hard-date.today" if h.day == day else "care.hard-date.soon",
                what=h.what[:1].upper() + h.what[1:] or markup("care.hard-date.unnamed"),
                day=day_text(h.day),
            )
        )
        for h in coming
    )
    heading = Markup("<h3>{}</h3>").format(markup(f"{rule.message_prefix}.heading"))
    return [_html(heading + lines + person_html(journal, "hard-date"))]


def care_extras(form: Form) -> list[Any]:
    """The care panels a worksheet's rules call for, one for each place on its page."""
    by_anchor: dict[str, list[care.CareRule]] = {}
    extras: list[Any] = []
    for rule in form.sheet.care:
        if rule.show == "hard-date":
            extras.append(HardDatePanel(form, rule))
        else:
            by_anchor.setdefault(rule.anchor, []).append(rule)
    extras += [CarePanel(form, anchor, rules) for anchor, rules in by_anchor.items()]
    return extras
