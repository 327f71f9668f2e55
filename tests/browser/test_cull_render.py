"""A page that takes longer than --cull-idle to appear still appears (issue 17), and its
kernel is still culled once the page is left alone.

The slow page's kernel takes START_DELAY seconds to start (a kernel spec that sleeps
before it runs ipykernel), as a kernel does on a busy machine: until it answers, the
kernel runs no cell, so jupyter_server's culler sees no activity. Without
kit.app.kernels it culls the kernel two seconds in and the page never finishes.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support.servers import KitServer

CULL_IDLE = 2  # the least kit serve accepts; the culler then looks every second
START_DELAY = 8
BUTTON = "Rendered at last"


def _notebook(kernel: str, source: str) -> dict:
    cell = {"cell_type": "code", "execution_count": None, "id": "c0", "metadata": {},
            "outputs": [], "source": source}  # fmt: skip
    spec = {"display_name": kernel, "language": "python", "name": kernel}
    return {"cells": [cell], "metadata": {"kernelspec": spec}, "nbformat": 4,
            "nbformat_minor": 5}  # fmt: skip


@pytest.fixture(scope="module")
def slow_server(
    tmp_path_factory: pytest.TempPathFactory, chromium_path: Path
) -> Iterator[KitServer]:
    """kit serve --cull-idle 2 over two pages: one whose kernel is slow to start, one not."""
    folder = tmp_path_factory.mktemp("cull-render")
    start = f"import time; time.sleep({START_DELAY}); from ipykernel.kernelapp import " \
            "launch_new_instance; launch_new_instance()"  # fmt: skip
    spec = folder / "share" / "kernels" / "slow-start" / "kernel.json"
    spec.parent.mkdir(parents=True)
    spec.write_text(json.dumps({
        "argv": [sys.executable, "-c", start, "-f", "{connection_file}"],
        "display_name": "slow-start", "language": "python",
    }))  # fmt: skip
    notebooks = folder / "notebooks"
    notebooks.mkdir()
    widget = f"import ipywidgets\nipywidgets.Button(description={BUTTON!r})"
    (notebooks / "slow.ipynb").write_text(json.dumps(_notebook("slow-start", widget)))
    (notebooks / "quick.ipynb").write_text(json.dumps(_notebook("python3", widget)))
    jupyter_path = os.pathsep.join(p for p in (str(folder / "share"), os.environ.get(
        "JUPYTER_PATH", "")) if p)  # fmt: skip
    running = KitServer(
        folder / "data", folder / "server.log",
        "--notebooks", str(notebooks), "--preheat", "none", "--cull-idle", str(CULL_IDLE),
        env={"JUPYTER_PATH": jupyter_path},
    )  # fmt: skip
    with running:
        yield running


def _log_since(server: KitServer, mark: int) -> str:
    return server.log_path.read_text()[mark:]


def _culling(server: KitServer, mark: int) -> list[str]:
    """The kernels culled since ``mark``: jupyter_server's warning, one line each."""
    return re.findall(r"Culling '.*", _log_since(server, mark))


def _started_kernel(server: KitServer, mark: int) -> str:
    """The one kernel started since ``mark``."""
    started = re.findall(r"Kernel started: (\S+)", _log_since(server, mark))
    assert len(started) == 1, started
    return started[0]


def test_a_page_slower_than_the_cull_time_still_appears(page: Page, slow_server: KitServer):
    """The kernel starts in 8 s, the cull time is 2 s: the page appears whole, and its
    kernel is not culled on the way."""
    mark = len(slow_server.log_path.read_text())
    began = time.monotonic()
    page.goto(slow_server.page("slow.ipynb"), wait_until="commit")
    button = page.get_by_role("button", name=BUTTON)
    while not button.is_visible() and time.monotonic() - began < 60:
        assert not _culling(slow_server, mark), "culled mid-render"
        time.sleep(0.25)
    took = time.monotonic() - began
    expect(button).to_be_visible(timeout=1)
    assert took > START_DELAY > CULL_IDLE, f"the page took only {took:.1f}s"
    _started_kernel(slow_server, mark)
    assert not _culling(slow_server, mark)
    page.close()


def test_a_page_left_alone_is_still_culled(page: Page, slow_server: KitServer):
    """Once its page is there, a kernel is culled as ever: not while the page is open, and
    within seconds of its closing."""
    mark = len(slow_server.log_path.read_text())
    page.goto(slow_server.page("quick.ipynb"))
    expect(page.get_by_role("button", name=BUTTON)).to_be_visible()
    kernel_id = _started_kernel(slow_server, mark)

    def culled() -> list[str]:  # this kernel's (the slow page's may be culled meanwhile)
        return [line for line in _culling(slow_server, mark) if kernel_id in line]

    time.sleep(CULL_IDLE + 2)
    assert not culled(), "culled with its page open"
    page.close()
    deadline = time.monotonic() + 30
    while not culled() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert culled(), slow_server.log()
    deadline = time.monotonic() + 15
    while f"Kernel shutdown: {kernel_id}" not in _log_since(slow_server, mark):
        assert time.monotonic() < deadline, slow_server.log()
        time.sleep(0.5)
