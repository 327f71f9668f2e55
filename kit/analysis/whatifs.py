"""What-ifs: how much each thought was believed before and after looking at it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content import field_ids

if TYPE_CHECKING:
    from ..content import Definition


@dataclass(frozen=True)
class BeliefChange:
    """One what-if, believed ``before`` and ``after`` (0-100); negative change: it eased."""

    thought: str
    before: int
    after: int

    @property
    def change(self) -> int:
        return self.after - self.before


def belief_changes(
    answers: Mapping[str, Any] | None, sheet: Definition | str = "what-ifs"
) -> list[BeliefChange]:
    """The records with both ratings, in the order they were written."""
    listed, thought, before, after = field_ids(
        sheet, "records", "records.thought", "records.before", "records.after"
    )
    records = (answers or {}).get(listed) or []
    return [
        BeliefChange(r[thought], r[before], r[after]) for r in records if before in r and after in r
    ]


def average_change(changes: list[BeliefChange]) -> float | None:
    """The mean change in belief (None with no complete records)."""
    return sum(c.change for c in changes) / len(changes) if changes else None
