"""The write-ahead log is copied into the database by the background thread, not inside a
user's commit (SqliteStore.settle; benchmarks/README.md, "extend() and the checkpoint").

Observed from outside, in a second process: while the writing process is still alive and
holds its connections, the database file itself grows by the series it committed. A commit
alone would leave them in the ``-wal`` file (it checkpoints only past 16 MiB of log).
"""

from __future__ import annotations

import os
import time

import pytest

from tests.conftest import spawn_python

# The background thread's round is held off (its lock taken) while the user's commit runs
# and the file is measured, so what the commit itself did is seen apart from the settling.
WRITER = """
import os, sys
import neptune_sys_widgets as n
from neptune_sys_widgets.objects.background import BACKGROUND
run = n.init_run(project="w/settle", store={store!r}, mode={mode!r})
with BACKGROUND._busy:
    run["loss"].extend([1.0 / (i + 1) for i in range({points})], steps=list(range({points})))
    run.wait()
    print("committed", os.path.getsize({store!r}), flush=True)
sys.stdin.readline()  # alive, connections open, until the test is done
run.stop()
"""


def _grown_to(path: str, size: int, timeout: float = 20.0) -> int:
    """Poll the file's size until it reaches ``size`` (the writer works meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        now = os.path.getsize(path)
        if now >= size or time.monotonic() > deadline:
            return now
        time.sleep(0.02)


@pytest.mark.parametrize("mode, points, settles", [
    ("async", 200_000, True), ("sync", 200_000, True), ("async", 20_000, False)])
def test_committed_series_reach_the_database_file_while_the_writer_runs(
        tmp_path, mode, points, settles):
    store = str(tmp_path / "s.db")
    child = spawn_python(WRITER.format(store=store, points=points, mode=mode), stdin=True)
    try:
        assert child.stdout is not None and child.stdin is not None
        said = child.stdout.readline().split()
        assert said[:1] == ["committed"], child.stderr.read() if child.stderr else ""
        series_bytes = points * 24  # step, value, time: 8 bytes each
        assert int(said[1]) < series_bytes  # the user's commit left them in the log
        if settles:  # ~4.8 MB: past the 1 MiB after which the background thread settles
            assert _grown_to(store, series_bytes) >= series_bytes
            assert os.path.exists(store + "-wal")  # not by a close: the writer still runs
        else:  # ~0.5 MB: below it, no checkpoint (each would sync the file)
            assert _grown_to(store, series_bytes, timeout=1.0) < series_bytes
        child.stdin.write("\n")
        child.stdin.flush()
        assert child.wait(timeout=60) == 0
    finally:
        if child.poll() is None:
            child.kill()
