"""What pages read back from saved answers: safety flags, reasons and scale scores."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .analysis.reasons import reasons_from
from .analysis.safety import SafetyFlag, raises_flags, safety_flags_from
from .analysis.scales import Score, score_answers
from .content import Definition, definition, journey_pages, worksheet_ids
from .errors import ValidationError
from .fields import AnswerErrors, validate_answers
from .journal import Journal


def safety_flags(
    journal: Journal, on_page: tuple[str, Mapping[str, Any] | None] | None = None
) -> list[SafetyFlag]:
    """The safety concerns raised in the latest answers of every worksheet (empty when none).

    Each flag is its id (a ``str``, such as ``"afraid"`` or ``"controlled:money"``) with a
    ``.label`` and the ``.worksheet`` whose answer raised it, in the journey's order. A
    flag routes to safer options and support lines; it is never a score. Saving an answer
    as no withdraws its flag.

    ``on_page`` is (worksheet id, answers) for a page whose answers are not saved yet: they
    take the place of that worksheet's saved ones.
    """
    flags: list[SafetyFlag] = []
    for sheet in flag_raising_sheets():
        if on_page is not None and on_page[0] == sheet.id:
            answers = on_page[1]
        else:
            answers = journal.latest(sheet.id)
        flags += safety_flags_from(sheet, answers)
    return flags


def flag_raising_sheets() -> list[Definition]:
    """The worksheets whose answers can raise a safety flag, in the journey's order."""
    order = {sheet: i for i, (_, sheet) in enumerate(journey_pages())}
    sheets = [definition(w) for w in worksheet_ids()]
    found = [s for s in sheets if raises_flags(s)]
    return sorted(found, key=lambda s: (order.get(s.id, len(order)), s.id))


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
