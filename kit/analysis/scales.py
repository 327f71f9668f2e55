"""Validated well-being scales (WHO-5, PHQ-9, GAD-7): totals and published bands.

Every result is a self-check, not a diagnosis; the bands and the multiplier are data in
each scale's definition, taken from the published scoring.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content import Definition
from ..text import t

SELF_CHECK = "analysis.scales.self-check"  # the message a score is labelled with by default


@dataclass(frozen=True)
class Score:
    """A scale's total, its band, and the highest total possible."""

    worksheet: str
    total: int
    band: str
    maximum: int
    note: str = field(default_factory=lambda: t(SELF_CHECK))


def score_answers(sheet: Definition, answers: Mapping[str, Any]) -> Score:
    """The total and band of complete, validated answers to a scored worksheet."""
    if sheet.scoring is None:
        raise ValueError(f"{sheet.id!r} is not a scored scale")
    scoring = sheet.scoring
    total = scoring.multiplier * sum(int(answers[f.id]) for f in sheet.fields)
    maximum = scoring.multiplier * sum(int(f.max) for f in sheet.fields)  # type: ignore[arg-type]
    return Score(sheet.id, total, scoring.band(total), maximum, scoring.note)
