"""Live charts in a real kernel (ipykernel through jupyter_client, no browser):

(a) bytes per live update: a chart of 20 runs (20,000 points each, 1,000 buckets a run);
    another process appends one point to one run at a time; the bytes of every comm
    message the chart's comm sends for that update (JSON of the message data). Before
    (``--kernel-code`` pointing at a checkout without the change) the whole ``data`` trait
    went again; now only the run that grew.
(b) the notebook stays responsive while a chart updates at 10 Hz: round trips of a trivial
    cell (``execute_request`` -> ``idle``, seen from the client, one every 100 ms) while
    another process appends a point every 100 ms to the charted runs; beside it the same
    with no appends.
(c) kernel idle CPU with 20 open charts (one run each, nothing appended): ``os.times`` of
    the kernel over 10 s, all its threads. Target <= 1 % of a core.

    python benchmarks/bench_chart_live.py [--reps 50] [--kernel-code DIR] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
for p in (str(REPO), str(HERE)):
    if p not in sys.path:
        sys.path.insert(0, p)

from bench_browser import percentile  # noqa: E402

RUNS = 20
LOG = """
    import neptune_sys_widgets as n
    ids = []
    for r in range({runs}):
        run = n.Run(project="bench/live", run_id=f"r{{r}}")
        for i in range(20_000):
            run.log_metrics({{"loss": 1.0 / (i + 1 + r)}}, step=i)
        ids.append(run["sys/id"].fetch())
        run.close()
    print(" ".join(ids))
"""
APPENDER = """
    import os, sys, time, neptune_sys_widgets as n
    ids = os.environ["LIVE_RUNS"].split()
    runs = [n.init_run(with_id=i, mode="sync") for i in ids]
    step, period = int(os.environ["LIVE_STEP"]), float(os.environ["LIVE_PERIOD"])
    print("ready", flush=True)
    for line in sys.stdin:
        count = int(line)
        t = time.monotonic()
        for k in range(count):
            runs[k % len(runs)]["loss"].append(0.5, step=step)
            step += 1
            t += period
            time.sleep(max(0.0, t - time.monotonic()))
        print("done", flush=True)
"""


def child(code: str, env: dict[str, str], **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            env={**env, **extra})


def ask(proc: subprocess.Popen, count: int) -> None:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(f"{count}\n")
    proc.stdin.flush()
    assert proc.stdout.readline().strip() == "done"


def comm_bytes(k, comm_id: str, since: int) -> list[int]:
    return [len(json.dumps(m["content"]["data"])) for m in k.messages_since(since)
            if m["msg_type"] == "comm_msg" and m["content"]["comm_id"] == comm_id]


def bytes_per_update(k, env: dict[str, str], ids: list[str], reps: int) -> list[int]:
    r = k.execute("from neptune_sys_widgets.widgets.chart import chart\n"
                  f"w = chart({ids!r}, 'loss')\nw")
    comm_id = r.comm_open(model_name="AnyModel")["content"]["comm_id"]
    app = child(APPENDER, env, LIVE_RUNS=ids[0], LIVE_PERIOD="0",
                LIVE_STEP="20000")
    assert app.stdout is not None and app.stdout.readline().strip() == "ready"
    out = []
    try:
        for _ in range(reps):
            mark = k.mark()
            ask(app, 1)
            k.wait_for(lambda m: m["msg_type"] == "comm_msg"
                       and m["content"]["comm_id"] == comm_id, since=mark, timeout=30)
            k.drain(quiet=0.3)
            out.append(sum(comm_bytes(k, comm_id, mark)))
    finally:
        app.kill()
    k.execute("w.close()")
    return out


def cell_round_trips(k, reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        t = time.perf_counter()
        k.execute("1 + 1")
        out.append((time.perf_counter() - t) * 1000)
        time.sleep(0.1)  # spread over the updates, as typing is
    return out


def responsiveness(k, env: dict[str, str], ids: list[str], reps: int) -> dict:
    quiet = cell_round_trips(k, reps)
    k.execute(f"from neptune_sys_widgets.widgets.chart import chart\nw = chart({ids!r}, 'loss')\nw")
    app = child(APPENDER, env, LIVE_RUNS=" ".join(ids), LIVE_PERIOD="0.1",
                LIVE_STEP="20100")
    assert app.stdout is not None and app.stdout.readline().strip() == "ready"
    assert app.stdin is not None
    app.stdin.write(f"{reps * 10 + 50}\n")  # keeps appending for longer than the cells
    app.stdin.flush()
    try:
        time.sleep(1.0)
        busy = cell_round_trips(k, reps)
        versions = k.execute("w.version").result_text
    finally:
        app.kill()
    k.execute("w.close()")
    return {"quiet_ms": quiet, "busy_ms": busy, "chart_versions": versions}


def idle_cpu(k, ids: list[str]) -> float:
    k.execute("from neptune_sys_widgets.widgets.chart import chart\n"
              f"ws = [chart(i, 'loss') for i in {ids!r}]\n"
              "from IPython.display import display\nfor w in ws: display(w)")
    time.sleep(2.0)
    got = k.execute("import os, time\nt = os.times()\ntime.sleep(10)\nu = os.times()\n"
                    "(u.user + u.system - t.user - t.system) / 10", timeout=60)
    k.execute("for w in ws: w.close()")
    return float(got.result_text or "nan") * 100


def main() -> None:
    from tests.harness.kernel import Kernel
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=50)
    ap.add_argument("--kernel-code", help="import neptune_sys_widgets from here in the "
                    "kernel and the appender (a checkout to compare with)")
    ap.add_argument("--json")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="nsw-bench-live-") as root:
        env = {**os.environ, "NEPTUNE_SYS_STORE": str(Path(root) / "neptune.db"),
               "PYTHONPATH": a.kernel_code or str(REPO)}
        done = subprocess.run([sys.executable, "-c", textwrap.dedent(LOG.format(runs=RUNS))],
                              env=env, capture_output=True, text=True, check=True)
        ids = done.stdout.split()
        k = Kernel(cwd=root, env=env)
        k.env["PYTHONPATH"] = env["PYTHONPATH"]
        with k:
            out = {"update_bytes": bytes_per_update(k, env, ids, max(5, a.reps // 5))}
            out.update(responsiveness(k, env, ids, a.reps))
            out["idle_cpu_pct"] = idle_cpu(k, ids)
    print(f"bytes per live update, 20-run chart, median / max: "
          f"{percentile(out['update_bytes'], 50):,.0f} / {max(out['update_bytes']):,}")
    for key, what in (("quiet_ms", "no appends"), ("busy_ms", "chart updating at 10 Hz")):
        print(f"cell round trip, {what}, p50 / p95 ms: {percentile(out[key], 50):.1f} / "
              f"{percentile(out[key], 95):.1f}")
    print(f"chart versions after the 10 Hz phase: {out['chart_versions']}")
    print(f"kernel idle CPU with 20 open charts, % of a core (<= 1): {out['idle_cpu_pct']:.2f}")
    if a.json:
        Path(a.json).write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
