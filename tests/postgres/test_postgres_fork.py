"""A script on the team store that forks (multiprocessing's default on Linux): the child
must not talk through the parent's connections. They are sockets to the parent's
sessions: a child writing on one interleaves its messages with the parent's, and a child
closing one at exit ends the parent's session on the server."""

from __future__ import annotations

import neptune_sys_widgets as nsw
from tests.conftest import run_python

FORKING_SCRIPT = """
    import multiprocessing as mp
    import neptune_sys_widgets as nsw

    def child(k):
        run = nsw.init_run(project="ws/fork", tags=[f"child-{k}"], source_files=[],
                           git_ref=False, capture_hardware_metrics=False)
        run["k"] = k
        run.stop()

    main = nsw.init_run(project="ws/fork", tags=["main"], source_files=[], git_ref=False,
                        capture_hardware_metrics=False)
    main["before"] = 1
    main.wait()
    ctx = mp.get_context("fork")
    for k in range(3):
        p = ctx.Process(target=child, args=(k,))
        p.start()
        p.join(120)
        assert p.exitcode == 0, p.exitcode
        main["after"].append(k)  # the parent's session survived the child
        main.wait()
    rid = main["sys/id"].fetch()
    main.stop()
    print(rid)
"""


def test_forked_children_leave_the_parents_session_alone(pg_store):
    rid = run_python(FORKING_SCRIPT, timeout=240).stdout.split()[-1]
    main = nsw.init_run(with_id=rid, mode="read-only")
    assert main["after"].fetch_values()["value"].tolist() == [0, 1, 2]
    table = nsw.init_project("ws/fork", mode="read-only").fetch_runs_table().to_pandas()
    assert sorted(table["sys/tags"]) == ["child-0", "child-1", "child-2", "main"]
    assert sorted(table["k"].dropna().tolist()) == [0, 1, 2]
