"""The SQLite change signal woken by inotify (store/sqlite_notify.py), with the 40 ms poll
as fallback. Counts, not timings: an idle signal wakes a handful of times where the poll
would wake 25 times a second, and every commit of another process is seen."""

from __future__ import annotations

import sys
import threading

import pytest

import neptune_sys_widgets as nsw
from neptune_sys_widgets.store import open_store
from neptune_sys_widgets.store.sqlite_finders import PollingChangeSignal
from neptune_sys_widgets.store.sqlite_notify import FileChangeSignal
from tests.conftest import run_python, spawn_python

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="inotify is Linux's")


def _signal(store_path):
    nsw.init_run(project="ws/feed", mode="sync").stop()  # the file exists
    return open_store(store_path).change_signal()


@pytest.mark.slow
@linux
def test_idle_signal_sleeps_in_the_kernel(store_path):
    sig = _signal(store_path)
    try:
        assert isinstance(sig, FileChangeSignal)
        changed = [sig.wait(0.5) for _ in range(3)]  # ~1.5 s of nothing happening
        assert changed == [False, False, False]
        assert sig.wakeups <= 4  # the 40 ms poll would have woken ~38 times
    finally:
        sig.close()


@linux
def test_every_commit_of_another_process_is_seen(store_path):
    sig = _signal(store_path)
    try:
        child = spawn_python(f"""
            import sys, neptune_sys_widgets as n
            r = n.init_run(project="ws/feed", mode="sync", store={store_path!r})
            for i in range(20):
                sys.stdin.readline()
                r["sys/tags"].add(f"t{{i}}")
                print(i, flush=True)
            r.stop()
        """, stdin=True)
        try:
            for i in range(20):
                child.stdin.write("\n")
                child.stdin.flush()
                assert child.stdout.readline().strip() == str(i)
                # the commit is seen by the signal, at the latest on its safety poll
                assert any(sig.wait(0.5) for _ in range(4)), f"commit {i} not seen"
        finally:
            child.stdin.close()
            child.wait(timeout=30)
    finally:
        sig.close()


@linux
def test_close_wakes_a_waiting_thread(store_path):
    sig = _signal(store_path)
    out = []
    t = threading.Thread(target=lambda: out.append(sig.wait(30)))
    t.start()
    sig.close()
    t.join(timeout=10)
    assert not t.is_alive() and out == [False]


def test_poll_fallback_on_request_and_for_memory_stores(store_path, monkeypatch):
    monkeypatch.setenv("NEPTUNE_SYS_FEED", "poll")
    sig = _signal(store_path)
    try:
        assert isinstance(sig, PollingChangeSignal)
        run_python(f"""
            import neptune_sys_widgets as n
            n.init_run(project="ws/feed", mode="sync", store={store_path!r}).stop()
        """)
        assert any(sig.wait(0.5) for _ in range(4))
    finally:
        sig.close()
    monkeypatch.delenv("NEPTUNE_SYS_FEED")
    run = nsw.init_run(project="ws/feed", mode="debug")
    mem = run._store.change_signal()
    try:
        assert isinstance(mem, PollingChangeSignal)
    finally:
        mem.close()
        run.stop()


@pytest.mark.slow
def test_cards_follow_another_process_with_the_file_signal(store_path):
    run = nsw.init_run(project="ws/feed")
    sid = run["sys/id"].fetch()
    seen = []
    run.sys.observe(lambda ch: seen.append(set(ch["new"])), names="tags")
    for i in range(5):
        run_python(f"""
            import neptune_sys_widgets as n
            n.init_run(with_id={sid!r}, mode="sync", store={store_path!r})["sys/tags"].add("p{i}")
        """)
    from tests.store.test_multiprocess import wait_for
    wait_for(lambda: seen and seen[-1] >= {f"p{i}" for i in range(5)}, timeout=30)
    run.stop()
