"""My reasons: suggestions drafted from the other "why" pages, and the decisional balance.

Suggestions are only suggestions: short sentences in the first person that a person may
keep, rewrite or ignore. Each comes from something they answered; nothing is invented.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition
from .balance import area_balances, balance_index
from .safety import safety_flags_from
from .values import biggest_gaps, goal_clashes, value_clashes

Answers = Mapping[str, Any] | None

# A feeling rated "often" (3) or more on the 0-4 scales becomes a suggestion.
OFTEN = 3
FEELINGS = {
    "drained": "Time with them leaves me drained.",
    "anxious": "I feel anxious about us much of the time.",
    "eggshells": "I walk on eggshells so as not to upset them.",
    "unseen": "I feel unseen in this relationship.",
    "unheard": "When I say how I feel, it goes nowhere.",
    "unappreciated": "What I give is taken for granted.",
    "not_listening": "They won't listen when something matters to me.",
}
GRID = ("stay_gains", "stay_costs", "leave_gains", "leave_costs")


def draft_reasons(
    wellbeing_sheet: Definition,
    values_sheet: Definition,
    wellbeing: Answers = None,
    balance: Answers = None,
    values: Answers = None,
    future: Answers = None,
) -> list[str]:
    """Suggested reasons, drawn from what the other four pages say, most pressing first."""
    wellbeing, future = wellbeing or {}, future or {}
    drafts: list[str] = []

    flags = safety_flags_from(wellbeing_sheet, wellbeing)
    if flags:
        drafts.append("I don't always feel safe with them, and I deserve to feel safe.")
    if any(f.startswith("controlled:") for f in flags):
        drafts.append("They control things that should be mine to decide.")
    if "monitored" in flags:
        drafts.append("I feel watched.")
    if wellbeing.get("overall") is not None and wellbeing["overall"] <= 2:
        drafts.append("Overall, this relationship leaves me feeling worse, not better.")
    drafts += [text for key, text in FEELINGS.items() if wellbeing.get(key, -1) >= OFTEN]
    if wellbeing.get("at_ease") is not None and wellbeing["at_ease"] <= 1:
        drafts.append("I can't be myself with them.")

    areas = area_balances(balance)
    index = balance_index(areas)
    if index is not None and index >= 0.15:
        drafts.append(f"I give {'much ' if index >= 0.4 else ''}more than I get back.")
    widest = sorted((a for a in areas if a.gap >= 2), key=lambda a: -a.gap)[:2]
    drafts += [f"When it comes to {a.area.lower()}, I give far more than they do." for a in widest]

    for clash in biggest_gaps(value_clashes(values_sheet, values) + goal_clashes(values)):
        if clash.part == "value":
            drafts.append(f"I can't live my value of {clash.name.lower()} in this relationship.")
        else:
            drafts.append(f"We want different things when it comes to {clash.name.lower()}.")

    pictured = future.get("includes_them")
    if pictured == "no":
        drafts.append("The future I picture doesn't include them.")
    elif pictured == "unsure":
        drafts.append("I'm not sure they belong in the future I want.")
    if future.get("missing"):
        drafts.append(f"Missing from my life now: {future['missing'].strip()}")
    return drafts


def reasons_from(answers: Answers) -> list[str]:
    """The reasons a person saved, in their order and their words."""
    return [entry["reason"] for entry in (answers or {}).get("reasons") or [] if "reason" in entry]


def decisional_balance(answers: Answers) -> dict[str, int]:
    """The weighted total of each of the four lists (an item without a weight counts 1)."""
    answers = answers or {}
    return {key: sum(entry.get("weight", 1) for entry in answers.get(key) or []) for key in GRID}
