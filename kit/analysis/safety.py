"""Safety flags: which safety questions were answered in a way that calls for care.

A flag routes a person to safer options and support; it is never a score. There is no
count, weight or level here on purpose: the kit does not grade danger.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition


class SafetyFlag(str):
    """A safety concern: its id (``"afraid"``, ``"controlled:money"``) with a label."""

    label: str

    def __new__(cls, flag_id: str, label: str) -> SafetyFlag:
        flag = super().__new__(cls, flag_id)
        flag.label = label
        return flag

    def __reduce__(self) -> tuple[Any, ...]:
        return (SafetyFlag, (str(self), self.label))


def safety_flags_from(sheet: Definition, answers: Mapping[str, Any] | None) -> list[SafetyFlag]:
    """The concerns raised by ``answers`` to ``sheet``, in the order the sheet asks them.

    A yes to a safety yes/no question raises its flag; each ticked option of a safety
    multi-choice question raises one flag per option.
    """
    flags: list[SafetyFlag] = []
    for field in sheet.fields:
        if not field.safety or not answers or field.id not in answers:
            continue
        answer = answers[field.id]
        if field.kind == "yesno" and answer is True:
            flags.append(SafetyFlag(field.id, field.flag or field.prompt))
        elif field.kind == "multi":
            for option in field.options:
                if option in answer:
                    flags.append(SafetyFlag(f"{field.id}:{option}", option.label))
    return flags
