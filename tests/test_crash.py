"""Nothing reported saved is ever lost: a writer process is killed with SIGKILL at random
moments while it saves, hundreds of times over; every save it had reported done is there
afterwards, and SQLite's integrity check says ok."""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import time
from contextlib import closing
from pathlib import Path

import kit
from kit.journal import DB_NAME

TRIALS = 300


def _writer(folder: Path, out: int, trial: int) -> None:
    """In the child: save, and report each save only once save() has returned."""
    try:
        with kit.open_journal(folder) as journal:
            n = 0
            while True:
                record = journal.save("future", {"where": f"trial {trial} save {n}"})
                os.write(out, f"{record.id}\n".encode())
                n += 1
    finally:
        os._exit(0)


def test_saves_reported_done_survive_sigkill(tmp_path: Path) -> None:
    rng = random.Random(20261129)  # noqa: S311 (when to kill, not a secret)
    reported: set[int] = set()
    kills = 0
    for trial in range(TRIALS):
        read, write = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover (the child)
            os.close(read)
            _writer(tmp_path, write, trial)
        os.close(write)
        deadline = time.monotonic() + rng.uniform(0.0, 0.08)
        buffer = b""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read], [], [], max(0.0, deadline - time.monotonic()))
            if ready:
                chunk = os.read(read, 65536)
                if not chunk:
                    break
                buffer += chunk
        os.kill(child, signal.SIGKILL)
        _, status = os.waitpid(child, 0)
        # A writer that stopped on its own (an error, say) before the kill tested nothing.
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            kills += 1
        while chunk := os.read(read, 65536):  # what was reported before the kill
            buffer += chunk
        os.close(read)
        reported |= {int(line) for line in buffer.split()}
    assert kills == TRIALS, f"{TRIALS - kills} writers ended before they were killed"
    assert len(reported) > TRIALS, "the writers got some saves done"
    with kit.open_journal(tmp_path) as journal:
        kept = {r.id for r in journal.history("future")}
    missing = reported - kept
    assert not missing, f"{len(missing)} saves reported done are gone"
    with closing(sqlite3.connect(tmp_path / DB_NAME)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
