"""Ctrl-C in the middle of a write (tests/README: real conditions). Python raises a signal
that arrives while SQLite works as soon as the call returns: after ``BEGIN IMMEDIATE``
got the store's write lock, the transaction it opened must be rolled back (left open, it
held the lock for every process: the script hung at exit and every other writer with
it); after ``COMMIT`` stored the batch, the batch must not be kept for a retry (it was
stored twice). Each case runs in a process of its own; the signals are real."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import run_python, spawn_python

QUIET = "capture_stdout=False, capture_stderr=False, capture_hardware_metrics=False"
# First line of every script: a pytest started in the background (`nohup ... &`) hands
# its children SIGINT ignored, and Python then installs no KeyboardInterrupt handler
CTRL_C = "import signal; signal.signal(signal.SIGINT, signal.default_int_handler)"

# The signal is sent while BEGIN IMMEDIATE waits for the lock another process holds; it
# is raised when BEGIN returns with the lock, 1 s later.
INTERRUPTED_WHILE_WAITING_FOR_THE_LOCK = f"""
    {CTRL_C}
    import signal, sqlite3, sys, threading
    import neptune_sys_widgets as nsw
    run = nsw.init_run(project="ws/int", custom_run_id="lock", mode="sync", {QUIET})
    run["before"] = 1
    print("ready", flush=True)
    assert sys.stdin.readline().strip() == "locked"
    threading.Timer(0.3, signal.raise_signal, (signal.SIGINT,)).start()
    try:
        run["during"] = 2
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    run["status"] = "interrupted"
    run.stop()
    print("stopped", flush=True)
"""

HOLD_THE_LOCK = """
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    print("locked", flush=True)
    time.sleep(1.0)
    conn.execute("ROLLBACK")
"""


@pytest.mark.slow
def test_ctrl_c_while_waiting_for_the_write_lock_leaves_no_transaction_open(store_path):
    script = spawn_python(INTERRUPTED_WHILE_WAITING_FOR_THE_LOCK, stdin=True)
    assert script.stdout.readline().strip() == "ready"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(HOLD_THE_LOCK),
                               store_path], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    script.stdin.write("locked\n")
    script.stdin.flush()
    out, err = script.communicate(timeout=60)
    holder.wait(timeout=30)
    assert script.returncode == 0, err
    assert out.split() == ["interrupted", "stopped"], err
    run = nsw.init_run(with_id="INT-1", mode="read-only")
    assert run["status"].fetch() == "interrupted"
    assert run["sys/state"].fetch() == "Inactive"
    other = nsw.init_run(project="ws/int", mode="sync", source_files=[], git_ref=False)
    other["x"] = 1  # the store takes writes: no lock was left behind
    other.stop()


# Where CPython raises a SIGINT that came while COMMIT ran: as soon as the call returns,
# the batch stored. (A real signal cannot be aimed at that instant: SQLite's callbacks
# run Python code, which raises it inside them, where SQLite swallows it.) The store's
# connection class raises there instead, once.
INTERRUPTED_DURING_COMMIT = f"""
    {CTRL_C}
    import threading
    import neptune_sys_widgets as nsw
    from neptune_sys_widgets.store import sqlite as backend
    run = nsw.init_run(project="ws/int", custom_run_id="commit", mode="async", {QUIET})
    for i in range(5):
        run["loss"].append(float(i), step=i)
    run.wait()
    execute, armed = backend._StoreConnection.execute, [True]

    def interrupted_after_commit(conn, sql, *args):
        cursor = execute(conn, sql, *args)
        if sql == "COMMIT" and armed[0] and threading.current_thread() is \\
                threading.main_thread():  # (signals are raised in the main thread)
            armed[0] = False
            raise KeyboardInterrupt
        return cursor

    backend._StoreConnection.execute = interrupted_after_commit
    try:
        run["loss"].append(5.0, step=5)
        run["counter"] = 10
        run.wait()  # the batch is committed here, by this thread
    except KeyboardInterrupt:
        print("interrupted", flush=True)
    backend._StoreConnection.execute = execute
    run["loss"].append(6.0, step=6)
    run.stop()
    print("stopped", flush=True)
"""


@pytest.mark.slow
def test_ctrl_c_at_the_end_of_a_commit_stores_the_batch_once(store_path):
    out = run_python(INTERRUPTED_DURING_COMMIT).stdout.split()
    assert out == ["interrupted", "stopped"]
    run = nsw.init_run(with_id="INT-1", mode="read-only")
    values = run["loss"].fetch_values()
    assert values["step"].tolist() == [0, 1, 2, 3, 4, 5, 6]
    assert values["value"].tolist() == [0, 1, 2, 3, 4, 5, 6]
    assert run["counter"].fetch() == 10


# One Ctrl-C at a random moment of a sync-mode loop while another process writes to the
# same store (the case a user meets): the script handles it, stores its status and ends.
TRAINING_LOOP = f"""
    {CTRL_C}
    import neptune_sys_widgets as nsw
    run = nsw.init_run(project="ws/int", custom_run_id="loop", mode="sync", {QUIET})
    print("ready", flush=True)
    i = 0
    try:
        while True:
            run["loss"].append(float(i), step=i)
            i += 1
    except KeyboardInterrupt:
        pass
    run["status"] = "interrupted"
    run.stop()
    print("stopped", flush=True)
"""

OTHER_WRITER = f"""
    import time
    import neptune_sys_widgets as nsw
    run = nsw.init_run(project="ws/int", custom_run_id="other", mode="sync", {QUIET})
    end = time.monotonic() + 3
    while time.monotonic() < end:
        run["sys/tags"].add(str(time.monotonic()))
    run.stop()
    print("done", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.2, 0.5, 0.9])
def test_one_ctrl_c_in_a_loop_beside_another_writer(store_path, delay):
    other = spawn_python(OTHER_WRITER)
    script = spawn_python(TRAINING_LOOP)
    assert script.stdout.readline().strip() == "ready"
    time.sleep(delay)  # any moment of the loop: the outcome must not depend on which
    script.send_signal(signal.SIGINT)
    out, err = script.communicate(timeout=60)
    assert script.returncode == 0 and out.split() == ["stopped"], err
    assert other.communicate(timeout=60)[0].split() == ["done"]
    table = nsw.init_project("ws/int", mode="read-only").fetch_runs_table().to_pandas()
    loop = table[table["sys/custom_run_id"] == "loop"].iloc[0]
    assert loop["status"] == "interrupted" and loop["sys/state"] == "Inactive"
