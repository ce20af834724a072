"""Many processes, one store (docs/DECISIONS.md #2, docs/SYS_FIELDS.md §4-§5): real subprocesses."""

from __future__ import annotations

import os
import signal
import time

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import run_python, spawn_python


def wait_for(cond, timeout: float = 60.0, interval: float = 0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = cond()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout} s")
        time.sleep(interval)


def read_sys(run_id: str) -> dict:
    run = nsw.init_run(with_id=run_id, mode="read-only")
    return run.fetch()["sys"]


@pytest.mark.slow
def test_eight_processes_create_unique_gap_free_ids(store_path):
    code = """
        import neptune_sys_widgets as n
        ids = []
        for _ in range(10):
            r = n.init_run(project="ws/par", mode="sync")
            ids.append(r["sys/id"].fetch())
            r.stop()
        print(" ".join(ids))
    """
    procs = [spawn_python(code) for _ in range(8)]
    ids = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        ids.extend(out.split())
    assert len(ids) == 80
    assert sorted(int(i.split("-")[1]) for i in ids) == list(range(1, 81))


def test_four_processes_edit_tags_without_lost_updates(store_path):
    run = nsw.init_run(project="ws/par", mode="sync", tags=["keep"])
    rid = run["sys/id"].fetch()
    code = f"""
        import os, neptune_sys_widgets as n
        me = os.environ["WORKER"]
        r = n.init_run(project="ws/par", with_id="{rid}", mode="sync")
        for k in range(40):
            r["sys/tags"].add([f"w{{me}}-{{k}}", f"tmp-{{me}}-{{k}}"])
            r["sys/tags"].remove(f"tmp-{{me}}-{{k}}")
        r.stop()
    """
    procs = [spawn_python(code, WORKER=str(i)) for i in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    expected = {"keep"} | {f"w{i}-{k}" for i in range(4) for k in range(40)}
    assert run["sys/tags"].fetch() == expected


@pytest.mark.slow
def test_sigkill_keeps_active_until_liveness_timeout(store_path):
    child = spawn_python("""
        import time, neptune_sys_widgets as n
        r = n.init_run(project="ws/live")
        print(r["sys/id"].fetch(), flush=True)
        while True:
            time.sleep(0.05)
    """)
    rid = child.stdout.readline().strip()
    assert read_sys(rid)["state"] == "Active"
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    last_ping = read_sys(rid)["ping_time"]
    assert read_sys(rid)["state"] == "Active"  # killed, but its last ping is recent
    flipped = wait_for(lambda: (s := read_sys(rid))["state"] == "Inactive" and s, timeout=60,
                       interval=0.2)
    # Turned inactive no earlier than 20 s after the last ping (the store's own clock).
    from datetime import datetime, timezone
    assert (datetime.now(timezone.utc) - last_ping).total_seconds() >= 20
    assert flipped["ping_time"] == last_ping


def test_clean_close_is_inactive_at_once(store_path):
    out = run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/live")
        print(r["sys/id"].fetch())
        r.stop()
    """).stdout.strip()
    assert read_sys(out)["state"] == "Inactive"


def test_exit_without_stop_detaches(store_path):
    out = run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/live")
        print(r["sys/id"].fetch())
    """).stdout.strip()
    assert read_sys(out)["state"] == "Inactive"


@pytest.mark.slow
def test_running_time_sums_sessions(store_path):
    code = """
        import os, time, neptune_sys_widgets as n
        rid = os.environ.get("RID")
        r = n.init_run(project="ws/live", with_id=rid) if rid else n.init_run(project="ws/live")
        time.sleep(1.0)
        print(r["sys/id"].fetch())
        r.stop()
    """
    rid = run_python(code).stdout.strip()
    first = read_sys(rid)["running_time"]
    time.sleep(1.5)  # a gap between sessions that must not count
    run_python(code, RID=rid)
    total = read_sys(rid)["running_time"]
    assert 1.0 <= first
    assert total >= first + 1.0
    created = read_sys(rid)["creation_time"]
    modified = read_sys(rid)["ping_time"]
    assert total < (modified - created).total_seconds() - 1.0  # the gap is not counted


def test_uncaught_exception_marks_failed_with_traceback(store_path):
    proc = run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/fail")
        print(r["sys/id"].fetch(), flush=True)
        raise ValueError("diverged at epoch 3")
    """, check=False)
    assert proc.returncode == 1 and "diverged" in proc.stderr  # the user still sees it
    rid = proc.stdout.strip()
    run = nsw.init_run(with_id=rid, mode="read-only")
    assert run["sys/failed"].fetch() is True
    assert run["sys/state"].fetch() == "Inactive"
    lines = run["monitoring/traceback"].fetch_values()["value"].tolist()
    assert lines[1] == "Marking run as failed"
    assert "ValueError: diverged at epoch 3" in lines


def test_exception_in_a_thread_marks_failed(store_path):
    rid = run_python("""
        import threading, neptune_sys_widgets as n
        r = n.init_run(project="ws/fail")
        t = threading.Thread(target=lambda: 1 / 0)
        t.start(); t.join()
        print(r["sys/id"].fetch())
    """).stdout.strip()
    assert read_sys(rid)["failed"] is True


@pytest.mark.parametrize("exit_call, failed", [("sys.exit()", False), ("sys.exit(0)", False),
                                               ("sys.exit(3)", True)])
def test_sys_exit_in_a_with_block_fails_the_run_only_with_a_non_zero_code(
        store_path, exit_call, failed):
    proc = run_python(f"""
        import sys, neptune_sys_widgets as n
        with n.init_run(project="ws/fail") as r:
            print(r["sys/id"].fetch(), flush=True)
            {exit_call}
    """, check=False)
    run = nsw.init_run(with_id=proc.stdout.strip(), mode="read-only")
    assert run["sys/failed"].fetch() is failed
    assert run["sys/state"].fetch() == "Inactive"


def test_caught_exception_and_fail_on_exception_false(store_path):
    rid = run_python("""
        import neptune_sys_widgets as n
        r = n.init_run(project="ws/fail", fail_on_exception=False)
        try:
            raise KeyError("handled")
        except KeyError:
            pass
        print(r["sys/id"].fetch(), flush=True)
        raise RuntimeError("logged only")
    """, check=False).stdout.strip()
    run = nsw.init_run(with_id=rid, mode="read-only")
    assert run["sys/failed"].fetch() is False
    assert "RuntimeError: logged only" in run["monitoring/traceback"].fetch_values()[
        "value"].tolist()


BUSY_LOOP = """
    import signal, time, neptune_sys_widgets as n
    # explicit, not inherited from however pytest was started: a shell's `&` and nohup
    # launch with SIGINT ignored, a terminal with Python's handler
    signal.signal(signal.SIGINT, {sigint})
    r = n.init_run(project="ws/remote")
    print(r["sys/id"].fetch(), flush=True)
    i = 0
    try:
        while True:
            i += 1
            if {sleeps}:
                time.sleep(0.2)  # a loop that never logs, blocked in a call most of the time
            elif i % 100000 == 0:
                r.log_metrics({{"i": float(i)}}, step=i)
    except KeyboardInterrupt:
        print("interrupted", flush=True)
        raise
"""


@pytest.mark.slow
@pytest.mark.parametrize("sleeps", [False, True], ids=["logging", "sleeping"])
@pytest.mark.parametrize("sigint", ["signal.default_int_handler", "signal.SIG_IGN"],
                         ids=["sigint-handled", "sigint-ignored"])
@pytest.mark.parametrize("kind", ["abort", "stop"])
def test_remote_request_interrupts_busy_loop(store_path, kind, sigint, sleeps):
    child = spawn_python(BUSY_LOOP.format(sigint=sigint, sleeps=sleeps))
    rid = child.stdout.readline().strip()
    wait_for(lambda: read_sys(rid)["state"] == "Active")
    fn = nsw.request_abort if kind == "abort" else nsw.request_stop
    assert fn(rid) is True
    out, err = child.communicate(timeout=30)  # within one heartbeat; generous for CI
    assert "interrupted" in out, err
    assert child.returncode != 0 and "Interrupt" in err, err  # KeyboardInterrupt or its
    assert "InactiveRunException" not in err  # subclass RemoteInterrupt, raised exactly once
    sys_ = read_sys(rid)
    assert sys_["state"] == "Inactive"
    assert sys_["failed"] is (kind == "abort")
    run = nsw.init_run(with_id=rid, mode="read-only")
    if kind == "stop":  # a stop is no failure: nothing to explain
        assert not run.exists("monitoring/traceback")
    else:  # an abort says why the run failed (issue 24 #5)
        lines = list(run["monitoring/traceback"].fetch_values()["value"])
        assert "received an abort request" in lines[0], lines


def test_request_on_inactive_run_is_refused(store_path):
    run = nsw.init_run(project="ws/remote")
    rid = run["sys/id"].fetch()
    run.stop()
    assert nsw.request_stop(rid) is False
    # a later session must not receive the stale request
    again = nsw.init_run(with_id=rid)
    assert again["sys/state"].fetch() == "Active"
    again.stop()


SAME_RUN_WRITER = """
    import sys
    from neptune_sys_widgets import Run
    errors = []
    run = Run(run_id="shared", project="ws/steps", enable_console_log_capture=False,
              on_error_callback=lambda e, ts: errors.append(type(e).__name__))
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "close":
            run.close()
            print(" ".join(errors) or "-", flush=True)
            break
        run.log_metrics({"loss": float(line)}, step=int(line))
        run.wait_for_processing()
        print("logged", flush=True)
"""


def test_two_processes_on_one_series_keep_its_steps_increasing(store_path):
    """Two processes attached to one run each judge steps against what they have seen; the
    store leaves out a point another process's steps overtook and it is reported, so the
    series' steps stay increasing and its last value is the one at its highest step."""
    a, b = spawn_python(SAME_RUN_WRITER, stdin=True), spawn_python(SAME_RUN_WRITER, stdin=True)
    for proc in (a, b):
        assert proc.stdout.readline().strip() == "ready"

    def say(proc, line):
        proc.stdin.write(line + "\n")
        proc.stdin.flush()
        return proc.stdout.readline().strip()

    for proc, step in ((a, "0"), (b, "1"), (a, "1000"), (b, "2")):
        assert say(proc, step) == "logged"
    assert say(a, "close") == "-"
    assert say(b, "close") == "NeptuneSeriesStepNonIncreasing"
    run = nsw.init_run(project="ws/steps", custom_run_id="shared", mode="read-only")
    assert run["loss"].fetch_values()["step"].tolist() == [0, 1, 1000]
    assert run["loss"].fetch_last() == 1000.0


STEADY_WRITER = """
    import time
    from neptune_sys_widgets import Run
    run = Run(run_id="w", project="ws/torn", enable_console_log_capture=False)
    print("ready", flush=True)
    step, end = 0, time.monotonic() + 6
    while time.monotonic() < end:  # a training loop: bursts of steps, then some work
        for _ in range(200):
            run.log_metrics({f"m{i}": float(step) for i in range(6)}, step=step)
            step += 1
        time.sleep(0.005)
    run.close()
"""

READER = """
    import neptune_sys_widgets.query.runs as runs
    names = [f"m{i}" for i in range(6)]
    torn = reads = 0
    while reads < 40:
        df = runs.fetch_metrics(project="ws/torn", runs=["w"], attributes=names)
        if len(df.columns) == 6 and len(df):
            reads += 1
            torn += int(df.isna().any().any())
    print(reads, torn)
"""


@pytest.mark.slow
def test_a_query_over_several_series_never_sees_half_a_batch(store_path):
    """One log_metrics call's series are all there or none for a reader in another process:
    a query reads them in one snapshot."""
    writer = spawn_python(STEADY_WRITER)
    assert writer.stdout.readline().strip() == "ready"
    reader = run_python(READER, timeout=240)
    writer.communicate(timeout=240)
    assert reader.stdout.split()[-2:] == ["40", "0"]
