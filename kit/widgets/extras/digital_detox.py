"""Digital detox: cutting off access safely when a concern is on record, and progress."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...readback import safety_flags
from ...text import t
from ..inputs import full
from ..links import page_link
from ..safety import raised_on

if TYPE_CHECKING:
    from ..form import Form

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
        self.journal = form.journal
        self.widget = w.HTML(layout=full())
        self.refresh(None)

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The concern comes from any page: read the flags again."""
        flags = safety_flags(self.journal)
        note = f'<p class="kit-help">{raised_on(flags)}</p>' if flags else ""
        start = page_link("start", t("detox.start-page"))
        words = DETOX_SAFETY.replace('<a href="00-start.ipynb">start page</a>', str(start))
        self.widget.value = words.replace("</div>", note + "</div>") if flags else ""
        self.widget.layout.display = None if flags else "none"


class DetoxProgressPanel:
    """How far along the list is, and the run of check-ins without checking their profiles."""

    where = "below"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        from ...analysis.detox import detox_progress
        from ...analysis.streaks import column, streak

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


EXTRAS = (DetoxSafety, DetoxProgressPanel)
