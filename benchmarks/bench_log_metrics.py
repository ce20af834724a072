"""Metric logging in async mode (the default): call latency and ingestion rate.

- latency: ``run.log_metrics({"train/loss": v}, step=i)`` timed call by call with
  ``time.perf_counter`` over 100k calls; the median. The timer pair's own cost (median of an
  empty pair) is printed, not subtracted.
- rate: 100k points of one series, one ``log_metrics`` call per point, from the first call
  until ``run.wait()`` has returned (everything committed); a fresh run per repetition, the
  median of the repetitions. The script checks the stored point count.
Also shown, without targets: 10 series per call (a typical training step), and the 1.x
spelling ``run["x"].extend(values, steps=...)`` in 1,000-point batches.
Targets: latency <= 2 us; rate >= 500k points/s. Anchors: neptune 1.x 74 us / 11.4k/s per
call, W&B 216 us / 3.7k/s, neptune_scale 370 us / 2.4k/s.

    python benchmarks/bench_log_metrics.py [--points 100000] [--reps 5]
"""

from __future__ import annotations

import time

from _common import (
    LATENCY_ANCHORS_US,
    RATE_ANCHORS,
    median,
    parser,
    report,
    result,
    temp_store,
)

PROJECT = "bench/metrics"


def stored_points(run) -> int:
    rows = run._store.read("SELECT coalesce(sum(n), 0) FROM series_chunks WHERE object_pk = ?",
                           (run._pk,))
    return rows[0][0]


def latency(nsw, store: str, points: int) -> tuple[float, float]:
    run = nsw.Run(project=PROJECT, store=store)
    log = run.log_metrics
    clock = time.perf_counter
    times = [0.0] * points
    for i in range(points):
        data = {"train/loss": 1.0 / (i + 1)}
        t0 = clock()
        log(data, step=i)
        times[i] = clock() - t0
    run.wait()
    run.close()
    empty = []
    for _ in range(10_000):
        t0 = clock()
        empty.append(clock() - t0)
    return median(times), median(empty)


def rate_one_series(nsw, store: str, points: int) -> float:
    run = nsw.Run(project=PROJECT, store=store)
    log = run.log_metrics
    t0 = time.perf_counter()
    for i in range(points):
        log({"train/loss": 1.0 / (i + 1)}, step=i)
    run.wait()
    elapsed = time.perf_counter() - t0
    n = stored_points(run)
    run.close()
    if n != points:
        raise SystemExit(f"only {n} of {points} points were stored")
    return points / elapsed


def rate_ten_series(nsw, store: str, points: int) -> float:
    run = nsw.Run(project=PROJECT, store=store)
    keys = [f"train/metric_{k}" for k in range(10)]
    steps = points // 10
    t0 = time.perf_counter()
    for i in range(steps):
        v = 1.0 / (i + 1)
        run.log_metrics({k: v for k in keys}, step=i)
    run.wait()
    elapsed = time.perf_counter() - t0
    run.close()
    return steps * 10 / elapsed


def append_latency(nsw, store: str, points: int, value_of) -> float:
    """Median cost of one 1.x ``run["train/loss"].append(v)`` call (handle lookup included),
    per call over batches of 1,000 (a per-call timer pair would cost more than the call)."""
    run = nsw.init_run(project=PROJECT, store=store)
    values = [value_of(i) for i in range(1000)]
    clock = time.perf_counter
    per_call = []
    for _ in range(points // 1000):
        t0 = clock()
        for v in values:
            run["train/loss"].append(v)
        per_call.append((clock() - t0) / 1000)
    run.wait()
    run.stop()
    return median(per_call)


def rate_extend(nsw, store: str, points: int) -> float:
    """The batches are made before the clock starts: they are the script's own data (its
    losses and steps), and building 100k Python floats is ~10 ms of the script's, not ours."""
    run = nsw.init_run(project=PROJECT, store=store)
    handle = run["train/loss"]
    batches = []
    for start in range(0, points, 1000):
        steps = list(range(start, min(points, start + 1000)))
        batches.append(([1.0 / (s + 1) for s in steps], steps))
    t0 = time.perf_counter()
    for values, steps in batches:
        handle.extend(values, steps=steps)
    run.wait()
    elapsed = time.perf_counter() - t0
    run.stop()
    return points / elapsed


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--points", type=int, default=100_000)
    p.add_argument("--reps", type=int, default=5)
    a = p.parse_args()
    reps = 3 if a.quick else a.reps
    import neptune_sys_widgets as nsw

    tmp, store = temp_store()
    with tmp:
        nsw.Run(project=PROJECT, store=store).close()  # warm-up: project and schema exist
        lat, timer = latency(nsw, store, a.points)
        one = median(rate_one_series(nsw, store, a.points) for _ in range(reps))
        ten = median(rate_ten_series(nsw, store, a.points) for _ in range(reps))
        ext = median(rate_extend(nsw, store, a.points) for _ in range(reps))
        app = append_latency(nsw, store, a.points, lambda i: 1.0 / (i + 1))
        try:
            import numpy as np
            app_np = append_latency(nsw, store, a.points, lambda i: np.float32(1.0 / (i + 1)))
        except ImportError:
            app_np = float("nan")
        nsw.store.close_all()
    report([
        result("log_metrics call latency (async)", lat * 1e6, "us", target=2.0,
               anchors=LATENCY_ANCHORS_US,
               note=f"timer pair alone {timer * 1e9:.0f} ns (included)"),
        result("100k points, 1 series, 1 call/point, incl. wait()", one, "points/s",
               target=500_000, better="higher",
               anchors={k: RATE_ANCHORS[k] for k in ("neptune 1.x per call",
                                                     "MLflow per call", "W&B",
                                                     "neptune_scale")}),
        result("100k points, 10 series/call, incl. wait()", ten, "points/s", better="higher",
               anchors={"neptune_scale": RATE_ANCHORS["neptune_scale"]}, note="no target"),
        result("100k points, extend() in 1,000-point batches, incl. wait()", ext, "points/s",
               target=4_000_000, better="higher",
               anchors={k: RATE_ANCHORS[k] for k in ("neptune 1.x batched",
                                                     "MLflow batched")}),
        result('run["x"].append(float) call latency (1.x, async)', app * 1e6, "us",
               target=1.0, anchors={"neptune 1.x": 51.0}),
        result('run["x"].append(np.float32) call latency (1.x, async)', app_np * 1e6, "us",
               target=1.0, anchors={"neptune 1.x": 51.0}),
    ], a.json)


if __name__ == "__main__":
    main()
