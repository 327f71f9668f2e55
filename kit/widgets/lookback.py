"""The look-back page's panel, above the person's own questions (see :mod:`kit.lookback`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import ipywidgets as w

from ..lookback import look_back_html
from .inputs import full

if TYPE_CHECKING:
    from .form import Form


class LookBackPanel:
    """On the look-back page, above the person's own questions."""

    where = "before"

    def __init__(self, form: Form) -> None:
        self.form = form
        self.widget = w.HTML(look_back_html(form.journal), layout=full())

    def refresh(self, answers: dict[str, Any] | None) -> None:
        """Then and now come from the other pages."""
