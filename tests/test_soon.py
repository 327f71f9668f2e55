"""Work put off until a page is on the screen (kit.widgets.soon): kept while the app builds
a page, done afterwards in order, each piece on its own, and done at once elsewhere."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

from kit.widgets.soon import after, putting_off, run_soon, soon


def in_a_thread_of_its_own(test: Callable[..., Any]) -> Callable[..., Any]:
    """Run the test in a new thread, where no event loop runs: in the whole suite the main
    thread may have one running (Playwright's sync API keeps one), which would change what
    is being tested."""

    def run(*args: Any, **kwargs: Any) -> None:
        failed: list[BaseException] = []

        def body() -> None:
            try:
                test(*args, **kwargs)
            except BaseException as error:
                failed.append(error)

        thread = threading.Thread(target=body)
        thread.start()
        thread.join(30)
        assert not thread.is_alive(), "the test did not end within 30 s"
        if failed:
            raise failed[0]

    run.__name__, run.__doc__ = test.__name__, test.__doc__
    return run


@in_a_thread_of_its_own
def test_outside_the_app_work_is_done_at_once() -> None:
    done: list[str] = []
    soon(lambda: done.append("chart"))
    assert done == ["chart"]


@in_a_thread_of_its_own
def test_while_a_page_is_built_work_waits_and_then_runs_in_order() -> None:
    done: list[str] = []
    with putting_off() as later:
        soon(lambda: done.append("first"))
        soon(lambda: done.append("second"))
        assert done == []
    soon(lambda: done.append("after the page"))  # outside: at once
    assert done == ["after the page"]
    run_soon(later)  # no running loop here: at once
    assert done == ["after the page", "first", "second"]


@in_a_thread_of_its_own
def test_on_the_kernels_loop_each_piece_is_a_turn_of_its_own_and_one_failure_stops_none() -> None:
    done: list[str] = []

    def broken() -> None:
        raise RuntimeError("a chart that cannot be drawn")

    async def visit() -> None:
        with putting_off() as later:
            soon(lambda: done.append("first"))
            soon(broken)
            soon(lambda: done.append("third"))
        run_soon(later)
        assert done == [], "nothing runs before the handler returns"
        after(0.01, lambda: done.append("behind"))
        await asyncio.sleep(0.05)

    asyncio.run(visit())
    assert done == ["first", "third", "behind"]


def test_work_ahead_waits_while_the_machine_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Is work done ahead held back while the machine's CPU is busy, and done once it is
    quiet (or at once where the machine cannot be read)?"""
    in_a_thread_of_its_own(_work_ahead_waits)(monkeypatch)


def _work_ahead_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Is work done ahead held back while the machine's CPU is busy, and done once it is
    quiet (or at once where the machine cannot be read)?"""
    from kit.widgets import soon as module

    monkeypatch.setattr(module, "LOOK_EVERY", 0.01)
    # (all, idle) ticks: busy for two looks (90 of 100 ticks in use), then quiet.
    readings = iter([(0, 0), (100, 10), (200, 20), (300, 110), (400, 200)])
    monkeypatch.setattr(module, "_cpu_times", lambda: next(readings))
    done: list[float] = []

    async def visit() -> None:
        module.when_quiet(lambda: done.append(1))
        for _ in range(3):
            await asyncio.sleep(0.011)
            assert done == [] or len(done) == 1
        await asyncio.sleep(0.1)

    asyncio.run(visit())
    assert done == [1]
    assert next(readings) == (400, 200), "done at the first quiet look, not before or after"

    monkeypatch.setattr(module, "_cpu_times", lambda: None)
    module.when_quiet(lambda: done.append(2))
    assert done == [1, 2]
