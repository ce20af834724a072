"""Live chart updates in a real kernel (ipykernel through jupyter_client): a point logged by
another process reaches the browser as the buckets of that run alone, not every run's."""

from __future__ import annotations

import json

from tests.conftest import run_python, spawn_python

RUNS = 20
LOG = f"""
    import neptune_sys_widgets as n
    ids = []
    for r in range({RUNS}):
        run = n.Run(project="ws/live", run_id=f"r{{r}}")
        for i in range(2000):
            run.log_metrics({{"loss": 1.0 / (i + 1 + r)}}, step=i)
        ids.append(run["sys/id"].fetch())
        run.close()
    print(" ".join(ids))
"""
APPEND = """
    import neptune_sys_widgets as n
    import os
    r = n.init_run(project="ws/live", with_id=os.environ["LIVE_RUN"])
    r.log_metrics({"loss": 42.0}, step=5000)
    r.wait()
    r.stop()
"""


def _bytes(msg) -> int:
    return len(json.dumps(msg["content"]["data"]))


def test_a_new_point_sends_only_that_runs_buckets(store_path, kernel):
    ids = run_python(LOG, timeout=180).stdout.split()
    r = kernel.execute("from neptune_sys_widgets.widgets.chart import chart\n"
                       f"w = chart({ids!r}, 'loss')\nw")
    comm_id = r.comm_open(model_name="AnyModel")["content"]["comm_id"]
    full = len(json.dumps(r.comm_open(model_name="AnyModel")["content"]["data"]["state"]["data"]))
    mark = kernel.mark()
    child = spawn_python(APPEND, LIVE_RUN=ids[3])
    assert child.wait(timeout=60) == 0
    got = kernel.wait_for_comm_msg(comm_id, method="custom", since=mark, timeout=30,
                                   where=lambda d: d["content"].get("type") == "series")
    update = got["content"]["data"]["content"]
    assert [s["run"] for s in update["series"]] == [ids[3]]
    assert update["series"][0]["points"] == 2001 and update["metric"] == "loss"
    kernel.drain(quiet=0.5)
    sent = [m for m in kernel.messages_since(mark) if m["msg_type"] == "comm_msg"
            and m["content"]["comm_id"] == comm_id]
    assert not any("data" in (m["content"]["data"].get("state") or {}) for m in sent)
    total = sum(_bytes(m) for m in sent)
    assert total * 10 < full, (total, full)  # one run's ~43 KB, not twenty runs'
    # a view opened later gets the run's new buckets with the rest
    again = kernel.execute("w.data['series'][3]['points'], w.data['version'] == w.version")
    assert again.result_text == "(2001, True)"
