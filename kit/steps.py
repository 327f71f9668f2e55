"""What later steps read back from the "why": safety flags and the person's own reasons."""

from __future__ import annotations

from .analysis.reasons import reasons_from
from .analysis.safety import SafetyFlag, safety_flags_from
from .content import definition
from .journal import Journal


def safety_flags(journal: Journal) -> list[SafetyFlag]:
    """The safety concerns raised in the latest well-being check (empty when none).

    Each flag is its id (a ``str``, such as ``"afraid"`` or ``"controlled:money"``) with a
    ``.label``. A flag routes to safer options and support lines; it is never a score.
    """
    return safety_flags_from(definition("wellbeing"), journal.latest("wellbeing"))


def reasons(journal: Journal) -> list[str]:
    """The person's saved reasons, in their own words and order (empty when none)."""
    return reasons_from(journal.latest("reasons"))
