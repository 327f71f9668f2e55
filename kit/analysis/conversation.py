"""The honest conversation: putting an I-statement together, and a gentle wording check.

The wording check only suggests. It looks for blaming or absolute language ("you always",
"you never", insults, shouting in capitals) and offers a calmer way to say the same thing.
It never blocks anything: the words are the person's own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def i_statement(need: str | None, feel: str | None, when: str | None, because: str | None) -> str:
    """The blanks, put together in the person's own words ("" when none is filled in)."""
    parts = []
    if need and need.strip():
        parts.append(f"I've realised that I need {need.strip().rstrip('.')}.")
    if feel and feel.strip():
        sentence = f"I feel {feel.strip().rstrip('.')}"
        if when and when.strip():
            sentence += f" when {when.strip().rstrip('.')}"
        if because and because.strip():
            sentence += f" because {because.strip().rstrip('.')}"
        parts.append(sentence + ".")
    return " ".join(parts)


@dataclass(frozen=True)
class Hint:
    """Something in a draft that may land as blame, and a calmer way to say it."""

    found: str
    why: str
    instead: str


# (pattern, why it may land badly, a calmer way). Our words; patterns are case-insensitive.
PATTERNS: list[tuple[str, str, str]] = [
    (r"\byou (always|constantly)\b", "'You always' sounds like a verdict, and invites an argument "
     "about the exceptions.", "Say what happens and how it feels: 'When … happens, I feel …'."),
    (r"\byou never\b", "'You never' is hard to hear and easy to dispute.",
     "Try 'I often miss …' or 'I need more …'."),
    (r"\b(it'?s|it is) (all )?your fault\b", "Blame tends to start a defence rather than a "
     "conversation.", "Speak about your decision: 'I've decided …' or 'I need …'."),
    (r"\byou make me\b", "'You make me feel' hands them the blame for your feelings.",
     "Try 'I feel … when …'."),
    (r"\byou should(n'?t)?\b", "'You should' can sound like a lecture.",
     "Say what you need instead: 'I need …'."),
    (r"\b(idiot|stupid|pathetic|useless|selfish|liar|crazy|psycho|loser|worthless)\b",
     "A name or insult will be remembered longer than anything else you say.",
     "Describe what happened instead of what they are."),
]  # fmt: skip
SHOUTING = re.compile(r"\b[A-Z]{4,}\b|\b[A-Z]{2,}(?:\s+[A-Z]{2,}){2,}\b")
NOT_SHOUTING = {"ADHD", "OCD", "PTSD", "HTML"}


def wording_check(draft: str | None) -> list[Hint]:
    """Gentle suggestions for a draft, in the order the words appear (never a block)."""
    text = draft or ""
    found: list[tuple[int, Hint]] = []
    for pattern, why, instead in PATTERNS:
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            found.append((match.start(), Hint(match.group(0), why, instead)))
    for match in SHOUTING.finditer(text):
        if match.group(0) not in NOT_SHOUTING:
            found.append(
                (match.start(), Hint(match.group(0), "Capitals read as shouting.",
                                     "Write it in ordinary letters; the words carry enough."))
            )  # fmt: skip
    return [hint for _, hint in sorted(found, key=lambda item: item[0])]
