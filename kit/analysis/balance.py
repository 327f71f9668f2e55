"""Give and take: per-area gaps and one balance index, from the `balance` worksheet.

The index runs from -1 (they give everything) through 0 (even) to +1 (you give
everything): (what you give - what they give) / (everything given), over the areas
where both sides were rated. It describes the ledger as rated; it is not a verdict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content import field_ids

if TYPE_CHECKING:
    from ..content import Definition


@dataclass(frozen=True)
class AreaBalance:
    """One area of the ledger, rated on both sides."""

    area: str
    you: int
    them: int

    @property
    def gap(self) -> int:
        """How much more you give than they do (negative: they give more)."""
        return self.you - self.them


def area_balances(
    answers: Mapping[str, Any] | None, sheet: Definition | str = "balance"
) -> list[AreaBalance]:
    """The areas rated on both sides, in the order the person listed them."""
    areas, area, you, them = field_ids(sheet, "areas", "areas.area", "areas.you", "areas.them")
    rows = (answers or {}).get(areas) or []
    return [
        AreaBalance(row[area], row[you], row[them]) for row in rows if you in row and them in row
    ]


def balance_index(areas: list[AreaBalance]) -> float | None:
    """-1 (they give everything) … +1 (you give everything); None with nothing rated."""
    if not areas:
        return None
    given = sum(a.you + a.them for a in areas)
    if given == 0:
        return 0.0
    return sum(a.gap for a in areas) / given


def describe_index(index: float | None) -> str:
    """The index in plain words: what the ratings show, never a verdict on the relationship."""
    from ..text import t

    if index is None:
        return t("balance.none")
    if abs(index) < 0.15:
        return t("balance.even")
    who = "you" if index > 0 else "they"
    amount = "much" if abs(index) >= 0.4 else "somewhat"
    return t(f"balance.{who}-{amount}")
