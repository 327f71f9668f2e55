"""What pages read back from saved answers: safety flags, reasons and scale scores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .analysis.reasons import reasons_from
from .analysis.safety import SafetyFlag, safety_flags_from
from .analysis.scales import Score, score_answers
from .content import definition
from .errors import ValidationError
from .fields import AnswerErrors, validate_answers
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


def score(worksheet_id: str, answers: Mapping[str, Any]) -> Score:
    """The total and published band of a scale's answers (WHO-5, PHQ-9, GAD-7).

    Raises :class:`kit.ValidationError` if an item is missing or out of range. The result
    is labelled as what it is: a self-check, not a diagnosis.
    """
    sheet = definition(worksheet_id)
    try:
        cleaned = validate_answers(sheet.fields, answers)
    except AnswerErrors as problems:
        raise ValidationError(problems.errors) from None
    return score_answers(sheet, cleaned)
