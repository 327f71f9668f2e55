"""Looking back: then beside now, above the person's own questions (see kit.lookback)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ...lookback import look_back_html
from ..inputs import full

if TYPE_CHECKING:
    from ..form import Form


class LookBackPanel:
    """The person's words from the start beside where they are now."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Then and now come from the other pages: read them again."""
        self.widget.value = str(look_back_html(self.form.journal))


EXTRAS = (LookBackPanel,)
