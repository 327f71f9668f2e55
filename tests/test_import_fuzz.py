"""Property tests for what comes in from outside: random and mutated bundles, random CSVs.
Valid input round-trips exactly; anything else raises kit.ValidationError (a
BundleError or MoodImportError) with a message, and the journal is left as it was."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kit
from kit.mood_import import import_mood_csv
from tests.test_every_worksheet import valid_answers

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                  max_size=4),
    max_leaves=20,
)  # fmt: skip
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
SHEETS = ["future", "check-in", "support", "values", "wellbeing"]


def _state(journal: kit.Journal) -> tuple:
    return [(r.worksheet, r.saved_at, r.answers) for r in journal.all_records()], journal.settings()


def _try(journal: kit.Journal, data: bytes, name: str = "in.json") -> Any:
    """Import ``data``; return the plan, or the ValidationError (after checking nothing
    changed). Any other exception fails the test."""
    before = _state(journal)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            if name.endswith(".csv"):
                return import_mood_csv(journal, path)
            return journal.import_bundle(path)
        except kit.ValidationError as problem:
            refused = problem
    assert str(refused).strip(), "a message"
    assert refused.errors
    assert _state(journal) == before, "nothing changed"
    return refused


@FUZZ
@given(value=JSON)
def test_any_json_is_refused_cleanly_or_imported(journal: kit.Journal, value: Any) -> None:
    outcome = _try(journal, json.dumps(value).encode())
    assert isinstance(outcome, kit.ValidationError), "no random value is a bundle"


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_are_refused_cleanly(journal: kit.Journal, data: bytes) -> None:
    assert isinstance(_try(journal, data), kit.ValidationError)


@st.composite
def bundles(draw: st.DrawFn) -> dict[str, Any]:
    records = []
    for n in range(draw(st.integers(1, 4))):
        sheet = kit.definition(draw(st.sampled_from(SHEETS)))
        answers = draw(valid_answers(sheet))
        if sheet.daily:
            answers[sheet.daily] = f"2026-0{1 + n % 9}-1{n % 9}"
            answers.setdefault("mood", 5)
        records.append({"worksheet": sheet.id, "version": sheet.version,
                        "saved_at": f"2026-01-0{1 + n}T10:00:00.000000+00:00",
                        "answers": answers})  # fmt: skip
    return {"format": "journal-kit-bundle", "bundle_version": 1, "schema_version": 3,
            "exported_at": "2026-01-09T00:00:00+00:00", "settings": {"country": "gb"},
            "records": records}  # fmt: skip


@FUZZ
@given(bundle=bundles())
def test_a_valid_bundle_round_trips_exactly(bundle: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        with kit.open_journal(Path(folder) / "a") as first:
            plan = _try(first, json.dumps(bundle).encode())
            assert not isinstance(plan, kit.ValidationError), plan
            exported = first.export(Path(folder) / "copy.json")
            mine = _state(first)
        with kit.open_journal(Path(folder) / "b") as second:
            _try(second, exported.read_bytes())
            assert _state(second) == mine


MUTATIONS = ["drop", "retype", "replace"]


@FUZZ
@given(bundle=bundles(), data=st.data())
def test_a_mutated_bundle_is_refused_cleanly_or_imported_whole(
    journal: kit.Journal, bundle: dict[str, Any], data: st.DataObject
) -> None:
    mutated = copy.deepcopy(bundle)
    record = data.draw(st.sampled_from(mutated["records"]))
    target = data.draw(st.sampled_from([mutated, record, record["answers"]]))
    if target:
        key = data.draw(st.sampled_from(sorted(target)))
        how = data.draw(st.sampled_from(MUTATIONS))
        if how == "drop":
            del target[key]
        elif how == "retype":
            target[key] = [target[key]]
        else:
            target[key] = data.draw(JSON)
    outcome = _try(journal, json.dumps(mutated).encode())
    if not isinstance(outcome, kit.ValidationError):
        # Whatever was accepted is whole and valid: every record in it came in.
        assert len(outcome.added) + outcome.already_there == len(mutated["records"])


CSV_LINES = st.lists(
    st.lists(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12),
             min_size=1, max_size=4).map(",".join),
    max_size=6,
)  # fmt: skip


@FUZZ
@given(header=st.sampled_from(["date,mood", "full_date,date,mood,activities,note", "x,y", ""]),
       lines=CSV_LINES)  # fmt: skip
def test_any_csv_is_refused_cleanly_or_its_good_rows_come_in(
    journal: kit.Journal, header: str, lines: list[str]
) -> None:
    text = "\n".join([header, *lines])
    outcome = _try(journal, text.encode("utf-8"), "in.csv")
    if not isinstance(outcome, kit.ValidationError):
        for _, answers in outcome.checkins:
            assert 1 <= answers["mood"] <= 10
