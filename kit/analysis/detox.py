"""The digital detox: how far along the list is."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..content import field_ids

if TYPE_CHECKING:
    from ..content import Definition


@dataclass(frozen=True)
class DetoxProgress:
    """Places with a plan, and how many are done, still to do, or decided against."""

    planned: int
    done: int
    to_do: int
    not_doing: int


def detox_progress(
    answers: Mapping[str, Any] | None, sheet: Definition | str = "digital-detox"
) -> DetoxProgress:
    """Count the places that have an action chosen, by where each stands."""
    listed, action, state = field_ids(sheet, "places", "places.action", "places.state")
    places = [p for p in (answers or {}).get(listed) or [] if p.get(action)]
    states = [p.get(state, "todo") for p in places]
    return DetoxProgress(
        planned=len(places),
        done=states.count("done"),
        to_do=states.count("todo"),
        not_doing=states.count("not-doing"),
    )
