"""Issue 9 #11-#16: exact datetimes, user paths under "sys…", timestamp range, the widget's
state guard, file modes, read-only requests and request de-duplication. Each test failed
before its fix."""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import time
from datetime import datetime, timedelta, timezone

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import InvalidValueError, ReadOnlyModeError
from tests.conftest import run_python, spawn_python


def test_ms_exact_datetimes_round_trip_exactly(store_path):
    rnd = random.Random(11)
    base = datetime(1970, 1, 1, tzinfo=timezone.utc)
    values = [base + timedelta(milliseconds=rnd.randrange(-10**13, 2 * 10**14))
              for _ in range(3000)]
    values += [datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=timezone.utc),
               datetime(1, 1, 1, tzinfo=timezone.utc), base - timedelta(milliseconds=1)]
    run = nsw.init_run(project="ws/dt")
    run.assign({"when": {str(i): v for i, v in enumerate(values)}})
    sid = run["sys/id"].fetch()
    run.stop()
    proc = run_python(f"""
        import json, neptune_sys_widgets as n
        r = n.init_run(with_id={sid!r}, mode="read-only")
        got = r.fetch()["when"]
        print(json.dumps({{k: v.isoformat() for k, v in got.items()}}))
    """)
    back = json.loads(proc.stdout)
    wrong = [(v, back[str(i)]) for i, v in enumerate(values) if back[str(i)] != v.isoformat()]
    assert not wrong, wrong[:5]


def test_a_user_path_starting_with_sys_can_be_deleted(store_path):
    run = nsw.init_run(project="ws/del")
    run["system/x"] = 1
    run["sysadmin"] = "a"
    del run["system/x"]
    del run["sysadmin"]
    with pytest.raises(InvalidValueError):
        del run["sys/tags"]
    run.wait()
    assert not run.exists("system/x") and not run.exists("sysadmin")


@pytest.mark.parametrize("ts", [float("nan"), float("inf"), -1.0, -1e9,
                                time.time() + 3 * 86400, time.time() * 1000,
                                datetime(2999, 1, 1, tzinfo=timezone.utc)])
def test_timestamps_out_of_range_are_refused(store_path, ts):
    run = nsw.init_run(project="ws/ts")
    run["m"].append(1.0, step=0)
    with pytest.raises(InvalidValueError, match="timestamp"):
        run["m"].append(2.0, step=1, timestamp=ts)
    with pytest.raises(InvalidValueError, match="timestamp"):
        run.log_metrics({"m": 2.0}, step=1, timestamp=ts)
    run.wait()
    assert list(run["m"].fetch_values()["step"]) == [0.0]
    rel = run["sys/relative_creation_time_ms"].fetch()
    assert rel is None or rel < 3_600_000


def test_a_timestamp_a_little_ahead_of_this_clock_is_accepted(store_path):
    """Another machine's clock may be ahead: minutes of skew are no error."""
    run = nsw.init_run(project="ws/ts")
    run.log_metrics({"m": 1.0}, step=0, timestamp=time.time() + 600)
    run.wait()
    assert len(run["m"].fetch_values()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("state", [5, None, "x", [1, 2]])
def test_set_state_with_a_non_dict_replies_instead_of_raising(store_path, state):
    from neptune_sys_widgets.widgets import widget_for
    run = nsw.init_run(project="ws/w", name="kept")
    w = widget_for(run)
    sent = []
    w.send = sent.append
    w.set_state(state)
    assert sent and sent[-1]["ok"] is False
    assert run["sys/name"].fetch() == "kept"


def test_a_new_store_and_its_folder_are_private(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    old = os.umask(0o022)
    try:
        path = tmp_path / "team" / "neptune.db"
        run = nsw.init_run(project="ws/perm", store=str(path))
        run["x"] = 1
        run.wait()
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in path.parent.iterdir()}
        assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
        assert modes["neptune.db"] == 0o600
        assert modes.get("neptune.db-wal", 0o600) == 0o600, modes
        run.stop()
    finally:
        os.umask(old)


def test_a_shared_store_keeps_the_mode_it_was_given(tmp_path):
    """README, "Sharing a store": widen the file's mode once; SQLite gives its -wal/-shm
    files the same mode."""
    path = tmp_path / "shared.db"
    nsw.init_run(project="ws/perm", store=str(path)).stop()
    from neptune_sys_widgets.store import close_all
    close_all()  # the last connection closed: the -wal file is gone
    os.chmod(path, 0o660)
    proc = run_python(f"""
        import os, stat, neptune_sys_widgets as n
        r = n.init_run(project="ws/perm", store={str(path)!r})
        r["x"] = 1
        r.wait()
        print(oct(stat.S_IMODE(os.stat({str(path) + "-wal"!r}).st_mode)))
        r.stop()
    """)
    assert proc.stdout.strip() == "0o660"


@pytest.mark.slow
def test_a_read_only_card_stops_a_run_without_writing_to_it(store_path):
    """Decision (issue 9 #16): read-only means no writes to the run's data; stop and abort
    are requests to the run's owner, so a card watching a training script may send them
    (the headline example does). Nothing else about the run changes by that card."""
    from neptune_sys_widgets.widgets import widget_for
    child = spawn_python("""
        import time, neptune_sys_widgets as n
        r = n.init_run(project="ws/ro")
        print(r["sys/id"].fetch(), flush=True)
        try:
            while True:
                r["loss"].append(0.5)
                time.sleep(0.02)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
    """)
    sid = child.stdout.readline().strip()
    ro = nsw.init_run(with_id=sid, mode="read-only")
    before = {k: v for k, v in ro.fetch()["sys"].items()
              if k in ("name", "tags", "description", "failed")}
    card = widget_for(ro)
    sent = []
    card.send = sent.append
    card._on_command(card, {"type": "command", "id": 1, "cmd": "stop"}, [])
    assert sent[-1]["ok"] is True, sent[-1]
    out, _ = child.communicate(timeout=60)
    assert "interrupted" in out
    after = nsw.init_run(with_id=sid, mode="read-only").fetch()["sys"]
    assert after["state"] == "Inactive"
    assert {k: after[k] for k in before} == before
    with pytest.raises(ReadOnlyModeError):
        ro["sys/tags"].add("nope")  # still read-only for data


def test_repeated_requests_do_not_pile_up(store_path):
    import signal
    child = spawn_python("""
        import sys, neptune_sys_widgets as n
        r = n.init_run(project="ws/pile")
        print(r["sys/id"].fetch(), flush=True)
        sys.stdin.readline()
    """, stdin=True)
    sid = child.stdout.readline().strip()
    os.kill(child.pid, signal.SIGSTOP)  # frozen: attached (for 20 s), taking no requests
    try:
        for _ in range(20):
            assert nsw.request_abort(sid) is True
            assert nsw.request_stop(sid) is True
        with sqlite3.connect(store_path) as db:
            kinds = sorted(r[0] for r in db.execute("SELECT kind FROM requests"))
    finally:
        os.kill(child.pid, signal.SIGCONT)
        child.kill()
        child.communicate(timeout=30)
    assert kinds == ["abort", "stop"]
