"""The honest conversation: I-statements and the gentle wording check."""

from __future__ import annotations

import pytest

from kit.analysis.conversation import i_statement, wording_check

STATEMENTS = {
    "nothing": ((None, None, None, None), ""),
    "need only": (("more calm in my days.", "", None, None),
                  "I've realised that I need more calm in my days."),
    "feeling only": ((None, "lonely", None, None), "I feel lonely."),
    "all four": (("space", "unseen", "plans change at the last minute", "I come last"),
                 "I've realised that I need space. I feel unseen when plans change at the last "
                 "minute because I come last."),
    "when without feeling": ((None, None, "you shout", "it scares me"), ""),
}  # fmt: skip


@pytest.mark.parametrize(("blanks", "expected"), STATEMENTS.values(), ids=STATEMENTS.keys())
def test_i_statement(blanks, expected) -> None:
    """Are the blanks put together in the person's words, leaving out what is empty?"""
    assert i_statement(*blanks) == expected


CHECKS = {
    "calm draft": ("I've decided to end this. I feel worn out and I need space.", []),
    "you always": ("You always put work first.", ["You always"]),
    "you never": ("you never listen", ["you never"]),
    "blame": ("It's your fault we got here.", ["It's your fault"]),
    "you make me": ("You make me feel small.", ["You make me"]),
    "should": ("You should have told me.", ["You should"]),
    "insult": ("You were selfish and a liar.", ["selfish", "liar"]),
    "shouting word": ("I am DONE with this.", ["DONE"]),
    "shouting phrase": ("I AM SO TIRED", ["AM SO TIRED"]),
    "short capitals are fine": ("I told HR and my GP.", []),
    "acronyms are fine": ("My PTSD therapist said so.", []),
    "empty": (None, []),
}  # fmt: skip


@pytest.mark.parametrize(("draft", "found"), CHECKS.values(), ids=CHECKS.keys())
def test_wording_check(draft, found) -> None:
    """Are blaming and absolute words pointed out, each with a calmer way, and only those?"""
    hints = wording_check(draft)
    assert sorted(h.found for h in hints) == sorted(found)
    assert all(h.why and h.instead for h in hints)


def test_hints_follow_the_order_of_the_draft() -> None:
    """Are suggestions listed in the order the words appear?"""
    hints = wording_check("You never call. You always forget. Idiot.")
    assert [h.found for h in hints] == ["You never", "You always", "Idiot"]
