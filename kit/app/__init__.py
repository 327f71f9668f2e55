"""Serving the notebooks as a web app with Voila."""

from __future__ import annotations

import sys

# Modules a server of the kit's never needs but would import at start-up. jsonschema loads
# every format checker it finds, and rfc3987_syntax builds some 35 Lark grammars as it is
# imported: about 0.9 s of CPU at each server's start, for a format ("iri") that no schema
# of Jupyter's uses. Upstream: python-jsonschema/jsonschema#1428,
# jupyter-server/jupyter_server#1559. A None in sys.modules makes the import fail, and
# jsonschema then goes without that one checker, as it does when the package is absent.
UNUSED_AT_START = ("rfc3987_syntax",)


def skip_unused_imports() -> None:
    """Keep :data:`UNUSED_AT_START` from being imported in this process (a server's own:
    called by ``kit serve`` and ``kit hub-server`` before Jupyter's modules load)."""
    for name in UNUSED_AT_START:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]
