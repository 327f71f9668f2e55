"""My people: who covers which role, and which roles no one covers yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition


def role_coverage(sheet: Definition, answers: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """Each role's label, with the names of the people who fill it (empty: no one yet)."""
    roles = sheet.field("people").fields
    options = next(f for f in roles if f.id == "roles").options
    people = (answers or {}).get("people") or []
    return {
        option.label.split(":")[0]: [p["name"] for p in people if option in p.get("roles", [])]
        for option in options
    }
