"""My reasons: suggestions drafted from the other "why" pages, and the decisional balance.

Suggestions are only suggestions: short sentences in the first person that a person may
keep, rewrite or ignore. Each comes from something they answered; nothing is invented.
Their words are in ``data/messages/<language>/analysis.po`` (``analysis.reasons.*``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition, field_ids
from ..text import t
from .balance import area_balances, balance_index
from .safety import safety_flags_from
from .values import biggest_gaps, goal_clashes, value_clashes

Answers = Mapping[str, Any] | None

# A feeling rated "often" (3) or more on the 0-4 scales becomes a suggestion: the roles of
# the feelings on "How are you, really?", and the message each one suggests.
OFTEN = 3
FEELINGS = {
    "drained": "analysis.reasons.drained",
    "anxious": "analysis.reasons.anxious",
    "eggshells": "analysis.reasons.eggshells",
    "unseen": "analysis.reasons.unseen",
    "unheard": "analysis.reasons.unheard",
    "unappreciated": "analysis.reasons.unappreciated",
    "not_listening": "analysis.reasons.not-listening",
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
    controlled, monitored, overall, at_ease = field_ids(
        wellbeing_sheet, "controlled", "monitored", "overall", "at_ease"
    )

    flags = safety_flags_from(wellbeing_sheet, wellbeing)
    if flags:
        drafts.append(t("analysis.reasons.unsafe"))
    if any(f.startswith(f"{controlled}:") for f in flags):
        drafts.append(t("analysis.reasons.controlled"))
    if monitored in flags:
        drafts.append(t("analysis.reasons.watched"))
    if wellbeing.get(overall) is not None and wellbeing[overall] <= 2:
        drafts.append(t("analysis.reasons.worse"))
    feelings = dict(zip(field_ids(wellbeing_sheet, *FEELINGS), FEELINGS.values(), strict=True))
    drafts += [t(words) for key, words in feelings.items() if wellbeing.get(key, -1) >= OFTEN]
    if wellbeing.get(at_ease) is not None and wellbeing[at_ease] <= 1:
        drafts.append(t("analysis.reasons.not-myself"))

    areas = area_balances(balance)
    index = balance_index(areas)
    if index is not None and index >= 0.15:
        drafts.append(t("analysis.reasons.give-much-more" if index >= 0.4 else
                        "analysis.reasons.give-more"))  # fmt: skip
    widest = sorted((a for a in areas if a.gap >= 2), key=lambda a: -a.gap)[:2]
    drafts += [t("analysis.reasons.area", area=a.area.lower()) for a in widest]

    clashes = value_clashes(values_sheet, values) + goal_clashes(values, values_sheet)
    for clash in biggest_gaps(clashes):
        key = "analysis.reasons.value" if clash.part == "value" else "analysis.reasons.goal"
        drafts.append(t(key, name=clash.name.lower()))

    includes_them, missing = field_ids("future", "includes_them", "missing")
    pictured = future.get(includes_them)
    if pictured == "no":
        drafts.append(t("analysis.reasons.future-without"))
    elif pictured == "unsure":
        drafts.append(t("analysis.reasons.future-unsure"))
    if future.get(missing):
        drafts.append(t("analysis.reasons.missing", missing=future[missing].strip()))
    return drafts


def reasons_from(answers: Answers, sheet: Definition | str = "reasons") -> list[str]:
    """The reasons a person saved, in their order and their words."""
    listed, reason = field_ids(sheet, "reasons", "reasons.reason")
    return [entry[reason] for entry in (answers or {}).get(listed) or [] if reason in entry]


def decisional_balance(answers: Answers, sheet: Definition | str = "reasons") -> dict[str, int]:
    """The weighted total of each of the four lists (an item without a weight counts 1), by
    the lists' roles (``GRID``)."""
    answers = answers or {}
    totals = {}
    for key in GRID:
        listed, weight = field_ids(sheet, key, f"{key}.weight")
        totals[key] = sum(entry.get(weight, 1) for entry in answers.get(listed) or [])
    return totals
