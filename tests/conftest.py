"""Shared fixtures: a real journal file in a temporary folder, and test content."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kit
from kit.content import data_dir

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def journal(tmp_path: Path):
    """A fresh journal in its own temporary folder."""
    with kit.open_journal(tmp_path / "data") as opened:
        yield opened


@pytest.fixture
def content_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped content plus the test-only `every-kind` worksheet, via KIT_CONTENT_DIR."""
    folder = tmp_path / "content"
    shutil.copytree(data_dir(), folder)
    shutil.copy(FIXTURES / "every-kind.toml", folder / "worksheets" / "every-kind.toml")
    monkeypatch.setenv("KIT_CONTENT_DIR", str(folder))
    return folder
