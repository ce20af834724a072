"""Sparkline columns of the runs table: what they add to a window of rows.

The kernel builds a window of 60 rows (what a table of 15 visible rows asks for with its
overscan) for the rows' sys columns; with a sparkline column it also reads each row's float
series (``Store.float_arrays``) and buckets it to 48 points. Timed here, on the kernel side
where the cost is (the browser draws 60 polylines of 48 points), for series of 1,000 and
of 10,000 points per run, against the same window without sparklines. Median of the
repetitions, each a window at a random start with an empty sparkline cache; then the same
windows again, whose sparklines are cached (a row scrolled back to, re-sent by the feed,
the 30 s refresh). Target: a window with a sparkline column of 1,000-point series
<= 50 ms (the table's scroll budget is 100 ms p95 to rows in the DOM).

    python benchmarks/bench_sparklines.py [--reps 30]
"""

from __future__ import annotations

import random
import time

from _common import median, parser, report, result, temp_store

ROWS = 60


def log(nsw, store: str, project: str, runs: int, points: int) -> None:
    rng = random.Random(5)
    for i in range(runs):
        run = nsw.init_run(project=project, name=f"r{i}", mode="sync", store=store)
        for start in range(0, points, 10_000):
            steps = list(range(start, min(start + 10_000, points)))
            run["train/loss"].extend([rng.random() / (1 + s) for s in steps], steps=steps)
        run.stop()


def windows(listing, reps: int, fresh=None) -> float:
    """Median time of ``reps`` windows; ``fresh()`` (untimed) runs before each."""
    rng = random.Random(11)
    times = []
    for _ in range(reps):
        if fresh is not None:
            fresh()
        start = rng.randrange(0, max(1, len(listing) - ROWS))
        t0 = time.perf_counter()
        listing.window(start, ROWS)
        times.append(time.perf_counter() - t0)
    return median(times)


def measure(store: str, points: int, runs: int, reps: int) -> dict:
    import neptune_sys_widgets as nsw
    from neptune_sys_widgets.objects.live_table import LiveListing
    from neptune_sys_widgets.objects.project import resolve_project, store_for
    from neptune_sys_widgets.widgets.sparklines import Sparklines

    project = f"bench/spark{points}"
    log(nsw, store, project, runs, points)
    s = store_for("async", store)
    listing = LiveListing(s, resolve_project(project, s).pk, "run")
    plain = windows(listing, reps)

    def cold() -> None:  # a new cache: every sparkline is computed
        listing.decorate = Sparklines(s, ["train/loss"]).decorate
    spark = windows(listing, reps, cold)
    again = windows(listing, reps)  # the same starts: every sparkline is cached
    return result(f"window of {ROWS} rows + a sparkline column, {points:,}-point series",
                  spark * 1e3, "ms", target=50.0 if points == 1_000 else None,
                  note=f"the same window without sparklines: {plain * 1e3:.1f} ms; "
                  f"seen before (cached): {again * 1e3:.1f} ms")


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--runs", type=int, default=300)
    a = p.parse_args()
    reps = 5 if a.quick else a.reps
    import neptune_sys_widgets as nsw

    tmp, store = temp_store()
    with tmp:
        out = [measure(store, points, a.runs, reps) for points in (1_000, 10_000)]
        nsw.store.close_all()
    report(out, a.json)


if __name__ == "__main__":
    main()
