"""A reflective notebook kit for deciding whether and how to walk away, and for afterwards.

The public API is small on purpose:

* :func:`worksheet_ids` and :func:`definition`: the worksheets, as loaded from ``data/``.
* :func:`open_journal`: a person's journal (one SQLite file in their data directory),
  with :meth:`Journal.save`, :meth:`Journal.latest` and :meth:`Journal.history`. A journal
  locked with :meth:`Journal.set_passphrase` opens only with its passphrase (or recovery
  code); otherwise :class:`LockedError`.
* :func:`safety_flags` and :func:`reasons`: what later steps read back from the "why".
* :func:`score`: the total and published band of a WHO-5, PHQ-9 or GAD-7.
* :func:`show`: a worksheet as a form on the page (this is what the notebooks call), and
  :func:`show_journal_location` and :func:`show_support_lines` for the start page.
* :func:`show_share` (sharing with a therapist, with consent) and :func:`show_inbox` (the
  therapist's side); see :mod:`kit.share`.
* The errors people may meet, all derived from :class:`KitError`.

The ``show`` functions are imported lazily, so that scripts using only the
journal never load ipywidgets.
"""

from __future__ import annotations

import typing as _typing

from ._version import __version__
from .analysis.safety import SafetyFlag
from .analysis.scales import Score
from .bundle import BundleError, ImportPlan, LockedBundleError
from .content import Definition, Section, definition, worksheet_ids
from .errors import (
    DamagedJournalError,
    DataDirError,
    DefinitionError,
    FileProblemError,
    HubSetupError,
    JournalError,
    KitError,
    NewerJournalError,
    UnknownWorksheetError,
    ValidationError,
)
from .fields import Field, Option
from .journal import Journal, Record, default_data_dir, open_journal
from .lock import LockedError, NotLockedError, PassphraseError
from .mood_import import MoodImportError
from .readback import reasons, safety_flags, score
from .settings import KitSettings, SettingsError
from .share import ShareError

if _typing.TYPE_CHECKING:
    # Re-exported through __all__ += _WIDGET_FUNCTIONS (which ruff cannot follow), and
    # loaded lazily by __getattr__ below.
    from .widgets import (  # noqa: F401
        show,
        show_app,
        show_journal_location,
        show_journey,
        show_my_data,
        show_page,
        show_support_lines,
        show_trends,
    )
    from .widgets.share import show_share  # noqa: F401
    from .widgets.therapist import show_inbox  # noqa: F401

__all__ = [
    "BundleError",
    "DamagedJournalError",
    "DataDirError",
    "Definition",
    "DefinitionError",
    "Field",
    "FileProblemError",
    "HubSetupError",
    "ImportPlan",
    "Journal",
    "JournalError",
    "KitError",
    "KitSettings",
    "LockedBundleError",
    "LockedError",
    "MoodImportError",
    "NewerJournalError",
    "NotLockedError",
    "Option",
    "PassphraseError",
    "Record",
    "SafetyFlag",
    "Score",
    "Section",
    "SettingsError",
    "ShareError",
    "UnknownWorksheetError",
    "ValidationError",
    "__version__",
    "default_data_dir",
    "definition",
    "open_journal",
    "reasons",
    "safety_flags",
    "score",
    "worksheet_ids",
]

# The page functions live in kit.widgets and load ipywidgets only when first asked for,
# so that scripts using only the journal never do.
_WIDGET_FUNCTIONS = (
    "show",
    "show_app",
    "show_inbox",
    "show_journal_location",
    "show_journey",
    "show_my_data",
    "show_page",
    "show_share",
    "show_support_lines",
    "show_trends",
)
__all__ += _WIDGET_FUNCTIONS
# Pages that kit.widgets does not load itself: the module of kit.widgets each one lives in.
_OWN_MODULES = {"show_inbox": "therapist", "show_share": "share"}


def __getattr__(name: str) -> _typing.Any:
    if name in _WIDGET_FUNCTIONS:
        import importlib

        module = f".widgets.{_OWN_MODULES[name]}" if name in _OWN_MODULES else ".widgets"
        return getattr(importlib.import_module(module, __name__), name)
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
