"""Safety flags: which safety questions were answered in a way that calls for care.

Any worksheet can hold them: a yes/no or multi-choice field marked ``safety = true``, or a
single option so marked (the frightening past reaction on the contact plan is one). A flag
routes a person to safer options and support; it is never a score. There is no count,
weight or level here on purpose: the kit does not grade danger.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition


class SafetyFlag(str):
    """A safety concern: its id (``"afraid"``, ``"controlled:money"``) with a label, and
    the worksheet whose answer raised it."""

    label: str
    worksheet: str

    def __new__(cls, flag_id: str, label: str, worksheet: str = "wellbeing") -> SafetyFlag:
        flag = super().__new__(cls, flag_id)
        flag.label = label
        flag.worksheet = worksheet
        return flag

    def __reduce__(self) -> tuple[Any, ...]:
        return (SafetyFlag, (str(self), self.label, self.worksheet))


def raises_flags(sheet: Definition) -> bool:
    """Whether any answer to this worksheet can raise a safety flag."""
    return any(f.safety or any(o.safety for o in f.options) for f in sheet.fields)


def safety_flags_from(sheet: Definition, answers: Mapping[str, Any] | None) -> list[SafetyFlag]:
    """The concerns raised by ``answers`` to ``sheet``, in the order the sheet asks them.

    A yes to a safety yes/no question raises its flag; each ticked option of a safety
    multi-choice question raises one flag per option; an option marked safety raises its
    own flag when it is picked (in a choice) or ticked (in a multi).
    """
    flags: list[SafetyFlag] = []
    for field in sheet.fields:
        if not answers or field.id not in answers:
            continue
        answer = answers[field.id]
        if field.kind == "yesno" and field.safety and answer is True:
            flags.append(SafetyFlag(field.id, field.flag or field.prompt, sheet.id))
            continue
        picked = [answer] if field.kind == "choice" else answer
        if field.kind not in ("choice", "multi") or not isinstance(picked, list):
            continue
        for option in field.options:
            if option in picked and (field.safety or option.safety):
                label = option.flag or option.label
                flags.append(SafetyFlag(f"{field.id}:{option}", label, sheet.id))
    return flags
