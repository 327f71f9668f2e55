"""What each page adds beside its questions: one module per worksheet, one interface.

A worksheet's module is named after it (``contact-plan`` -> ``contact_plan.py``) and
declares ``EXTRAS``, the makers of its extras in the order they appear; a worksheet with
no module adds nothing but the summary every page ends with. Each extra is an
:class:`Extra`. Nothing here is imported until a page of that worksheet is built, so a
page loads only what it shows (plotly, say, only on pages with a chart).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, Protocol, runtime_checkable

if TYPE_CHECKING:
    import ipywidgets as w

    from ..form import Form

Where = Literal["alerts", "before", "below", "placed"]


@runtime_checkable
class Extra(Protocol):
    """What a page adds beside its questions.

    ``where`` says where it goes: "alerts" (the very top), "before" (above the questions),
    "below" (under Save) or "placed" (it put itself beside a question). ``refresh`` is
    called with the answers as saved: once the page is built, after each save, when a
    once-a-day page moves to another day, and each time the page is shown again, so that
    what an extra reads from other pages (the safety flags, the reasons, the check-ins) is
    read again.
    """

    widget: w.Widget
    where: Where

    def refresh(self, answers: dict[str, Any] | None) -> None: ...


ExtraMaker = Callable[["Form"], Extra]


def extras_for(worksheet_id: str) -> Sequence[ExtraMaker]:
    """The makers of a worksheet's extras (none for a worksheet without a module)."""
    name = f"{__name__}.{worksheet_id.replace('-', '_')}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as missing:
        if missing.name != name:
            raise
        return ()
    return tuple(module.EXTRAS)
