"""Run creation: ``init_run(name=, tags=[3], description=, mode="sync")`` then ``stop()``.

In-process, one store in a temporary directory, timed per run with ``time.perf_counter``
after a warm-up (the project exists and the connection is open, as in any script after its
first run). Sync mode: when ``stop()`` returns, the run, its tags and its detachment are
committed (WAL, ``synchronous=NORMAL``: they survive the death of the process). The script
checks that through a separate connection after the timed loop.
Also shown, without a target: the neptune-scale spelling ``Run()`` + ``add_tags`` +
``log_configs({"sys/name": ..., "sys/description": ...})`` + ``close()``, also in sync mode.
Target: <= 1 ms. Anchors: neptune_scale 8.4 ms ... W&B 47 ms.

    python benchmarks/bench_create.py [--reps 500]
"""

from __future__ import annotations

import os
import sqlite3
import time

from _common import CREATE_ANCHORS_MS, median, parser, report, result, temp_store

TAGS = ["resnet", "lr-sweep", "baseline"]


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=500)
    a = p.parse_args()
    reps = 100 if a.quick else a.reps
    import neptune_sys_widgets as nsw

    # bench_create_ab.py --no-source: the create path without the source record
    extra = {"source_files": [], "git_ref": False} if os.environ.get("NSW_BENCH_NO_SOURCE") \
        else {}
    tmp, store = temp_store()
    with tmp:
        for i in range(10):  # warm-up
            nsw.init_run(project="bench/create", mode="sync", store=store, name=f"w{i}",
                         tags=TAGS, description="warm-up", **extra).stop()
        times = []
        for i in range(reps):
            t0 = time.perf_counter()
            run = nsw.init_run(project="bench/create", mode="sync", store=store,
                               name=f"run {i}", tags=TAGS, description="resnet50, lr 3e-4",
                               **extra)
            run.stop()
            times.append(time.perf_counter() - t0)

        scale = []
        for i in range(reps):
            t0 = time.perf_counter()
            run = nsw.Run(project="bench/create", mode="sync", store=store)
            run.add_tags(TAGS)
            run.log_configs({"sys/name": f"scale {i}", "sys/description": "resnet50"})
            run.close()
            scale.append(time.perf_counter() - t0)

        # Durability check through another connection (not timed).
        conn = sqlite3.connect(store)
        n = conn.execute("SELECT count(*) FROM objects o WHERE kind = 'run' AND name LIKE "
                         "'run %' AND (SELECT count(*) FROM string_sets s WHERE "
                         "s.object_pk = o.pk AND s.path = 'sys/tags') = 3 AND NOT EXISTS "
                         "(SELECT 1 FROM attachments a WHERE a.object_pk = o.pk)").fetchone()[0]
        conn.close()
        nsw.store.close_all()
    check = "all committed and detached" if n == reps else f"ONLY {n} of {reps} committed"
    report([
        result("create + name + 3 tags + description + close (sync)", median(times) * 1e3,
               "ms", target=1.0, anchors=CREATE_ANCHORS_MS,
               note=f"{reps} runs; another connection sees them: {check}"),
        result("neptune-scale style Run + add_tags + log_configs + close (sync)",
               median(scale) * 1e3, "ms", anchors=CREATE_ANCHORS_MS,
               note="four commits (create, tags, configs, close); no target"),
    ], a.json)


if __name__ == "__main__":
    main()
