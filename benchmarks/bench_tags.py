"""Tag edits in sync mode: ``run["sys/tags"].add(tag)``, durable when the call returns.

In-process, 50 open runs in sync mode (a realistic tag count per run: each ends with ~20
tags), one tag per call, timed with ``time.perf_counter``; the median. Each call is one
``BEGIN IMMEDIATE`` ... ``COMMIT`` (set insert, revision, modification/ping time, size).
Afterwards another connection checks every tag is there.
Also shown, without targets: ``remove`` and the neptune-scale ``add_tags([...])``.
Target: <= 0.5 ms. The issue gives no anchor for tag edits.

    python benchmarks/bench_tags.py [--reps 1000]
"""

from __future__ import annotations

import sqlite3
import time

from _common import median, parser, report, result, temp_store


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=1000)
    a = p.parse_args()
    reps = 200 if a.quick else a.reps
    import neptune_sys_widgets as nsw

    tmp, store = temp_store()
    with tmp:
        runs = [nsw.init_run(project="bench/tags", mode="sync", store=store,
                             tags=["resnet", "baseline"]) for _ in range(50)]
        for r in runs:  # warm-up
            r["sys/tags"].add("warm")
        add, remove, scale = [], [], []
        for i in range(reps):
            handle = runs[i % len(runs)]["sys/tags"]
            t0 = time.perf_counter()
            handle.add(f"tag-{i}")
            add.append(time.perf_counter() - t0)
        for i in range(reps):
            handle = runs[i % len(runs)]["sys/tags"]
            t0 = time.perf_counter()
            handle.remove(f"tag-{i}")
            remove.append(time.perf_counter() - t0)
        for i in range(reps):
            run = runs[i % len(runs)]
            t0 = time.perf_counter()
            run.add_tags([f"scale-{i}"])
            scale.append(time.perf_counter() - t0)

        conn = sqlite3.connect(store)  # another connection sees every committed tag
        n = conn.execute("SELECT count(*) FROM string_sets WHERE path = 'sys/tags' AND "
                         "value LIKE 'scale-%'").fetchone()[0]
        conn.close()
        for r in runs:
            r.stop()
        nsw.store.close_all()
    check = "all visible" if n == reps else f"ONLY {n} of {reps} visible"
    report([
        result('run["sys/tags"].add(tag) (sync)', median(add) * 1e3, "ms", target=0.5,
               note=f"{reps} calls; from another connection: {check}"),
        result('run["sys/tags"].remove(tag) (sync)', median(remove) * 1e3, "ms",
               note="no target"),
        result("run.add_tags([tag]) (sync)", median(scale) * 1e3, "ms", note="no target"),
    ], a.json)


if __name__ == "__main__":
    main()
