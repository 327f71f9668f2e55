"""The browser the tests and benchmarks drive, and the tools pinned in the Makefile."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

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
        raise RuntimeError(f"npm is needed to install {package} (apt-get install npm)")
    NODE_PREFIX.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--prefix", str(NODE_PREFIX), "--no-audit", "--no-fund",
         f"{package}@{version}"],
        check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    return folder


@contextlib.asynccontextmanager
async def chromium():
    """Headless Chromium for an asyncio run (the benchmarks), closed afterwards."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield browser
        finally:
            await browser.close()
