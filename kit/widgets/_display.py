"""Objects that put a widget on the page, and show it once however often they are displayed."""

from __future__ import annotations

import ipywidgets as w


class DisplayOnce:
    """``kit.show(...)`` and friends display the object and return it; when that return
    value ends a cell, IPython displays it again. Showing it once is enough."""

    widget: w.Widget
    _displayed: bool = False

    def _ipython_display_(self) -> None:
        if not self._displayed:
            self._displayed = True
            from IPython.display import display

            display(self.widget)
