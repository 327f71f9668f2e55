"""The validated scales: totals and bands against the published tables, at every edge."""

from __future__ import annotations

import pytest

import kit


def answers_for(worksheet_id: str, raw: int) -> dict[str, int]:
    """Item answers adding up to ``raw``, filling from the first item."""
    sheet = kit.definition(worksheet_id)
    answers = {}
    for field in sheet.fields:
        answers[field.id] = min(int(field.max), raw)
        raw -= answers[field.id]
    assert raw == 0, "more than the scale can hold"
    return answers


PHQ9 = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
        (14, "Moderate"), (15, "Moderately severe"), (19, "Moderately severe"),
        (20, "Severe"), (27, "Severe")]  # fmt: skip
GAD7 = [(0, "Minimal"), (4, "Minimal"), (5, "Mild"), (9, "Mild"), (10, "Moderate"),
        (14, "Moderate"), (15, "Severe"), (21, "Severe")]  # fmt: skip
# WHO-5: raw 0-25 times 4. Low below 50; 28 or below: worth a professional's opinion.
WHO5 = [(0, 0, "professional"), (7, 28, "professional"), (8, 32, "Low well-being"),
        (12, 48, "Low well-being"), (13, 52, "Not in the low range"),
        (25, 100, "Not in the low range")]  # fmt: skip


@pytest.mark.parametrize(("total", "band"), PHQ9, ids=[f"phq9-{t}" for t, _ in PHQ9])
def test_phq9_bands(total: int, band: str) -> None:
    """Does each PHQ-9 total fall in its published band (0-4, 5-9, 10-14, 15-19, 20-27)?"""
    result = kit.score("phq9", answers_for("phq9", total))
    assert (result.total, result.band, result.maximum) == (total, band, 27)


@pytest.mark.parametrize(("total", "band"), GAD7, ids=[f"gad7-{t}" for t, _ in GAD7])
def test_gad7_bands(total: int, band: str) -> None:
    """Does each GAD-7 total fall in its published band (0-4, 5-9, 10-14, 15-21)?"""
    result = kit.score("gad7", answers_for("gad7", total))
    assert (result.total, result.band, result.maximum) == (total, band, 21)


@pytest.mark.parametrize(("raw", "total", "band"), WHO5, ids=[f"who5-raw{r}" for r, *_ in WHO5])
def test_who5_score_and_bands(raw: int, total: int, band: str) -> None:
    """Is the WHO-5 raw score multiplied by 4, with the published cut-offs at 50 and 28?"""
    result = kit.score("who5", answers_for("who5", raw))
    assert (result.total, result.maximum) == (total, 100)
    assert band in result.band


@pytest.mark.parametrize("worksheet_id", ["who5", "phq9", "gad7"])
def test_every_result_is_labelled_a_self_check(worksheet_id: str) -> None:
    """Is every scale result labelled as a self-check, not a diagnosis?"""
    result = kit.score(worksheet_id, answers_for(worksheet_id, 3))
    assert "self-check, not a diagnosis" in result.note
    assert kit.definition(worksheet_id).attribution


def test_incomplete_scale_is_not_scored() -> None:
    """Is a scale with a missing or out-of-range item refused, naming the item?"""
    answers = answers_for("phq9", 5)
    del answers["q3"]
    answers["q1"] = 4
    with pytest.raises(kit.ValidationError) as caught:
        kit.score("phq9", answers)
    assert set(caught.value.errors) == {"q1", "q3"}


def test_only_scales_are_scored() -> None:
    """Is asking for the score of a worksheet that is not a scale refused plainly?"""
    with pytest.raises(ValueError, match="not a scored scale"):
        kit.score("wellbeing", {"overall": 3})


def test_items_are_the_published_ones() -> None:
    """Are the items carried over as published (spot checks of the wording)?"""
    phq9 = [f.prompt for f in kit.definition("phq9").fields]
    assert (
        phq9[8] == "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert phq9[5].startswith("Feeling bad about yourself — or that you are a failure")
    who5 = [f.prompt for f in kit.definition("who5").fields]
    assert who5[0] == "I have felt cheerful and in good spirits"
    assert kit.definition("who5").field("q1").anchors[5] == "All of the time"
    gad7 = kit.definition("gad7").fields
    assert gad7[0].prompt == "Feeling nervous, anxious, or on edge"
    assert gad7[0].anchors == {0: "Not at all", 1: "Several days",
                               2: "More than half the days", 3: "Nearly every day"}  # fmt: skip
