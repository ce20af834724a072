"""The PostgreSQL store on a loopback server, with MLflow pointed at the same server.

The server: ``NSW_BENCH_POSTGRES_URL`` (a superuser URL) when set, else a throwaway cluster
made like the tests' (tests/harness/pg.py), but with PostgreSQL's default durability switched back
on (``fsync``, ``synchronous_commit``, ``full_page_writes``): a commit is on disk when it
returns, for us and for MLflow alike (``--synchronous-commit off`` measures the setting most
teams use for tracking data: a commit returns before its WAL is flushed). Each part gets a
database of its own.

- create: ``init_run(name=, tags=[3], description=, mode="sync")`` + ``stop()``; median of
  200. Target <= 3 ms.
- tag add (sync): ``run["sys/tags"].add(t)``; median of 300. Target <= 1 ms.
- log_metrics call (async): one float per call, 100k calls timed one by one; median.
  Target <= 2 us. Rate: 200k points, one call each, until ``wait()`` returned. Target
  >= 300k points/s.
- ``fetch_runs_table(tag=..., state=..., limit=100)`` over 100,000 runs: 2,000 runs made
  through the API (as bench_tables.py makes them), cloned in SQL to 100,000; median of 30.
  Target <= 50 ms.
- feed: cross-process change -> trait, p95 over 100 changes (LISTEN/NOTIFY). Target <= 20 ms.
  Idle CPU of 50 bound objects over 20 s. Target <= 0.2 % of a core.
- MLflow (if ``--mlflow-python`` names an interpreter with ``mlflow`` and psycopg, e.g. a
  venv made with ``pip install mlflow-skinny sqlalchemy alembic "psycopg[binary]"``): the
  same create / set_tag / log_metric / search_runs on ``postgresql+psycopg://`` to the same
  server, in the same run.

    python benchmarks/bench_postgres.py [--quick] [--mlflow-python /path/to/python]
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import textwrap
import time
import uuid

from _common import REPO, median, parser, report, result

sys.path.insert(0, os.path.join(REPO, "benchmarks"))
PROJECT = "bench/pg"
TAGS = ["resnet", "lr-sweep", "baseline"]
DAY_MS = 86_400_000


def server(sync_commit: str = "on"):
    sys.path.insert(0, REPO)
    from tests.pg import PgServer, find_bindir
    url = os.environ.get("NSW_BENCH_POSTGRES_URL")
    if url:
        return PgServer(url), False
    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("no PostgreSQL binaries (scripts/setup.sh installs them)")
    srv = PgServer.start_throwaway(bindir)
    srv.psql("ALTER SYSTEM SET fsync = on")
    srv.psql(f"ALTER SYSTEM SET synchronous_commit = {sync_commit}")
    srv.psql("ALTER SYSTEM SET full_page_writes = on")
    srv.restart()
    return srv, True


def fresh_db(srv) -> str:
    name = "bench_" + uuid.uuid4().hex[:10]
    srv.psql(f'CREATE DATABASE "{name}"')
    return name


def bench_create_and_tags(nsw, url: str, reps: int) -> tuple[float, float]:
    for i in range(5):
        nsw.init_run(project=PROJECT, mode="sync", store=url, name=f"w{i}", tags=TAGS).stop()
    times = []
    for i in range(reps):
        t0 = time.perf_counter()
        nsw.init_run(project=PROJECT, mode="sync", store=url, name=f"run {i}", tags=TAGS,
                     description="resnet50, lr 3e-4").stop()
        times.append(time.perf_counter() - t0)
    run = nsw.init_run(project=PROJECT, mode="sync", store=url)
    tag_times = []
    for i in range(int(reps * 1.5)):
        t0 = time.perf_counter()
        run["sys/tags"].add(f"t{i}")
        tag_times.append(time.perf_counter() - t0)
    run.stop()
    return median(times) * 1000, median(tag_times) * 1000


def bench_log_metrics(nsw, url: str, calls: int) -> tuple[float, float]:
    run = nsw.init_run(project=PROJECT, store=url)
    lat = []
    pc = time.perf_counter
    for i in range(calls):
        t0 = pc()
        run.log_metrics({"train/loss": 0.5}, step=i)
        lat.append(pc() - t0)
    run.wait()
    run.stop()
    run = nsw.init_run(project=PROJECT, store=url)
    n = calls * 2
    t0 = pc()
    for i in range(n):
        run.log_metrics({"train/loss": 0.5}, step=i)
    run.wait()
    rate = n / (pc() - t0)
    run.stop()
    return statistics.median(lat) * 1e6, rate


def clone_pg(srv, db: str, total: int, project: str) -> None:
    """Copy the API-made runs in SQL until the project holds ``total`` runs (as
    bench_tables.clone_to does for SQLite)."""
    import psycopg
    with psycopg.connect(srv.url(db), autocommit=False) as c:
        ppk, key = c.execute("SELECT pk, key FROM projects WHERE name LIKE %s",
                             ("%/" + project.split("/")[1],)).fetchone()
        n_base, first = c.execute("SELECT count(*), min(creation_time) FROM objects WHERE "
                                  "project_pk = %s AND kind = 'run'", (ppk,)).fetchone()
        offset = c.execute("SELECT max(pk) FROM objects").fetchone()[0] + 1
        cols = [r[0] for r in c.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'objects' "
            "AND table_schema = current_schema() "
            "ORDER BY ordinal_position")
            if r[0] not in ("pk", "id", "custom_run_id", "creation_time", "active_since")]
        col_list = ", ".join(cols)
        src = ", ".join(f"o.{x}" for x in cols)
        copies = (total - 1) // n_base
        for k in range(1, copies + 1):
            if k * n_base + n_base > total:
                break
            shift = k * offset
            c.execute(
                f"INSERT INTO objects(pk, id, custom_run_id, creation_time, active_since, "
                f"{col_list}) SELECT o.pk + %s, %s || '-' || (substr(o.id, %s)::bigint + %s), "
                f"NULL, %s - (random() * %s)::bigint, NULL, {src} FROM objects o "
                f"WHERE o.project_pk = %s AND o.kind = 'run' AND o.pk < %s",
                (shift, key, len(key) + 2, k * n_base, first, 90 * DAY_MS, ppk, offset))
            for table in ("string_sets", "attributes", "series", "series_chunks"):
                tcols = [r[0] for r in c.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                    "AND table_schema = current_schema() "
                    "ORDER BY ordinal_position", (table,))]
                rest = ", ".join(tcols[1:])
                c.execute(f"INSERT INTO {table}(object_pk, {rest}) SELECT object_pk + %s, "
                          f"{rest} FROM {table} WHERE object_pk IN (SELECT pk FROM objects "
                          f"WHERE project_pk = %s AND kind = 'run' AND pk < %s)",
                          (shift, ppk, offset))
        top = c.execute("SELECT max(substr(id, %s)::bigint) FROM objects WHERE project_pk = %s "
                        "AND kind = 'run'", (len(key) + 2, ppk)).fetchone()[0]
        c.execute("UPDATE projects SET run_counter = %s WHERE pk = %s", (top, ppk))
        c.execute("SELECT setval(pg_get_serial_sequence('objects', 'pk'), "
                  "(SELECT max(pk) FROM objects))")
        c.commit()
    with psycopg.connect(srv.url(db), autocommit=True) as c:
        c.execute("VACUUM ANALYZE")


def bench_table(nsw, srv, db: str, total: int, reps: int) -> tuple[float, float, int]:
    from bench_tables import BASE_RUNS, populate_api
    from bench_tables import PROJECT as TABLES
    url = srv.url(db)
    rng = random.Random(7)
    open_runs = populate_api(nsw, url, BASE_RUNS if total >= BASE_RUNS else total, rng)
    _ = open_runs  # kept open: the project has active runs, as a real one does
    clone_pg(srv, db, total, TABLES)
    project = nsw.init_project(TABLES, mode="read-only", store=url)
    out = []
    for state in ("inactive", "active"):
        times = []
        n = 0
        for _ in range(reps):
            t0 = time.perf_counter()
            df = project.fetch_runs_table(tag="best", state=state, limit=100).to_pandas()
            times.append(time.perf_counter() - t0)
            n = len(df)
        out.append((median(times) * 1000, n))
    for r in open_runs:
        r.stop()
    return out[0][0], out[1][0], out[0][1]


MLFLOW_CODE = r"""
import json, statistics, sys, time
import mlflow
from mlflow.tracking import MlflowClient
uri, reps, calls = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
mlflow.set_tracking_uri(uri)
client = MlflowClient()
exp = client.create_experiment("bench")
med = statistics.median
create = []
for i in range(reps):
    t0 = time.perf_counter()
    r = client.create_run(exp, run_name=f"run {i}",
                          tags={"resnet": "", "lr-sweep": "", "baseline": "",
                                "mlflow.note.content": "resnet50, lr 3e-4"})
    client.set_terminated(r.info.run_id)
    create.append(time.perf_counter() - t0)
r = client.create_run(exp)
tag = []
for i in range(int(reps * 1.5)):
    t0 = time.perf_counter()
    client.set_tag(r.info.run_id, f"t{i}", "")
    tag.append(time.perf_counter() - t0)
lat = []
for i in range(calls):
    t0 = time.perf_counter()
    client.log_metric(r.info.run_id, "train/loss", 0.5, step=i)
    lat.append(time.perf_counter() - t0)
from mlflow.entities import Metric
n = calls * 20
t0 = time.perf_counter()
now = int(time.time() * 1000)
for s in range(0, n, 1000):
    client.log_batch(r.info.run_id, metrics=[Metric("b", 0.5, now, k) for k in range(s, s + 1000)])
rate = n / (time.perf_counter() - t0)
search = []
for _ in range(10):
    t0 = time.perf_counter()
    client.search_runs([exp], "tags.resnet = '' and attributes.status = 'FINISHED'",
                       max_results=100)
    search.append(time.perf_counter() - t0)
print(json.dumps({"create_ms": med(create) * 1000, "tag_ms": med(tag) * 1000,
                  "log_metric_us": med(lat) * 1e6, "batch_rate": rate,
                  "search_ms": med(search) * 1000, "search_runs": reps}))
"""


def bench_mlflow(python: str, srv, db: str, reps: int, calls: int) -> dict | None:
    url = srv.url(db).replace("postgresql://", "postgresql+psycopg://", 1)
    proc = subprocess.run([python, "-c", textwrap.dedent(MLFLOW_CODE), url, str(reps),
                           str(calls)], capture_output=True, text=True, timeout=1800)
    if proc.returncode != 0:
        print("MLflow part failed:", proc.stderr.strip().splitlines()[-1:])
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--runs", type=int, default=100_000)
    p.add_argument("--mlflow-python", default=os.environ.get("NSW_BENCH_MLFLOW_PYTHON"))
    p.add_argument("--synchronous-commit", choices=["on", "off"], default="on",
                   help="the throwaway server's synchronous_commit (off: a commit returns "
                        "before its WAL is flushed; an OS crash may lose the last ~0.6 s)")
    a = p.parse_args()
    quick = a.quick
    reps, calls, total = (50, 20_000, 10_000) if quick else (200, 100_000, a.runs)
    import bench_feed

    import neptune_sys_widgets as nsw
    srv, own = server(a.synchronous_commit)
    print(f"server: fsync on, synchronous_commit {a.synchronous_commit}")
    results = []
    try:
        # the feed first: idle CPU is the process's, so nothing else may have run in it yet
        feed_url = srv.url(fresh_db(srv))
        lat = bench_feed.latency(feed_url, 100)
        results.append(result("PG cross-process change -> trait p95 (LISTEN/NOTIFY)",
                              lat["p95"], "ms", target=20.0,
                              note=f"p50 {lat['p50']:.1f} ms, p99 {lat['p99']:.1f} ms, "
                                   f"missed {lat['missed']}"))
        cpu = bench_feed.idle_cpu(feed_url, 10 if quick else 20)
        results.append(result("PG idle CPU, 50 bound objects", cpu, "% of a core",
                              target=0.2))
        url = srv.url(fresh_db(srv))
        create_ms, tag_ms = bench_create_and_tags(nsw, url, reps)
        lat_us, rate = bench_log_metrics(nsw, url, calls)
        ml = bench_mlflow(a.mlflow_python, srv, fresh_db(srv), min(reps, 200), 2000) \
            if a.mlflow_python else None
        mla = (lambda k: {"MLflow on the same server": ml[k]}) if ml else (lambda k: {})
        results.append(result("PG create + name + 3 tags + description + close (sync)",
                               create_ms, "ms", target=3.0, anchors=mla("create_ms")))
        results.append(result("PG tag add (sync)", tag_ms, "ms", target=1.0,
                              anchors=mla("tag_ms")))
        results.append(result("PG log_metrics call (async)", lat_us, "us", target=2.0,
                              anchors=mla("log_metric_us"),
                              note="MLflow: client.log_metric, one synchronous insert"))
        results.append(result("PG log_metrics rate incl. wait()", rate, "points/s",
                              target=300_000, better="higher",
                              anchors={"MLflow log_batch (1,000 a call)": ml["batch_rate"]}
                              if ml else {}))
        db = fresh_db(srv)
        many, few, n = bench_table(nsw, srv, db, total, 10 if quick else 30)
        results.append(result(f"PG fetch_runs_table(tag, state=inactive, limit=100), "
                              f"{total:,} runs", many, "ms", target=50.0,
                              note=f"{n} rows; state=active (rare): {few:.1f} ms" +
                              (f"; MLflow search_runs over {ml['search_runs']} runs: "
                               f"{ml['search_ms']:.1f} ms" if ml else "")))
    finally:
        from neptune_sys_widgets.store import close_all
        close_all()
        if own:
            srv.destroy()
    report(results, a.json)


if __name__ == "__main__":
    main()
