"""Shared fixtures: a real journal file in a temporary folder, test content, and one
headless Chromium for the whole session (Playwright allows one sync session at a time;
tests/browser and tests/hub both use it)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import kit
from kit.content import data_dir

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
NODE_PREFIX = REPO / ".cache" / "node"
CHROMIUM = Path(os.environ.get("KIT_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


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


def makefile_pin(name: str) -> str:
    """A version pinned in the Makefile (``NAME := 1.2.3``), so tests and `make` agree."""
    return re.search(rf"^{name} := (\S+)$", (REPO / "Makefile").read_text(), re.M)[1]


def npm_package(package: str, version: str) -> Path:
    """``package`` at exactly ``version``, from the npm registry into .cache/node the first
    time (and again whenever the pin changes). Returns its folder in node_modules."""
    folder = NODE_PREFIX / "node_modules" / package
    manifest = folder / "package.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("version") == version:
        return folder
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(f"npm is needed to install {package} (apt-get install npm)")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
         f"{package}@{version}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return folder


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
