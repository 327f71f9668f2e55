"""Work put off until a page is on the screen (kit.widgets.soon): kept while the app builds
a page, done afterwards in order, each piece on its own, and done at once elsewhere."""

from __future__ import annotations

import asyncio

from kit.widgets.soon import after, putting_off, run_soon, soon


def test_outside_the_app_work_is_done_at_once() -> None:
    done: list[str] = []
    soon(lambda: done.append("chart"))
    assert done == ["chart"]


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
