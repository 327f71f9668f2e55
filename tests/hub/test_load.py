"""The hub load test, short: three clients at once on a real hub (benchmarks/hubload.py with
N = 3, light clients only), each logging in, opening the app, unlocking their journal,
saving two check-ins, opening the trends page and leaving. Every step must succeed, and
every save must be in its own client's journal and in no other."""

from __future__ import annotations

import asyncio
import concurrent.futures
from collections.abc import Iterator

import pytest

from benchmarks.hubload import (
    Step,
    Visit,
    check_saves,
    locked_journal,
    marker,
    run_step,
    saves_found,
    step_names,
)
from support.hub import Hub, proxy_command

CLIENTS = 3
SAVES = 2
STEPS = ("login", "spawn", "render", "ws", "usable", "unlocked", "saved", "trends", "left")


@pytest.fixture(scope="module")
def load(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Hub, Step]]:
    folder = tmp_path_factory.mktemp("hubload")
    hub = Hub(folder / "hub", tuple(step_names(CLIENTS)))
    hub.state.mkdir()
    template = locked_journal(folder / "template")
    hub.start(proxy_command())
    try:
        # In a thread of its own: the session's Playwright may hold this one's event loop.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            step = pool.submit(
                asyncio.run, run_step(hub, CLIENTS, 0, SAVES, template, spread=0)
            ).result(timeout=600)
        yield hub, step
    finally:
        hub.stop()


def test_every_client_does_every_step(load: tuple[Hub, Step]) -> None:
    _, step = load
    assert step.failed == []
    assert len(step.visits) == CLIENTS
    for visit in step.visits:
        assert visit["ok"], visit
        assert set(STEPS) <= set(visit["times"]), visit["times"]
        assert visit["server_mb"], visit
        assert visit["kernel_mb"], visit


def test_kernels_talk_over_private_sockets(load: tuple[Hub, Step]) -> None:
    """Each page kernel reaches its server over Unix sockets in the server's own folder
    (kit.app.serve.page_settings), not over TCP ports that servers starting together can be
    handed twice."""
    _, step = load
    assert [(v["kernel_sockets"], v["sockets_private"]) for v in step.visits] == [
        ("ipc", True)
    ] * CLIENTS


def test_each_save_is_in_its_own_journal_and_no_other(load: tuple[Hub, Step]) -> None:
    hub, step = load
    assert step.save_problems == []
    assert step.saves_made == step.saves_found == CLIENTS * SAVES
    found = saves_found(hub, step_names(CLIENTS))
    for name in step_names(CLIENTS):
        assert sorted(found[name]) == [marker(name, k) for k in range(SAVES)]


def test_a_lost_or_stray_save_is_caught() -> None:
    """The check itself: a save missing from its journal, or found in another's, fails."""
    a, b = Visit("a", "light", saves=[marker("a", 0)]), Visit("b", "light", saves=[marker("b", 0)])
    assert check_saves([a, b], {"a": [marker("a", 0)], "b": [marker("b", 0)]}) == []
    lost = check_saves([a, b], {"a": [], "b": [marker("b", 0)]})
    assert any("saved but not found" in p for p in lost), lost
    stray = check_saves([a, b], {"a": [marker("a", 0), marker("b", 0)], "b": [marker("b", 0)]})
    assert any("a's journal holds b's save" in p for p in stray), stray
