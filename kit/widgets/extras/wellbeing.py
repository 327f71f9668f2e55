"""How are you, really?: the safety route, when any page raised a concern."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..safety import SafetyPanel

if TYPE_CHECKING:
    from ..form import Form


def _safety(form: Form) -> SafetyPanel:
    return SafetyPanel(form.journal)


EXTRAS = (_safety,)
