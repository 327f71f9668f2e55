"""What the kit's code reads from each worksheet: its fields by *role*, never by id or place.

A field that code depends on says so in its worksheet file with ``role = "..."``. Its
words, its place on the page and even its id can then change freely: the code finds the
field by its role, and reads the answers stored under whatever id the field has today.

The scheme:

* A role is written like an id (lower-case letters, digits, ``-`` or ``_``, starting with a
  letter), and no two fields of one worksheet carry the same role.
* A question inside a list is named by the list's role, a dot, and a name of its own. In
  ``support.toml`` the list of people has ``role = "people"`` and its name question has
  ``role = "people.name"``. So the role written in a file is exactly the name used here and
  in the code: ``definition("support").by_role("people.name")``.
* :data:`NEEDS` below is the one table of what the code needs: for each worksheet id, each
  role it reads, the kind that field must have, and what in the kit reads it.

When a worksheet is loaded (``kit check``, ``kit serve`` and every page load every
definition), a definition that lacks one of its needed roles, or carries it on a field of
another kind, is refused with a :class:`~kit.errors.DefinitionError` that names the file,
the role, the kind and what reads it, and says how to put it back.

This module imports nothing of the kit at load time (:mod:`kit.content` reads the table).
"""

from __future__ import annotations

import re
from typing import NamedTuple

# An id (see kit.fields.ID_PATTERN), or for a question in a list: the list's role, a dot and
# a name of its own.
ROLE_PATTERN = re.compile(r"[a-z][a-z0-9_-]{0,39}(\.[a-z][a-z0-9_-]{0,39})?")


class Need(NamedTuple):
    """One field the code reads: the kind it must have, and what reads it."""

    kind: str
    read_by: str


_REASONS = 'the suggestions on "My reasons"'

NEEDS: dict[str, dict[str, Need]] = {
    "check-in": {
        "mood": Need("scale", "the trends page, the report and the look-back"),
        "urge": Need("scale", "the urge chart on the trends page and in the report"),
        "contacted": Need(
            "yesno", "the no-contact streaks, small wins, the fade chart and the look-back"
        ),
        "checked_profiles": Need(
            "yesno", "the streaks on the digital detox, small wins and trends pages"
        ),
        "activities": Need("multi", "the tags on the trends page and the small wins"),
        "own_tags": Need("text", "the tags on the trends page and the mood import"),
        "win": Need("text", "the small wins spotted in check-ins"),
        "note": Need("longtext", "the notes in the report and the mood import"),
    },
    "wellbeing": {
        "overall": Need("scale", f"the look-back and {_REASONS}"),
        "drained": Need("scale", _REASONS),
        "anxious": Need("scale", _REASONS),
        "eggshells": Need("scale", _REASONS),
        "at_ease": Need("scale", _REASONS),
        "unseen": Need("scale", _REASONS),
        "unheard": Need("scale", _REASONS),
        "unappreciated": Need("scale", _REASONS),
        "not_listening": Need("scale", _REASONS),
        "controlled": Need("multi", _REASONS),
        "monitored": Need("yesno", _REASONS),
        "note": Need("longtext", "the look-back"),
    },
    "balance": {
        "areas": Need("list", f"the tug-of-war chart and {_REASONS}"),
        "areas.area": Need("text", f"the tug-of-war chart and {_REASONS}"),
        "areas.you": Need("scale", f"the tug-of-war chart and {_REASONS}"),
        "areas.them": Need("scale", f"the tug-of-war chart and {_REASONS}"),
    },
    "values": {
        "top_values": Need("rank", f"the values chart and {_REASONS}"),
        "lives": Need("ratings", f"the values chart and {_REASONS}"),
        "shares": Need("ratings", f"the values chart and {_REASONS}"),
        "life_goals": Need("list", f"the values chart and {_REASONS}"),
        "life_goals.topic": Need("text", f"the values chart and {_REASONS}"),
        "life_goals.middle": Need("choice", f"the values chart and {_REASONS}"),
    },
    "future": {
        "where": Need("longtext", "the look-back"),
        "includes_them": Need("choice", _REASONS),
        "missing": Need("longtext", _REASONS),
    },
    "reasons": {
        "reasons": Need("list", "the care notes, the talking points and the look-back"),
        "reasons.reason": Need("text", "the care notes, the talking points and the look-back"),
        "stay_gains": Need("list", "the decisional balance chart"),
        "stay_gains.weight": Need("scale", "the decisional balance chart"),
        "stay_costs": Need("list", "the decisional balance chart"),
        "stay_costs.weight": Need("scale", "the decisional balance chart"),
        "leave_gains": Need("list", "the decisional balance chart"),
        "leave_gains.weight": Need("scale", "the decisional balance chart"),
        "leave_costs": Need("list", "the decisional balance chart"),
        "leave_costs.weight": Need("scale", "the decisional balance chart"),
    },
    "contact-plan": {
        "pulled_back": Need("scale", "the fade or clean break observations"),
        "shared": Need("multi", "the fade or clean break observations"),
        "past_reactions": Need("choice", "the fade or clean break observations"),
        "style": Need("choice", "the fade or clean break observations"),
        "obligations": Need("list", "the fade or clean break observations"),
        "obligations.what": Need("text", "the fade or clean break observations"),
        "obligations.how": Need("choice", "the fade or clean break observations"),
        "obligations.when": Need("text", "the fade or clean break observations"),
        "approach": Need("choice", "the fade chart and the milestones on the trends page"),
        "fade_start": Need("date", "the fade chart"),
        "contacts_now": Need("number", "the fade chart"),
        "fade_weeks": Need("number", "the fade chart"),
        "break_date": Need("date", "the milestones on the trends page"),
    },
    "conversation": {
        "channel": Need("choice", "the reminder about meeting in person"),
        "talking_points": Need("list", "the talking points taken from your reasons"),
        "talking_points.point": Need("text", "the talking points taken from your reasons"),
        "need": Need("text", "the I-statement"),
        "feel": Need("text", "the I-statement"),
        "when": Need("text", "the I-statement"),
        "because": Need("text", "the I-statement"),
        "draft": Need("longtext", "the I-statement, the wording check and the draft's download"),
        "happened_on": Need("date", "the milestones on the trends page"),
    },
    "digital-detox": {
        "places": Need("list", "the detox progress"),
        "places.action": Need("choice", "the detox progress"),
        "places.state": Need("choice", "the detox progress"),
    },
    "milestones": {
        "milestones": Need("list", "the trends page and the look-back"),
        "milestones.date": Need("date", "the trends page and the look-back"),
        "milestones.what": Need("text", "the trends page and the look-back"),
    },
    "reclaim": {
        "done": Need("list", "the tags on the trends page"),
        "done.what": Need("text", "the tags on the trends page"),
        "done.day": Need("date", "the tags on the trends page"),
    },
    "support": {
        "people": Need("list", "the roles chart and the care notes"),
        "people.name": Need("text", "the roles chart and the care notes"),
        "people.roles": Need("multi", "the roles chart"),
        "people.reach": Need("text", "the care notes"),
        "for_urge": Need("text", "the care notes"),
        "for_bad_night": Need("text", "the care notes"),
        "for_hard_date": Need("text", "the care notes"),
        "hard_dates": Need("list", "the hard-date notes on the check-in and bad-day pages"),
        "hard_dates.date": Need("date", "the hard-date notes on the check-in and bad-day pages"),
        "hard_dates.what": Need("text", "the hard-date notes on the check-in and bad-day pages"),
    },
    "what-ifs": {
        "records": Need("list", "the belief chart"),
        "records.thought": Need("text", "the belief chart"),
        "records.before": Need("number", "the belief chart"),
        "records.after": Need("number", "the belief chart"),
    },
    "wins": {
        "wins": Need("list", "the small wins page and the look-back"),
        "wins.day": Need("date", "the small wins page"),
        "wins.category": Need("choice", "the small wins page"),
        "wins.what": Need("text", "the small wins page"),
    },
}


def list_role(role: str) -> str | None:
    """The role of the list a question sits in (``"people"`` for ``"people.name"``)."""
    return role.split(".", 1)[0] if "." in role else None
