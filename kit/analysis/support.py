"""My people: who covers which role, and which roles no one covers yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..content import Definition, field_ids


def role_coverage(sheet: Definition, answers: Mapping[str, Any] | None) -> dict[str, list[str]]:
    """Each role's label, with the names of the people who fill it (empty: no one yet)."""
    options = sheet.by_role("people.roles").options
    listed, name, roles = field_ids(sheet, "people", "people.name", "people.roles")
    people = (answers or {}).get(listed) or []
    return {
        option.label.split(":")[0]: [p[name] for p in people if option in p.get(roles, [])]
        for option in options
    }
