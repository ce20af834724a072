"""A process that forks (multiprocessing's default on Linux, PyTorch's data loaders) with a
store open: the child must not use the connections it inherited. SQLite keeps its file
locks in process memory that fork copies while the kernel's locks stay with the parent,
so a child writing through them held no lock at all: once the parent closed its last
connection it checkpointed and deleted the log the child was still writing to, and the
child's later commits were lost without an error. Each script runs in a process of its
own, so the outcome does not depend on the threads of the pytest process."""

from __future__ import annotations

import pytest

import neptune_sys_widgets as nsw
from tests.conftest import run_python

FORK_CHILD_OUTLIVES_PARENT_CONNECTIONS = """
    import multiprocessing as mp
    import neptune_sys_widgets as nsw
    from neptune_sys_widgets import store

    def child(created, closed):
        run = nsw.init_run(project="ws/fork", tags=["child"])
        created.set()
        assert closed.wait(60)
        run["late"] = 1  # written after the parent let go of every connection
        run["sys/tags"].add("late")
        run.stop()

    main = nsw.init_run(project="ws/fork", tags=["main"])
    main["early"] = 1
    main.stop()
    ctx = mp.get_context("fork")
    created, closed = ctx.Event(), ctx.Event()
    p = ctx.Process(target=child, args=(created, closed))
    p.start()
    assert created.wait(60)
    store.close_all()
    closed.set()
    p.join(60)
    print(p.exitcode)
"""


@pytest.mark.slow
def test_a_forked_child_keeps_writing_after_the_parent_closes_the_store(store_path):
    out = run_python(FORK_CHILD_OUTLIVES_PARENT_CONNECTIONS).stdout.split()
    assert out[-1] == "0"
    table = nsw.init_project("ws/fork", mode="read-only").fetch_runs_table().to_pandas()
    tags = table["sys/tags"].map(lambda t: set(t.split(",")))  # 1.x tables join them
    child = table[tags.map(lambda t: "child" in t)]
    assert len(child) == 1
    assert tags[child.index[0]] == {"child", "late"}
    assert child["late"].iloc[0] == 1


FORKED_CHILD_EXITS_NORMALLY = """
    import os, sys
    import neptune_sys_widgets as nsw

    run = nsw.init_run(project="ws/fork", tags=["parent"])
    pid = os.fork()
    if pid == 0:  # a child that ends through the interpreter's exit, running atexit
        sys.exit(0)
    os.waitpid(pid, 0)
    print(run["sys/state"].fetch(), run["sys/id"].fetch())
    run["after"] = 2
    run.stop()
"""


@pytest.mark.slow
def test_a_forked_child_exiting_does_not_stop_the_parents_run(store_path):
    state, rid = run_python(FORKED_CHILD_EXITS_NORMALLY).stdout.split()[-2:]
    assert state.lower() == "active"
    run = nsw.init_run(with_id=rid, mode="read-only")
    assert run["after"].fetch() == 2
    assert run["sys/state"].fetch().lower() == "inactive"


CHILD_WITHOUT_STOP = """
    import multiprocessing as mp
    import neptune_sys_widgets as nsw

    def child(k):  # returns without stop(): multiprocessing then ends it with os._exit
        run = nsw.init_run(project="ws/fork", custom_run_id=f"child-{k}",
                           capture_hardware_metrics=False)
        run["k"] = k
        run["loss"].extend([0.5, 0.25], steps=[1, 2])

    ctx = mp.get_context("fork")
    for k in range(2):
        p = ctx.Process(target=child, args=(k,))
        p.start()
        p.join(60)
        print(p.exitcode)
"""


@pytest.mark.slow
def test_a_multiprocessing_child_that_never_stops_its_run_keeps_its_data(store_path):
    assert run_python(CHILD_WITHOUT_STOP).stdout.split() == ["0", "0"]
    table = nsw.init_project("ws/fork", mode="read-only").fetch_runs_table().to_pandas()
    assert sorted(table["k"].tolist()) == [0, 1]
    assert set(table["sys/state"]) == {"Inactive"}  # stopped at the child's end, not stale
    for rid in table["sys/id"]:
        run = nsw.init_run(with_id=rid, mode="read-only")
        assert run["loss"].fetch_values()["value"].tolist() == [0.5, 0.25]
