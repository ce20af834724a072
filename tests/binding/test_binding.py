"""``run.sys`` as traitlets: two-way, live across processes, thread-safe."""

from __future__ import annotations

import os
import signal
import threading
from datetime import datetime

import pytest
import traitlets

import neptune_sys_widgets as nsw
from neptune_sys_widgets import catalog, feed
from neptune_sys_widgets.exceptions import (
    InvalidValueError,
    ReadOnlyAttributeError,
    ReadOnlyModeError,
)
from tests.conftest import run_python, spawn_python
from tests.store.test_multiprocess import wait_for


class Recorder:
    """Thread-safe log of trait changes."""

    def __init__(self, ns, names=traitlets.All):
        self.changes: list[tuple[str, object]] = []
        self._lock = threading.Lock()
        ns.observe(self, names=names)

    def __call__(self, change):
        with self._lock:
            self.changes.append((change["name"], change["new"]))

    def values(self, name):
        with self._lock:
            return [v for n, v in self.changes if n == name]


def test_traits_are_generated_from_the_catalog(store_path):
    run = nsw.init_run(project="ws/bind")
    for kind, obj in (("run", run), ("model", nsw.init_model(key="M", project="ws/bind")),
                      ("model_version", nsw.init_model_version(model="BIND-M",
                                                               project="ws/bind"))):
        names = set(obj.sys.trait_names())
        assert names == {f.trait for f in catalog.fields_for(kind)}
    assert isinstance(run.sys.creation_time, datetime) and run.sys.creation_time.tzinfo
    assert run.sys.state == "active" and run.sys.experiment_is_head is False
    assert "experiment_is_head" in run.sys.trait_names()  # sys/experiment/is_head


def test_assign_editable_traits_writes_store(store_path):
    run = nsw.init_run(project="ws/bind", tags=["a"])
    run.sys.name = "renamed"
    run.sys.tags = ["b", "c"]          # a list replaces the set
    run.sys.failed = True
    out = run_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id="{run.sys.id}", mode="read-only")
        print(r["sys/name"].fetch(), sorted(r["sys/tags"].fetch()), r["sys/failed"].fetch())
    """).stdout.split()
    assert out == ["renamed", "['b',", "'c']", "True"]


def test_invalid_assignment_leaves_trait_and_store(store_path):
    run = nsw.init_run(project="ws/bind", tags=["a"], mode="sync")
    before = run.fetch()["sys"]
    with pytest.raises(InvalidValueError, match="sys/tags"):
        run.sys.tags = {"ok", ""}
    with pytest.raises(InvalidValueError, match="16384"):
        run.sys.name = "x" * 20000
    with pytest.raises(ReadOnlyAttributeError, match="sys/id"):
        run.sys.id = "FAKE-1"
    with pytest.raises(ReadOnlyAttributeError, match="sys/state"):
        run.sys.state = "inactive"
    assert run.sys.tags == {"a"} and run.sys.id == before["id"] and run.sys.state == "active"
    after = run.fetch()["sys"]
    for key in ("tags", "name", "id", "description", "failed"):
        assert after[key] == before[key]


def test_stage_goes_through_change_stage(store_path):
    nsw.init_model(key="M", project="ws/bind")
    mv = nsw.init_model_version(model="BIND-M", project="ws/bind")
    mv.sys.stage = "staging"
    assert mv["sys/stage"].fetch() == "staging"
    with pytest.raises(ValueError, match="none, staging, production, archived"):
        mv.sys.stage = "Production"
    assert mv.sys.stage == "staging"


@pytest.mark.slow
def test_read_only_handle_observes_but_cannot_write(store_path):
    run = nsw.init_run(project="ws/bind")
    watcher = nsw.init_run(with_id=run.sys.id, mode="read-only")
    with pytest.raises(ReadOnlyModeError):
        watcher.sys.name = "nope"
    rec = Recorder(watcher.sys, "tags")
    run["sys/tags"].add("seen")
    run.wait()
    wait_for(lambda: {"seen"} in rec.values("tags"), timeout=30)


CHILD = """
    import time, neptune_sys_widgets as n
    r = n.init_run(project="ws/bind", mode="sync")
    print(r["sys/id"].fetch(), flush=True)
    cmd = input()
    if cmd == "tag":
        r["sys/tags"].add("from-child")
    elif cmd == "rename":
        r["sys/name"] = "child-name"
    elif cmd == "exit":
        r.stop()
        raise SystemExit(0)
    time.sleep(600)
"""


def test_other_process_changes_stage(store_path):
    nsw.init_model(key="M", project="ws/bind")
    nsw.init_model_version(model="BIND-M", project="ws/bind").stop()
    obj = nsw.init_model_version(with_id="BIND-M-1", project="ws/bind", mode="read-only")
    rec = Recorder(obj.sys, "stage")
    run_python("""
        import neptune_sys_widgets as n
        n.init_model_version(with_id="BIND-M-1", project="ws/bind").change_stage("production")
    """)
    wait_for(lambda: "production" in rec.values("stage"), timeout=30)


@pytest.mark.slow
@pytest.mark.parametrize("action", ["tag", "rename", "exit", "kill"])
def test_other_process_changes_reach_observer(store_path, monkeypatch, action):
    if action == "kill":  # a short liveness timeout keeps this test quick
        monkeypatch.setenv("NEPTUNE_SYS_LIVENESS_TIMEOUT", "2")
    child = spawn_python(CHILD, stdin=True)
    try:
        rid = child.stdout.readline().strip()
        obj = nsw.init_run(with_id=rid, project="ws/bind", mode="read-only")
        rec = Recorder(obj.sys)
        assert obj.sys.state == "active"
        if action == "kill":
            os.kill(child.pid, signal.SIGKILL)
        else:
            child.stdin.write(action + "\n")
            child.stdin.flush()
        name, value = {"tag": ("tags", {"from-child"}), "rename": ("name", "child-name"),
                       "exit": ("state", "inactive"), "kill": ("state", "inactive")}[action]
        wait_for(lambda: value in rec.values(name), timeout=60)
    finally:
        child.kill()
        child.wait()


def test_fifty_bindings_share_one_watcher_thread(store_path):
    runs = [nsw.init_run(project="ws/bind", mode="sync") for _ in range(50)]
    namespaces = [r.sys for r in runs]
    feeds = [t for t in threading.enumerate() if t.name.startswith("neptune-sys-feed")]
    assert len(feeds) == 1
    assert len(namespaces) == 50


def test_garbage_collected_binding_is_dropped(store_path):
    import gc
    run = nsw.init_run(project="ws/bind", mode="sync")
    from neptune_sys_widgets.binding import bind
    ns = bind(run)
    w = feed.watcher_for(run._store)
    assert w._targets()
    del ns
    gc.collect()
    assert not w._targets()


def test_stop_watching_stops_the_thread(store_path):
    run = nsw.init_run(project="ws/bind", mode="sync")
    run.sys  # noqa: B018 - starts the watcher
    assert any(t.name.startswith("neptune-sys-feed") for t in threading.enumerate())
    feed.stop_watching()
    assert not any(t.name.startswith("neptune-sys-feed") and t.is_alive()
                   for t in threading.enumerate())


def test_edit_racing_external_changes_loses_nothing(store_path):
    """Front-end style edits from threads race a second process adding tags: the trait ends
    equal to the store, and every edit and every external tag is in both."""
    run = nsw.init_run(project="ws/bind", mode="sync")
    rid = run.sys.id
    ns = run.sys
    child = spawn_python(f"""
        import neptune_sys_widgets as n
        r = n.init_run(with_id="{rid}", project="ws/bind", mode="sync")
        for k in range(100):
            r["sys/tags"].add(f"ext-{{k}}")
        r.stop()
    """)

    def editor(me):
        for k in range(50):
            ns.edit_set("tags", "add", [f"fe{me}-{k}"])
            if k % 10 == 0:
                ns.name = f"name-{me}-{k}"
    threads = [threading.Thread(target=editor, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    expected = {f"ext-{k}" for k in range(100)} | {f"fe{i}-{k}" for i in range(2)
                                                    for k in range(50)}
    assert run["sys/tags"].fetch() == expected
    wait_for(lambda: ns.tags == expected, timeout=30)
    assert ns.name == run["sys/name"].fetch()


@pytest.mark.slow
def test_ping_updates_do_not_flood(store_path, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_HEARTBEAT_INTERVAL", "0.3")
    child = spawn_python("""
        import time, neptune_sys_widgets as n
        r = n.init_run(project="ws/bind")
        print(r["sys/id"].fetch(), flush=True)
        time.sleep(600)
    """, NEPTUNE_SYS_HEARTBEAT_INTERVAL="0.3")
    try:
        rid = child.stdout.readline().strip()
        obj = nsw.init_run(with_id=rid, project="ws/bind", mode="read-only")
        batches = []
        obj.sys._batch_hooks.append(lambda: _count(batches))
        pings = Recorder(obj.sys, "ping_time")
        wait_for(lambda: len(set(pings.values("ping_time"))) >= 5, timeout=60)
        # one trait change of ping_time per heartbeat, and one batch per change
        assert len(pings.values("ping_time")) == len(set(pings.values("ping_time")))
        assert len(batches) <= len(pings.values("ping_time")) + 1
    finally:
        child.kill()
        child.wait()


def _count(batches):
    from contextlib import nullcontext
    batches.append(1)
    return nullcontext()
