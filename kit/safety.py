"""``kit.safety_flags``: the safety concerns raised in a person's latest well-being check."""

from __future__ import annotations

from .analysis.safety import SafetyFlag, safety_flags_from
from .content import definition
from .journal import Journal

WORKSHEET = "wellbeing"


def safety_flags(journal: Journal) -> list[SafetyFlag]:
    """The safety concerns raised in the latest well-being check (empty when none).

    Each flag is its id (a ``str``, such as ``"afraid"`` or ``"controlled:money"``) with a
    ``.label``. A flag routes to safer options and support lines; it is never a score.
    """
    return safety_flags_from(definition(WORKSHEET), journal.latest(WORKSHEET))
