"""Shared fixtures: a real journal file in a temporary folder, test content, and one
headless Chromium for the whole session (Playwright allows one sync session at a time;
tests/browser and tests/hub both use it)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import kit
from kit.content import data_dir
from support.tools import CHROMIUM, CHROMIUM_FLAGS

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


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium, or set KIT_CHROMIUM)"
        if os.environ.get("KIT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KIT_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_FLAGS, headless=True
        )
        yield launched
        launched.close()


@pytest.fixture
def shown_on_page(monkeypatch: pytest.MonkeyPatch) -> list:
    """What a page part displays, as a list (the visit piece, which draws nothing and is
    displayed once per kernel, left out)."""
    from kit.widgets.visit import Visit

    shown: list = []

    def display(*objs) -> None:
        shown.extend(o for o in objs if not isinstance(o, Visit))

    monkeypatch.setattr("IPython.display.display", display)
    return shown
