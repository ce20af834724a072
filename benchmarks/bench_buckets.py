"""``fetch_metric_buckets``: 1,000 buckets of one 1,000,000-point float series, and of 20
series x 100,000 points (what a chart of one run, and of 20 runs overlaid, asks the store
for), plus the points per bucket fetch that the naive way (``fetch_metrics`` and pandas)
costs, side by side. Median of the repetitions; the series are logged once, with
``extend`` in 10,000-point batches, in sync mode. No target yet (issue 23 sets the chart's:
first paint <= 200 ms for 1M points, <= 400 ms for 20 x 100k).

    python benchmarks/bench_buckets.py [--reps 5]
"""

from __future__ import annotations

import time

from _common import median, parser, report, result, temp_store


def log(nsw, store: str, name: str, points: int) -> None:
    run = nsw.Run(project="bench/buckets", experiment_name=name, run_id=name, mode="sync",
                  store=store)
    batch = 10_000
    for start in range(0, points, batch):
        steps = list(range(start, min(start + batch, points)))
        run["loss"].extend([1.0 / (1 + s) for s in steps], steps=steps)
    run.close()


def timed(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return median(times)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=5)
    a = p.parse_args()
    reps = 2 if a.quick else a.reps
    import neptune_sys_widgets as nsw
    import neptune_sys_widgets.query as nq

    tmp, store = temp_store()
    with tmp:
        log(nsw, store, "big", 1_000_000)
        for i in range(20):
            log(nsw, store, f"r{i:02d}", 100_000)
        one = timed(lambda: nq.fetch_metric_buckets(project="bench/buckets",
                                                    experiments=["big"], y="loss",
                                                    store=store), reps)
        twenty = timed(lambda: nq.fetch_metric_buckets(project="bench/buckets",
                                                       experiments=r"^r\d\d$", y="loss",
                                                       store=store), reps)
        naive = timed(lambda: nq.fetch_metrics(project="bench/buckets", experiments=["big"],
                                               attributes="loss", store=store), 1)
        nsw.store.close_all()
    report([
        result("fetch_metric_buckets, 1 series x 1,000,000 points, 1,000 buckets",
               one * 1e3, "ms", note=f"fetch_metrics of the same series (every point): "
               f"{naive * 1e3:.0f} ms"),
        result("fetch_metric_buckets, 20 series x 100,000 points, 1,000 buckets",
               twenty * 1e3, "ms"),
    ], a.json)


if __name__ == "__main__":
    main()
