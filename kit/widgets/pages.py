"""What each page shows beside its questions, refreshed with the answers.

Every worksheet ends with a summary of what was saved. A worksheet with ``[[care]]`` rules
brings help the moment an answer is low (:mod:`kit.widgets.care`), and a worksheet's own
module in :mod:`kit.widgets.extras` adds the rest (the safety route, charts, the steps'
helpers), each an :class:`~kit.widgets.extras.Extra`.
"""

from __future__ import annotations

from .care import care_extras
from .extras import Extra, extras_for
from .extras.common import Summary
from .form import Form


def add_page_extras(form: Form) -> list[Extra]:
    """Attach the page's extras and its summary; refresh them with the answers as saved,
    after each save, on another day, and whenever the page is shown again."""
    extras: list[Extra] = [*care_extras(form), *(make(form) for make in extras_for(form.sheet.id))]
    extras.append(Summary(form))
    for slot in ("alerts", "before", "below"):
        widgets = [e.widget for e in extras if e.where == slot]
        getattr(form, "extras" if slot == "below" else slot).children = widgets
    for extra in extras:
        extra.refresh(form.saved)
        form.on_saved(lambda record, extra=extra: extra.refresh(record.answers))
        form.on_shown(extra.refresh)
    return extras
