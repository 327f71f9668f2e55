"""The kit's own words live in data/messages: every id the code asks for is there, in
English, with the placeholders the code fills in, and plural ones have their forms."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import kit
from kit import backup, resources, text
from kit.analysis import wins
from kit.analysis.contact import UNAVOIDABLE
from kit.content import data_dir

KIT = Path(kit.__file__).parent
LITERAL = re.compile(r"""\b(?:t|tn|markup|markup_n|words)\(\s*["']([a-z0-9.-]+)["']""")


def english() -> dict[str, text.Message]:
    return dict(text.catalogue(data_dir(), text.SOURCE_LANGUAGE).messages)


def ids_in_code() -> set[str]:
    found = set()
    for path in KIT.rglob("*.py"):
        found |= set(LITERAL.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_id_the_code_names_is_there() -> None:
    """Is every message the code asks for by a literal id in the English catalogues?"""
    found = ids_in_code()
    assert len(found) > 60
    missing = sorted(found - set(english()))
    assert missing == []


def ids_built_in_code() -> set[str]:
    """The ids the code builds from data (care rules, milestones, kinds)."""
    built = set()
    for sheet_id in kit.worksheet_ids():
        for rule in kit.definition(sheet_id).care:
            built |= {f"{rule.message_prefix}.heading"}
            if rule.show != "hard-date":
                built.add(f"{rule.message_prefix}.body")
            if rule.show == "lowest":
                built.add(f"{rule.message_prefix}.emergency")
    built |= {f"wins.milestone.{m}" for m in wins.NO_CONTACT_MILESTONES}
    built |= {f"contact.shared.{s}" for s in UNAVOIDABLE}
    built |= {f"start.kept.{what}" for _, what in backup.KEPT_BESIDE} | {"start.kept.journal"}
    built |= {f"support.kind.{k}" for k in resources.KINDS}
    built |= {f"support.access.{k}" for k in resources.ACCESS_KINDS}
    built |= {f"lookback.mood.{d}" for d in ("up", "down", "same")}
    built |= {f"care.person.{m}{end}" for m in care_moments() for end in ("", "-reach", "-none")}
    for who in ("you", "they"):
        built |= {f"balance.{who}-{amount}" for amount in ("somewhat", "much")}
    return built


def care_moments() -> tuple[str, ...]:
    from kit.widgets.care import PERSON_FOR

    return tuple(PERSON_FOR)


def test_every_id_the_code_builds_is_there() -> None:
    """Are the ids built from data (a care rule's words, a milestone, a kind) all there?"""
    assert sorted(ids_built_in_code() - set(english())) == []


def test_the_check_would_notice_a_missing_message(monkeypatch) -> None:
    """Would a care rule naming words that do not exist be caught?"""
    import dataclasses

    sheet = kit.definition("phq9")
    broken = dataclasses.replace(sheet.care[0], words="care.nowhere")
    monkeypatch.setattr(type(sheet), "care", property(lambda self: (broken,)), raising=False)
    assert "care.nowhere.heading" in ids_built_in_code() - set(english())


def test_plurals_have_their_forms_and_placeholders_are_named() -> None:
    """Does each plural message have both English forms, and does every placeholder have a
    plain name (so a reworded message can be checked against the code)?"""
    for message in english().values():
        if message.plural:
            assert len(message.forms) == 2, message.id
        for form in message.forms:
            assert set(re.findall(r"\{([^}]*)\}", form)) == text.placeholders(form), message.id


@pytest.mark.parametrize(("n", "words"), [(1, "1 check-in in a row"), (3, "3 check-ins in a row")])
def test_plural_rules_are_the_languages(n: int, words: str) -> None:
    assert text.tn("wins.run.contact", n, longest=5).startswith(words)


def test_what_a_person_typed_is_escaped() -> None:
    """Is a value given to a message escaped, and only the kit's own emphasis markup?"""
    shown = text.markup("care.person.bad-night", name="<script>x</script>")
    assert "<script>" not in shown
    assert "&lt;script&gt;" in shown
    assert str(text.markup("care.lowest.emergency")).startswith("<strong>")
