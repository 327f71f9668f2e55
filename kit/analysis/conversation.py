"""The honest conversation: putting an I-statement together, and a gentle wording check.

The wording check only suggests. It looks for blaming or absolute language ("you always",
"you never", insults, shouting in capitals) and offers a calmer way to say the same thing.
It never blocks anything: the words are the person's own.

The sentences come from ``data/messages/<language>/analysis.po``; the patterns the check
looks for are written for each language below (a language without its own patterns is
checked with the English ones).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text import SOURCE_LANGUAGE, language, t


def i_statement(need: str | None, feel: str | None, when: str | None, because: str | None) -> str:
    """The blanks, put together in the person's own words ("" when none is filled in)."""
    blanks = {k: (v or "").strip().rstrip(".") for k, v in
              {"need": need, "feel": feel, "when": when, "because": because}.items()}  # fmt: skip
    parts = []
    if blanks["need"]:
        parts.append(t("analysis.i-statement.need", need=blanks["need"]))
    if blanks["feel"]:
        shape = "".join(f"-{k}" for k in ("when", "because") if blanks[k])
        parts.append(t(f"analysis.i-statement.feel{shape}", **blanks))
    return " ".join(parts)


@dataclass(frozen=True)
class Hint:
    """Something in a draft that may land as blame, and a calmer way to say it."""

    found: str
    why: str
    instead: str


# For each language: (pattern, hint). A hint names two messages, analysis.wording.<hint>.why
# (why it may land badly) and .instead (a calmer way). Patterns are case-insensitive.
PATTERNS: dict[str, list[tuple[str, str]]] = {
    "en": [
        (r"\byou (always|constantly)\b", "always"),
        (r"\byou never\b", "never"),
        (r"\b(it'?s|it is) (all )?your fault\b", "fault"),
        (r"\byou make me\b", "make-me"),
        (r"\byou should(n'?t)?\b", "should"),
        (r"\b(idiot|stupid|pathetic|useless|selfish|liar|crazy|psycho|loser|worthless)\b",
         "insult"),
    ],
    # Spanish drops the "tú", so "siempre" and "nunca" count before a verb said to "you"
    # (which ends in -s: "siempre llegas tarde", "nunca me escuchas").
    "es": [
        (r"\b(tú )?(siempre|constantemente) (me |te |nos |lo |la |le )?\w+s\b", "always"),
        (r"\b(tú )?(nunca|jamás) (me |te |nos |lo |la |le )?\w+s\b", "never"),
        (r"\b(es )?(toda )?(tu|su) culpa\b", "fault"),
        (r"\bme haces (sentir|enojar|enfadar|llorar|daño)\b", "make-me"),
        (r"\b(no )?(deberías|tendrías que)\b", "should"),
        (r"\b(idiota|estúpid[oa]|patétic[oa]|inútil|egoísta|mentiros[oa]|loc[oa]|psicópata|"
         r"perdedor(a)?|fracasad[oa])\b", "insult"),
    ],
}  # fmt: skip
CAPITAL = "A-ZÁÉÍÓÚÜÑ"
SHOUTING = re.compile(rf"\b[{CAPITAL}]{{4,}}\b|\b[{CAPITAL}]{{2,}}(?:\s+[{CAPITAL}]{{2,}}){{2,}}\b")
NOT_SHOUTING = {"ADHD", "OCD", "PTSD", "HTML", "TDAH", "TEPT"}


def _hint(found: str, hint: str) -> Hint:
    return Hint(found, t(f"analysis.wording.{hint}.why"), t(f"analysis.wording.{hint}.instead"))


def wording_check(draft: str | None) -> list[Hint]:
    """Gentle suggestions for a draft, in the order the words appear (never a block)."""
    text = draft or ""
    found: list[tuple[int, Hint]] = []
    for pattern, hint in PATTERNS.get(language(), PATTERNS[SOURCE_LANGUAGE]):
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            found.append((match.start(), _hint(match.group(0), hint)))
    for match in SHOUTING.finditer(text):
        if match.group(0) not in NOT_SHOUTING:
            found.append((match.start(), _hint(match.group(0), "shouting")))
    return [hint for _, hint in sorted(found, key=lambda item: item[0])]
