"""Runs tables: ``fetch_runs_table(tag=..., state=..., limit=100)`` over 2,000 and 100,000 runs
(sorted by ``sys/creation_time``, the default, newest first), and ``to_pandas()`` of every
sys column for 100,000 runs.

How the store is filled, and why that is honest about what is measured:
- 2,000 runs are created through the public API in sync mode, exactly as scripts create
  them: ``init_run(name=, tags=[3], description=)``, ``log_configs`` of three parameters,
  one ``log_metrics`` step of two series. 10 % carry the tag ``best``; 5 % (100 runs) are
  left open, so they are ``active`` (this process heartbeats them); the rest are stopped.
- For 100,000 runs those 2,000 API-made runs are cloned in SQL 49 times (objects, tags,
  attributes, series; new pks and ``KEY-n`` ids; creation times spread over the 90 days
  before the first real run). Clones are finished runs: they have no live attachment, so
  the project still has 100 active runs, as a real project would. Only the row count
  differs from what the API would have written; population through the API alone would take
  minutes (``--api-only`` does it, for a check). The WAL is checkpointed after the bulk copy,
  as SQLite does on its own for a store that grows run by run.
The query is the one a user types, through ``init_project(...).fetch_runs_table``, with two
state filters: ``inactive`` (many matches, the first 100 are near the top of the sort) and
``active`` (few matches, rare among 100k rows). Each is timed 30 times; the median.
Targets: <= 10 ms over 2,000 runs; <= 50 ms over 100,000; ``to_pandas()`` of all sys
columns for 100,000 runs <= 2 s (timed with the fetch it needs).
Anchors (2,000 runs, tag filter + sort): aim 217 ms, MLflow (SQLite) 220-303 ms.

    python benchmarks/bench_tables.py [--runs 100000] [--reps 30]
"""

from __future__ import annotations

import random
import sqlite3
import time

from _common import TABLE_2K_ANCHORS_MS, median, parser, report, result, temp_store

PROJECT = "bench/tables"
BASE_RUNS = 2000
DAY_MS = 86_400_000


def populate_api(nsw, store: str, n: int, rng: random.Random) -> list:
    """n runs through the public API; returns the runs left open (active)."""
    open_runs = []
    for i in range(n):
        tags = [rng.choice(["resnet", "vit", "bert", "gpt"]),
                rng.choice(["lr-sweep", "baseline", "ablation", "finetune"]),
                "best" if rng.random() < 0.1 else f"seed-{i % 7}"]
        run = nsw.init_run(project=PROJECT, mode="sync", store=store, name=f"run {i}",
                           tags=tags, description=f"{tags[0]} {tags[1]}")
        run.log_configs({"params/lr": 10 ** -rng.uniform(2, 5), "params/batch_size": 64,
                         "params/optimizer": rng.choice(["adam", "sgd"])})
        run.log_metrics({"train/loss": rng.random(), "val/acc": rng.random()}, step=0)
        if rng.random() < 0.05:
            open_runs.append(run)
        else:
            run.stop()
    return open_runs


def clone_to(store: str, total: int) -> None:
    """Copy the API-made runs in SQL until the project holds ``total`` runs."""
    conn = sqlite3.connect(store, isolation_level=None, timeout=30)
    conn.execute("BEGIN IMMEDIATE")
    ppk, key = conn.execute("SELECT pk, key FROM projects WHERE name LIKE ?",
                            ("%/" + PROJECT.split("/")[1],)).fetchone()
    base = conn.execute("SELECT count(*), min(creation_time) FROM objects WHERE project_pk = ? "
                        "AND kind = 'run'", (ppk,)).fetchone()
    n_base, first = base
    offset = conn.execute("SELECT max(pk) FROM objects").fetchone()[0] + 1
    cols = [r[1] for r in conn.execute("PRAGMA table_info(objects)")
            if r[1] not in ("pk", "id", "custom_run_id", "creation_time", "active_since")]
    col_list = ", ".join(cols)
    src = ", ".join(f"o.{c}" for c in cols)
    copies = (total - 1) // n_base
    for c in range(1, copies + 1):
        if c * n_base + n_base > total:
            break
        shift = c * offset
        conn.execute(
            f"INSERT INTO objects(pk, id, custom_run_id, creation_time, active_since, "
            f"{col_list}) SELECT o.pk + ?1, ?2 || '-' || (CAST(substr(o.id, ?3) AS INTEGER) "
            f"+ ?4), NULL, ?5 - abs(random() % ?6), NULL, {src} FROM objects o "
            f"WHERE o.project_pk = ?7 AND o.kind = 'run' AND o.pk < ?8",
            (shift, key, len(key) + 2, c * n_base, first, 90 * DAY_MS, ppk, offset))
        for table in ("string_sets", "attributes", "series", "series_chunks"):
            tcols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            rest = ", ".join(tcols[1:])
            conn.execute(f"INSERT INTO {table}(object_pk, {rest}) SELECT object_pk + ?, {rest} "
                         f"FROM {table} WHERE object_pk IN (SELECT pk FROM objects WHERE "
                         f"project_pk = ? AND kind = 'run' AND pk < ?)", (shift, ppk, offset))
    top = conn.execute("SELECT max(CAST(substr(id, ?) AS INTEGER)) FROM objects WHERE "
                       "project_pk = ? AND kind = 'run'", (len(key) + 2, ppk)).fetchone()[0]
    conn.execute("UPDATE projects SET run_counter = ? WHERE pk = ?", (top, ppk))
    conn.execute("COMMIT")
    # One 80 MB transaction leaves an 80 MB WAL that every read would consult; a store
    # that grew run by run has been checkpointed all along (SQLite does it every 1000 pages).
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def time_query(project, state: str, reps: int) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(reps):
        t0 = time.perf_counter()
        table = project.fetch_runs_table(tag="best", state=state, limit=100)
        rows = table.to_rows()
        times.append(time.perf_counter() - t0)
        n = len(rows)
    return median(times), n


def time_pandas(nsw, project, reps: int) -> tuple[float, float, int]:
    from neptune_sys_widgets import catalog
    cols = [f.path for f in catalog.fields_for("run")]
    total, fetch, n = [], [], 0
    for _ in range(reps):
        t0 = time.perf_counter()
        table = project.fetch_runs_table(columns=cols)
        t1 = time.perf_counter()
        df = table.to_pandas()
        total.append(time.perf_counter() - t0)
        fetch.append(t1 - t0)
        n = len(df)
    return median(total), median(fetch), n


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--runs", type=int, default=100_000)
    p.add_argument("--reps", type=int, default=30)
    p.add_argument("--api-only", action="store_true",
                   help="create every run through the API (slow) instead of cloning")
    a = p.parse_args()
    reps = 10 if a.quick else a.reps
    import neptune_sys_widgets as nsw

    rng = random.Random(7)
    tmp, store = temp_store()
    results = []
    with tmp:
        t0 = time.perf_counter()
        open_runs = populate_api(nsw, store, BASE_RUNS, rng)
        made = time.perf_counter() - t0
        project = nsw.init_project(PROJECT, store=store)
        # the table returns every attribute of its rows: the figure moves with their number
        per_run = project._store.read(
            "SELECT count(*) * 1.0 / (SELECT count(*) FROM objects WHERE kind = 'run') "
            "FROM attributes")[0][0]
        for state in ("inactive", "active"):
            ms, n = time_query(project, state, reps)
            results.append(result(
                f"fetch_runs_table(tag, state={state}, limit=100), 2k runs", ms * 1e3, "ms",
                target=10.0, anchors=TABLE_2K_ANCHORS_MS,
                note=f"{n} rows returned, {per_run:.0f} attributes a run; 2,000 runs made "
                     f"through the API in {made:.1f} s"))
        t2k, f2k, n2k = time_pandas(nsw, project, 3)
        results.append(result("fetch + to_pandas() all sys columns, 2k runs", t2k * 1e3,
                              "ms", note=f"{n2k} rows; fetch alone {f2k * 1e3:.0f} ms; "
                                         "no target"))
        t0 = time.perf_counter()
        if a.api_only:
            open_runs += populate_api(nsw, store, a.runs - BASE_RUNS, rng)
            how = "through the API"
        else:
            clone_to(store, a.runs)
            how = "cloned in SQL"
        grown = time.perf_counter() - t0
        total = project._store.read("SELECT count(*) FROM objects WHERE kind = 'run'")[0][0]
        label = f"{total // 1000}k runs"
        for state in ("inactive", "active"):
            ms, n = time_query(project, state, reps)
            results.append(result(
                f"fetch_runs_table(tag, state={state}, limit=100), {label}", ms * 1e3, "ms",
                target=50.0, note=f"{n} rows returned; {total:,} runs ({how} in "
                                  f"{grown:.1f} s)"))
        t100k, f100k, n100k = time_pandas(nsw, project, 3)
        results.append(result(f"fetch + to_pandas() all sys columns, {label}", t100k, "s",
                              target=2.0, note=f"{n100k:,} rows; fetch alone {f100k:.2f} s"))
        for run in open_runs:
            run.stop()
        nsw.store.close_all()
    report(results, a.json)


if __name__ == "__main__":
    main()
