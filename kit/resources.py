"""Support lines, loaded from ``data/resources/crisis-lines.toml``.

Crisis lines are facts, not our words: each one names the page it was checked against
and the date of that check, so a therapist can see at a glance what may be stale.
"""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass

from .content import data_dir


@dataclass(frozen=True)
class SupportLine:
    """One helpline."""

    name: str
    kind: str  # "crisis", "abuse" or "directory"
    phone: str
    sms: str
    hours: str
    url: str
    source: str
    last_checked: dt.date


@dataclass(frozen=True)
class Country:
    """The emergency number and support lines of one country (or "INTL")."""

    code: str
    name: str
    emergency: str
    lines: tuple[SupportLine, ...]


@functools.cache
def support_lines() -> tuple[Country, ...]:
    """Every country's support lines, in the order the data file gives them."""
    path = data_dir() / "resources" / "crisis-lines.toml"
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Country(
            code=c["code"],
            name=c["name"],
            emergency=c.get("emergency", ""),
            lines=tuple(SupportLine(**line) for line in c.get("lines", [])),
        )
        for c in raw["countries"]
    )
