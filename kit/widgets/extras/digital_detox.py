"""Digital detox: cutting off access safely when a concern is on record, and progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w
from markupsafe import Markup

from ...analysis.checkins import checkin_days
from ...readback import safety_flags
from ...templating import element
from ...text import markup, t, tn
from ..inputs import full
from ..links import page_link
from ..safety import raised_on

if TYPE_CHECKING:
    from ..form import Form


class DetoxSafety:
    """A calm note about cutting off a controlling partner's access, when a concern exists."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.journal = form.journal
        self.widget = w.HTML(layout=full())
        self.refresh(None)

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """The concern comes from any page: read the flags again."""
        from markupsafe import Markup

        flags = safety_flags(self.journal)
        note = Markup('<p class="kit-help">{}</p>').format(raised_on(flags)) if flags else ""
        start = page_link("start", t("detox.start-page"))
        words = Markup(
            '<div class="kit-safety" role="region" aria-label="{}"><h3>{}</h3><p>{}</p>{}</div>'
        ).format(
            markup("extras.detox.safety.region"),
            markup("extras.detox.safety.heading"),
            markup("extras.detox.safety.body", start_page=start),
            note,
        )
        self.widget.value = str(words) if flags else ""
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
        from ...content import field_id

        done = detox_progress(answers, self.form.sheet)
        checked = field_id("check-in", "checked_profiles")
        run = streak(column(checkin_days(self.form.journal), checked))
        lines = []
        if done.planned:
            key = "extras.detox.progress-against" if done.not_doing else "extras.detox.progress"
            lines.append(t(key, done=done.done, planned=done.planned, to_do=done.to_do,
                           not_doing=done.not_doing))  # fmt: skip
        if run.longest:
            lines.append(tn("extras.detox.run", run.current, longest=run.longest))
        self.widget.value = (
            element("div", Markup("").join(element("p", x) for x in lines), "kit-score")
            if lines
            else ""
        )


EXTRAS = (DetoxSafety, DetoxProgressPanel)
