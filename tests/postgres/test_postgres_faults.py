"""PostgreSQL-only behaviour: the push feed, server restarts and dropped connections, clock
skew, many writers. Each test gets a fresh database on the session's throwaway server
(tests/harness/pg.py); the restart tests restart that server."""

from __future__ import annotations

import threading
import time

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.exceptions import StoreError
from tests.conftest import run_python, spawn_python
from tests.store.test_multiprocess import wait_for


def _store():
    from neptune_sys_widgets.store import open_store
    return open_store()


def _stored(run_id: str) -> tuple[int, set[str]]:
    """(points of series m, tags) as a fresh process reads them."""
    out = run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={run_id!r}, mode="read-only")
        print(len(r["m"].fetch_values()), sorted(r["sys/tags"].fetch()))
    """).stdout.split(" ", 1)
    return int(out[0]), set(eval(out[1]))


def _ping(run_id: str) -> int:
    rec = _store().sys_rows([_store().find_by_id(run_id)[0]])[0]
    return rec["ping_time"]


def test_async_run_keeps_its_data_through_a_server_restart(pg_store, pg_server, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_HEARTBEAT_INTERVAL", "0.3")
    run = nsw.init_run(project="ws/faults")
    rid = run["sys/id"].fetch()
    for i in range(100):
        run["m"].append(float(i), step=i)
    run.wait()
    pg_server.stop()
    t0 = time.perf_counter()
    for i in range(100, 200):
        run["m"].append(float(i), step=i)  # accepted at once while the server is down
    run["sys/tags"].add("during-outage")
    assert time.perf_counter() - t0 < 0.5
    time.sleep(1.0)  # the background thread fails, keeps the batch, backs off
    with pytest.raises(StoreError) as ei:
        run.wait()
    msg = str(ei.value)
    assert f"127.0.0.1:{pg_server.port}" in msg and pg_server.password not in msg
    assert "kept in memory and retried" in msg
    pg_server.start()
    wait_for(lambda: _flushed(run), timeout=30)
    assert _stored(rid) == (200, {"during-outage"})
    # the heartbeat thread survived: pings move again, and the run is still active
    p = _ping(rid)
    wait_for(lambda: _ping(rid) > p, timeout=10)
    assert run["sys/state"].fetch() == "Active"
    run.stop()


def _flushed(run) -> bool:
    try:
        run.wait()
        return True
    except StoreError:
        return False


def test_sync_mode_raises_a_store_error_naming_the_server(pg_store, pg_server):
    run = nsw.init_run(project="ws/faults", mode="sync")
    run["sys/tags"].add("before")
    pg_server.stop()
    try:
        with pytest.raises(StoreError) as ei:
            run["sys/tags"].add("while-down")
        msg = str(ei.value)
        assert f"127.0.0.1:{pg_server.port}" in msg and "\n" not in msg
        assert pg_server.password not in msg
    finally:
        pg_server.start()
    run["sys/tags"].add("after")  # the store reconnects by itself
    assert run["sys/tags"].fetch() == {"before", "after"}
    run.stop()


def test_a_connection_the_server_ended_while_idle_is_replaced_and_nothing_doubles(
        pg_store, pg_server, caplog):
    """pg_terminate_backend on every session of this process between two calls: the next
    sync calls succeed on new connections, each applied exactly once (the run counter
    moves by one per run made, a tag set holds what was added)."""
    db = pg_store.rsplit("/", 1)[1]
    others = ("FROM pg_stat_activity WHERE datname = current_database() AND "
              "pid <> pg_backend_pid()")
    first = nsw.init_run(project="ws/faults", mode="sync", tags=["a"])
    rid = first["sys/id"].fetch()
    assert rid.endswith("-1")
    for i in range(3):
        pids = [r[0] for r in pg_server.psql(f"SELECT pid {others}", db)]
        assert pids
        pg_server.psql(f"SELECT pg_terminate_backend(pid) {others}", db)
        # the sessions have ended (their sockets are closed) once their backends are gone
        wait_for(lambda p=pids: not pg_server.psql(
            f"SELECT 1 FROM pg_stat_activity WHERE pid = ANY(ARRAY{p})", db), timeout=30,
            interval=0.02)
        first["sys/tags"].add(f"t{i}")
    second = nsw.init_run(project="ws/faults", mode="sync")
    assert second["sys/id"].fetch().endswith("-2")
    assert first["sys/tags"].fetch() == {"a", "t0", "t1", "t2"}
    second.stop()
    first.stop()
    assert _store().sys_rows([_store().find_by_id(rid)[0]])[0]["state"] == "inactive"
    # replaced before use: no statement was sent to a dead session (psycopg logs one)
    assert not [r for r in caplog.records if r.name.startswith("psycopg")]


def _tag_from_child(rid: str, tag: str) -> None:
    run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id={rid!r}, mode="sync")
        r["sys/tags"].add({tag!r})
        r.stop()
    """)


def test_push_feed_delivers_without_polling_data(pg_store):
    owner = nsw.init_run(project="ws/feed", mode="sync")
    rid = owner["sys/id"].fetch()
    owner.stop()  # inactive: nothing pings it, nothing writes
    obj = nsw.init_run(with_id=rid, mode="read-only")
    got = threading.Event()
    obj.sys.observe(lambda ch: got.set() if "pushed" in ch["new"] else None, names="tags")
    store = _store()
    time.sleep(0.6)  # the watcher is up and has done its first liveness pass
    calls = []
    real = store.read
    store.read = lambda *a, **k: (calls.append(a[0]), real(*a, **k))[1]
    try:
        time.sleep(1.5)
        assert calls == []  # idle: the watcher waits on LISTEN, it reads nothing
        t0 = time.perf_counter()
        _tag_from_child(rid, "pushed")
        assert got.wait(10)
        print(f"child exit -> trait: {(time.perf_counter() - t0) * 1000:.0f} ms")
    finally:
        store.read = real
    listener = store.listener
    assert listener is not None and listener.notifications >= 1


def test_listener_reconnects_after_terminate_backend_and_catches_up(pg_store, pg_server):
    owner = nsw.init_run(project="ws/feed", mode="sync")
    rid = owner["sys/id"].fetch()
    owner.stop()
    obj = nsw.init_run(with_id=rid, mode="read-only")
    seen = []
    obj.sys.observe(lambda ch: seen.append(set(ch["new"])), names="tags")
    store = _store()
    wait_for(lambda: store.listener is not None and store.listener.connected, timeout=10)
    listener = store.listener
    pid = listener.kill_connection_for_tests()
    db = pg_store.rsplit("/", 1)[1]
    # the listener's connection dies; a change lands while it is away (or just after)
    pg_server.psql(f"SELECT pg_terminate_backend({pid})", db)
    _tag_from_child(rid, "missed-while-away")
    wait_for(lambda: any("missed-while-away" in s for s in seen), timeout=20)
    wait_for(lambda: listener.connected and listener.reconnects >= 1, timeout=10)
    _tag_from_child(rid, "after-reconnect")
    wait_for(lambda: any("after-reconnect" in s for s in seen), timeout=20)


def test_watcher_survives_a_server_restart(pg_store, pg_server):
    owner = nsw.init_run(project="ws/feed", mode="sync")
    rid = owner["sys/id"].fetch()
    owner.stop()
    obj = nsw.init_run(with_id=rid, mode="read-only")
    seen = []
    obj.sys.observe(lambda ch: seen.append(set(ch["new"])), names="tags")
    time.sleep(0.5)
    pg_server.restart()
    _tag_from_child(rid, "after-restart")
    wait_for(lambda: any("after-restart" in s for s in seen), timeout=30)
    from neptune_sys_widgets import feed
    assert all(w.running for w in feed.watchers())


def test_skewed_client_clock_still_sees_correct_liveness(pg_store):
    """A writer whose clock is an hour behind and a reader whose clock is an hour ahead
    agree with the server: the run is active while it pings, its ping time is the server's,
    and it turns inactive after the liveness timeout, not at once nor never."""
    import textwrap
    skew = "import time\n_real = time.time\ntime.time = lambda: _real() + {offset}\n"
    d = textwrap.dedent
    child = spawn_python(skew.format(offset=-3600) + d("""
    import neptune_sys_widgets as n, sys
    r = n.init_run(project="ws/clock", mode="sync")
    print(r["sys/id"].fetch(), flush=True)
    sys.stdin.readline()
    """), stdin=True, NEPTUNE_SYS_HEARTBEAT_INTERVAL="0.5")
    try:
        rid = child.stdout.readline().strip()
        assert rid, child.stderr.read()
        out = run_python(skew.format(offset=3600) + d(f"""
        import neptune_sys_widgets as n, time
        r = n.init_run(with_id={rid!r}, mode="read-only")
        ping = r["sys/ping_time"].fetch().timestamp()
        print(r["sys/state"].fetch(), round(abs(ping - (time.time() - 3600))))
        """)).stdout.split()
        assert out[0] == "Active" and int(out[1]) < 30, out
    finally:
        child.kill()
        child.wait()
    out = run_python(skew.format(offset=3600) + d(f"""
        import neptune_sys_widgets as n, time
        r = n.init_run(with_id={rid!r}, mode="read-only")
        a = r["sys/state"].fetch()
        time.sleep(3.5)
        print(a, r["sys/state"].fetch())
    """), NEPTUNE_SYS_LIVENESS_TIMEOUT="2").stdout.split()
    assert out == ["Active", "Inactive"] or out == ["Inactive", "Inactive"], out


SIXTEEN = """
    import sys, neptune_sys_widgets as n
    ids = []
    shared = n.init_run(with_id=sys.argv[1], mode="sync")
    for i in range(8):
        r = n.init_run(project="ws/many", mode="sync")
        ids.append(r["sys/id"].fetch())
        shared["sys/tags"].add(f"w{w}-{{i}}")
        r.stop()
    shared["sys/tags"].remove("w{w}-0")
    shared.stop()
    print(" ".join(ids))
"""


def test_sixteen_writers_one_database(pg_store):
    import subprocess
    import sys
    import textwrap

    from tests.conftest import child_env
    base = nsw.init_run(project="ws/many", mode="sync")
    rid = base["sys/id"].fetch()
    procs = [subprocess.Popen([sys.executable, "-c",
                               textwrap.dedent(SIXTEEN.format(w=w)), rid],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=child_env()) for w in range(16)]
    ids = []
    for p in procs:
        out, err = p.communicate(timeout=240)
        assert p.returncode == 0, err
        ids += out.split()
    assert len(ids) == 128 and len(set(ids)) == 128
    numbers = sorted(int(i.rsplit("-", 1)[1]) for i in ids)
    assert numbers == list(range(2, 130))  # gap-free after the base run (1)
    tags = base["sys/tags"].fetch()
    assert tags == {f"w{w}-{i}" for w in range(16) for i in range(1, 8)}
    base.stop()


def test_a_card_says_the_store_is_unreachable_and_recovers(pg_store, pg_server):
    from neptune_sys_widgets.widgets import widget_for
    run = nsw.init_run(project="ws/faults", mode="sync", name="watched")
    rid = run["sys/id"].fetch()
    run.stop()
    card = widget_for(nsw.init_run(with_id=rid, mode="read-only"))
    assert card.store_problem == ""
    pg_server.stop()
    try:
        wait_for(lambda: card.store_problem != "", timeout=30)
        assert f"127.0.0.1:{pg_server.port}" in card.store_problem
        assert pg_server.password not in card.store_problem
        assert card.name == "watched"  # the last values stay, the banner says they may be old
    finally:
        pg_server.start()
    wait_for(lambda: card.store_problem == "", timeout=30)
    # and it is live again: a change made now reaches the card
    nsw.init_run(with_id=rid, mode="sync")["sys/name"] = "renamed"
    wait_for(lambda: card.name == "renamed", timeout=30)
    card.close()
